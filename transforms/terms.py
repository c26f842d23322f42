"""Terms: what a report talks about, as counts of content words from jieba-compatible segmentation.

Segmentation is rjieba (jieba-rs: jieba's dictionary and HMM, in Rust); tests/test_terms.py shows it gives the
same tokens as the jieba package on the sample reports. The reports' own glossary terms (三区三线, 六稳) are
added as a user dictionary so that they stay one token.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .models import TermCount

# Function words and report boilerplate that say nothing about a report's subject.
STOP_WORDS = frozenset("""的 了 和 与 及 等 在 是 为 对 把 被 将 从 向 以 于 其 之 也 都 而 并 或 就 又 还 中 上 下 我们 我市 我区 我县 我省 全市 全区 全县 全省
各位代表 工作 一 个 年 月 日 有 要 着 这 那 进一步 加快 推进 推动 全面 持续 深入 坚持 不断 更加 实现 加强 提升 强化 大力 积极 努力 确保 重点 建设 发展 完成 开展 实施 做好
今年 去年 过去 一年 以上 左右 其中 同比 亿元 万元 万人 个 项 家 条 名 所 万 亿 增长 以及 通过 进行 方面 一批 一系列 同时 不少 各类 有效 成功 取得
我们要 突出 加大 着力 扎实 有序 有力 相关 以来 以下 为了 根据 按照 围绕 作为 没有 一些 这些 各项 各级 一个 一是 二是 三是 四是 五是
落实 完善 深化 促进 打造 新增 启动 优化 支持 提高 达到 力争 健全 巩固 力度 水平 更好 领域 建成 问题 任务 全力 不断完善
才能 能否 目前 当前 今后 越来越 更高 更大 更多 更强 下功夫 一趟 大幅 显著 明显 逐步 切实 认真 充分 始终 继续 已经 正在
必须 可以 能够 需要 全年 予以 加以 要求 进一步提升 坚决 真正 不断提高 有所 之一 左右 分别""".split()) | frozenset(
    # Units: amounts split off their numbers (千万元 from 5千万元, 号线 from 3号线) say nothing either.
    """元 万元 千万元 百万元 亿元 万亿元 亿美元 万美元 吨 万吨 亩 万亩 公里 平方米 万平方米 平方公里 户 万户 人次 万人次
个百分点 百分点 号线 公顷 千瓦 万千瓦 千米""".split())
# Counts, ordinals and amounts: 三大, 第56位, 12.5%, 两个 — numbers, not subjects.
NUMBERISH = re.compile(r"^[\d.%％~\-—第一二三四五六七八九十百千万亿〇零两几多余个位次年月日号批项家名条]+$")
HAN = re.compile(r"[\u4e00-\u9fff]")
# A glossary term as written may carry quotes and joiners (“六稳”工作, 高大上、链群配); the dictionary gets the
# quoted words and the parts between joiners, which are what the body text actually contains.
_QUOTED = re.compile(r"[“\"‘「『]([^”\"’」』]{2,12})[”\"’」』]")
_JOINERS = re.compile(r"[“”\"‘’'「」『』、,，;；/\s]+")
# Frequency floor for user words: high enough that a coined term wins over its parts in context (measured on
# the sample bodies by tests/test_terms.py: 155 of 162 occurrences of the added words come out as one token; the
# others sit inside a longer word, like 作示范 in 合作示范区), and jieba's own suggestion when that is higher.
USER_FREQ = 10_000


@lru_cache(maxsize=1)
def _base():
    import rjieba
    return rjieba.Jieba()


@lru_cache(maxsize=16)
def dictionary_words(user_words: frozenset[str]) -> tuple[tuple[str, int], ...]:
    """The (word, frequency) pairs the user dictionary gets: new words only, in a stable order."""
    base = _base()
    words: set[str] = set()
    for raw in user_words:
        words.update(_QUOTED.findall(raw))
        words.add(_JOINERS.sub("", raw))
        words.update(_JOINERS.split(raw))
    keep = sorted(w for w in words if 2 <= len(w) <= 12 and HAN.search(w) and not base.has_word(w))
    return tuple((w, max(USER_FREQ, base.suggest_freq(w))) for w in keep)


@lru_cache(maxsize=4)
def _segmenter(entries: tuple[tuple[str, int], ...]):
    """A segmenter of its own per user dictionary, so results never depend on what was segmented before."""
    if not entries:
        return _base()
    import rjieba
    seg = rjieba.Jieba()
    for word, freq in entries:
        seg.add_word(word, freq, None)
    return seg


def segment(text: str, user_words: tuple[str, ...] = ()) -> list[str]:
    """All tokens of `text` (punctuation included), as rjieba cuts it with the user dictionary."""
    return _segmenter(dictionary_words(frozenset(user_words))).cut(text)


def is_content(token: str) -> bool:
    """A token that can say what a report is about: two or more characters, Chinese, not a stop word or number."""
    return len(token) >= 2 and bool(HAN.search(token)) and token not in STOP_WORDS and not NUMBERISH.match(token)


def count_terms(text: str, user_words: tuple[str, ...] = ()) -> tuple[TermCount, ...]:
    """Counts of content words in `text`, most frequent first; user_words (glossary terms) stay one token."""
    counts = Counter(tok for tok in segment(text, user_words) if is_content(tok))
    return tuple(TermCount(t, c) for t, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
