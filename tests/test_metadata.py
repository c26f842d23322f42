"""Identification of the 14 sample reports against hand-checked tests/expectations/<key>/meta.toml, plus unit
tests on real lines from the samples.

meta.toml convention: every DocumentMeta identification field is present; the literal string "NULL" means the
field must be None (TOML has no null); `title_mismatch` is a boolean for the flag of that name; meeting_date
is a TOML local date.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.expect import ALL_KEYS, SAMPLES, expectation, sample_reports
from transforms import metadata, regions
from transforms.metadata import cn_int, find_delivery, find_years, identify, parse_speaker
from transforms.models import Cleaned

FIELDS = ("region_name", "region_code", "admin_level", "province", "prefecture", "plan_year", "review_year",
          "meeting_date", "congress_term", "congress_session", "speaker", "speaker_title")
NULL = "NULL"


def _sample(prefix: str) -> str:
    return next(SAMPLES.glob(f"{prefix}_*.txt")).read_text("utf-8")


@pytest.mark.parametrize("key", ALL_KEYS)
def test_meta_matches_expectation(key: str) -> None:
    exp = expectation(key, "meta")
    assert exp, f"tests/expectations/{key}/meta.toml is missing"
    meta = sample_reports()[key].meta
    got = {f: getattr(meta, f) for f in FIELDS}
    want = {f: (None if exp[f] == NULL else exp[f]) for f in FIELDS}
    assert got == want
    assert ("title_mismatch" in meta.flags) is exp["title_mismatch"]


def test_every_key_has_every_field() -> None:
    for key in ALL_KEYS:
        assert set(FIELDS) | {"title_mismatch"} <= set(expectation(key, "meta")), key


# --- numerals and dates -------------------------------------------------------------------------------

@pytest.mark.parametrize("written, value", [("2022", 2022), ("二〇一九", 2019), ("二○二一", 2021), ("十", 10),
                                            ("十二", 12), ("二十三", 23), ("三十一", 31), ("九", 9)])
def test_cn_int(written: str, value: int) -> None:
    assert cn_int(written) == value


def test_delivery_line_in_chinese_numerals() -> None:
    # samples/001 part 8 (厦门), as the listing page runs it into the title and the speaker line.
    line = "2022年厦门市政府工作报告二〇一九年一月九日在厦门市第十五届人民代表大会第三次会议上厦门市人民政府市长庄稼汉各位代表:"
    d = find_delivery(line)
    assert (d.date, d.place, d.term, d.session) == (dt.date(2019, 1, 9), "厦门市", 15, 3)


def test_delivery_date_on_its_own_line_before_the_congress() -> None:
    # samples/002 (句容), after conversion to simplified script.
    d = find_delivery("——2024年1月10日\n在句容市第十七届人民代表大会第三次会议上\n市长束克之\n各位代表:")
    assert (d.date, d.place, d.term, d.session) == (dt.date(2024, 1, 10), "句容市", 17, 3)


def test_delivery_in_brackets_with_place_prefixed_by_municipality() -> None:
    assert find_delivery("(2021年1月9日在铁东区第九届人民代表大会第六次会议上)").date == dt.date(2021, 1, 9)
    d = find_delivery("2021年12月12日在天津市蓟州区第二届人民代表大会第一次会议上代区长张建宇各位代表")
    assert (d.place, d.term, d.session) == ("天津市蓟州区", 2, 1)


# --- speaker ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("line, office, title, name", [
    ("樟树市人民政府市长  陈  钰", "樟树市人民政府", "市长", "陈钰"),          # samples/000, spaced for layout
    ("咸阳市代市长 冷劲松", "咸阳市", "代市长", "冷劲松"),                     # samples/001 part 1
    ("区长 贾堤", None, "区长", "贾堤"),                                      # part 2
    ("市人民政府市长杨兴铭", "市人民政府", "市长", "杨兴铭"),                   # part 3
    ("代区长张建宇", None, "代区长", "张建宇"),                               # part 4
    ("省长信长星", None, "省长", "信长星"),                                   # part 5
    ("吴巨培", None, None, "吴巨培"),                                         # part 6: no title at all
    ("新疆维吾尔自治区主席 雪克来提·扎克尔", "新疆维吾尔自治区", "主席", "雪克来提·扎克尔"),  # 新疆 2018
    ("河北省人民政府代省长王正谱", "河北省人民政府", "代省长", "王正谱"),         # part 7
    ("市 长 束克之", None, "市长", "束克之"),                                  # samples/002
    (")\n铁东区人民政府代区长 申洪业 \n", "铁东区人民政府", "代区长", "申洪业"),   # samples/004
])
def test_speaker_line_variants(line: str, office: str | None, title: str | None, name: str) -> None:
    assert parse_speaker(line) == (office, title, name)


def test_a_title_line_is_not_a_speaker() -> None:
    assert parse_speaker("政府工作报告") == (None, None, None)
    assert parse_speaker("2022年咸阳市政府工作报告") == (None, None, None)


# --- years -----------------------------------------------------------------------------------------------

def test_years_from_headings_not_title() -> None:
    # 厦门 (samples/001 part 8): headings 一、2018年工作回顾 … 二、2019年主要工作.
    text = "一、2018年工作回顾过去一年,习近平总书记亲自向第二十届投洽会等致贺信。 二、2019年主要工作今年是新中国成立70周年。"
    notes: list[str] = []
    assert find_years(text, dt.date(2019, 1, 9), notes) == (2019, 2018)
    assert notes == []


def test_five_year_review_takes_its_years_from_plan_heading() -> None:
    # 东丽 (part 2): the review heading has no year; the plan heading does.
    text = "一、过去五年工作回顾过去的五年,是东丽经济社会发展极其特殊的五年。 三、2022年主要工作2022年是加快实施“十四五”规划的关键之年。"
    assert find_years(text, dt.date(2021, 12, 12), []) == (2022, 2021)


def test_review_heading_naming_the_five_year_plan() -> None:
    text = "一、2020年和“十三五”工作回顾\n2020年是铁东发展艰苦卓绝的一年。\n二、“十四五”奋斗目标和2021年工作任务\n"
    assert find_years(text, dt.date(2021, 1, 9), []) == (2021, 2020)


def test_december_session_plans_for_next_year_when_headings_say_nothing() -> None:
    assert find_years("各位代表:现在,我代表区人民政府向大会报告工作。", dt.date(2021, 12, 12), []) == (2022, 2021)


# --- whole identification on real heads ------------------------------------------------------------------

def test_raw_forum_head_with_layout_spaces() -> None:
    # samples/000 lines 34-41 as served, before any cleaning: indentation and 陈  钰.
    lines = _sample("000").splitlines()
    start = next(i for i, l in enumerate(lines) if "2022年2月18日" in l)
    head = "\n".join(lines[start - 2:start + 12])
    meta = identify(Cleaned(text=head, script="simplified", title="[江西] 2022年樟树市政府工作报告"))
    assert (meta.speaker, meta.speaker_title, meta.region_code, meta.meeting_date) == (
        "陈钰", "市长", "360982", dt.date(2022, 2, 18))


def test_spaced_title_line_is_tolerated() -> None:
    # samples/004: 政 府 工 作 报 告 spaced for layout above the delivery line.
    head = ("政 府 工 作 报 告\n(2021年1月9日在铁东区第九届人民代表大会第六次会议上)\n铁东区人民政府代区长 申洪业\n"
            "各位代表:\n现在,我代表铁东区人民政府,向大会报告工作,请予审议,并请各位委员提出意见。\n"
            "12.春风计划:2020年3月,吉林省文旅厅推出春风计划,推出13条扶持政策。")
    meta = identify(Cleaned(text=head, script="simplified"))
    assert (meta.speaker, meta.speaker_title, meta.congress_term, meta.congress_session) == ("申洪业", "代区长", 9, 6)
    assert (meta.region_code, meta.province, meta.prefecture) == ("220303", "吉林省", "四平市")


def test_tiedong_without_context_stays_empty_with_a_note() -> None:
    # The opening of samples/004 up to before its first mention of 吉林 or 四平: nothing tells the two 铁东区 apart.
    text = sample_reports()["004_1"].cleaned.text
    cut = min(text.find("吉林"), text.find("四平"))
    assert cut > 500
    meta = identify(Cleaned(text=text[:cut], script="simplified", title="铁东区政府工作报告"))
    assert meta.region_name is None and meta.region_code is None and meta.province is None
    assert meta.admin_level is None and meta.prefecture is None
    assert any("铁东区" in n and "ambiguous" in n and "210302" in n and "220303" in n for n in meta.notes)
    # The rest of the identification does not depend on the region.
    assert (meta.meeting_date, meta.speaker, meta.plan_year) == (dt.date(2021, 1, 9), "申洪业", 2021)


def test_tiedong_resolution_is_explained_in_a_note() -> None:
    meta = sample_reports()["004_1"].meta
    assert any("铁东区" in n and "220303" in n and "吉林" in n for n in meta.notes)


def test_title_mismatch_flag_on_xiamen_only() -> None:
    reps = sample_reports()
    assert [k for k in ALL_KEYS if "title_mismatch" in reps[k].meta.flags] == ["001_8"]
    assert any("2022" in n and "2019" in n for n in reps["001_8"].meta.notes)


def test_title_naming_another_region_is_a_mismatch() -> None:
    text = sample_reports()["001_9"].cleaned.text      # 襄阳's report under 厦门's title
    meta = identify(Cleaned(text=text, script="simplified", title="2022年厦门市政府工作报告"))
    assert meta.region_name == "襄阳市" and "title_mismatch" in meta.flags


def test_title_naming_reviewed_year_is_not_a_mismatch() -> None:
    notes: list[str] = []
    assert not metadata._title_mismatch("2020年铁东区政府工作报告", 2021, 2020, None, notes)
    assert metadata._title_mismatch("2022年厦门市政府工作报告", 2019, 2018, None, notes)


# --- robustness: the same report laid out differently reads the same -------------------------------------

LAYOUT_FIELDS = FIELDS + ("flags",)


@pytest.mark.parametrize("key", ALL_KEYS)
@pytest.mark.parametrize("layout", ["one_line", "indented_crlf", "spaced_head"])
def test_identification_survives_layout(key: str, layout: str) -> None:
    rep = sample_reports()[key]
    text = rep.cleaned.text
    if layout == "one_line":            # the listing page's form: no line breaks at all
        text = text.replace("\n", "")
    elif layout == "indented_crlf":     # page dumps: CRLF and indentation
        text = text.replace("\n", "\r\n    ")
    else:                               # every character of the head spaced out, as 政 府 工 作 报 告
        text = re.sub(r"(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])", " ", text[:600]) + text[600:]
    meta = identify(dataclasses.replace(rep.cleaned, text=text))
    assert [getattr(meta, f) for f in LAYOUT_FIELDS] == [getattr(rep.meta, f) for f in LAYOUT_FIELDS]


def test_spaced_year_headings() -> None:
    text = "一、2021 年工作回顾\n2021年是中国共产党成立100周年。\n二、2022 年工作安排\n2022年是党的二十大召开之年。"
    assert find_years(text, dt.date(2022, 2, 18), []) == (2022, 2021)


def test_year_subheading_inside_five_year_review_does_not_set_plan_year() -> None:
    # 一、 reused as a sub-level inside a five-year review, before the real plan heading (cf. 襄阳, part 9).
    text = ("一、过去五年政府工作回顾过去的五年,是襄阳具有里程碑意义的五年。 一、2019年目标任务全面完成。"
            " 三、2022年重点工作2022年是新一届政府履职的第一年。")
    assert find_years(text, dt.date(2022, 1, 6), []) == (2022, 2021)


def test_line_break_inside_the_congress_phrase() -> None:
    # The head of 汉滨区's 2025 report as its government site prints it (www.hanbin.gov.cn, not a bundled sample).
    head = ("2025年3月21日在汉滨区第十九届\n人民代表大会第四次会议上\n汉滨区人民政府代区长 向诗兵\n各位代表:\n"
            "现在,我代表区人民政府向大会报告工作,请予审议,并请区政协委员和其他列席人员提出意见。\n"
            "一、过去一年工作回顾\n2024年,我们紧扣高质量发展主题,深化拓展“三个年”活动。")
    meta = identify(Cleaned(text=head, script="simplified"))
    assert (meta.meeting_date, meta.congress_term, meta.congress_session) == (dt.date(2025, 3, 21), 19, 4)
    assert (meta.speaker, meta.speaker_title, meta.plan_year, meta.review_year) == ("向诗兵", "代区长", 2025, 2024)
    assert (meta.region_code, meta.admin_level, meta.prefecture) == ("610902", "district", "安康市")


def test_autonomous_region_chairman_with_long_name() -> None:
    # 内蒙古自治区 2001 as printed in 内蒙古年鉴 2002 (nmgqq.com.cn, not a bundled sample): 代主席, five-character name.
    head = ("政府工作报告\n——2001年2月16日在内蒙古自治区第九届人民代表大会第四次会议上\n\n\n    自治区代主席 乌云其木格\n\n"
            "    各位代表:\n        我们胜利完成了自治区经济和社会发展第九个五年计划。现在,我代表自治区人民政府作工作报告。\n"
            "    一、“九五”时期和2000年工作的回顾与总结\n")
    meta = identify(Cleaned(text=head, script="simplified"))
    assert (meta.speaker, meta.speaker_title) == ("乌云其木格", "代主席")
    assert (meta.region_code, meta.admin_level, meta.plan_year, meta.review_year) == ("150000", "province", 2001, 2000)
    assert (meta.meeting_date, meta.congress_term, meta.congress_session) == (dt.date(2001, 2, 16), 9, 4)


def test_county_head_with_spaced_name_and_no_title() -> None:
    # 浮山县 2019 as a newspaper printed it (not a bundled sample): the speaker line is only a spaced name.
    head = ("政府工作报告\n2019年3月2日在浮山县第十六届人民代表大会第四次会议上\n栗 俊 昌\n各位代表:\n"
            "现在,我代表县人民政府向大会报告工作,请予审议,并请县政协委员和其他列席人员提出意见。\n一、2018年工作回顾\n")
    meta = identify(Cleaned(text=head, script="simplified"))
    assert (meta.speaker, meta.speaker_title) == ("栗俊昌", None)
    assert (meta.region_code, meta.admin_level, meta.province, meta.prefecture) == ("141027", "county", "山西省", "临汾市")
    assert (meta.plan_year, meta.review_year, meta.meeting_date) == (2019, 2018, dt.date(2019, 3, 2))


def test_abbreviated_congress_line_takes_the_region_from_the_speaker_line() -> None:
    # 厦门's head (samples/001 part 8) in the short form some sites print: 在市十五届人大三次会议上.
    head = "二〇一九年一月九日在市十五届人大三次会议上\n厦门市人民政府市长 庄稼汉\n各位代表:\n现在,我代表市人民政府向大会报告工作。"
    meta = identify(Cleaned(text=head, script="simplified"))
    assert (meta.meeting_date, meta.congress_term, meta.congress_session) == (dt.date(2019, 1, 9), 15, 3)
    assert (meta.region_code, meta.admin_level, meta.speaker, meta.speaker_title) == ("350200", "prefecture", "庄稼汉", "市长")


def test_no_delivery_line_leaves_fields_empty_with_notes() -> None:
    meta = identify(Cleaned(text="各位代表:\n现在,我代表市人民政府向大会报告工作,请予审议。", script="simplified"))
    assert (meta.meeting_date, meta.congress_term, meta.speaker, meta.region_code, meta.plan_year) == (None,) * 5
    assert any(n.startswith("delivery:") for n in meta.notes) and any(n.startswith("region:") for n in meta.notes)


def test_speaker_line_above_the_delivery_line() -> None:
    # samples/000's head lines in the other order some sites use: speaker first, then the delivery line.
    head = ("2022年樟树市政府工作报告\n樟树市人民政府市长  陈  钰\n——2022年2月18日在樟树市第九届人民代表大会第二次会议上\n"
            "各位代表:\n现在,我代表市人民政府,向大会报告工作。")
    meta = identify(Cleaned(text=head, script="simplified"))
    assert (meta.speaker, meta.speaker_title, meta.region_code) == ("陈钰", "市长", "360982")


def test_title_line_above_the_delivery_line_is_not_read_as_a_speaker() -> None:
    # samples/003's head: the line above the delivery line is the title, the speaker follows it.
    head = "政府工作报告\n2024年1月29日在浏阳市第十八届人民代表大会第四次会议上\n市人民政府市长王雄文\n各位代表:\n"
    assert identify(Cleaned(text=head, script="simplified")).speaker == "王雄文"
    no_speaker = "政务\n2024年1月29日在浏阳市第十八届人民代表大会第四次会议上\n各位代表:\n"
    meta = identify(Cleaned(text=no_speaker, script="simplified"))
    assert meta.speaker is None and any(n.startswith("speaker:") for n in meta.notes)


def test_code_looked_up_in_the_session_year_when_the_plan_year_has_none() -> None:
    # A December 2015 session of 蓟县 (which became 蓟州区 in 2016) planning for 2016: 蓟县 is valid in 2015.
    head = "2015年12月20日在蓟县第十七届人民代表大会第五次会议上\n县长 张三\n各位代表:\n三、2016年主要工作\n"
    meta = identify(Cleaned(text=head, script="simplified"))
    assert (meta.plan_year, meta.region_code, meta.admin_level) == (2016, "120225", "county")
    assert not any("adjacent" in n for n in meta.notes)


def test_page_chrome_between_speaker_and_address() -> None:
    # 围场满族蒙古族自治县 2021 as its government site prints it (weichang.gov.cn, not a bundled sample).
    head = ("政府工作报告—2021年7月29日在围场满族蒙古族自治县第八届人民代表大会第一次会议上自治县人民政府代理县长 孙立良\n"
            "2021-08-16 17:31浏览次数:\n\n\n各位代表:\n\n现在,我代表自治县人民政府向大会报告工作,请予审议。\n\n"
            "一、过去五年发展成就和2021年上半年工作回顾\n")
    meta = identify(Cleaned(text=head, script="simplified"))
    assert (meta.speaker, meta.speaker_title) == ("孙立良", "代理县长")
    assert (meta.region_code, meta.admin_level, meta.prefecture) == ("130828", "county", "承德市")
    assert (meta.meeting_date, meta.congress_term, meta.congress_session) == (dt.date(2021, 7, 29), 8, 1)


def test_delivery_line_without_zai_and_unnamed_county() -> None:
    # A county report printed in a book (zhangyue.com): no 在, no 上, and the county is never named in the head.
    head = ("政府工作报告\n\n——2014年2月18日县第十五届人民代表大会第三次会议\n\n县人民政府县长 吴文凯\n\n各位代表:\n\n"
            "现在,我代表县人民政府,向大会做工作报告,请审议。\n\n一、2013年工作回顾与总结\n")
    meta = identify(Cleaned(text=head, script="simplified"))
    assert (meta.meeting_date, meta.congress_term, meta.congress_session) == (dt.date(2014, 2, 18), 15, 3)
    assert (meta.speaker, meta.speaker_title, meta.plan_year, meta.review_year) == ("吴文凯", "县长", 2014, 2013)
    assert meta.region_code is None and any(n.startswith("region:") for n in meta.notes)


@pytest.mark.parametrize("written", ["十十", "二〇十", "十二三", "三四十"])
def test_malformed_numerals_are_refused(written: str) -> None:
    with pytest.raises(metadata.NumeralError):
        cn_int(written)


@settings(max_examples=300, deadline=None)
@given(key=st.sampled_from(ALL_KEYS), start=st.integers(0, 3000), length=st.integers(0, 4000))
def test_identify_never_fails_on_fragments(key: str, start: int, length: int) -> None:
    """Any fragment of a real report gives a DocumentMeta; a code it names is a row of the table with that name."""
    text = sample_reports()[key].cleaned.text[start:start + length]
    meta = identify(Cleaned(text=text, script="simplified"))
    if meta.region_code:
        assert any(r.code == meta.region_code and r.name == meta.region_name for r in regions.all_regions())
    if meta.plan_year and meta.review_year:
        assert meta.review_year < meta.plan_year or any(n.startswith("years:") for n in meta.notes)
