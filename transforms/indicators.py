"""Indicators: quantitative statements of tracked metrics, with kind, year and exact evidence offsets.

A statement is a metric mention (or a group of them joined by 、/和) and the figures of its clause.
Its kind and year come from where it stands (report_parts.py): the review of the past year (actual, or estimate when
预计), the 主要预期目标 passage and the year's work plan (target for plan_year), five-year reviews and
plans and 年均 figures (a period such as 2017-2021 and year None: never the single year); 累计 is a period
only where the passage names one (五年来, 2016年以来), else the review year's total to date.
Decisions: a closing 左右/以上 of a 分别 list (分别增长8%、10%左右) applies to every figure without its own;
预计 covers the rest of its ；-segment, or its whole sentence when the report is given before the year has
closed; 城乡… with one growth is the growth of urban and of rural income, with one level it stays 'other';
an amount after a change verb (较2016年增加12312元) is a change, not recorded as a level; statements
without a number (居民收入与经济增长同步) give no indicator. Figures without a canonical metric are 'other',
named by the noun phrase of their 、-item, never by a bare verb, pronoun or a count of work items.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .models import DocumentMeta, Indicator, Section
from .numbers import CNUM, FULLWIDTH, NUM, UNIT, to_base, to_number
from .report_parts import ReportParts, _sentence_start

# Canonical metrics and the names reports use for them. Longest alias wins (regex alternation order).
METRIC_ALIASES: dict[str, tuple[str, ...]] = {
    "gdp": ("地区生产总值", "国内生产总值", "全市生产总值", "全省生产总值", "全区生产总值", "全县生产总值", "生产总值", "经济总量"),
    "general_budget_revenue": ("地方一般公共预算收入", "一般公共预算收入", "地方级财政收入", "地方财政收入",
                               "公共财政预算收入", "地方公共财政预算收入"),
    "fiscal_revenue_total": ("财政总收入",),
    "fixed_asset_investment": ("全社会固定资产投资", "固定资产投资"),
    "retail_sales": ("社会消费品零售总额", "社会消费品零售额", "社零总额", "社零额"),
    "industrial_value_added": ("规模以上工业增加值", "规上工业增加值", "规模工业增加值"),
    "urban_disposable_income": ("城镇常住居民人均可支配收入", "城镇居民人均可支配收入"),
    "rural_disposable_income": ("农村常住居民人均可支配收入", "农村居民人均可支配收入", "农民人均可支配收入"),
    "resident_disposable_income": ("全体居民人均可支配收入", "全市居民人均可支配收入", "全省居民人均可支配收入",
                                   "居民人均可支配收入", "常住居民人均可支配收入"),
    "foreign_trade": ("外贸进出口总额", "货物进出口总额", "进出口总额", "进出口贸易额", "外贸进出口", "货物进出口"),
    "cpi": ("居民消费价格",),
    "surveyed_unemployment_rate": ("城镇调查失业率",),
    "new_urban_jobs": ("城镇新增就业", "新增城镇就业"),
    "grain_output": ("粮食总产量", "粮食产量", "粮食年产量", "粮食总产"),
}
# Names for two income metrics at once; with 分别 the figures go to urban then rural. 城乡… with one
# figure and no 均 is ambiguous (both? combined?) and is kept as metric 'other', not guessed.
PAIR_ALIASES = (
    r"城镇(?:常住)?居民(?:人均可支配收入)?(?:和|与|、|及)农村(?:常住)?居民人均可支配收入",
    r"城镇和农村(?:常住)?居民人均可支配收入",
    r"城乡(?:常住)?居民(?:人均)?(?:可支配)?收入",
)
INCOME_PAIR = ("urban_disposable_income", "rural_disposable_income")
# 经济增长/经济增速 name GDP growth only when a figure follows directly (经济增长点, 经济增长极 are not it).
GROWTH_ALIAS = r"经济增(?:长|速)(?=\s*\d)"

# 确保粮食种植120万亩以上、产量稳定在56万吨以上: 产量 after a 粮食 item of the same clause is grain output
# (the subject is elided); only the 产量 item itself is the statement, the 粮食种植 item stays 'other'.
# 确保粮食面积稳定在470万亩以上,产量稳定在185万吨以上 (郴州): the same after a comma.
GRAIN_ELIDED = re.compile(r"粮食[^，,；;。：:、]{0,16}[、,，](?P<n>(?:总)?产量)")

_ALIAS_TO_METRIC = {a: m for m, al in METRIC_ALIASES.items() for a in al}
MENTION = re.compile(
    "(?P<pair>" + "|".join(PAIR_ALIASES) + ")"
    "|(?P<grow>" + GROWTH_ALIAS + ")"
    "|(?P<one>" + "|".join(re.escape(a) for a in sorted(_ALIAS_TO_METRIC, key=len, reverse=True)) + ")"
)
# A mention that is part of another measure: 万元地区生产总值能耗, 人均生产总值, 工业固定资产投资,
# 占地区生产总值比重, 数字经济总量. Those are not the canonical metric.
NOT_BEFORE = re.compile(r"(?:万元|亿元|人均|亩均|单位|数字|占|每|户均|工业|民间|制造业|技改|房地产|农业|旅游|岛外|岛内|服务业)$")
NOT_AFTER = re.compile(r"^(?:\s*(?:的)?(?:占|比重|能耗|增加值率|位次|排名|总量的)|率)")
CONNECTOR = re.compile(r"^\s*(?:、|和|与|及|以及)\s*$")

QUAL = r"(?P<q>以上|左右|以下|以内)?"
# Not 增加值 (value added) nor 增长率 (a rate named, not stated).
GROWTH_VERB = r"(?P<verb>增长|下降|增加|减少|提高|降低|提升|上涨|下跌|回落|涨幅|增幅|增速|降幅|下滑)(?![值率])"
NEGATIVE = ("下降", "减少", "降低", "下跌", "回落", "降幅", "下滑")
# verb, a short gap (同比, 分别为, 控制在…) and a percent, a range of percents or 个百分点.
GROWTH = re.compile(GROWTH_VERB + r"(?P<gap>[^\d，,；;。：:、到至]{0,6}?)"
                    r"(?:(?P<lo>" + NUM + r")%?\s*(?:-|—|–|~|～|至|到)+\s*(?P<hi>" + NUM + r")%"
                    r"|(?P<v>" + NUM + r")(?P<pct>%|个百分点))" + QUAL)
# Further figures of a 分别 list: 8%、10%左右 / 5%和3.5%.
LIST_ITEM = re.compile(r"\s*(?:、|和|与|及|,|，)\s*(?P<v>" + NUM + r")(?P<pct>%|个百分点)" + QUAL)
AMOUNT = re.compile(r"(?P<v>" + NUM + "|" + CNUM + r")(?P<u>" + UNIT + r")" + QUAL)
PERCENT = re.compile(r"(?P<v>" + NUM + r")%" + QUAL)
FLAT = re.compile(r"持平")
# 由18.9%提高到22.6%: a level reached, not a growth of 22.6%.
FROM_TO = re.compile(r"由(?:20\d\d年的?)?" + NUM + r"%?(?:提高|提升|上升|增加|增长|下降|降低|减少)?(?:到|至)(?P<v>" + NUM + r")%")
MILESTONES = re.compile(r"台阶|跨越")
# A change verb right before an amount (较2016年增加12312元, 比上年减少3亿元): the amount is a change, which
# the contract has no column for; it is not recorded as a level. 增至/增加到 (reached) do not match.
CHANGE_BEFORE = re.compile(r"(?:增加|增长|提高|减少|下降|降低|增收|减收)了?$")
# Words that end a metric's figures inside its clause: what follows belongs to a part of it.
SUBPART = re.compile(r"其中|占")
CONTINUATION = re.compile(r"\s*(?:年均|同比|比上年|比去年|较上年|按可比口径|可比价)?\s*(?:增长|下降|增加|减少|提高|降低|持平|与(?:去|上)年持平|上涨|下跌|回落)")

DELIMS = "，,；;。！!？?：:\n"

@dataclass(frozen=True)
class _Mention:
    metrics: tuple[str, ...]
    name: str
    start: int
    end: int
    implies_growth: bool = False
    elided: bool = False             # the subject stands earlier in the clause (粮食…、产量)


@dataclass(frozen=True)
class _Figure:
    value: float | None = None
    unit: str | None = None
    growth: float | None = None
    growth_high: float | None = None
    qualifier: str | None = None
    change_kind: str | None = None
    averaged: bool = False           # 年均: a period figure
    cumulative: bool = False         # 累计: a period figure


def extract_indicators(text: str, sections: tuple[Section, ...], meta: DocumentMeta) -> tuple[Indicator, ...]:
    """Every canonical-metric statement with a figure, plus other figures as metric 'other'."""
    norm = text.translate(FULLWIDTH)
    plan_year = meta.plan_year or (meta.review_year + 1 if meta.review_year else None)
    review_year = meta.review_year or (plan_year - 1 if plan_year else None)
    year_open = bool(meta.meeting_date and review_year and meta.meeting_date.year == review_year)
    ctx = ReportParts(norm, sections, plan_year, review_year, year_open)
    mentions = _mentions(norm)
    out: list[Indicator] = []
    covered: list[tuple[int, int]] = []
    groups = _groups(mentions, norm)
    for i, group in enumerate(groups):
        nxt = groups[i + 1][0].start if i + 1 < len(groups) else len(norm)
        start, end, region_end = _statement_span(norm, group[0].start, group[-1].end, nxt)
        figures = _figures(norm, group, group[-1].end, region_end)
        if figures:
            covered.append((group[0].start if group[0].elided else start, end))
        for mention_metric, name, fig in figures:
            out.extend(_indicators(ctx, mention_metric, name, fig, text, start, end))
        # 经济总量先后跨越4000亿元、5000亿元两个大台阶,2021年达到5309.43亿元: the dated level that follows.
        later = YEAR_LEVEL.match(norm, end)
        if later and len(group) == 1 and len(group[0].metrics) == 1 and later.end() <= nxt and \
                _unit_fits(group[0].metrics[0], later["u"]):
            year = int(later["y"])
            if ctx.review_year and year <= ctx.review_year:
                covered.append((start, later.end()))
                out.append(_level(group[0], text, start, later.end(), year, to_number(later["v"]), later["u"]))
    out.extend(_other_indicators(ctx, norm, text, covered))
    out.sort(key=lambda ind: (ind.char_start, ind.metric))
    return tuple(out)


YEAR_LEVEL = re.compile(r"[,，](?P<y>20\d\d)年(?:底|末)?(?:达到|达|为|突破|实现)(?P<v>" + NUM + r")(?P<u>" + UNIT + r")(?=[,，；;。])")


def _level(mention: _Mention, text: str, start: int, end: int, year: int, value: float, unit: str) -> Indicator:
    """An actual level dated in its own clause (…,2021年达到5309.43亿元)."""
    value_base, unit_base = to_base(value, unit)
    return Indicator(metric=mention.metrics[0], metric_name=mention.name, kind="actual", year=year, value=value,
                     unit=unit, value_base=value_base, unit_base=unit_base, growth_pct=None, growth_pct_high=None,
                     qualifier=None, evidence=text[start:end], char_start=start, char_end=end)


def _mentions(norm: str) -> list[_Mention]:
    found = []
    for m in MENTION.finditer(norm):
        before, after = norm[max(0, m.start() - 3):m.start()], norm[m.end():m.end() + 6]
        if NOT_BEFORE.search(before) or NOT_AFTER.search(after):
            continue
        if m["pair"]:
            found.append(_Mention(INCOME_PAIR, m[0], m.start(), m.end()))
        elif m["grow"]:
            found.append(_Mention(("gdp",), m[0], m.start(), m.end(), implies_growth=True))
        else:
            found.append(_Mention((_ALIAS_TO_METRIC[m[0]],), m[0], m.start(), m.end()))
    found += [_Mention(("grain_output",), m["n"], m.start("n"), m.end("n"), elided=True)
              for m in GRAIN_ELIDED.finditer(norm)]
    return sorted(found, key=lambda m: m.start)


def _groups(mentions: list[_Mention], norm: str) -> list[list[_Mention]]:
    """Mentions joined only by 、/和/与 share one predicate (…分别增长8.8%、10.1%)."""
    groups: list[list[_Mention]] = []
    for m in mentions:
        if groups and CONNECTOR.match(norm[groups[-1][-1].end:m.start]):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def _clause_bounds(norm: str, pos: int) -> tuple[int, int]:
    """Start and end of the clause around pos; delimiters inside brackets (同比,下同) do not count."""
    start = pos
    while start > 0 and norm[start - 1] not in DELIMS:
        start -= 1
    end, depth = pos, 0
    while end < len(norm):
        ch = norm[end]
        depth += ch in "(（"
        depth -= ch in ")）" and depth > 0
        if ch in DELIMS and depth == 0:
            break
        end += 1
    return start, end


def _statement_span(norm: str, m_start: int, m_end: int, next_mention: int) -> tuple[int, int, int]:
    """(evidence start, evidence end, end of the figures region). Extends over ,增长9% continuations."""
    start, end = _clause_bounds(norm, m_start)
    while end < len(norm) and norm[end] in ",，" and CONTINUATION.match(norm, end + 1) and end + 1 < next_mention:
        end = _clause_bounds(norm, end + 1)[1]
    region_end = min(end, next_mention)
    sub = SUBPART.search(norm, m_end, region_end)
    if sub:
        region_end = sub.start()
    ev_end = max(region_end, m_end)
    while ev_end > m_end and norm[ev_end - 1] in "、和与及 \t,，":
        ev_end -= 1
    while start < m_start and norm[start].isspace():
        start += 1
    return start, ev_end, ev_end


def _figures(norm: str, group: list[_Mention], r_start: int, r_end: int) -> list[tuple[str, str, _Figure]]:
    """(metric, name, figure) for each metric of the group, from the region after it."""
    region = norm[r_start:r_end]
    slots = [(metric, m.name) for m in group for metric in m.metrics]
    implied = group[0].implies_growth and len(group) == 1
    growth = GROWTH.search(region)
    amount = AMOUNT.search(region)
    from_to = FROM_TO.search(region)
    if from_to:
        fig = _Figure(value=float(from_to["v"]), unit="%")
        return [(metric, name, fig) for metric, name in slots[:1]] if _unit_fits(slots[0][0], "%") else []
    if amount and growth and amount.start() > growth.start() and \
            not re.search(r"累计[^,，;；、]{0,6}$", region[:amount.start()]):
        # 增加18267元 after a growth is a change, not the level; 年均增长6.9%、累计完成投资10431.5亿元 is a total
        amount = None
    if amount and CHANGE_BEFORE.search(region[:amount.start()]):
        amount = None                       # 较2016年增加12312元: a change of the level, not the level
    if amount and MILESTONES.search(region):
        amount = None                       # 先后跨越4000亿元、5000亿元两个大台阶: thresholds passed, not a level
    amount_fig = _amount_figure(region, amount) if amount else None
    pct = PERCENT.search(region)
    if not amount_fig and pct and growth and pct.end() <= growth.start():
        amount_fig = _Figure(value=float(pct["v"]), unit="%", qualifier=pct["q"])   # 城镇化率达到57.3%,提高…
    if amount_fig and not _unit_fits(slots[0][0], amount_fig.unit):
        amount_fig = None                   # 提升1-2个位次 is not an amount of GDP
    if growth:
        averaged = "年均" in region[:growth.start()] or "年均" in growth["gap"]
        figs = _growth_list(region, growth, averaged)
    elif implied and PERCENT.match(region.lstrip()):
        p = PERCENT.match(region.lstrip())
        figs = [_Figure(growth=float(p["v"]), growth_high=float(p["v"]), qualifier=p["q"], change_kind="growth",
                        averaged="年均" in norm[max(0, r_start - 10):r_start])]
    elif FLAT.search(region):
        figs = [_Figure(growth=0.0, growth_high=0.0, change_kind="growth")]
    elif not amount_fig:
        pct = PERCENT.search(region)
        figs = [_Figure(value=float(pct["v"]), unit="%", qualifier=pct["q"])] if pct else []
        if pct:
            figs += [_Figure(value=float(x["v"]), unit="%", qualifier=x["q"]) for x in _list_after(region, pct.end())]
            figs = _spread_qualifier(figs)
    else:
        figs = []
    # Earlier items of the same list that are not tracked metrics (商品销售额、社会消费品零售额…) take
    # the first figures of a 分别 list.
    lead = norm[_clause_bounds(norm, group[0].start)[0]:group[0].start]
    offset = len(re.findall(r"、|和|与|及", lead)) if re.search(r"(?:、|和|与|及)\s*$", lead) else 0
    lead_items: list[tuple[str, str, _Figure]] = []
    if offset and len(figs) == offset + len(slots):
        # 城镇登记失业率、城镇调查失业率分别控制在3.5%和5.5%以内: the untracked items keep their figures as 'other'.
        names = [NAME_LEAD.sub("", x.strip()) for x in re.split(r"、|和|与|及", lead)][-offset - 1:-1]
        lead_items = [("other", n, f) for n, f in zip(names, figs[:offset])
                      if NAME_OK.fullmatch(n) and not JUNK_NAME.search(n)]
        figs = figs[offset:]
    elif len(figs) > len(slots) and len(figs) > 1 and not re.search(r"(?<!年)均|都", region):
        return []                       # more figures than names: which is whose is not stated
    return lead_items + _assign(group, slots, figs, amount_fig, growth, region)


def _assign(group: list[_Mention], slots: list[tuple[str, str]], figs: list[_Figure], amount_fig: _Figure | None,
            growth: re.Match | None, region: str) -> list[tuple[str, str, _Figure]]:
    """The figures of a statement given to its metrics: in order (分别), the same for all (均), or one each."""
    if len(slots) == 1:
        if amount_fig and figs and not figs[0].averaged and not amount_fig.cumulative and len(figs) == 1:
            f = figs[0]
            return [(slots[0][0], slots[0][1], _Figure(amount_fig.value, amount_fig.unit, f.growth, f.growth_high,
                                                       f.qualifier, f.change_kind))]
        out = [(slots[0][0], slots[0][1], amount_fig)] if amount_fig else []
        return out + [(slots[0][0], slots[0][1], figs[0])] if figs else out
    # A group: one figure each in order (分别), or the same for all (均).
    if len(figs) == len(slots):
        return [(metric, name, f) for (metric, name), f in zip(slots, figs)]
    if len(figs) == 1 and re.search(r"(?<!年)均|都", region[:growth.start() + 2] if growth else region):
        return [(metric, name, figs[0]) for metric, name in slots]
    # 城乡居民人均可支配收入增长8%以上: one growth for town and country is the growth of each.
    if group[0].metrics == INCOME_PAIR and len(group) == 1 and len(figs) == 1:
        return [(metric, group[0].name, figs[0]) for metric in INCOME_PAIR]
    # One level for both (城乡居民收入达到3万元) is neither's: kept as 'other', not guessed.
    if group[0].metrics == INCOME_PAIR and len(group) == 1 and amount_fig and not figs:
        return [("other", group[0].name, amount_fig)]
    return []


# The base units an amount of each canonical metric can have; other units are some other measure.
METRIC_UNITS = {"new_urban_jobs": ("person",), "grain_output": ("tonne",), "surveyed_unemployment_rate": ("percent",),
                "cpi": ("percent",)}


def _unit_fits(metric: str, unit: str | None) -> bool:
    if metric == "other":
        return True
    return to_base(1.0, unit or "")[1] in METRIC_UNITS.get(metric, ("yuan", "usd"))


def _amount_figure(region: str, amount: re.Match) -> _Figure | None:
    try:
        value = to_number(amount["v"])
    except (ValueError, KeyError):
        return None
    # 突破100亿元 / 超过38000元: a floor, the same as 100亿元以上.
    floor = "以上" if re.search(r"(?:突破|超过|超)$", region[:amount.start()]) else None
    return _Figure(value=value, unit=amount["u"], qualifier=amount["q"] or floor,
                   cumulative="累计" in region[:amount.start()])


def _growth_list(region: str, g: re.Match, averaged: bool) -> list[_Figure]:
    sign = -1.0 if g["verb"] in NEGATIVE else 1.0
    if g["lo"]:
        lo, hi = sorted((sign * float(g["lo"]), sign * float(g["hi"])))
        return [_Figure(growth=lo, growth_high=hi, qualifier="区间", change_kind="growth", averaged=averaged)]
    kind = "points" if g["pct"] == "个百分点" else "growth"
    figs = [_Figure(growth=sign * float(g["v"]), growth_high=sign * float(g["v"]), qualifier=g["q"],
                    change_kind=kind, averaged=averaged)]
    for x in _list_after(region, g.end()):
        v = sign * float(x["v"])
        figs.append(_Figure(growth=v, growth_high=v, qualifier=x["q"],
                            change_kind="points" if x["pct"] == "个百分点" else "growth", averaged=averaged))
    return _spread_qualifier(figs)


def _list_after(region: str, pos: int) -> list[re.Match]:
    items = []
    while (x := LIST_ITEM.match(region, pos)):
        items.append(x)
        pos = x.end()
    return items


def _spread_qualifier(figs: list[_Figure]) -> list[_Figure]:
    """分别增长8%、10%左右: the closing 左右 belongs to the shared predicate, so to every figure that has none."""
    if len(figs) < 2 or not figs[-1].qualifier:
        return figs
    q = figs[-1].qualifier
    return [f if f.qualifier else _Figure(f.value, f.unit, f.growth, f.growth_high, q, f.change_kind,
                                          f.averaged, f.cumulative) for f in figs]


def _indicators(ctx: ReportParts, metric: str, name: str, fig: _Figure, text: str, start: int,
                end: int) -> list[Indicator]:
    """One Indicator, or two when a level and a 年均 growth share a clause (they are for different spans)."""
    if fig.value is not None and fig.averaged:
        level = _Figure(fig.value, fig.unit, qualifier=None)
        growth = _Figure(growth=fig.growth, growth_high=fig.growth_high, qualifier=fig.qualifier,
                         change_kind=fig.change_kind, averaged=True)
        return _indicators(ctx, metric, name, level, text, start, end) + \
            _indicators(ctx, metric, name, growth, text, start, end)
    kind, year, period = ctx.kind_year(start, end, averaged=fig.averaged, cumulative=fig.cumulative,
                                       level=fig.growth is None)
    value_base, unit_base = to_base(fig.value, fig.unit) if fig.value is not None and fig.unit else (None, None)
    if fig.value is None and fig.growth is not None and fig.change_kind == "growth":
        unit_base = None
    return [Indicator(
        metric=metric, metric_name=name, kind=kind, year=year, value=fig.value, unit=fig.unit,
        value_base=value_base, unit_base=unit_base, growth_pct=fig.growth, growth_pct_high=fig.growth_high,
        qualifier=fig.qualifier, evidence=text[start:end], char_start=start, char_end=end,
        change_kind=fig.change_kind if fig.growth is not None else None, period=period,
    )]


# A clause's own name for its figure: strip who/when words before it and verbs after it (预计, 年均 and
# 控制在年度目标 say how the figure is meant, not what it measures).
NAME_LEAD = re.compile(r"^(?:全市|全省|全区|全县|全年|我市|我省|我区|我县|其中|我们|共|累计|完成|实现|力争|确保|预计|今年|同时|并|再|年均)+")
NAME_TAIL = re.compile(r"(?:达到|达|为|突破|超过|完成|实现|增长|下降|提高|增加|减少|同比|比上年|分别|约|近|超|累计|共|了|在|至|到|保持|控制|稳定|新增|获得|预计|年均|控制在年度目标|年度目标|净增|增|再)+$")
NAME_OK = re.compile(r"[\u4e00-\u9fff“”A-Za-z]{2,16}")
# Not names: a clause that starts with a copula, pronoun or function word (是全市160万人民…的结果,
# 并投入使用, 让…成为), or ends mid-phrase (…的, …过).
JUNK_NAME = re.compile(r"^(?:是|这|那|其|该|此|并|让|使|把|被|将|对此)|[的过每中]$"
                       r"|^(?:年度|全年|今年|去年|当年|省级|市级|县级|区级|国家级|百分点)$")
# A bare verb names nothing (抓好31个…棚改续建项目, 推动442名教师校长交流轮岗): the noun after the figure
# names it, or the figure is left out.
BARE_VERB = re.compile(r"(?:抓好|推动|实施|新建|聚焦|发挥|突出|建成|打造|健全|完善|盘活|成立|推出|新开工|建设|启动|开展|"
                       r"促进|支持|培育|引进|新引进|落实|加快|推进|深化|强化|加强|提升|创建|争创|办好|做好|抽调|征收|开工|"
                       r"完成|实现|确保|力争)")
# Counts of the report's own work items (重点做好以下7个方面工作, 办好10件实事): outline, not data.
WORK_ITEMS = re.compile(r"(?:个|项|件|大)?(?:方面|工作|任务|实事|事项|重点)+(?:问题)?")
# A bare share (占比52.9%) is named after the figure of the clause before it in the sentence.
BARE_SHARE = re.compile(r"占比|比重|占比达到?")


def _other_indicators(ctx: ReportParts, norm: str, text: str, covered: list[tuple[int, int]]) -> list[Indicator]:
    """One 'other' indicator per item (clause, or 、-item with its own name) with a figure and no canonical metric."""
    out: list[Indicator] = []
    pos = 0
    last_name: tuple[int, str] | None = None      # (sentence start, name): what a bare 占比 is the share of
    while pos < len(norm):
        start, end = _clause_bounds(norm, pos)
        pos = end + 1
        if end <= start:
            continue
        while end < len(norm) and norm[end] in ",，" and CONTINUATION.match(norm, end + 1):
            end = _clause_bounds(norm, end + 1)[1]
            pos = end + 1
        for i_start, i_end in _items(norm, start, end):
            if any(s < i_end and i_start < e for s, e in covered):
                continue
            name, inds = _other_item(ctx, norm, text, i_start, i_end, last_name)
            if inds:
                out.extend(inds)
                last_name = (_sentence_start(norm, i_start), name)
    return out


def _first_figure(clause: str) -> re.Match | None:
    growth, amount, pct = GROWTH.search(clause), AMOUNT.search(clause), PERCENT.search(clause)
    first = min((m for m in (growth, amount, pct) if m), key=lambda m: m.start(), default=None)
    from_to = FROM_TO.search(clause)
    if first is not None and from_to and from_to.start() <= first.start() + 12 and from_to.end() > first.start():
        first = from_to                 # 城镇化率由…提高到…: the name stops at 由
    return first


def _name_before(clause: str, first: re.Match) -> str:
    return NAME_TAIL.sub("", NAME_LEAD.sub("", clause[:first.start()].strip()))


def _items(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    """A clause split at 、 where the next item has its own name and figure (力争智能制造试点企业达360家以上、
    高新技术企业达710家以上、研发投入年均增长11%以上): each figure goes with the name nearest before it."""
    cuts = [start]
    for m in re.finditer("、", norm[start:end]):
        p = start + m.start()
        nxt = norm.find("、", p + 1, end)
        right = norm[p + 1:nxt if nxt >= 0 else end]
        first_right = _first_figure(right)
        if first_right is None or _first_figure(norm[cuts[-1]:p]) is None or \
                not re.match(NUM, first_right.groupdict().get("v") or first_right.groupdict().get("lo") or ""):
            continue                    # 自然村“十个一”、行政村“八个有”: Chinese-numeral phrases are no items
        name = _name_before(right, first_right)
        if NAME_OK.fullmatch(name) and name.count("“") == name.count("”"):
            cuts.append(p + 1)
    bounds = cuts + [end + 1]
    return [(a, b - 1) for a, b in zip(bounds, bounds[1:])]


def _other_item(ctx: ReportParts, norm: str, text: str, start: int, end: int,
                last_name: tuple[int, str] | None) -> tuple[str, list[Indicator]]:
    """(name, indicators) of one item of a clause without a canonical metric; no indicators when it names none."""
    clause = norm[start:end]
    first = _first_figure(clause)
    if first is None:
        return "", []
    is_amount = first.re is AMOUNT
    is_count = is_amount and to_base(1.0, first["u"])[1] == "count"
    if is_amount and not re.match(NUM, first["v"]):
        # 一件大事, 八项规定, 一户一风格, 西五百户, 第一人民医院: Chinese numerals outside a tracked metric's
        # statement are phrases and names far more often than figures.
        return "", []
    if is_amount and clause[first.end():first.end() + 1] == "的":
        return "", []                   # 负债10万元以下的村: a threshold describing something, not a figure
    name = _name_before(clause, first)
    # 建成12个河长制主题公园: with a count the noun follows the figure; it names it better than the verb.
    after = clause[first.end():].strip()
    if is_count and NAME_OK.fullmatch(after):
        if WORK_ITEMS.fullmatch(after):
            return "", []               # 重点做好以下7个方面工作
        name = after
    if BARE_VERB.fullmatch(name):
        if not NAME_OK.fullmatch(after) or WORK_ITEMS.fullmatch(after):
            return "", []
        name = after
    if BARE_SHARE.fullmatch(name):
        if not last_name or last_name[0] != _sentence_start(norm, start):
            return "", []               # 占比52.9% with nothing before it in the sentence: share of what?
        name = last_name[1] + "占比"
    if not NAME_OK.fullmatch(name) or name.count("“") != name.count("”") or JUNK_NAME.search(name):
        return "", []
    s = start + (len(clause) - len(clause.lstrip()))
    e = end
    while e > s and norm[e - 1] in " \t、":
        e -= 1
    mention = _Mention(("other",), name, s, s)
    out: list[Indicator] = []
    for _, _, fig in _figures(norm, [mention], start + first.start(), end)[:2]:
        out.extend(_indicators(ctx, "other", name, fig, text, s, e))
    return name, out
