"""Terms: rjieba agrees with jieba on the sample reports; glossary terms stay one token; counts skip noise."""
from __future__ import annotations

import logging

import pytest

from tests.expect import sample_reports
from transforms.terms import count_terms, dictionary_words, is_content, segment

MIN_AGREEMENT = 0.99


def _body(rep) -> str:
    return "".join(s.body_of(rep.cleaned.text) for s in rep.sections if s.kind == "body")


def _all_glossary_terms() -> tuple[str, ...]:
    return tuple(sorted({g.term for rep in sample_reports().values() for g in rep.glossary}))


def _spans(tokens: list[str]) -> set[tuple[int, int]]:
    out, pos = set(), 0
    for tok in tokens:
        out.add((pos, pos + len(tok)))
        pos += len(tok)
    return out


@pytest.fixture(scope="module")
def jieba_tokenizer():
    """The jieba package with the same user dictionary (same words, same frequencies) as transforms.terms."""
    import jieba
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    for word, freq in dictionary_words(frozenset(_all_glossary_terms())):
        tok.add_word(word, freq)
    return tok


def token_agreement(jieba_tokenizer) -> tuple[int, int]:
    """(tokens of jieba that rjieba also produced, with the same boundaries; all jieba tokens) over the bodies."""
    same = total = 0
    words = _all_glossary_terms()
    for rep in sample_reports().values():
        body = _body(rep)
        ours, theirs = segment(body, words), jieba_tokenizer.lcut(body)
        assert "".join(ours) == body == "".join(theirs)
        same += len(_spans(ours) & _spans(theirs))
        total += len(theirs)
    return same, total


def test_rjieba_gives_jiebas_tokens(jieba_tokenizer, capsys):
    same, total = token_agreement(jieba_tokenizer)
    with capsys.disabled():
        print(f"\nrjieba/jieba token agreement on the 14 sample bodies: {same}/{total} = {same / total:.4%}")
    assert total > 100_000
    assert same / total >= MIN_AGREEMENT


def test_glossary_terms_stay_one_token():
    rep = sample_reports()["000_1"]
    body = _body(rep)
    words = tuple(g.term for g in rep.glossary)
    assert "三区三线" in words
    plain = segment(body)
    assert "三区三线" not in plain and "三区" in plain          # jieba's own dictionary splits it
    tokens = segment(body, words)
    assert tokens.count("三区三线") == body.count("三区三线") == 1   # “三区三线”第一、第二轮试划
    # 六稳 is not in 樟树's glossary but in 铁东's (“六稳”工作): the warehouse's words serve every report.
    all_words = _all_glossary_terms()
    assert segment(body, all_words).count("六稳") == body.count("“六稳”") == 2


def test_added_words_come_out_whole_where_they_occur(capsys):
    words = _all_glossary_terms()
    added = [w for w, _ in dictionary_words(frozenset(words))]
    whole = total = 0
    for rep in sample_reports().values():
        body = _body(rep)
        starts, pos = {}, 0
        for tok in segment(body, words):
            starts[pos] = tok
            pos += len(tok)
        for w in added:
            at = body.find(w)
            while at != -1:
                total += 1
                whole += starts.get(at) == w
                at = body.find(w, at + 1)
    with capsys.disabled():
        print(f"\nglossary words whole in the sample bodies: {whole}/{total}")
    assert total > 100 and whole / total >= 0.95


def test_counts_skip_stop_words_numbers_and_punctuation():
    rep = sample_reports()["000_1"]
    counts = {t.term: t.count for t in count_terms(_body(rep), tuple(g.term for g in rep.glossary))}
    assert counts["三区三线"] == 1
    assert counts["樟树"] >= 5
    for noise in ("的", "我们", "工作", "2021", "490.2", "。", "“", "三大", "第56位", "12.5%"):
        assert noise not in counts
    assert all(is_content(t) for t in counts)
    terms = count_terms(_body(rep))
    assert [t.count for t in terms] == sorted((t.count for t in terms), reverse=True)


def test_counts_do_not_depend_on_what_was_segmented_before():
    rep = sample_reports()["003_1"]
    body = _body(rep)
    first = count_terms(body)
    count_terms(_body(sample_reports()["004_1"]), _all_glossary_terms())
    assert count_terms(body) == first
