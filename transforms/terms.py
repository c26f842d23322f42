"""Terms: what a report talks about, by word counts from jieba-compatible segmentation."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .models import TermCount

# Function words and report boilerplate that say nothing about a report's subject.
STOP_WORDS = frozenset("""的 了 和 与 及 等 在 是 为 对 把 被 将 从 向 以 于 其 之 也 都 而 并 或 就 又 还 中 上 下 我们 我市 我区 我县 我省 全市 全区 全县 全省
各位代表 工作 一 个 年 月 日 有 要 着 这 那 进一步 加快 推进 推动 全面 持续 深入 坚持 不断 更加 实现 加强 提升 强化 大力 积极 努力 确保 重点 建设 发展 完成 开展 实施 做好
今年 去年 过去 一年 以上 左右 其中 同比 亿元 万元 万人 个 项 家 条 名 所 万 亿 增长""".split())
NUMBERISH = re.compile(r"^[\d.%％~\-—第一二三四五六七八九十百千万亿〇零两几多余个]+$")
HAN = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=8)
def _segmenter(user_words: frozenset[str]):
    """A segmenter of its own per user dictionary, so results never depend on what was segmented before."""
    import rjieba
    seg = rjieba.Jieba()
    for w in sorted(user_words):
        seg.add_word(w, 1000, None)
    return seg


def count_terms(text: str, user_words: tuple[str, ...] = ()) -> tuple[TermCount, ...]:
    """Counts of content words in `text`; user_words (glossary terms) stay one token."""
    seg = _segmenter(frozenset(w for w in user_words if 2 <= len(w) <= 12 and HAN.search(w)))
    counts = Counter(
        tok for tok in seg.cut(text)
        if len(tok) >= 2 and HAN.search(tok) and tok not in STOP_WORDS and not NUMBERISH.match(tok)
    )
    return tuple(TermCount(t, c) for t, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
