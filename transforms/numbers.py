"""Numbers as written in the reports: Arabic, full-width and Chinese numerals, units and their base units."""
from __future__ import annotations

import re

import cn2an

# Full-width digits and signs map one-to-one onto ASCII, so offsets into the text stay valid.
FULLWIDTH = str.maketrans("０１２３４５６７８９．％－～", "0123456789.%-~")

NUM = r"\d+(?:\.\d+)?"
# Chinese numerals only count when a unit follows (一个, 两家 would otherwise all become figures).
CNUM = r"[〇零一二两三四五六七八九十百千]+(?:点[〇零一二三四五六七八九]+)?"

# Units as written -> (factor to the base unit, base unit). Longest first in UNIT below.
_MAGNITUDE = {"": 1.0, "千": 1e3, "万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7, "亿": 1e8, "万亿": 1e12}
_BASE_UNITS = {
    "元": (1.0, "yuan"), "美元": (1.0, "usd"),
    "人次": (1.0, "person_time"), "人": (1.0, "person"), "名": (1.0, "person"),
    "吨": (1.0, "tonne"), "斤": (0.0005, "tonne"), "公斤": (0.001, "tonne"),
    "亩": (1.0, "mu"), "公顷": (1e4, "square_metre"), "平方米": (1.0, "square_metre"),
    "平方公里": (1e6, "square_metre"), "公里": (1e3, "metre"), "千米": (1e3, "metre"), "米": (1.0, "metre"),
    "户": (1.0, "household"), "千瓦时": (1.0, "kilowatt_hour"), "度": (1.0, "kilowatt_hour"),
    "千瓦": (1.0, "kilowatt"), "辆": (1.0, "vehicle"), "套": (1.0, "dwelling"), "间": (1.0, "room"),
    "个": (1.0, "count"), "家": (1.0, "count"), "项": (1.0, "count"), "所": (1.0, "count"),
    "座": (1.0, "count"), "条": (1.0, "count"), "场": (1.0, "count"), "件": (1.0, "count"),
    "头": (1.0, "head"), "只": (1.0, "head"), "株": (1.0, "plant"), "标箱": (1.0, "teu"),
}
# 余/多 ("37万余人") says "more than"; it stays in the unit as written and is ignored for the base.
UNIT = "(?:" + "|".join(
    re.escape(m) + "(?:余|多)?" + re.escape(u) if m else re.escape(u)
    for m, u in sorted(((m, u) for m in _MAGNITUDE for u in _BASE_UNITS), key=lambda x: -len(x[0] + x[1]))
) + ")"


def to_number(written: str) -> float:
    """490.2 -> 490.2, 三十五 -> 35.0; raises ValueError for what is not a numeral."""
    written = written.translate(FULLWIDTH)
    if re.fullmatch(NUM, written):
        return float(written)
    return float(cn2an.cn2an(written, "smart"))


def to_base(value: float, unit: str) -> tuple[float | None, str | None]:
    """The amount in its base unit: (490.2, 亿元) -> (4.902e10, yuan); unknown units give (None, None)."""
    if unit in ("%", "％"):
        return value, "percent"
    bare = unit.replace("余", "").replace("多", "")
    for mag in sorted(_MAGNITUDE, key=len, reverse=True):
        if bare.startswith(mag) and bare[len(mag):] in _BASE_UNITS:
            factor, base = _BASE_UNITS[bare[len(mag):]]
            return value * _MAGNITUDE[mag] * factor, base
    return None, None
