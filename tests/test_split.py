"""Splitting pages into reports: the listing page 001 holds ten, every other sample one."""
from __future__ import annotations

import pytest

from tests.expect import sample_files
from transforms.clean import page_text
from transforms.decode import decode_bytes
from transforms.split import split_reports

PAGES = {p.name[:3]: page_text(decode_bytes(p.read_bytes()).text) for p in sample_files()}

# Read off the listing page: the title line before each one-line report, in page order.
LISTING_TITLES = ["2022年咸阳市政府工作报告", "2022年东丽区政府工作报告", "2022年天门市政府工作报告",
                  "2022年蓟州区政府工作报告", "2022年青海省政府工作报告", "2022年郴州市政府工作报告",
                  "2022年河北省政府工作报告", "2022年厦门市政府工作报告", "2022年襄阳市政府工作报告",
                  "2022年辽宁省政府工作报告"]


def test_listing_page_gives_ten_reports_with_their_page_titles() -> None:
    parts = split_reports(PAGES["001"])
    assert [p.page_title for p in parts] == LISTING_TITLES
    assert [p.index for p in parts] == list(range(1, 11))
    for p in parts:
        assert PAGES["001"][p.start:p.end] == p.text
        assert "\n" not in p.text and "各位代表" in p.text
        assert "2025-07-02" not in p.text and "有想补充的信息" not in p.text
    # Each part begins where its report begins (东丽 has only 政府工作报告, 蓟州 starts at its date line).
    assert parts[0].text.startswith("2022年咸阳市政府工作报告2022年3月28日在咸阳市第九届")
    assert parts[1].text.startswith("政府工作报告2021年12月12日在东丽区第十八届")
    assert parts[3].text.startswith("2021年12月12日在天津市蓟州区第二届")
    assert parts[7].text.startswith("2022年厦门市政府工作报告二〇一九年一月九日")
    assert parts[9].text.endswith("谱写全面建设社会主义现代化强国的辽宁篇章!")


def test_listing_variants_without_dash_and_with_blank_lines() -> None:
    lines = PAGES["001"].split("\n")
    no_dash = "\n".join(ln for ln in lines if ln.strip() != "-")
    spaced = "\n\n".join(lines)
    for page in (no_dash, spaced):
        parts = split_reports(page)
        assert [p.page_title for p in parts] == LISTING_TITLES
        assert all(page[p.start:p.end] == p.text for p in parts)


@pytest.mark.parametrize(("key", "title"), [
    ("000", "[江西] 2022年樟树市政府工作报告"),
    ("002", None),                                   # no title line at all: the page starts at the date line
    ("003", "政府工作报告"),
    ("004", "2020年完美体育365_365娱乐场体育投注_365bet投注技巧铁东区政府工作报告"),   # spam goes in clean
])
def test_single_report_pages_give_one_part(key: str, title: str | None) -> None:
    parts = split_reports(PAGES[key])
    assert len(parts) == 1
    assert (parts[0].index, parts[0].page_title, parts[0].text) == (1, title, PAGES[key])


def test_one_listing_entry_alone_is_a_single_report_page() -> None:
    lines = PAGES["001"].split("\n")
    page = "\n".join(lines[:4])                      # -, title, report, date
    parts = split_reports(page)
    assert len(parts) == 1 and parts[0].text == page
    assert parts[0].page_title == "2022年咸阳市政府工作报告"
