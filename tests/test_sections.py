"""The heading tree of the 14 sample reports against hand-checked expectations, plus real-snippet unit tests."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.expect import ALL_KEYS, expectation, sample_reports
from transforms.glossary import extract_glossary
from transforms.sections import split_sections


def _structure(key: str) -> dict:
    exp = expectation(key, "structure")
    assert exp, f"tests/expectations/{key}/structure.toml is missing"
    return exp


@pytest.mark.parametrize("key", ALL_KEYS)
def test_level1_headings(key):
    exp = _structure(key)
    secs = sample_reports()[key].sections
    assert [s.heading for s in secs if s.kind == "body" and s.level == 1] == exp["level1_headings"]


@pytest.mark.parametrize("key", ALL_KEYS)
def test_glossary_count(key):
    exp = _structure(key)
    rep = sample_reports()[key]
    assert len(rep.glossary) == exp["glossary_count"]
    if "first_glossary_term" in exp:
        assert rep.glossary[0].term == exp["first_glossary_term"]
    if "last_glossary_marker" in exp:
        assert rep.glossary[-1].marker == exp["last_glossary_marker"]
    terms = {g.term for g in rep.glossary}
    for term in exp.get("glossary_terms_include", []):
        assert term in terms


@pytest.mark.parametrize("key", ALL_KEYS)
def test_level2_and_deeper(key):
    exp = _structure(key)
    secs = sample_reports()[key].sections
    level2 = [s.heading for s in secs if s.kind == "body" and s.level == 2]
    assert len(level2) == exp["level2_count"]
    for heading in exp.get("some_level2_headings", []):
        assert heading in level2
    for prefix in exp.get("level2_heading_prefixes", []):
        assert any(h.startswith(prefix) for h in level2), prefix
    if "level3_count" in exp:
        assert sum(1 for s in secs if s.kind == "body" and s.level == 3) == exp["level3_count"]
    if "appendix_headings" in exp:
        assert [s.heading for s in secs if s.kind == "appendix" and s.heading] == exp["appendix_headings"]


@pytest.mark.parametrize("key", ALL_KEYS)
def test_sections_tile_the_text(key):
    rep = sample_reports()[key]
    text, secs = rep.cleaned.text, rep.sections
    assert secs[0].char_start == 0 and secs[-1].char_end == len(text)
    assert all(a.char_end == b.char_start for a, b in zip(secs, secs[1:]))
    assert all(s.char_start < s.char_end for s in secs)
    assert "".join(s.body_of(text) for s in secs) == text
    assert [s.position for s in secs] == list(range(1, len(secs) + 1))
    by_pos = {s.position: s for s in secs}
    for s in secs:
        if s.level == 1:
            assert s.parent_position is None
        else:
            parent = by_pos[s.parent_position]
            assert parent.position < s.position and parent.level < s.level
    assert secs[0].kind == "preamble" and "各位代表" in secs[0].body_of(text)
    # Every heading section's own text starts with its marker, as written.
    for s in secs:
        if s.kind == "body":
            assert s.body_of(text).startswith(s.numbering)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="一二三十、(（)）12.。:：\n 工作回顾年各位代表附件名词解释注释[]①⑩?“”政府自身建设期第统", max_size=200))
def test_tiling_holds_for_any_text(text):
    secs = split_sections(text)
    assert "".join(s.body_of(text) for s in secs) == text
    assert all(s.char_start < s.char_end for s in secs)
    assert all((s.parent_position is None) == (s.level == 1) for s in secs)
    for g in extract_glossary(text, secs):
        assert 0 <= g.char_start < g.char_end <= len(text)


# Real snippets from the listing page (001): a space before every 一、 in the raw page, so both forms are tried.
PART_2_OF_QINGHAI = ("各位代表:现在,我代表省人民政府向大会报告工作。 一、2021年工作回顾2021年是青海发展历史上具有里程碑意义的一年。"
                     " 二、2022年主要目标和重点工作今年是实施“十四五”规划的关键一年。 一、聚焦聚力“四地”建设,坚定不移走高质量发展之路。"
                     "“四地”建设,是习近平总书记精准把脉青海。 二、聚焦聚力打造青藏高原生态文明高地,坚定不移做“中华水塔”守护人。"
                     "努力在建立以国家公园为主体的自然保护地体系上走在前头,向着国家所有、保护第{gap}一、全民共享、世代传承的国家公园"
                     "典范目标扎实迈进,让绿水青山永远成为青海的优势和骄傲。")


@pytest.mark.parametrize("gap", ["", " "])
def test_di_yi_is_not_a_heading(gap):
    text = PART_2_OF_QINGHAI.format(gap=gap)
    secs = split_sections(text)
    assert not any(s.heading and s.heading.startswith("全民共享") for s in secs)
    assert [s.numbering for s in secs if s.kind == "body"] == ["一、", "二、", "一、", "二、"]


@pytest.mark.parametrize("gap", ["", " "])
def test_phases_yi_er_qi_are_not_headings(gap):
    text = ("各位代表: 一、2018年工作回顾过去一年,我们做了很多工作。 四、坚持拓空间、优环境,城市功能品质得到新提升。"
            f"环东海域新城334个项目完成投资506亿元,滨海酒店群加快建设,滨海旅游浪漫线{gap}一、二期基本建成。"
            "马銮湾新城234个项目完成投资243亿元。")
    assert [s.numbering for s in split_sections(text) if s.kind == "body"] == ["一、"]


@pytest.mark.parametrize("gap", ["", " "])
def test_tong_yi_is_not_a_heading(gap):
    text = ("各位代表: 一、过去五年政府工作回顾过去的五年很不平凡。 二、今后五年工作的总体安排今后五年很关键。"
            " 三、2022年重点工作2022年是新一届政府履职的第一年。"
            "围绕实现上述目标,我们将重点做好以下十个方面的工作: 一、全力以赴推动经济增长稳中快进坚持思想向稳增长"
            f"统{gap}一、政策向稳增长倾斜、投入向稳增长集聚,以更加全面的“稳”保障更高质量的“进”。")
    secs = [s for s in split_sections(text) if s.kind == "body"]
    assert [(s.level, s.numbering) for s in secs] == [(1, "一、"), (1, "二、"), (1, "三、"), (2, "一、")]
    assert not any(s.heading.startswith("政策向稳增长") for s in secs)


def test_industries_enumeration_is_not_a_heading():
    # 铁东 2021: a sentence-initial 一、 that enumerates 一、二、三产业.
    text = ("各位代表:\n一、2020年和“十三五”工作回顾\n高质量发展的产业格局明显优化。一、二、三产业协调发展,经济综合实力显着增强。\n"
            "二、“十四五”奋斗目标和2021年工作任务\n")
    secs = [s for s in split_sections(text) if s.kind == "body"]
    assert [(s.numbering, s.heading) for s in secs] == [
        ("一、", "2020年和“十三五”工作回顾"), ("二、", "“十四五”奋斗目标和2021年工作任务")]


def test_yi_reused_as_sublevel_inside_a_part():
    # 东丽 2022, run together as on the listing page.
    text = ("各位代表:现在,我代表区人民政府向大会报告工作。 一、过去五年工作回顾过去的五年,是东丽极不平凡的五年。"
            "对此,我们必须毫不回避、认真解决。 二、今后五年目标任务百围之木,始于勾萌;万里之途,起于跬步。"
            "围绕深入贯彻落实区第十二次党代会安排部署,重点做好八个方面工作。 一、深入落实京津冀协同发展战略。扭住北京非首都功能"
            "疏解的“牛鼻子”。 二、深度融入“双城”发展格局。以引领“津城”品质提升为目标。 三、着力推进创新驱动发展。建设国家级"
            "科技创新平台。 三、2022年主要工作2022年是加快实施“十四五”规划的关键之年。重点抓好六个方面工作。"
            " 一、聚焦实体经济,着力构建现代产业体系。东丽经济要有质量。 四、加强政府自身建设始终坚持把党的全面领导贯穿于政府工作全局。")
    secs = split_sections(text)
    body = [(s.level, s.numbering, s.heading) for s in secs if s.kind == "body"]
    assert body == [
        (1, "一、", "过去五年工作回顾"), (1, "二、", "今后五年目标任务"),
        (2, "一、", "深入落实京津冀协同发展战略"), (2, "二、", "深度融入“双城”发展格局"), (2, "三、", "着力推进创新驱动发展"),
        (1, "三、", "2022年主要工作"), (2, "一、", "聚焦实体经济,着力构建现代产业体系"), (1, "四、", "加强政府自身建设"),
    ]
    by_pos = {s.position: s for s in secs}
    assert by_pos[secs[3].parent_position].heading == "今后五年目标任务"


def test_line_based_report_with_glossary_appendix():
    # 樟树 2022: parts, (一), 1., then 附件 / 名词注释 whose 1. 3. entries are glossary, not headings.
    text = ("2022年樟树市政府工作报告\n各位代表:\n一、2021年工作回顾\n一年来,主要工作及成效体现在:\n(一)综合实力稳步提升\n"
            "1.工业提速增效。坚持强攻工业不动摇。\n2.农业稳中调优。全面落实粮食安全责任制。\n二、2022年工作安排\n"
            "2022年是党的二十大召开之年。\n三、持续提升政府效能\n1.旗帜鲜明讲政治。深学笃行。\n"
            "樟树市九届人大二次会议秘书处 2022年2月印\n附件\n名词注释\n"
            "1.瞪羚企业:极具创新活力和发展速度,如同羚羊善于跳跃和奔跑的高科技企业。\n"
            "3.三区三线:“三区”是指城镇空间、农业空间、生态空间。")
    secs = split_sections(text)
    assert [(s.kind, s.level, s.numbering, s.heading, s.parent_position) for s in secs] == [
        ("preamble", 1, None, None, None), ("body", 1, "一、", "2021年工作回顾", None),
        ("body", 2, "(一)", "综合实力稳步提升", 2), ("body", 3, "1.", "工业提速增效", 3), ("body", 3, "2.", "农业稳中调优", 3),
        ("body", 1, "二、", "2022年工作安排", None), ("body", 1, "三、", "持续提升政府效能", None),
        ("body", 3, "1.", "旗帜鲜明讲政治", 7), ("glossary", 1, None, "名词注释", None),
    ]
    assert "秘书处" in secs[-2].body_of(text)
    assert secs[-1].body_of(text).startswith("附件\n名词注释\n1.瞪羚企业")
    gloss = extract_glossary(text, secs)
    assert [(g.marker, g.term) for g in gloss] == [("1.", "瞪羚企业"), ("3.", "三区三线")]
    assert gloss[1].definition == "“三区”是指城镇空间、农业空间、生态空间。"
    assert text[gloss[0].char_start:gloss[0].char_end].startswith("1.瞪羚企业:")


def test_untitled_footnote_run_is_a_glossary():
    # 句容 2024: the report ends, then ① … lines and '?' lines where the circled numbers were lost.
    text = ("各位代表:\n一、2023年工作回顾\n深入实施“美家美户”行动。\n"
            "各位代表,磨砺始得玉成,笃行方能致远。坚定不移推进中国式现代化句容新实践!\n"
            "①“四上”企业:规模以上工业企业、资质等级建筑业企业、限额以上批零住餐企业、国家重点服务业企业等这四类规模以上企业的统称。\n"
            "?“两高一低”: 指高耗能、高排放、低水平的项目。\n"
            "?“四零”目标:零进京、零登记、零上访、零通报。")
    secs = split_sections(text)
    assert [(s.kind, s.heading) for s in secs] == [("preamble", None), ("body", "2023年工作回顾"), ("glossary", None)]
    gloss = extract_glossary(text, secs)
    assert [(g.marker, g.term) for g in gloss] == [("①", "四上企业"), ("?", "两高一低"), ("?", "四零目标")]
    assert gloss[1].definition == "指高耗能、高排放、低水平的项目。"


def test_appendix_table_of_contents_and_glossary_appendix():
    # 铁东 2021: a list of the attachments, then 附件1 (10 民生工程, an appendix) and 附件2 (名词释义, a glossary).
    text = ("各位代表:\n一、2020年和“十三五”工作回顾\n过去一年很不平凡。\n附件1:2021年10项民生工程\n"
            "附件2:《政府工作报告》名词释义\n附件1:\n2021年10项民生工程\n1.完成城乡饮水安全一体化提升工程,解决4个乡镇43个屯集中供水问题。\n"
            "2.完成叶赫镇供水工程,提升叶赫镇区和双合村居民饮水质量。\n附件2:\n《政府工作报告》名词释义\n"
            "1.“六稳”工作:稳就业、稳金融、稳外贸、稳外资、稳投资、稳预期工作。\n"
            "15.一主、六双:“一主”即《长春经济圈规划》,\n“六双”分别为双廊。")
    secs = split_sections(text)
    assert [(s.kind, s.numbering, s.heading) for s in secs] == [
        ("preamble", None, None), ("body", "一、", "2020年和“十三五”工作回顾"), ("appendix", None, None),
        ("appendix", "附件1", "2021年10项民生工程"), ("glossary", "附件2", "《政府工作报告》名词释义")]
    gloss = extract_glossary(text, secs)
    assert [(g.marker, g.term) for g in gloss] == [("1.", "六稳工作"), ("15.", "一主、六双")]
    # A definition broken over two lines stays one entry.
    assert gloss[1].definition == "“一主”即《长春经济圈规划》,\n“六双”分别为双廊。"
    assert gloss[1].char_end == len(text)


def test_next_part_after_a_sublist_of_the_same_length():
    # 东丽 2022 with part 二's list cut to two items: 三、 continues both the sub-list and the parts.
    text = ("各位代表:现在,我代表区人民政府向大会报告工作。 一、过去五年工作回顾过去的五年,是东丽极不平凡的五年。"
            " 二、今后五年目标任务百围之木,始于勾萌。重点做好八个方面工作。 一、深入落实京津冀协同发展战略。扭住北京非首都功能"
            "疏解的“牛鼻子”。 二、深度融入“双城”发展格局。以引领“津城”品质提升为目标。"
            " 三、2022年主要工作2022年是加快实施“十四五”规划的关键之年。重点抓好六个方面工作。"
            " 一、聚焦实体经济,着力构建现代产业体系。东丽经济要有质量。 二、聚焦创新引领,着力壮大发展新动能。东丽要发展。"
            " 三、聚焦绿色生态,着力打造最优城市环境。建设现代化的美丽东丽。")
    body = [(s.level, s.numbering) for s in split_sections(text) if s.kind == "body"]
    assert body == [(1, "一、"), (1, "二、"), (2, "一、"), (2, "二、"), (1, "三、"), (2, "一、"), (2, "二、"), (2, "三、")]
