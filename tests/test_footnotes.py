"""Footnote markers leave the text but stay linked to the glossary entry they explain."""
from __future__ import annotations

import duckdb

from transforms.glossary import link_footnotes
from transforms.models import FootnoteRef, GlossaryEntry


def test_bracket_markers_link_by_name(reports):
    rep = reports["003_1"]
    assert len(rep.footnotes) == 45 and all(f.glossary_index is not None for f in rep.footnotes)
    first = rep.footnotes[0]
    assert first.marker == "[1]" and rep.glossary[first.glossary_index].term == "三高四新"
    # The marker stood right after the term it explains: “三高四新”[1].
    assert rep.cleaned.text[first.offset - 6:first.offset] == "“三高四新”"
    assert "[1]" not in rep.cleaned.text[:first.offset + 10]


def test_lost_circled_markers_link_in_order(reports):
    rep = reports["002_1"]
    markers = [f.marker for f in rep.footnotes]
    assert markers[:10] == list("①②③④⑤⑥⑦⑧⑨⑩") and markers[10:] == ["?"] * 10
    terms = [rep.glossary[f.glossary_index].term for f in rep.footnotes]
    assert terms[0] == "四上企业" and terms[10] == "美家美户" and terms[11] == "无废城市"


def test_unmatched_lost_markers_are_not_guessed():
    entries = (GlossaryEntry("?", "甲", "…", 0, 1), GlossaryEntry("?", "乙", "…", 2, 3), GlossaryEntry("[3]", "丙", "…", 4, 5))
    links = link_footnotes((FootnoteRef("?", 10), FootnoteRef("[3]", 20), FootnoteRef("[9]", 30)), entries)
    assert [l.glossary_index for l in links] == [None, 2, None]


def test_footnote_links_reach_the_warehouse(sample_warehouse):
    con = duckdb.connect(str(sample_warehouse), read_only=True)
    try:
        rows = con.execute("""select d.region_name, count(*), count(f.term) from core.footnotes f
                              join reporting_v1.documents d using (document_id) group by 1 order by 1""").fetchall()
        first = con.execute("""select f.marker, f.term from core.footnotes f join reporting_v1.documents d using (document_id)
                               where d.region_name = '浏阳市' order by f.char_offset limit 1""").fetchall()
    finally:
        con.close()
    assert rows == [("句容市", 20, 20), ("浏阳市", 45, 45)]
    assert first == [("[1]", "三高四新")]
