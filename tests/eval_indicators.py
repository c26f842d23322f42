"""Indicator precision and recall per core metric over the 14 sample reports, against the hand-checked
tests/expectations/<key>/indicators.toml. Run: .venv/bin/python -m tests.eval_indicators

A predicted indicator matches an expected one when metric, kind, year, value, growth_pct, growth_pct_high
and qualifier agree. Every predicted core-metric indicator for the review or plan year that is not expected
counts against precision; every expected one not predicted counts against recall.
"""
from __future__ import annotations

from collections import Counter

from tests.expect import ALL_KEYS, expectation
from transforms.models import Indicator, Report

CORE_METRICS = ("gdp", "general_budget_revenue", "fixed_asset_investment", "retail_sales",
                "industrial_value_added", "urban_disposable_income", "rural_disposable_income")


def _num(v: float | None) -> float | None:
    return None if v is None else round(float(v), 6)


def expected_keys(key: str) -> Counter:
    """The expected core indicators of a report as comparable tuples (a multiset: a figure may repeat)."""
    out: Counter = Counter()
    for e in expectation(key, "indicators").get("indicator", []):
        g = e.get("growth_pct")
        out[(e["metric"], e["kind"], e["year"], _num(e.get("value")), _num(g),
             _num(e.get("growth_pct_high", g)), e.get("qualifier"))] += 1
    return out


def predicted_keys(report: Report) -> Counter:
    """The predicted core indicators for the review or plan year (period figures are out of scope)."""
    years = {report.meta.review_year, report.meta.plan_year} - {None}
    out: Counter = Counter()
    for i in report.indicators:
        if i.metric in CORE_METRICS and i.year in years and i.period is None:
            out[_key(i)] += 1
    return out


def _key(i: Indicator) -> tuple:
    return (i.metric, i.kind, i.year, _num(i.value), _num(i.growth_pct),
            _num(i.growth_pct_high if i.growth_pct_high is not None else i.growth_pct), i.qualifier)


def indicator_scores(reports: dict[str, Report]) -> list[dict]:
    """One row per core metric plus 'all': tp, fp, fn, precision, recall."""
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    for key in ALL_KEYS:
        exp, pred = expected_keys(key), predicted_keys(reports[key])
        for k in exp | pred:
            hit = min(exp[k], pred[k])
            tp[k[0]] += hit
            fp[k[0]] += pred[k] - hit
            fn[k[0]] += exp[k] - hit
    rows = []
    for metric in (*CORE_METRICS, "all"):
        t = sum(tp.values()) if metric == "all" else tp[metric]
        f_p = sum(fp.values()) if metric == "all" else fp[metric]
        f_n = sum(fn.values()) if metric == "all" else fn[metric]
        rows.append({"metric": metric, "tp": t, "fp": f_p, "fn": f_n,
                     "precision": t / (t + f_p) if t + f_p else 1.0, "recall": t / (t + f_n) if t + f_n else 1.0})
    return rows


def mismatches(reports: dict[str, Report]) -> list[str]:
    """Human-readable differences, for looking into a score below 1."""
    lines = []
    for key in ALL_KEYS:
        exp, pred = expected_keys(key), predicted_keys(reports[key])
        lines += [f"{key} missing   {k}" for k in (exp - pred)]
        lines += [f"{key} unexpected {k}" for k in (pred - exp)]
    return lines


def main() -> None:
    from tests.expect import sample_reports
    reports = sample_reports()
    print(f"{'metric':26} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}")
    for r in indicator_scores(reports):
        print(f"{r['metric']:26} {r['tp']:4d} {r['fp']:4d} {r['fn']:4d} {r['precision']:9.3f} {r['recall']:7.3f}")
    for line in mismatches(reports):
        print(line)


if __name__ == "__main__":
    main()
