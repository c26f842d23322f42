"""The GB/T 2260 lookup: levels, validity by year, and namesakes told apart by the report's context."""
from __future__ import annotations

from tests.expect import sample_reports
from transforms import regions
from transforms.regions import candidates, resolve, split_place


def _one(name: str, year: int) -> regions.Region:
    found = candidates(name, year)
    assert len(found) == 1, found
    return found[0]


def test_levels_follow_the_contract() -> None:
    assert _one("江西省", 2022).level == "province"
    assert _one("厦门市", 2019).level == "prefecture"          # sub-provincial city
    assert _one("海北藏族自治州", 2022).level == "prefecture"
    assert _one("樟树市", 2022).level == "county"              # county-level city
    assert _one("天门市", 2022).level == "county"              # province-administered county-level city
    assert _one("东丽区", 2022).level == "district"            # district of a municipality
    assert _one("神农架林区", 2022).level == "county"          # a 林区 is not a 市辖区


def test_prefecture_is_null_where_the_contract_says() -> None:
    assert _one("樟树市", 2022).prefecture == "宜春市"
    for name in ("江西省", "厦门市", "东丽区", "天门市"):
        assert _one(name, 2022).prefecture is None, name


def test_code_valid_in_the_reports_year() -> None:
    # 公主岭市 moved from 四平市 (220381) to 长春市 (220184) in 2020.
    old, new = _one("公主岭市", 2019), _one("公主岭市", 2021)
    assert (old.code, old.prefecture) == ("220381", "四平市")
    assert (new.code, new.prefecture) == ("220184", "长春市")
    # 蓟县 became 蓟州区 in 2016; 襄樊市 was renamed 襄阳市 in 2010 keeping its code.
    assert _one("蓟县", 2015).code == "120225" and candidates("蓟县", 2017) == ()
    assert _one("蓟州区", 2017).code == "120119" and candidates("蓟州区", 2015) == ()
    assert _one("襄樊市", 2009).code == _one("襄阳市", 2022).code == "420600"


def test_adjacent_year_is_accepted_with_a_note() -> None:
    # A report planning for 2016 from the 蓟县 congress held in January 2016, the year the code changed.
    res = resolve("蓟县", 2016)
    assert res.region.code == "120225" and "adjacent year" in res.note


def test_unknown_name_gives_a_note() -> None:
    res = resolve("雄安新区", 2022)
    assert res.region is None and "not in the code table" in res.note


def test_split_place_keeps_the_prefix_as_context() -> None:
    assert split_place("天津市蓟州区") == ("蓟州区", "天津市")
    assert split_place("樟树市") == ("樟树市", "")
    assert split_place("市") is None


def test_tiedong_two_namesakes() -> None:
    assert {r.code for r in candidates("铁东区", 2021)} == {"210302", "220303"}


def test_tiedong_resolved_by_the_reports_text() -> None:
    text = sample_reports()["004_1"].cleaned.text          # names 吉林省文旅厅 and 四平, never 辽宁 or 鞍山
    res = resolve("铁东区", 2021, text)
    assert (res.region.code, res.region.prefecture, res.region.province) == ("220303", "四平市", "吉林省")
    assert "ambiguous" in res.note


def test_tiedong_resolved_by_a_hint_in_the_title() -> None:
    # A forum-style title naming the province, as samples/000 does ([江西] 2022年樟树市政府工作报告).
    res = resolve("铁东区", 2021, "", hints="[辽宁] 2021年铁东区政府工作报告")
    assert res.region.code == "210302" and res.region.prefecture == "鞍山市"


def test_tiedong_without_context_is_not_guessed() -> None:
    res = resolve("铁东区", 2021, "现在,我代表铁东区人民政府,向大会报告工作,请予审议,并请各位委员提出意见。")
    assert res.region is None
    assert "ambiguous" in res.note and "210302" in res.note and "220303" in res.note


def test_sibling_shared_by_both_namesakes_does_not_decide() -> None:
    # Both 鞍山市 and 四平市 have a 铁西区: naming it says nothing about which 铁东区 this is.
    res = resolve("铁东区", 2021, "铁东区与铁西区共建产业园。")
    assert res.region is None


def test_short_name() -> None:
    assert regions.short_name("樟树市") == "樟树"
    assert regions.short_name("新疆维吾尔自治区") == "新疆"
    assert regions.short_name("东区") == "东区"               # too short to strip


def test_parent_valid_in_the_year() -> None:
    # 浮山县 was under 临汾地区 (142629) until 临汾 became a prefecture-level city in 2000 (141027).
    assert (_one("浮山县", 1999).code, _one("浮山县", 1999).prefecture) == ("142629", "临汾地区")
    assert (_one("浮山县", 2019).code, _one("浮山县", 2019).prefecture) == ("141027", "临汾市")
    assert _one("临汾地区", 1999).level == "prefecture"


def test_namesake_districts_in_one_province_told_apart_by_city() -> None:
    # Four 鼓楼区 (南京, 徐州, 福州, 开封); two share 江苏省, so only the city can decide.
    assert len(candidates("鼓楼区", 2022)) == 4
    res = resolve("鼓楼区", 2022, "在南京市委、市政府的坚强领导下,鼓楼区全年地区生产总值增长5%。")
    assert res.region.code == "320106"
    assert resolve("鼓楼区", 2022, "在省委、省政府和市委的坚强领导下。").region is None


def test_tiedong_decided_by_the_city_before_it_in_the_delivery_line() -> None:
    # 在四平市铁东区第九届人民代表大会…: the prefix names the city.
    assert resolve("铁东区", 2021, "", hints="四平市铁东区").region.code == "220303"
    assert resolve("铁东区", 2021, "", hints="鞍山市铁东区").region.code == "210302"
