"""The whole per-file pipeline on real samples served in other wrappings: same report, same document."""
from __future__ import annotations

import html

from tests.expect import SAMPLES
from transforms.pipeline import transform_file

LIUYANG = (SAMPLES / "003_04fe9f3a688f1548.txt").read_bytes()


def _as_html_page(raw: bytes, title: str, charset: str = "utf-8") -> bytes:
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in raw.decode("utf-8").split("\n"))
    page = (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{html.escape(title)}</title>'
            '<script>var nav = "首页";</script></head><body><div class="nav">首页 | 政务公开 | 政府工作报告</div>'
            f'<div class="content">{body}</div><div class="footer">主办单位：浏阳市人民政府办公室</div></body></html>')
    return page.encode(charset, errors="ignore")


def test_html_page_with_title_is_the_same_document():
    plain = transform_file(LIUYANG).reports[0]
    page = transform_file(_as_html_page(LIUYANG, "2024年浏阳市政府工作报告_浏阳市人民政府网")).reports[0]
    assert page.document_id == plain.document_id
    assert page.cleaned.text == plain.cleaned.text
    # The page's <title> (site suffix cut) names the report; the bare text title line does not say whose it is.
    assert page.meta.title == "2024年浏阳市政府工作报告"
    assert plain.meta.title == "政府工作报告"
    assert "2024年浏阳市政府工作报告政府工作报告" not in page.cleaned.text


def test_gbk_html_page_is_the_same_document():
    plain = transform_file(LIUYANG).reports[0]
    page = transform_file(_as_html_page(LIUYANG, "2024年浏阳市政府工作报告", charset="gbk")).reports[0]
    assert page.document_id == plain.document_id
