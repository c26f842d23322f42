"""Indicators: exact core figures of the 14 sample reports (tests/expectations/<key>/indicators.toml, read
by hand from the reports), exact evidence offsets, and the patterns of issue 4 on real report clauses."""
from __future__ import annotations

import pytest

from tests.eval_indicators import CORE_METRICS, expected_keys, indicator_scores, predicted_keys
from tests.expect import ALL_KEYS, expectation
from transforms.indicators import extract_indicators
from transforms.models import DocumentMeta, Indicator, Section
from transforms.numbers import to_base, to_number

META = DocumentMeta(plan_year=2022, review_year=2021)


def extract(text: str, sections: tuple[Section, ...] = (), meta: DocumentMeta = META) -> list[Indicator]:
    inds = list(extract_indicators(text, sections, meta))
    for i in inds:
        assert text[i.char_start:i.char_end] == i.evidence
    return inds


def plan_part(text: str) -> tuple[Section, ...]:
    """The whole snippet as the year's work plan (三、2022年重点工作)."""
    return (Section(position=1, level=1, numbering="三、", heading="2022年重点工作", kind="body",
                    char_start=0, char_end=len(text)),)


def only(inds: list[Indicator], metric: str) -> Indicator:
    found = [i for i in inds if i.metric == metric]
    assert len(found) == 1, found
    return found[0]


# --- the 14 sample reports ---------------------------------------------------------------------------

@pytest.mark.parametrize("key", ALL_KEYS)
def test_core_indicators_exactly_as_read(reports, key):
    """Every hand-checked core figure is extracted, and no other core figure for the review/plan year."""
    assert expectation(key, "indicators"), f"no expectations for {key}"
    exp, pred = expected_keys(key), predicted_keys(reports[key])
    assert pred == exp, (f"missing {sorted(exp - pred, key=str)}; unexpected {sorted(pred - exp, key=str)}")


@pytest.mark.parametrize("key", ALL_KEYS)
def test_units_as_written(reports, key):
    """Expected values carry their unit as written (亿元, 万亿元, 元)."""
    units = {(i.metric, i.kind, i.year, i.value): i.unit for i in reports[key].indicators if i.value is not None}
    for e in expectation(key, "indicators")["indicator"]:
        if "value" in e:
            assert units[(e["metric"], e["kind"], e.get("year"), e["value"])] == e["unit"]


@pytest.mark.parametrize("key", ALL_KEYS)
def test_evidence_is_the_text_at_its_offsets(reports, key):
    rep = reports[key]
    assert rep.indicators
    for i in rep.indicators:
        assert rep.cleaned.text[i.char_start:i.char_end] == i.evidence
        assert i.evidence.strip() == i.evidence and i.evidence


def test_eval_scores_meet_the_bar(reports):
    for row in indicator_scores(reports):
        assert row["precision"] >= 0.95 and row["recall"] >= 0.95, row


def test_core_metrics_are_all_covered(reports):
    seen = {i.metric for r in reports.values() for i in r.indicators}
    assert set(CORE_METRICS) <= seen


# --- values and units ---------------------------------------------------------------------------------

def test_value_and_growth_in_one_statement():
    # 000_1 (樟树市): 全市实现地区生产总值490.2亿元,增长9%
    text = "新步伐。全市实现地区生产总值490.2亿元,增长9%;完成财政总收入69.6亿元,增长10.8%;"
    gdp = only(extract(text), "gdp")
    assert (gdp.kind, gdp.year, gdp.value, gdp.unit, gdp.growth_pct) == ("actual", 2021, 490.2, "亿元", 9.0)
    assert gdp.value_base == pytest.approx(490.2e8) and gdp.unit_base == "yuan"
    assert gdp.evidence == "全市实现地区生产总值490.2亿元,增长9%"
    total = only(extract(text), "fiscal_revenue_total")
    assert (total.value, total.growth_pct) == (69.6, 10.8)


def test_wan_yi_yuan_and_a_floor():
    # 001_7 (河北省): 全省生产总值突破4万亿元、增长6.5%
    gdp = only(extract("全省生产总值突破4万亿元、增长6.5%,一般公共预算收入增长8.9%。"), "gdp")
    assert (gdp.value, gdp.unit, gdp.value_base, gdp.growth_pct) == (4.0, "万亿元", 4e12, 6.5)


@pytest.mark.parametrize("clause, name, value, unit, base, unit_base", [
    ("城镇居民人均可支配收入43288元,增长9.2%。", "城镇居民人均可支配收入", 43288.0, "元", 43288.0, "yuan"),
    ("主题园区建成标准厂房65.6万平方米。", "主题园区建成标准厂房", 65.6, "万平方米", 656000.0, "square_metre"),
    ("粮食总产量达52.19万吨。", "粮食总产量", 52.19, "万吨", 521900.0, "tonne"),
    ("新增个体工商户4425户,", "新增个体工商户", 4425.0, "户", 4425.0, "household"),
    ("农牧区劳动力转移就业110.5万人次,", "农牧区劳动力转移就业", 110.5, "万人次", 1105000.0, "person_time"),
    ("粮食产量保持在95亿斤左右;", "粮食产量", 95.0, "亿斤", 95e8 * 0.0005, "tonne"),
])
def test_units_and_base_units(clause, name, value, unit, base, unit_base):
    [ind] = [i for i in extract(clause) if i.value is not None]
    assert (ind.metric_name, ind.value, ind.unit, ind.unit_base) == (name, value, unit, unit_base)
    assert ind.value_base == pytest.approx(base)


def test_chinese_and_fullwidth_numerals():
    assert to_number("三十五") == 35.0 and to_number("１２.５") == 12.5
    assert to_base(1.81, "万人") == (18100.0, "person")
    ind = only(extract("城镇新增就业三万人。地区生产总值增长６．５%。"), "new_urban_jobs")
    assert (ind.value, ind.unit, ind.value_base) == (3.0, "万人", 30000.0)
    assert only(extract("城镇新增就业三万人。地区生产总值增长６．５%。"), "gdp").growth_pct == 6.5


def test_other_metric_keeps_its_name_and_points():
    # 001_1 (咸阳市): 全市城镇化率达到57.3%,提高6.8个百分点
    [ind] = extract("全面小康。全市城镇化率达到57.3%,提高6.8个百分点。")
    assert (ind.metric, ind.metric_name, ind.value, ind.unit, ind.unit_base) == ("other", "城镇化率", 57.3, "%", "percent")
    assert (ind.growth_pct, ind.change_kind) == (6.8, "points")


# --- growth -----------------------------------------------------------------------------------------

def test_from_to_is_a_level_not_a_growth():
    # 001_2 (东丽区) and 001_9 (襄阳市): 增加值 is not a verb, 提高到 reaches a level
    inds = extract("工业增加值率由18.9%提高到22.6%,高能耗产业占比下降5个百分点。"
                   "服务业增加值占地区生产总值比重由2016年的39.2%提高到45.1%,古隆中成功创建国家5A级景区。")
    assert [(i.metric_name, i.value, i.unit, i.growth_pct) for i in inds if i.value is not None] == [
        ("工业增加值率", 22.6, "%", None), ("服务业增加值占地区生产总值比重", 45.1, "%", None)]


def test_decline_is_negative_and_points_are_not_growth():
    # 001_2 (东丽区): 高能耗产业占比下降5个百分点
    [ind] = extract("高能耗产业占比下降5个百分点,")
    assert (ind.growth_pct, ind.change_kind) == (-5.0, "points")


def test_flat_is_zero_growth():
    # 004_1 (铁东区)
    ind = only(extract("社会消费品零售总额预计完成26亿元;地方级财政收入完成1.93亿元,与去年持平。"), "general_budget_revenue")
    assert (ind.value, ind.growth_pct, ind.growth_pct_high, ind.kind) == (1.93, 0.0, 0.0, "actual")


@pytest.mark.parametrize("clause", [
    "今年主要预期目标是:国内生产总值增长6.5%—7%,",   # 2016 national report
    "今年主要预期目标是:国内生产总值增长6.5-7%,",     # the same written with a hyphen
])
def test_range_target(clause):
    gdp = only(extract(clause), "gdp")
    assert (gdp.kind, gdp.year, gdp.growth_pct, gdp.growth_pct_high, gdp.qualifier) == ("target", 2022, 6.5, 7.0, "区间")


@pytest.mark.parametrize("clause, growth, qualifier", [
    ("主要预期目标是:全市生产总值增长7.8%以上,在实际工作中尽可能争取更好结果;", 7.8, "以上"),
    ("主要预期目标是:地区生产总值增长5.5%左右;", 5.5, "左右"),
    ("主要预期目标是:地区生产总值按可比口径增长6%;", 6.0, None),
])
def test_target_qualifiers(clause, growth, qualifier):
    gdp = only(extract(clause), "gdp")
    assert (gdp.kind, gdp.year, gdp.growth_pct, gdp.growth_pct_high, gdp.qualifier) == (
        "target", 2022, growth, growth, qualifier)


def test_at_most_is_a_qualifier_too():
    # 001_6 (郴州市)
    inds = extract("主要预期目标是:居民消费价格涨幅控制在3.5%以内;城镇调查失业率控制在5.5%左右。")
    assert (only(inds, "cpi").growth_pct, only(inds, "cpi").qualifier) == (3.5, "以内")
    rate = only(inds, "surveyed_unemployment_rate")
    assert (rate.value, rate.unit, rate.qualifier) == (5.5, "%", "左右")


def test_respectively_with_a_closing_about():
    # 001_1 (咸阳市). 左右 closes the shared predicate 分别增长…左右, so both figures are 左右.
    inds = extract("今年主要预期目标是:城乡居民人均可支配收入分别增长8%、10%左右;粮食产量保持在181万吨以上;")
    urban, rural = only(inds, "urban_disposable_income"), only(inds, "rural_disposable_income")
    assert (urban.growth_pct, urban.qualifier) == (8.0, "左右")
    assert (rural.growth_pct, rural.qualifier) == (10.0, "左右")
    assert urban.evidence == rural.evidence == "城乡居民人均可支配收入分别增长8%、10%左右"


def test_respectively_over_a_list_of_metrics():
    # 001_6 (郴州市)
    text = ("全力打造“一极六区”,地区生产总值、规模工业增加值、固定资产投资、外贸进出口总额、社会消费品零售总额、"
            "地方一般公共预算收入分别比上年增长8.8%、10.1%、9.6%、35.2%、14.6%、12.1%,主要经济指标高于全省平均增速。")
    got = {i.metric: i.growth_pct for i in extract(text)}
    assert got == {"gdp": 8.8, "industrial_value_added": 10.1, "fixed_asset_investment": 9.6, "foreign_trade": 35.2,
                   "retail_sales": 14.6, "general_budget_revenue": 12.1}


def test_respectively_with_an_untracked_first_item():
    # 001_2 (东丽区): the first figure is 商品销售额's, the second 社会消费品零售额's
    text = "过去一年,商品销售额、社会消费品零售额分别增长6.2%和5.8%,"
    assert only(extract(text), "retail_sales").growth_pct == 5.8


def test_both_with_jun():
    # 001_8 (厦门市)
    inds = extract("今年发展的主要预期目标为:城镇居民和农村居民人均可支配收入均增长8%,")
    assert only(inds, "urban_disposable_income").growth_pct == only(inds, "rural_disposable_income").growth_pct == 8.0


def test_one_growth_for_town_and_country_is_each_ones():
    # 001_4 (蓟州区): one growth for 城乡 is the growth of urban and of rural income, as 厦门's 均增长8%
    text = "多渠道增加群众收入,城乡居民人均可支配收入增长8%以上。"
    inds = extract(text, plan_part(text))
    assert sorted((i.metric, i.growth_pct, i.qualifier, i.evidence) for i in inds) == [
        ("rural_disposable_income", 8.0, "以上", "城乡居民人均可支配收入增长8%以上"),
        ("urban_disposable_income", 8.0, "以上", "城乡居民人均可支配收入增长8%以上")]


def test_an_increase_of_a_level_is_not_the_level():
    # 001_1 (咸阳市): 12312元 is how much incomes rose since 2016, not an income
    inds = extract("2021年城乡居民收入分别较2016年增加12312元、5131元。")
    assert not [i for i in inds if i.value in (12312.0, 5131.0)]


def test_untracked_first_item_of_a_list_keeps_its_figure():
    # 001_5 (青海省): 城镇登记失业率 is not tracked, but its 3.5% is a figure of its own
    text = "今年的主要预期目标是:城镇登记失业率、城镇调查失业率全年分别控制在3.5%和5.5%以内;"
    inds = extract(text)
    assert {(i.metric, i.metric_name, i.value, i.qualifier, i.kind, i.year) for i in inds} == {
        ("other", "城镇登记失业率", 3.5, "以内", "target", 2022),
        ("surveyed_unemployment_rate", "城镇调查失业率", 5.5, "以内", "target", 2022)}


def test_grain_output_with_its_subject_earlier_in_the_clause():
    # 003_1 (浏阳市 2024): 产量 after 粮食种植…、 is grain output; the sown area stays 'other'
    text = "扛稳粮食安全重任,确保粮食种植120万亩以上、产量稳定在56万吨以上。"
    inds = extract(text, plan_part(text), DocumentMeta(plan_year=2024, review_year=2023))
    grain = only(inds, "grain_output")
    assert (grain.value, grain.unit, grain.qualifier, grain.kind, grain.year) == (56.0, "万吨", "以上", "target", 2024)
    assert [(i.metric_name, i.value, i.unit) for i in inds if i.metric == "other"] == [("粮食种植", 120.0, "万亩")]


def test_each_growth_goes_with_the_name_before_it():
    # 003_1 (浏阳市): the 11% is 研发投入's, not 智能制造试点企业's
    text = "力争智能制造试点企业达360家以上、高新技术企业达710家以上、研发投入年均增长11%以上。"
    inds = extract(text, plan_part(text), DocumentMeta(plan_year=2024, review_year=2023))
    assert {(i.metric_name, i.value, i.growth_pct, i.evidence) for i in inds} == {
        ("智能制造试点企业", 360.0, None, "力争智能制造试点企业达360家以上"),
        ("高新技术企业", 710.0, None, "高新技术企业达710家以上"),
        ("研发投入", None, 11.0, "研发投入年均增长11%以上")}


@pytest.mark.parametrize("text", [
    "是市委统揽全局的结果,是全市160万人民同心同德、苦干实干的结果。",         # 001_3 (天门市)
    "重点做好以下7个方面工作:",                                                    # 001_1 (咸阳市)
    "负债10万元以下的村全部完成债务化解,",                                          # 001_9 (襄阳市)
    "新签约亿元以上项目,占比52.9%,",                                               # a share of nothing named
    "突出一户一风格、一村一特色,推动民宿差异化发展。",                               # 001_4: numerals in a phrase
    "枣阳第一人民医院成功创建三甲医院;",                                             # 001_9: a name
    "高于全省平均水平37.4个百分点;",                                                 # 001_9: points of what?
    "新建2所学校、2所幼儿园,",                                                       # 001_2: a verb is no name
])
def test_no_junk_other_indicators(text):
    assert extract(text) == []


@pytest.mark.parametrize("text, name", [
    ("全省数字经济增加值预计增长10%,", "数字经济增加值"),                         # 001_7 (河北省)
    ("服务业增加值年均增长7.5%,", "服务业增加值"),                                   # 001_2 (东丽区)
    ("城镇新增就业18.7万人,城镇登记失业率控制在年度目标3.8%以内。", "城镇登记失业率"),  # 001_8 (厦门市)
    ("其中区级税收完成12.3亿元,占比达到56.9%;", "区级税收占比"),                     # 001_4 (蓟州区)
    ("推动442名教师校长交流轮岗,", "教师校长交流轮岗"),                               # 001_4: the noun after
    ("市场主体净增36.4万户,", "市场主体"),                                           # 001_7 (河北省)
])
def test_other_names_say_what_is_measured(text, name):
    assert name in [i.metric_name for i in extract(text) if i.metric == "other"]


# --- kind and year ------------------------------------------------------------------------------------

def test_estimate_covers_its_semicolon_segment():
    # 001_8 (厦门市 2019): GDP is 预计; the fiscal figures after the ；are final
    text = ("预计全年地区生产总值4791.4亿元,增长7.7%;固定资产投资增长10.1%;财政总收入1283.3亿元,增长8.1%,"
            "其中,地方级财政收入754.5亿元,增长8.3%;城乡居民人均可支配收入增幅高于经济增速;")
    inds = extract(text, meta=DocumentMeta(plan_year=2019, review_year=2018))
    assert (only(inds, "gdp").kind, only(inds, "gdp").year) == ("estimate", 2018)
    assert only(inds, "fixed_asset_investment").kind == "actual"
    assert (only(inds, "general_budget_revenue").value, only(inds, "general_budget_revenue").kind) == (754.5, "actual")
    assert only(inds, "fiscal_revenue_total").value == 1283.3       # 其中 ends its figures


def test_target_outside_the_passage_with_lizheng_and_queba():
    # 000_1 (樟树市) and 001_9 (襄阳市): work-plan figures are targets for the plan year
    a = "扩大零售、餐饮、网络等领域消费,力争社会消费品零售总额达146亿元。"
    b = "力争全年竣工投产亿元以上项目260个,确保固定资产投资同比增长12%以上。"
    retail = only(extract(a, plan_part(a)), "retail_sales")
    assert (retail.kind, retail.year, retail.value, retail.unit) == ("target", 2022, 146.0, "亿元")
    fai = only(extract(b, plan_part(b)), "fixed_asset_investment")
    assert (fai.kind, fai.year, fai.growth_pct, fai.qualifier) == ("target", 2022, 12.0, "以上")


def test_average_growth_is_a_period_not_the_year():
    # 001_3 (天门市): the 2021 level is the year's; the 年均 growth is the five years'
    text = "预计全市2021年实现地区生产总值700亿元,年均增长7.3%;固定资产投资年均增长7.36%;"
    inds = extract(text)
    gdp = [i for i in inds if i.metric == "gdp"]
    assert {(i.kind, i.year, i.period, i.value, i.growth_pct) for i in gdp} == {
        ("estimate", 2021, None, 700.0, None), ("estimate", None, "2017-2021", None, 7.3)}
    fai = only(inds, "fixed_asset_investment")
    assert (fai.year, fai.period, fai.growth_pct) == (None, "2017-2021", 7.36)


def test_five_year_review_is_not_the_single_year(reports):
    # 001_6 (郴州市): 经济保持中高速增长,地区生产总值达到2770.1亿元 stands in 本届政府工作回顾 with no year
    gdp = [i for i in reports["001_6"].indicators if i.metric == "gdp" and i.value == 2770.1]
    assert [(i.year, i.period) for i in gdp] == [(None, "2017-2021")]
    # 001_2 (东丽区): 过去五年 … 一般公共预算收入累计完成296.5亿元
    gbr = [i for i in reports["001_2"].indicators if i.metric == "general_budget_revenue" and i.value == 296.5]
    assert [(i.year, i.period) for i in gbr] == [(None, "2017-2021")]


def test_five_year_review_figures_have_the_period(reports):
    # 001_2 (东丽区 2022): 过去五年 … 年均/累计 figures; none of them is labelled 2021
    for i in reports["001_2"].indicators:
        if "年均" in i.evidence or "累计" in i.evidence:
            assert i.year is None and i.period == "2017-2021", i


def test_five_year_targets_are_not_the_plan_year(reports):
    # 001_3 (天门市): 未来五年…总体目标是:地区生产总值突破1000亿元,一般公共预算收入年均增长10%
    inds = [i for i in reports["001_3"].indicators if i.kind == "target" and i.year is None]
    assert {(i.metric, i.value, i.growth_pct, i.period) for i in inds} >= {
        ("gdp", 1000.0, None, "2022-2026"), ("general_budget_revenue", None, 10.0, "2022-2026")}


def test_in_step_with_growth_is_no_value(reports):
    # 001_5 (青海省): 居民收入增长与经济增长基本同步 states no number: no indicator, no error
    assert not extract("今年的主要预期目标是:居民收入增长与经济增长基本同步;")
    for key in ("001_5", "001_9", "001_10"):
        assert not [i for i in reports[key].indicators if "同步" in i.evidence]


def test_shares_and_intensities_are_not_gdp():
    # 001_4 (蓟州区) and 001_9 (襄阳市)
    text = ("万元地区生产总值能耗比2016年底下降21%,圆满完成市下达任务。"
            "服务业增加值占地区生产总值比重由2016年的39.2%提高到45.1%,")
    assert not [i for i in extract(text) if i.metric == "gdp"]


def test_without_headings_the_plan_starts_at_the_target_passage(reports):
    """The same core figures come out when the section tree is missing (headings not found)."""
    for key in ("000_1", "001_8", "004_1"):
        rep = reports[key]
        bare = extract_indicators(rep.cleaned.text, (), rep.meta)
        core = lambda inds: sorted(str((i.metric, i.kind, i.year, i.value, i.growth_pct)) for i in inds
                                   if i.metric in CORE_METRICS and i.period is None)
        assert core(bare) == core(rep.indicators), key


def test_dated_level_after_a_five_year_clause(reports):
    # 001_9 (襄阳市): 经济总量先后跨越4000亿元、5000亿元两个大台阶,2021年达到5309.43亿元
    gdp = [i for i in reports["001_9"].indicators if i.metric == "gdp" and i.year == 2021]
    assert [(i.kind, i.value, i.unit) for i in gdp] == [("actual", 5309.43, "亿元")]
    assert gdp[0].evidence.endswith("2021年达到5309.43亿元")


def test_estimate_covers_its_sentence_before_the_year_has_closed():
    # 001_4 (蓟州区, given 2021-12-12): nothing of 2021 is final yet, so 预计 covers the whole sentence
    import datetime as dt
    text = ("预计2021年,地区生产总值完成238亿元,按可比口径增长6%;一般公共预算收入完成21.6亿元,同比增长5.3%,"
            "其中区级税收完成12.3亿元,占比达到56.9%;全社会固定资产投资结构日趋优化。")
    meta = DocumentMeta(plan_year=2022, review_year=2021, meeting_date=dt.date(2021, 12, 12))
    inds = extract(text, meta=meta)
    assert {(i.metric, i.kind, i.year) for i in inds if i.metric != "other"} == {
        ("gdp", "estimate", 2021), ("general_budget_revenue", "estimate", 2021)}


def test_cumulative_in_the_year_review_is_the_years(reports):
    # 004_1 (铁东区 2021): 截至1月4日,累计集中隔离1185人 is a 2020 COVID figure, not a five-year one
    isolated = [i for i in reports["004_1"].indicators if i.value == 1185.0]
    assert [(i.metric_name, i.year, i.period) for i in isolated] == [("集中隔离", 2020, None)]
    # 001_8 (厦门市 2019): 自贸试验区累计推出361项创新举措 stands in the 2018 review
    measures = [i for i in reports["001_8"].indicators if i.value == 361.0]
    assert [(i.year, i.period) for i in measures] == [(2018, None)]


def test_cumulative_since_a_named_year_is_that_period():
    text = "2016年以来,累计建成高标准农田12万亩,"
    (ind,) = extract(text)
    assert (ind.year, ind.period, ind.value) == (None, "2016-2021", 12.0)


def test_a_named_year_in_the_five_year_targets(reports):
    # 001_1 (咸阳市): 今后五年发展的主要目标是:年均经济增速7%左右,到2026年,全体居民人均可支配收入超过38000元
    income = only(list(reports["001_1"].indicators), "resident_disposable_income")
    assert (income.kind, income.year, income.period, income.value, income.qualifier) == (
        "target", 2026, None, 38000.0, "以上")
    growth = [i for i in reports["001_1"].indicators if i.metric == "gdp" and i.metric_name == "经济增速"]
    assert [(i.year, i.period, i.growth_pct) for i in growth] == [(None, "2022-2026", 7.0)]


def test_thresholds_passed_are_not_a_level(reports):
    # 001_9 (襄阳市): 经济总量先后跨越4000亿元、5000亿元两个大台阶,2021年达到5309.43亿元
    gdp = [(i.year, i.period, i.value) for i in reports["001_9"].indicators if i.metric_name == "经济总量"]
    assert (2021, None, 5309.43) in gdp and not [g for g in gdp if g[2] in (4000.0, 5000.0)]


def test_the_year_after_a_five_year_summary(reports):
    # 001_3 (天门市): 过去五年及2021年工作回顾; after 主要做了六个方面工作: the figures are 2021's
    jobs = [(i.kind, i.year, i.period, i.value, i.unit) for i in reports["001_3"].indicators
            if i.metric == "new_urban_jobs"]
    assert jobs == [("actual", 2021, None, 1.22, "万人"), ("target", 2022, None, 1.0, "万人")]


def test_grain_output_after_a_comma_and_a_cumulative_total_after_a_growth():
    # 001_6 (郴州市): 确保粮食面积稳定在470万亩以上,产量稳定在185万吨以上
    text = "坚决遏制耕地“非农化”、防止“非粮化”,确保粮食面积稳定在470万亩以上,产量稳定在185万吨以上。"
    grain = only(extract(text, plan_part(text)), "grain_output")
    assert (grain.value, grain.qualifier, grain.evidence) == (185.0, "以上", "产量稳定在185万吨以上")
    # 001_1 (咸阳市): the 累计 total after a 年均 growth is the five years' total, not a change
    text = "五年来,固定资产投资年均增长6.9%、累计完成投资10431.5亿元。"
    fai = {(i.year, i.period, i.value, i.growth_pct) for i in extract(text) if i.metric == "fixed_asset_investment"}
    assert fai == {(None, "2017-2021", None, 6.9), (None, "2017-2021", 10431.5, None)}


def test_the_extended_eval_scores_periods_and_other_canonical_metrics(reports):
    from tests.eval_indicators import scored_metrics
    assert {"cpi", "grain_output", "new_urban_jobs", "foreign_trade"} <= set(scored_metrics())
    rows = {r["metric"]: r for r in indicator_scores(reports, scored_metrics(), periods=True)}
    assert rows["all"]["tp"] > sum(r["tp"] for r in indicator_scores(reports) if r["metric"] == "all")
    assert rows["all"]["precision"] >= 0.95 and rows["all"]["recall"] >= 0.95, rows["all"]
