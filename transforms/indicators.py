"""Indicators: quantitative statements of tracked metrics, with kind, year and exact evidence offsets."""
from __future__ import annotations

import re

from .models import DocumentMeta, Indicator, Section

# Canonical metric names, longest alias first so 地方一般公共预算收入 wins over 一般公共预算收入.
METRIC_ALIASES: dict[str, tuple[str, ...]] = {
    "gdp": ("地区生产总值", "全市生产总值", "生产总值", "经济总量", "经济增长"),
    "general_budget_revenue": ("地方一般公共预算收入", "一般公共预算收入", "地方级财政收入"),
    "fiscal_revenue_total": ("财政总收入",),
    "fixed_asset_investment": ("固定资产投资",),
    "retail_sales": ("社会消费品零售总额", "社零"),
    "industrial_value_added": ("规模以上工业增加值", "规上工业增加值", "规模工业增加值"),
    "urban_disposable_income": ("城镇常住居民人均可支配收入", "城镇居民人均可支配收入"),
    "rural_disposable_income": ("农村常住居民人均可支配收入", "农村居民人均可支配收入"),
    "resident_disposable_income": ("全体居民人均可支配收入", "居民人均可支配收入"),
    "foreign_trade": ("进出口总额", "外贸进出口", "进出口"),
    "cpi": ("居民消费价格",),
    "surveyed_unemployment_rate": ("城镇调查失业率",),
    "new_urban_jobs": ("城镇新增就业",),
    "grain_output": ("粮食总产量", "粮食产量"),
}
_ALIAS_TO_METRIC = sorted(((a, m) for m, al in METRIC_ALIASES.items() for a in al), key=lambda x: -len(x[0]))
METRIC = re.compile("|".join(re.escape(a) for a, _ in _ALIAS_TO_METRIC))

CLAUSE_END = re.compile(r"[，,；;。\n]")
AMOUNT = re.compile(r"(?P<v>\d+(?:\.\d+)?)(?P<u>万亿元|亿元|万元|元|万人|人|万吨|吨|万亩|亩)")
GROWTH = re.compile(r"(?P<dir>增长|下降|提高|降低|增加|减少)(?P<v>\d+(?:\.\d+)?)(?:%|(?P<pts>个百分点))(?P<q>以上|左右|以下|以内)?")

UNIT_BASE = {"万亿元": (1e12, "yuan"), "亿元": (1e8, "yuan"), "万元": (1e4, "yuan"), "元": (1, "yuan"),
             "万人": (1e4, "person"), "人": (1, "person"), "万吨": (1e4, "tonne"), "吨": (1, "tonne"),
             "万亩": (1e4, "mu"), "亩": (1, "mu")}


def extract_indicators(text: str, sections: tuple[Section, ...], meta: DocumentMeta) -> tuple[Indicator, ...]:
    out: list[Indicator] = []
    for m in METRIC.finditer(text):
        end_m = CLAUSE_END.search(text, m.end())
        end = end_m.start() if end_m else len(text)
        # Extend over one comma so "地区生产总值490.2亿元,增长9%" stays one statement.
        nxt = CLAUSE_END.search(text, end + 1)
        if end < len(text) and text[end] in ",，" and nxt and GROWTH.match(text, end + 1):
            end = nxt.start()
        clause = text[m.start():end]
        amount = AMOUNT.search(clause)
        growth = GROWTH.search(clause)
        if not amount and not growth:
            continue
        metric = dict(_ALIAS_TO_METRIC)[m.group(0)]
        value = float(amount["v"]) if amount else None
        unit = amount["u"] if amount else None
        factor, ubase = UNIT_BASE.get(unit, (None, None)) if unit else (None, None)
        gp = None
        if growth:
            gp = float(growth["v"]) * (-1 if growth["dir"] in ("下降", "降低", "减少") else 1)
        target = _is_target(text, m.start())
        year = (meta.plan_year if target else meta.review_year)
        out.append(Indicator(
            metric=metric, metric_name=m.group(0), kind="target" if target else "actual", year=year,
            value=value, unit=unit, value_base=value * factor if value is not None and factor else None, unit_base=ubase,
            growth_pct=gp, growth_pct_high=gp, qualifier=growth["q"] if growth else None,
            evidence=clause, char_start=m.start(), char_end=end,
            change_kind=("points" if growth and growth["pts"] else "growth") if growth else None,
        ))
    return tuple(out)


def _is_target(text: str, pos: int) -> bool:
    window = text[max(0, pos - 300):pos]
    return "预期目标" in window or "力争" in text[max(0, pos - 20):pos]
