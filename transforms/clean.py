"""Cleaning: page chrome, HTML junk, spam, traditional script, inline pinyin, whitespace, footnote markers."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .models import Cleaned, FootnoteRef, Part

# Any tag-looking markup; pages dumped from HTML keep junk tags (<legend id=..>) between the text.
HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
HTML_BLOCKS = re.compile(r"<(script|style|noscript)\b.*?</\1>", re.S | re.I)

# Gambling/SEO phrases that spam injectors insert into titles and boilerplate. A phrase only counts as spam
# where it is out of place (see _remove_spam), never inside a sentence of the report itself.
SPAM_TERMS = ("完美体育", "365娱乐场", "365bet", "体育投注", "投注技巧", "pp电子娱乐", "娱乐官网", "澳门新葡京", "威尼斯人",
              "百家乐", "太阳城", "真人娱乐", "体育app", "电子娱乐", "开元棋牌", "博彩", "彩票网", "bet365", "亚博", "乐鱼体育")
SPAM_RUN = re.compile(
    r"(?:[A-Za-z0-9]*(?:" + "|".join(re.escape(t) for t in SPAM_TERMS) + r")[A-Za-z0-9\u4e00-\u9fff]{0,8}?[_|]?)+",
    re.I,
)

# Inline pinyin after a character, as some sites annotate traditional text: 現(xiàn)在. Only lowercase
# latin with tone marks or tone digits inside ASCII parentheses, so (一) and （含开发区） are untouched.
PINYIN = re.compile(r"\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}\)")

# Footnote markers in the body: [12] after a term, circled numbers, and '?' that stood for a lost circled number.
BRACKET_NOTE = re.compile(r"\[(\d{1,3})\]")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
CIRCLED_NOTE = re.compile(f"[{CIRCLED}]")

# Lines of site chrome: navigation, forum stats, share/reply widgets, footers. Whole-line matches only.
CHROME_LINE = re.compile(
    r"^\s*(?:设为首页.*|收藏本站|查看:\s*\d+.*|回复:\s*\d+|\[复制链接\]|.*每日心情|开心|难过|郁闷|奋斗|昨天 \d+:\d+|"
    r"签到天数:.*|\[LV\.\d+\].*|\d+(?:\.\d+)?万?|主题|帖子|积分|版主|Rank:.*|发表于 .*|"
    r"您需要登录后才可以回帖.*|本版积分规则|客服中心|关闭|在线时间:|周一~周五|\d+:\d+-\d+:\d+|联系电话:|[\d\-]{8,}|在线咨询|"
    r"Powered by .*|快速回复.*|返回顶部|返回列表|本文地址:.*|留言与评论.*|验证码:?|网站地图|\[纠错\]|有想补充的信息.*点我投稿|"
    r"-\s*联系我们|-\s*企业入驻|-|政务|governor|本文仅代表作者观点.*|.*来源: 区政府办|\d{4}-\d{2}-\d{2})\s*$"
)


def page_text(text: str) -> str:
    """Strip markup from a page, keeping line structure. Plain text passes through unchanged."""
    if not HTML_TAG.search(text):
        return text
    text = HTML_BLOCKS.sub("", text)
    text = re.sub(r"<br\s*/?>|</p>|</div>|</li>|</h\d>|</tr>", "\n", text, flags=re.I)
    text = HTML_TAG.sub("", text)
    import html
    return html.unescape(text)


@lru_cache(maxsize=1)
def _t2s():
    import opencc
    return opencc.OpenCC("t2s")


def _is_traditional(text: str) -> bool:
    sample = text[:20000]
    conv = _t2s().convert(sample)
    changed = sum(1 for a, b in zip(sample, conv) if a != b)
    return changed > max(20, len(sample) // 200)


def _normalise(text: str) -> str:
    # NFKC folds full-width digits/latin/punctuation; keep CJK punctuation that NFKC leaves alone.
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u3000", " ").replace("\xa0", " ")
    # Names spaced for layout: 陈  钰 -> 陈钰 (spaces between two Han characters carry no meaning in Chinese prose).
    text = re.sub(r"(?<=[\u4e00-\u9fff]) +(?=[\u4e00-\u9fff])", "", text)
    lines = [ln.strip() for ln in text.split("\n")]
    return "\n".join(ln for ln in lines if ln)


def clean_report(part: Part) -> Cleaned:
    """Clean one report's text and say what was changed in flags."""
    flags: list[str] = []
    text = part.text
    kept = [ln for ln in text.split("\n") if not CHROME_LINE.match(ln)]
    text = "\n".join(kept)
    title = part.page_title
    spam_hits = SPAM_RUN.findall(text) + (SPAM_RUN.findall(title) if title else [])
    if spam_hits:
        text = SPAM_RUN.sub("", text)
        title = SPAM_RUN.sub("", title) if title else title
        flags.append("spam_removed")
    script = "simplified"
    if PINYIN.search(text):
        text = PINYIN.sub("", text)
        flags.append("pinyin_removed")
    if _is_traditional(text):
        script = "traditional"
        text = _t2s().convert(text)
        title = _t2s().convert(title) if title else title
        flags.append("converted_from_traditional")
    text = _normalise(text)
    text, notes = _strip_footnote_markers(text)
    if "?" in text.replace("?\n", "") or "\ufffd" in text:
        flags.append("lost_characters")
    return Cleaned(text=text, script=script, flags=tuple(flags), footnotes=notes,
                   title=_normalise(title) if title else None)


def _strip_footnote_markers(text: str) -> tuple[str, tuple[FootnoteRef, ...]]:
    out: list[str] = []
    refs: list[FootnoteRef] = []
    pos = 0
    length = 0
    for m in re.finditer(r"\[\d{1,3}\]|[" + CIRCLED + "]", text):
        # A marker opening a line is the glossary entry's own label, not a reference: keep it.
        if m.start() == 0 or text[m.start() - 1] == "\n":
            continue
        out.append(text[pos:m.start()])
        length += m.start() - pos
        refs.append(FootnoteRef(marker=m.group(0), offset=length))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), tuple(refs)
