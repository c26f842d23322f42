"""Indicator precision and recall per metric over the 14 sample reports, against the hand-checked
tests/expectations/<key>/indicators.toml. Run: .venv/bin/python -m tests.eval_indicators

A predicted indicator matches an expected one when metric, kind, year, period, value, growth_pct,
growth_pct_high and qualifier agree. Two tables:
- core: the 7 core metrics for the review or plan year (the issue's bar: precision and recall >= 0.95);
- all: every canonical metric that appears in the expectation files, for the review or plan year and for
  periods (rows with year None and a period such as 2017-2021: five-year reviews, 年均, 累计, 今后五年),
  so that misses and mislabels there are visible too.
Figures dated to another year (到2026年, 2020年) are out of scope of both. Every predicted indicator in scope
that is not expected counts against precision; every expected one not predicted counts against recall.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

from tests.expect import ALL_KEYS, expectation
from transforms.indicators import METRIC_ALIASES
from transforms.models import Indicator, Report

CORE_METRICS = ("gdp", "general_budget_revenue", "fixed_asset_investment", "retail_sales",
                "industrial_value_added", "urban_disposable_income", "rural_disposable_income")


@lru_cache(maxsize=1)
def scored_metrics() -> tuple[str, ...]:
    """The core metrics and every other canonical metric some expectation file states (in contract order)."""
    present = {e["metric"] for key in ALL_KEYS for e in expectation(key, "indicators").get("indicator", [])}
    return tuple(m for m in METRIC_ALIASES if m in CORE_METRICS or m in present)


def _num(v: float | None) -> float | None:
    return None if v is None else round(float(v), 6)


def expected_keys(key: str, metrics: tuple[str, ...] = CORE_METRICS, periods: bool = False) -> Counter:
    """The expected indicators of a report as comparable tuples (a multiset: a figure may repeat)."""
    out: Counter = Counter()
    for e in expectation(key, "indicators").get("indicator", []):
        if e["metric"] not in metrics or ("period" in e and not periods):
            continue
        g = e.get("growth_pct")
        out[(e["metric"], e["kind"], e.get("year"), e.get("period"), _num(e.get("value")), _num(g),
             _num(e.get("growth_pct_high", g)), e.get("qualifier"))] += 1
    return out


def predicted_keys(report: Report, metrics: tuple[str, ...] = CORE_METRICS, periods: bool = False) -> Counter:
    """The predicted indicators in scope: the review or plan year, and (periods) year None with a period."""
    years = {report.meta.review_year, report.meta.plan_year} - {None}
    out: Counter = Counter()
    for i in report.indicators:
        if i.metric not in metrics:
            continue
        if (i.year in years and i.period is None) or (periods and i.year is None and i.period is not None):
            out[_key(i)] += 1
    return out


def _key(i: Indicator) -> tuple:
    return (i.metric, i.kind, i.year, i.period, _num(i.value), _num(i.growth_pct),
            _num(i.growth_pct_high if i.growth_pct_high is not None else i.growth_pct), i.qualifier)


def indicator_scores(reports: dict[str, Report], metrics: tuple[str, ...] = CORE_METRICS,
                     periods: bool = False) -> list[dict]:
    """One row per metric plus 'all': tp, fp, fn, precision, recall."""
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    for key in ALL_KEYS:
        exp, pred = expected_keys(key, metrics, periods), predicted_keys(reports[key], metrics, periods)
        for k in exp | pred:
            hit = min(exp[k], pred[k])
            tp[k[0]] += hit
            fp[k[0]] += pred[k] - hit
            fn[k[0]] += exp[k] - hit
    rows = []
    for metric in (*metrics, "all"):
        t = sum(tp.values()) if metric == "all" else tp[metric]
        f_p = sum(fp.values()) if metric == "all" else fp[metric]
        f_n = sum(fn.values()) if metric == "all" else fn[metric]
        rows.append({"metric": metric, "tp": t, "fp": f_p, "fn": f_n,
                     "precision": t / (t + f_p) if t + f_p else 1.0, "recall": t / (t + f_n) if t + f_n else 1.0})
    return rows


def mismatches(reports: dict[str, Report], metrics: tuple[str, ...] = CORE_METRICS,
               periods: bool = False) -> list[str]:
    """Human-readable differences, for looking into a score below 1."""
    lines = []
    for key in ALL_KEYS:
        exp, pred = expected_keys(key, metrics, periods), predicted_keys(reports[key], metrics, periods)
        lines += [f"{key} missing    {k}" for k in (exp - pred)]
        lines += [f"{key} unexpected {k}" for k in (pred - exp)]
    return lines


def _print_table(title: str, rows: list[dict]) -> None:
    print(title)
    print(f"{'metric':26} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}")
    for r in rows:
        print(f"{r['metric']:26} {r['tp']:4d} {r['fp']:4d} {r['fn']:4d} {r['precision']:9.3f} {r['recall']:7.3f}")


def main() -> None:
    from tests.expect import sample_reports
    reports = sample_reports()
    _print_table("Core metrics, review and plan year (bar: precision and recall >= 0.95):",
                 indicator_scores(reports))
    for line in mismatches(reports):
        print(line)
    print()
    _print_table("All scored canonical metrics, review and plan year and periods:",
                 indicator_scores(reports, scored_metrics(), periods=True))
    for line in mismatches(reports, scored_metrics(), periods=True):
        print(line)


if __name__ == "__main__":
    main()
