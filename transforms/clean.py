"""Cleaning one report: page chrome, HTML junk, spam, traditional script, inline pinyin, spacing, footnote markers.

Order matters and is chosen so that cleaning is idempotent (clean(clean(x)) == clean(x)): markup and spam first,
then pinyin and script (which change characters), then normalisation, then chrome trimming on normalised lines,
and footnote markers last so that their recorded offsets are offsets in the final text.

Decisions on '?':
- A '?' that stands for a lost circled footnote number (句容 002: ⑪ onwards became '?') is a footnote marker, not a
  lost character: in the body it comes out and is recorded as FootnoteRef('?'), recognised by following the term of
  a '?'-labelled glossary entry; the line-initial '?' labels of those entries stay for the glossary parser.
- A '?' where text was lost (the run of 48 in the 天门 report, a damaged pinyin annotation) stays and sets the flag
  lost_characters. A '?' after 吗/呢/么/… is a question mark and neither.
"""
from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

from .models import Cleaned, FootnoteRef, Part

HAN = "\u4e00-\u9fff\u3400-\u4dbf"
HAN_CHAR = re.compile("[\u4e00-\u9fff]")

# ---------------------------------------------------------------------------------------------------------------
# Markup
# Any tag-looking markup; pages dumped from HTML keep junk tags (<legend id=..>, <delect>) between the text.
HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
# Blocks whose content is never report text. <head> holds the <title>: it is read apart (html_title) and must not
# reach the text, or the same report served with and without a <title> would get two document ids.
HTML_BLOCKS = re.compile(r"<(script|style|noscript|head|title)\b.*?</\1\s*>", re.S | re.I)
HTML_TITLE = re.compile(r"<title\b[^>]*>(?P<title>.*?)</title\s*>", re.S | re.I)
HTML_BREAKS = re.compile(r"<br\s*/?>|</p>|</div>|</li>|</h\d>|</tr>", re.I)
HTML_ENTITY = re.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});")


def page_text(text: str) -> str:
    """Strip markup from a page, keeping line structure. Plain text without tags or entities passes unchanged."""
    if not HTML_TAG.search(text) and not HTML_ENTITY.search(text):
        return text
    text = HTML_BLOCKS.sub("", text)
    text = HTML_BREAKS.sub("\n", text)
    text = HTML_TAG.sub("", text)
    return html.unescape(text)


def html_title(text: str) -> str | None:
    """The page's <title>, unescaped and on one line, or None (plain text, or an empty title)."""
    m = HTML_TITLE.search(text)
    if not m:
        return None
    title = " ".join(html.unescape(HTML_TAG.sub("", m["title"])).split())
    return title or None


# ---------------------------------------------------------------------------------------------------------------
# Gambling / SEO spam
# Brand names of gambling sites: never part of a government report, so they are spam wherever they stand.
SPAM_BRANDS = ("完美体育", "365bet", "bet365", "365娱乐", "pp电子", "澳门新葡京", "新葡京", "威尼斯人", "皇冠体育",
               "乐鱼体育", "开元棋牌", "亚博体育", "博天堂", "必威体育", "真人娱乐", "娱乐官网", "永利娱乐", "金沙娱乐")
# Generic gambling words: a report may use them (打击网络博彩, 娱乐场所), so alone inside a sentence they stay;
# they are spam only inside a run of keyword chunks joined by _ or | as SEO injectors write them.
SPAM_GENERIC = ("娱乐场(?!所)", "体育投注", "投注技巧", "投注网", "博彩", "赌场", "棋牌", "电子娱乐", "彩票网")
_TERM = "(?:" + "|".join([re.escape(t) for t in SPAM_BRANDS] + list(SPAM_GENERIC)) + ")"
# A chunk: latin/digit affixes around one or more keywords (完美体育365, 365娱乐场体育投注, 365bet投注技巧), and the
# site words injectors append (pp电子娱乐官网: the regex takes 电子娱乐 first, so 官网 must be allowed after it).
_CHUNK = rf"[A-Za-z0-9]*{_TERM}+(?:官网|官方网站|网址|平台|入口|下载)?[A-Za-z0-9]*"
SPAM_RUN = re.compile(rf"{_CHUNK}(?:[_|｜]{_CHUNK})*[_|｜]?", re.I)
SPAM_BRAND = re.compile("|".join(re.escape(t) for t in SPAM_BRANDS), re.I)
SPAM_ANY = re.compile(_TERM, re.I)          # cheap pre-check: most pages have no keyword at all


def _remove_spam(text: str) -> tuple[str, int]:
    """Remove injected keyword runs; a lone generic gambling word inside a sentence is report text and stays."""
    hits = 0
    if not SPAM_ANY.search(text):
        return text, 0

    def repl(m: re.Match[str]) -> str:
        nonlocal hits
        run = m.group(0)
        if SPAM_BRAND.search(run) or re.search(r"[_|｜]", run.rstrip("_|｜")):
            hits += 1
            return ""
        return run
    return SPAM_RUN.sub(repl, text), hits


# ---------------------------------------------------------------------------------------------------------------
# Inline pinyin
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PY = f"a-zü{_TONED}"
# Inline pinyin after a character, as some sites annotate text: 現(xiàn)在. Only lowercase latin with a tone mark
# inside ASCII parentheses right after a Han character, so (一), （含开发区） and (B型) are untouched.
PINYIN = re.compile(rf"(?<=[{HAN}?])\((?=[a-zü]*[{_TONED}])[{_PY}]{{1,7}}\)")
# Neutral-tone syllables carry no tone mark (的(de), 们(men)); only stripped in a document annotated throughout.
PINYIN_TONELESS = re.compile(
    rf"(?<=[{HAN}])\((?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?(?:[aeiouü]{{1,3}})(?:ng|n|r)?\)")
# Annotation damaged at the source: the annotator split a two-byte GBK character, so its lead byte and the '('
# became '?' (`?xì)`), and the stranded trail byte mis-paired the bytes after it (獍踩珜) until an ASCII byte
# re-aligned them (the latin letter ending 獍踩珜m, 楝F, 馄垦b) or the next damaged fragment began (閷?shí)).
PINYIN_DAMAGED = re.compile(rf"[a-z]?\?[{_PY}]{{1,7}}\)")
DAMAGED_SPAN = re.compile(rf"{PINYIN_DAMAGED.pattern}"
                          rf"(?P<tail>[^\s\d,.;:!?()“”、。,;:!?()《》A-Za-z]{{0,4}}?(?:[A-Za-z](?![A-Za-z])|(?=\?)))?")
# A document counts as pinyin-annotated from this many toned annotations on (one could be a quoted example).
PINYIN_MIN = 3


def _remove_pinyin(text: str) -> tuple[str, bool, bool]:
    """Strip inline pinyin; return (text, removed, damaged) where damaged means characters were lost with it."""
    found = len(PINYIN.findall(text))
    if found < PINYIN_MIN:
        return text, False, False
    damaged = bool(PINYIN_DAMAGED.search(text))
    if damaged:
        counts: dict[str, int] = {}
        for ch in text:
            counts[ch] = counts.get(ch, 0) + 1
        text = DAMAGED_SPAN.sub(lambda m: "?" + _realign(m.group("tail") or "", counts), text)
    text = PINYIN.sub("", text)
    text = PINYIN_TONELESS.sub("", text)
    return text, True, damaged


def _realign(tail: str, counts: dict[str, int]) -> str:
    """Undo the mis-pairing after a damaged fragment: re-encode, drop the stranded trail byte, decode pairwise.

    楝F gives 現, 狻⒔o gives 、給, 馄垦b gives 瓶裝. A recovered character is kept only while it is one the report
    uses elsewhere (or CJK punctuation), so a pair that re-aligns wrongly (獍踩珜m: 安全 then 宮, where the report
    had 專) ends the recovery; what is left is one more lost character, '?'. A single stranded lead byte before the
    next fragment is that fragment's own character (閷?shí): 實), so it adds no '?' of its own.
    """
    try:
        raw = tail.encode("gb18030")[1:]
    except UnicodeEncodeError:
        return ""
    out, i = [], 0
    while i + 1 < len(raw):
        try:
            ch = raw[i:i + 2].decode("gbk")
        except UnicodeDecodeError:
            break
        if len(ch) != 1 or not ("\u3000" <= ch <= "\u303f" or counts.get(ch, 0) >= 1):
            break
        out.append(ch)
        i += 2
    left = len(raw) - i
    if left == 0 or (left == 1 and not tail[-1:].isascii()):
        return "".join(out)
    return "".join(out) + "?"


# ---------------------------------------------------------------------------------------------------------------
# Script
@lru_cache(maxsize=1)
def _t2s():
    import opencc
    return opencc.OpenCC("t2s")


# Traditional text differs from its t2s conversion in roughly one Han character in six; simplified text only in
# rare variant forms. A document is traditional when at least this share of its Han characters change.
TRADITIONAL_SHARE = 0.03


def _to_simplified(text: str, title: str | None = None) -> tuple[str, str | None, bool]:
    """Convert text and title with one OpenCC call for the whole document (per-line calls cost ~10x); the
    decision rests on the text alone. Returns the inputs unchanged when the text was simplified already."""
    converted = _t2s().convert(text if title is None else text + "\n" + title)
    conv_text, conv_title = (converted, None) if title is None else converted.rsplit("\n", 1)
    han = len(HAN_CHAR.findall(text))
    if len(conv_text) == len(text):
        changed = sum(map(str.__ne__, text, conv_text))
    else:                                  # a phrase mapping changed the length: count characters that vanished
        changed = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" and ch not in conv_text)
    if han and changed >= 5 and changed / han >= TRADITIONAL_SHARE:
        return conv_text, conv_title, True
    return text, title, False


# ---------------------------------------------------------------------------------------------------------------
# Width and spacing
# Circled numbers are footnote markers; NFKC would turn ① into 1 and lose the marker, so they skip NFKC.
CIRCLED = "".join(chr(c) for c in (*range(0x2460, 0x2474), *range(0x3251, 0x3260), *range(0x32B1, 0x32C0)))
# Spaces between two Han characters carry no meaning in Chinese prose: names and titles spaced for layout
# (陈  钰, 市 長 束克之, 政 府 工 作 报 告) and page-break joins (第 一、).
HAN_SPACE = re.compile(rf"(?<=[{HAN}])[ \t]+(?=[{HAN}])")


class _WidthTable(dict):
    """str.translate table: NFKC per character where it yields one character (full-width digits, latin and
    punctuation, ideographic and no-break spaces). Expansions (… to ..., Ⅲ to III, ㎡ to m2) and circled
    numbers keep their form, so normalising never grows the text nor loses a footnote marker."""

    def __missing__(self, cp: int) -> str:
        ch = chr(cp)
        norm = unicodedata.normalize("NFKC", ch)
        out = norm if len(norm) == 1 and ch not in CIRCLED else ch
        self[cp] = out
        return out


_WIDTH = _WidthTable()


def _normalise(text: str) -> str:
    """Width-normalise (see _WidthTable), drop layout spaces between Han characters, strip lines, drop blank ones."""
    text = text.translate(_WIDTH)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ").replace("\t", " ")
    text = re.sub(r"[\u200b-\u200d\ufeff]", "", text)        # zero-width characters from HTML editors
    text = HAN_SPACE.sub("", text)
    text = re.sub(r" {2,}", " ", text)
    return "\n".join(ln.strip() for ln in text.split("\n") if ln.strip())


# ---------------------------------------------------------------------------------------------------------------
# Page chrome
# Lines that are site chrome wherever they stand: never a sentence of a report.
CHROME_STRONG = re.compile(
    r"^(?:设为首页\s*收藏本站|收藏本站|查看:\s*\d+\s*\|\s*回复:\s*\d+|\[复制链接\]|.*签到天数:.*|TA的每日心情|"
    r"您需要登录后才可以回帖.*|本版积分规则|Powered by .*|快速回复\s*返回顶部\s*返回列表|返回顶部|返回列表|"
    r"本文地址:.*|留言与评论.*|验证码:?|网站地图|\[纠错\]|有想补充的信息.{0,2}点我投稿|本文仅代表作者观点.*|"
    r"发表于 \d{4}-\d{1,2}-\d{1,2} .*|Rank:.*|\[LV\.\d+\].*|.*来源:\s*\S*(?:政府办|办公室|网)|上一篇:.*|下一篇:.*|"
    r"责任编辑:.*|分享到:?.*|打印本页|关闭窗口|.*版权所有.*|.*ICP备.*|"
    # Government site footers: sponsor/host lines, site ids and public-security filing numbers.
    r"(?:主办|承办|协办)(?:单位)?[:：].*|技术支持[:：].*|网站标识码.*|.*公网安备.*)$"
)
# Words that are chrome only as a whole short line at the head or tail of a page (forum stats, widgets, footers).
CHROME_WEAK = re.compile(
    r"^(?:[•·\-*]|\d{1,2}\.|开心|难过|郁闷|奋斗|昨天 \d+:\d+|\d+(?:\.\d+)?万?|主题|帖子|积分|版主|客服中心|关闭|"
    r"在线时间:?|周一~周五|\d+:\d+-\d+:\d+|联系电话:?|[\d\- ]{7,}|在线咨询|-?\s*联系我们|-?\s*企业入驻|政务|"
    r"[A-Za-z][A-Za-z ]{0,30}|\d{4}-\d{2}-\d{2}(?: \d{1,2}:\d{2})?|登录|注册|立即注册)$"
)
# Headers of the link lists sites append after an article; from such a header on, short link lines are chrome.
RELATED_HEADER = re.compile(r"^(?:相关(?:文章|阅读|推荐|链接|新闻)|推荐阅读|延伸阅读|热门(?:文章|推荐)|猜你喜欢|点击排行|"
                            r"最新(?:文章|更新)|精彩推荐)[::]?$")
RELATED_LINE_MAX = 60
# The address that opens every report body: 各位代表: on its own line (also 各位代表、同志们:), or run into a
# one-line report right before 现在. Only the first one counts: later 各位代表, open paragraphs inside the report.
ADDRESS = re.compile(r"^各位代表[^\n。]{0,8}[::,]?$|各位代表[^\n。]{0,8}[::,]\s*现在")
# Lines that may stand between a report's title and its address: title, delivery date/congress, speaker, and
# a bracketed note such as (草案) or (摘要).
TITLE_LINE = re.compile(r"^.{0,30}工作报告.{0,12}$")
DELIVERY_LINE = re.compile(r"^(?:——|—|-|\()?.{0,40}(?:\d{4}|[〇零一二三四五六七八九]{4})年.{1,3}月.{1,3}日|^.{0,40}在.{2,40}会议上")
SPEAKER_LINE = re.compile(rf"^(?=[{HAN}·]{{2,30}}$)(?:[{HAN}·]{{2,4}}|.*(?:长|主席|政府).*)$")
NOTE_LINE = re.compile(r"^\([^()]{1,10}\)$")
# A head line longer than this is prose, which trimming must never drop.
HEAD_MAX = 80


def _trim_chrome(lines: list[str]) -> list[str]:
    """Drop chrome lines anywhere, the page head before the report's title, and the page tail after its last line."""
    lines = [ln for ln in lines if not CHROME_STRONG.match(ln)]
    start = _report_start(lines)
    end = _report_end(lines, start)
    return lines[start:end]


def _report_end(lines: list[str], start: int) -> int:
    """Index after the report's last line: drop tail chrome lines and a trailing list of related links."""
    end = len(lines)
    while end > start and CHROME_WEAK.match(lines[end - 1]):
        end -= 1
    for i in range(end - 1, max(start, end - 40) - 1, -1):
        if RELATED_HEADER.match(lines[i]):
            if all(len(ln) <= RELATED_LINE_MAX and "。" not in ln for ln in lines[i + 1:end]):
                end = i
            break
    while end > start and CHROME_WEAK.match(lines[end - 1]):
        end -= 1
    return end


def _report_start(lines: list[str]) -> int:
    """Index of the report's first line: walk back from the address over speaker, delivery and one title line."""
    anchor = next((i for i, ln in enumerate(lines) if ADDRESS.search(ln)), None)
    if anchor is None:
        start = 0
        while start < len(lines) and CHROME_WEAK.match(lines[start]):
            start += 1
        return start
    start = anchor
    for i in range(anchor - 1, -1, -1):
        ln = lines[i]
        if TITLE_LINE.match(ln):
            start = i
            break                                    # the title opens the report: nothing before it is report
        if CHROME_WEAK.match(ln):
            break                                    # 版主, 帖子 look like a two-character name but are forum stats
        if DELIVERY_LINE.match(ln) or SPEAKER_LINE.match(ln) or NOTE_LINE.match(ln):
            start = i
            continue
        break
    # Never drop prose: a long line before the start means the head is not chrome after all.
    for i in range(start):
        if len(lines[i]) > HEAD_MAX:
            return i
    return start


# ---------------------------------------------------------------------------------------------------------------
# Footnote markers and lost characters
# [12] after a term; circled numbers ①…; '?' standing for a circled number lost in a bad encoding (see below).
BRACKET_NOTE = re.compile(r"\[\d{1,3}\]")
CIRCLED_NOTE = re.compile(f"[{CIRCLED}]")
# A glossary entry labelled with '?' (its circled number lost): ?“美家美户”: … — its term is before the colon.
LOST_LABEL = re.compile(r"^\?\s*(?P<term>[^:\n]{1,40}?)\s*:", re.M)
# Characters lost at the source: U+FFFD, runs of '?', or one '?' between Han characters that is not a question
# mark (a question ends in 吗/呢/么/吧/何/谁/哪 before it).
LOST = re.compile(rf"\ufffd|\?{{2,}}|(?<=[{HAN}])(?<![吗呢么吧何谁哪])\?(?=[{HAN}\d])")


def _strip_footnote_markers(text: str) -> tuple[str, tuple[FootnoteRef, ...]]:
    """Remove reference markers from the body, recording where each stood; line-initial labels of entries stay."""
    has_circled_labels = bool(re.search(f"^[{CIRCLED}]", text, re.M))
    # Tails of '?'-labelled entry terms: a body '?' right after one of them is that entry's reference marker.
    tails = {m.group("term").replace(" ", "")[-2:] for m in LOST_LABEL.finditer(text)}
    tails.discard("")
    pattern = BRACKET_NOTE.pattern + (f"|{CIRCLED_NOTE.pattern}" if has_circled_labels else "") + (r"|\?" if tails else "")
    out: list[str] = []
    refs: list[FootnoteRef] = []
    pos = 0
    length = 0
    for m in re.finditer(pattern, text):
        s = m.start()
        if s < pos or s == 0 or text[s - 1] == "\n":
            continue                                  # a line-initial marker labels a glossary entry: keep it
        marker = m.group(0)
        if marker == "?" and not any(text[max(0, s - len(t)):s] == t for t in tails):
            continue                                  # a lost character or a question mark, not a reference
        end = m.end()
        # A marker set off by a space (”? 重要要求) takes its space along when text resumes right after it.
        if end < len(text) and text[end] == " " and s > 0 and text[s - 1] not in " \n":
            end += 1
        out.append(text[pos:s])
        length += s - pos
        refs.append(FootnoteRef(marker=marker, offset=length))
        pos = end
    out.append(text[pos:])
    return "".join(out), tuple(refs)


# ---------------------------------------------------------------------------------------------------------------
def _title_before_script(title: str | None) -> str | None:
    """The page title without markup, spam and pinyin, on one line (it is converted together with the text)."""
    if not title:
        return None
    title, _ = _remove_spam(page_text(title))
    return PINYIN.sub("", title).replace("\n", " ").strip() or None


# Forums prefix thread titles with a board tag ("[江西] 2022年樟树市政府工作报告"): a short bracketed label
# before the title proper, not part of the report's title.
FORUM_TAG = re.compile(r"^[\[【][^\]】]{1,8}[\]】]\s*(?=\S)")


def _title_after_script(title: str | None) -> str | None:
    """Width-normalised title with site suffixes (…_某某网, … - 某某政府网) cut off."""
    if not title:
        return None
    title = _normalise(title).replace("\n", " ")
    segments = [s.strip() for s in re.split(r"\s[-|_]\s|_|\|", title) if s.strip()]
    title = next((s for s in segments if "工作报告" in s), title)
    return FORUM_TAG.sub("", title).strip() or None


def clean_report(part: Part) -> Cleaned:
    """Clean one report's text and say what was changed in flags (spam_removed, pinyin_removed, …)."""
    flags: list[str] = []
    text = page_text(part.text)
    text, spam_hits = _remove_spam(text)
    _, title_spam = _remove_spam(part.page_title or "")
    if spam_hits or title_spam:
        flags.append("spam_removed")
    text, pinyin, damaged = _remove_pinyin(text)
    if pinyin:
        flags.append("pinyin_removed")
    text, title, traditional = _to_simplified(text, _title_before_script(part.page_title))
    if traditional:
        flags.append("converted_from_traditional")
    text = _normalise(text)
    text = "\n".join(_trim_chrome(text.split("\n")))
    text, notes = _strip_footnote_markers(text)
    if damaged or LOST.search(text):
        flags.append("lost_characters")
    title = _title_after_script(title)
    if title is None:
        # No page title: the report's own title line, when it opens the text.
        first = text.split("\n", 1)[0]
        title = first if TITLE_LINE.match(first) and len(first) <= 40 else None
    return Cleaned(text=text, script="traditional" if traditional else "simplified", flags=tuple(flags),
                   footnotes=notes, title=title)
