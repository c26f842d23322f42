"""Decoding: every sample re-encoded as GB18030, GBK and Big5 must come back exactly, never as silent mojibake."""
from __future__ import annotations

import random

import opencc
import pytest

from tests.expect import sample_files
from transforms.decode import decode_bytes
from transforms.models import DecodeError

SAMPLES = {p.name[:3]: p.read_text("utf-8") for p in sample_files()}
KEYS = sorted(SAMPLES)
# Taiwan-standard forms: plain s2t gives 爲 for 为, which Big5 lacks (Big5 has 為).
_S2T = opencc.OpenCC("s2tw")


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _encodable(text: str, codec: str) -> str:
    """The text without the characters `codec` cannot encode. Used for GBK and Big5, which lack a few symbols
    of the samples (no-break space, •, ©, ∶, ⒔); the assert makes sure no Han character is ever left out."""
    out = []
    for ch in text:
        try:
            ch.encode(codec)
        except UnicodeEncodeError:
            assert not _is_han(ch), f"{ch!r} cannot be encoded in {codec}"
            continue
        out.append(ch)
    return "".join(out)


@pytest.mark.parametrize("key", KEYS)
def test_utf8_sample_decodes_as_utf8(key: str) -> None:
    d = decode_bytes(SAMPLES[key].encode("utf-8"))
    assert (d.text, d.encoding, d.method) == (SAMPLES[key], "utf-8", "utf-8")


@pytest.mark.parametrize("key", KEYS)
def test_gb18030_sample_is_detected(key: str) -> None:
    raw = SAMPLES[key].encode("gb18030")           # GB18030 encodes every Unicode character: nothing dropped
    d = decode_bytes(raw)
    assert (d.text, d.encoding, d.method) == (SAMPLES[key], "gb18030", "detected")


@pytest.mark.parametrize("key", KEYS)
def test_gbk_sample_with_declared_charset(key: str) -> None:
    # Plain GBK cannot encode a few symbols (•, no-break space, ©); they are left out of the expected text.
    text = _encodable(SAMPLES[key], "gbk")
    d = decode_bytes(text.encode("gbk"), declared_charset="GBK")
    assert (d.text, d.encoding, d.method) == (text, "gb18030", "http")


@pytest.mark.parametrize("key", KEYS)
def test_big5_sample_after_conversion_to_traditional(key: str) -> None:
    # Big5 has no simplified forms: convert with OpenCC s2tw first, then leave out the few symbols Big5 lacks.
    text = _encodable(_S2T.convert(SAMPLES[key]), "big5hkscs")
    d = decode_bytes(text.encode("big5hkscs"))
    assert (d.text, d.encoding, d.method) == (text, "big5hkscs", "detected")


def test_wrong_declared_charset_does_not_win() -> None:
    # Big5 bytes decode strictly as GB18030 too, but into rare characters: the declaration must lose.
    trad = _encodable(_S2T.convert(SAMPLES["000"]), "big5hkscs")
    d = decode_bytes(trad.encode("big5hkscs"), declared_charset="gbk")
    assert d.text == trad and d.encoding == "big5hkscs" and d.method == "detected"
    assert "樟樹市" in d.text
    # UTF-8 bytes declared as GBK stay UTF-8; GBK bytes declared as Big5 are read as GB18030.
    assert decode_bytes(SAMPLES["003"].encode("utf-8"), declared_charset="gb2312").text == SAMPLES["003"]
    d = decode_bytes(SAMPLES["004"].encode("gb18030"), declared_charset="big5")
    assert d.text == SAMPLES["004"] and d.encoding == "gb18030"


def test_declared_charset_may_be_a_whole_content_type() -> None:
    d = decode_bytes(SAMPLES["002"].encode("gb18030"), declared_charset="text/html; charset=GB2312")
    assert (d.text, d.encoding, d.method) == (SAMPLES["002"], "gb18030", "http")


def test_html_meta_charset_is_used() -> None:
    body = _encodable(SAMPLES["000"], "gbk")
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>'
    d = decode_bytes(page.encode("ascii") + body.encode("gbk"))
    assert d.method == "meta" and d.encoding == "gb18030"
    assert d.text.endswith(body) and "樟树市人民政府市长" in d.text


def test_wrong_meta_charset_does_not_win() -> None:
    body = _encodable(SAMPLES["003"], "gbk")
    page = '<html><head><meta charset="utf-8"></head><body>'            # the page lies: its bytes are GBK
    d = decode_bytes(page.encode("ascii") + body.encode("gbk"))
    assert (d.encoding, d.method) == ("gb18030", "detected") and d.text.endswith(body)


def test_utf8_bom_and_utf16() -> None:
    text = SAMPLES["003"]
    assert decode_bytes(b"\xef\xbb\xbf" + text.encode("utf-8")).text == text
    assert decode_bytes(text.encode("utf-16")).text == text          # with BOM
    d = decode_bytes(text.encode("utf-16-le"))                       # without BOM: NULs, but not binary
    assert d.text == text


def test_a_truncated_character_is_kept_visible() -> None:
    raw = SAMPLES["003"].encode("gb18030")
    raw = raw[: raw.index("名词解释".encode("gb18030")) + 1]       # cut inside 名
    d = decode_bytes(raw)
    assert d.text.endswith("\ufffd")
    assert "现在,我代表市人民政府向大会报告工作" in d.text


@pytest.mark.parametrize(("raw", "reason"), [
    (b"", "empty"),
    (b"  \n\t ", "empty"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "binary"),
    (b"%PDF-1.7\n", "binary"),
    (b"abc\x00\x01\x02\x03def\x00\xff\xfe\x00" * 50, "binary"),
])
def test_unusable_bytes_are_rejected(raw: bytes, reason: str) -> None:
    with pytest.raises(DecodeError) as exc:
        decode_bytes(raw)
    assert exc.value.reason == reason and exc.value.stage == "decode"
    assert exc.value.detail.endswith(".") and len(exc.value.detail) > 30


def test_random_high_bytes_are_undecodable_not_mojibake() -> None:
    rng = random.Random(7)
    raw = bytes(rng.randrange(0x80, 0x100) for _ in range(4000))
    with pytest.raises(DecodeError) as exc:
        decode_bytes(raw, declared_charset="gbk")
    assert exc.value.reason == "undecodable"
    assert "gb18030" in exc.value.detail               # says which declaration failed
