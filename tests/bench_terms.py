"""Benchmark: segmentation speed of rjieba (what transforms.terms uses) against jieba on the sample bodies.

Run: .venv/bin/python -m tests.bench_terms   (prints figures; nothing is asserted, speed depends on the machine)
"""
from __future__ import annotations

import logging
import time

from tests.expect import sample_reports
from transforms import terms


def _bodies() -> list[str]:
    return ["".join(s.body_of(r.cleaned.text) for s in r.sections if s.kind == "body")
            for r in sample_reports().values()]


def _best_of(n: int, fn) -> float:
    best = float("inf")
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main(repeat: int = 5) -> None:
    import jieba
    import rjieba
    jieba.setLogLevel(logging.WARNING)
    bodies = _bodies()
    words = tuple(sorted({g.term for r in sample_reports().values() for g in r.glossary}))
    entries = terms.dictionary_words(frozenset(words))
    mb = sum(len(b.encode("utf-8")) for b in bodies) / 1e6
    chars = sum(len(b) for b in bodies)
    print(f"sample bodies: {len(bodies)} reports, {chars} chars, {mb:.2f} MB (UTF-8); user dictionary: {len(entries)} words")

    t_new = _best_of(3, rjieba.Jieba)
    seg = terms._segmenter(entries)
    jb = jieba.Tokenizer()
    t0 = time.perf_counter()
    jb.initialize()
    t_jinit = time.perf_counter() - t0
    for w, f in entries:
        jb.add_word(w, f)
    print(f"dictionary load: rjieba {t_new * 1000:.0f} ms, jieba {t_jinit * 1000:.0f} ms (cached model)")

    t_r = _best_of(repeat, lambda: [seg.cut(b) for b in bodies])
    t_j = _best_of(repeat, lambda: [jb.lcut(b) for b in bodies])
    t_c = _best_of(repeat, lambda: [terms.count_terms(b, words) for b in bodies])
    print(f"rjieba cut:        {mb / t_r:6.2f} MB/s ({t_r * 1000:.0f} ms)")
    print(f"jieba lcut:        {mb / t_j:6.2f} MB/s ({t_j * 1000:.0f} ms)")
    print(f"speed-up:          {t_j / t_r:6.1f}x")
    print(f"count_terms total: {mb / t_c:6.2f} MB/s ({t_c * 1000:.0f} ms, rjieba + filtering + counting)")


if __name__ == "__main__":
    main()
