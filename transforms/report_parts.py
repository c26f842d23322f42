"""Which part of a report a position is in, and so the kind, year or period of a figure stated there.

Parts: the review of the past year (actual, or estimate under 预计), the five-year review (a period such as
2017-2021), the 主要预期目标 passage and the year's work plan (target for plan_year), the five-year plan
(a period, or the year of 到2026年). Level-1 headings decide first; in-text cues (一年来, 五年来) refine.
"""
from __future__ import annotations

import re

from .models import Section

SENTENCE_END = "。！!？?\n"

# 主要预期目标是: / 主要目标为: opens the year's target passage (not 主要预期目标全部完成).
TARGET_PASSAGE = re.compile(r"主要(?:预期)?目标(?:任务)?(?:是|为|如下)\s*[:：]?|主要(?:预期)?目标\s*[:：]")
PERIOD_CUE = re.compile(r"年均|累计|五年来|过去五年|过去的五年|今后五年|未来五年|十三五|十四五|比20\d\d年|较20\d\d年|“十三五”|“十四五”")
PERIOD_CUE_NOT_CUMULATIVE = re.compile(PERIOD_CUE.pattern.replace("累计|", ""))
# 2016年以来 / 自2015年挂牌以来: a cumulative figure's own period.
SINCE_YEAR = re.compile(r"(?P<y>20\d\d)年[^,，;；。]{0,8}以来")
# Cues that a review sentence speaks of the single past year.
YEAR_CUE = re.compile(r"全年|去年|过去一年|一年来|比上年|较上年|同比")
ESTIMATE = re.compile(r"预计")
EXPLICIT_YEAR = re.compile(r"(?<![比较从由至到是于])(?P<y>20\d\d)年(?!的|底前|以来)")
TO_YEAR = re.compile(r"到(?P<y>20\d\d)年")

# Level-1 headings (and in-text cues) that say which part of the report a position is in.
HEAD_PLAN = re.compile(r"(?:20\d\d|今)年.{0,8}(?:工作|目标|安排|重点|任务)|主要目标和")
HEAD_FUTURE5 = re.compile(r"今后五年|未来五年|十四五")
HEAD_PAST5 = re.compile(r"过去五年|过去的五年|五年来|本届政府|十三五")
HEAD_REVIEW = re.compile(r"回顾|过去一年")
# 主要做了六个方面工作: opens the year's own review after a five-year summary (天门 2022: 五年来… then the year).
CUE_REVIEW = re.compile(r"一年来|过去一年|刚刚过去的20\d\d年|20\d\d年是本届政府|(?:20\d\d)年工作回顾|主要做了[^。:：]{0,8}工作")
CUE_PAST5 = re.compile(r"过去五年|过去的五年|五年来|“十三五”时期|十三五期间")


class ReportParts:
    """Where a position stands: review of the past year, five-year review, year plan or five-year plan."""

    def __init__(self, norm: str, sections: tuple[Section, ...], plan_year: int | None, review_year: int | None,
                 year_open: bool = False):
        # year_open: the meeting is held before the review year has closed (December 2021 for 2021 figures),
        # so every figure of a 预计 sentence is an estimate, not only those of its ；-segment.
        self.norm, self.plan_year, self.review_year, self.year_open = norm, plan_year, review_year, year_open
        self.parts: list[tuple[int, str]] = []
        part = "review"
        for s in sorted(sections, key=lambda s: s.char_start):
            if s.level != 1 or s.kind != "body":
                continue
            head = (s.heading or "")[:30]
            if HEAD_REVIEW.search(head):
                part = "past5" if HEAD_PAST5.search(head) and not re.search(r"20\d\d年", head) else "review"
            elif HEAD_PLAN.search(head):
                part = "plan"
            elif HEAD_FUTURE5.search(head):
                part = "future5"
            self.parts.append((s.char_start, part))
        self.passages = []
        for m in TARGET_PASSAGE.finditer(norm):
            end = _next_sentence_end(norm, m.end())
            before = norm[_sentence_start(norm, m.start()):m.start()]
            self.passages.append((m.start(), end, bool(PERIOD_CUE.search(before) or TO_YEAR.search(before))))
        # Without a year-plan heading (a report whose headings were not found), the year's work plan starts
        # at its 主要预期目标 passage.
        annual = [p_start for p_start, _, five in self.passages if not five]
        if annual and not any(p == "plan" for _, p in self.parts):
            self.parts = [(s, p) for s, p in self.parts if s < annual[0]] + [(annual[0], "plan")]

    def part_at(self, pos: int) -> str:
        part = "review"
        for start, p in self.parts:
            if start <= pos:
                part = p
        if part in ("review", "past5"):
            head = self.norm[max(0, pos - 6000):pos]
            last_review = max((m.end() for m in CUE_REVIEW.finditer(head)), default=-1)
            last_past5 = max((m.end() for m in CUE_PAST5.finditer(head)), default=-1)
            if last_review > last_past5:
                part = "review"
            elif last_past5 > last_review:
                part = "past5"
        return part

    def kind_year(self, start: int, end: int, averaged: bool = False, cumulative: bool = False,
                  level: bool = False) -> tuple[str, int | None, str | None]:
        """(kind, year, period) for a figure whose clause is norm[start:end]; level: an amount without growth."""
        clause = self.norm[start:end]
        if level:                  # a level beside a 年均 growth is the year's level
            clause = re.sub(r"年均增长[^,，;；]*", "", clause)
        sentence_head = self.norm[_sentence_start(self.norm, start):start]
        for p_start, p_end, five in self.passages:
            if p_start <= start < p_end:
                # 今后五年发展的主要目标是:…,到2026年,全体居民人均可支配收入超过38000元: the named year's.
                to_year = TO_YEAR.search(self.norm[p_start:start] + clause)
                if five and to_year and not averaged:
                    return "target", int(to_year["y"]), None
                if five or averaged:
                    return "target", None, self._future_period()
                return "target", self.plan_year, None
        part = self.part_at(start)
        if part in ("plan", "future5"):
            to_year = TO_YEAR.search(sentence_head + clause)
            if to_year and int(to_year["y"]) != self.plan_year:
                return "target", int(to_year["y"]), None
            if part == "future5" or averaged or PERIOD_CUE.search(clause):
                return "target", None, self._future_period()
            return "target", self.plan_year, None
        # 预计 covers the statements after it up to the next ；(预计全年地区生产总值…,增长…;完成一般公共预算
        #收入…): fiscal figures after the semicolon are final when the report is given in the new year, GDP
        # is not yet. When the report is given before the year has closed (蓟州, 天门: December 2021),
        # nothing of the year is final: 预计 covers its whole sentence.
        segment = sentence_head if self.year_open else re.split(r"[；;]", sentence_head)[-1]
        estimate = bool(ESTIMATE.search(clause) or ESTIMATE.search(segment))
        kind = "estimate" if estimate else "actual"
        if averaged or PERIOD_CUE_NOT_CUMULATIVE.search(clause):
            return kind, None, self._past_period(clause + sentence_head)
        if cumulative or "累计" in clause:
            # 累计 is a total to date: a period only when the passage names one (五年来, 十三五期间, 2016年以来);
            # inside the single-year review (累计集中隔离1185人, 2020) it is the review year's.
            since = SINCE_YEAR.search(sentence_head + clause)
            if since and self.review_year and int(since["y"]) < self.review_year:
                return kind, None, f"{since['y']}-{self.review_year}"
            if part == "past5" or CUE_PAST5.search(sentence_head + clause):
                return kind, None, self._past_period(clause + sentence_head)
            return kind, self.review_year, None
        years = [int(y["y"]) for y in EXPLICIT_YEAR.finditer(sentence_head + clause)]
        if years and years[-1] != self.review_year:
            if years[-1] < (self.review_year or 0):
                return kind, years[-1], None
        elif years:
            return kind, self.review_year, None
        if part == "past5" and not YEAR_CUE.search(sentence_head + clause):
            return kind, None, self._past_period(sentence_head)
        return kind, self.review_year, None

    def _past_period(self, around: str) -> str | None:
        if "十三五" in around:
            return "2016-2020"
        return f"{self.review_year - 4}-{self.review_year}" if self.review_year else None

    def _future_period(self) -> str | None:
        return f"{self.plan_year}-{self.plan_year + 4}" if self.plan_year else None


def _sentence_start(norm: str, pos: int) -> int:
    while pos > 0 and norm[pos - 1] not in SENTENCE_END:
        pos -= 1
    return pos


def _next_sentence_end(norm: str, pos: int) -> int:
    while pos < len(norm) and norm[pos] not in SENTENCE_END:
        pos += 1
    return pos
