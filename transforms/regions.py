"""Region codes from the vendored GB/T 2260 table (transforms/data/areacodes.csv), valid in a given year.

A name alone is not enough: names repeat across provinces (铁东区 is 210302 in 鞍山市 and 220303 in 四平市)
and codes change over time (公主岭市 moved from 四平市 220381 to 长春市 220184 in 2020). `resolve` picks
the row valid in the report's year and, when several remain, lets the report's own words decide.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# The four municipalities: their county-level units have no prefecture (二级行政区 = 直辖).
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")

# County-level units whose name ends in 区 but that are not 市辖区: 神农架林区, 六枝特区 (counted as county).
_NOT_DISTRICT_SUFFIXES = ("林区", "特区")

# Suffixes stripped to get the form running text uses (樟树市 -> 樟树), longest first.
_SHORT_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "自治旗",
                   "地区", "省", "市", "县", "区", "盟", "旗")

# How much a context word in the report's head (title, delivery line, speaker's office) counts against
# one in the running text: the head names the government itself, the body may name any neighbour.
HINT_WEIGHT = 10
# The best candidate must score at least this many times the runner-up to be taken.
DECISIVE_RATIO = 2


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    province: str
    prefecture: str | None     # None for provinces, prefectures and county-level units directly under a province
    level: str                 # province | prefecture | county | district
    start: int
    end: int | None            # exclusive; None while in use

    def valid_in(self, year: int | None) -> bool:
        """In force in `year` (rows run from 启用时间 inclusive to 变更/弃用时间 exclusive); None = in use now."""
        if year is None:
            return self.end is None
        return self.start <= year and (self.end is None or year < self.end)


@dataclass(frozen=True)
class Resolution:
    """The region a name stands for in a report, or None with the reason in `note`."""

    region: Region | None
    note: str | None = None


def _level(row: dict[str, str]) -> str:
    """级别 省级/地级/县级 -> province/prefecture/county/district (CONTRACT.md admin_level rules)."""
    lvl, name = row["级别"], row["名称"]
    if lvl == "省级":
        return "province"
    if lvl == "地级":
        return "prefecture"
    if name.endswith("区") and not name.endswith(_NOT_DISTRICT_SUFFIXES):
        return "district"
    return "county"


@lru_cache(maxsize=1)
def all_regions() -> tuple[Region, ...]:
    """Every row of the table (about 6,800), loaded once."""
    with resources.files("transforms").joinpath("data/areacodes.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for r in rows:
        parent = r["二级行政区"] or None
        if parent == "直辖" or r["级别"] != "县级":
            parent = None
        out.append(Region(code=r["代码"], name=r["名称"], province=r["一级行政区"], prefecture=parent,
                          level=_level(r), start=int(r["启用时间"]),
                          end=int(r["变更/弃用时间"]) if r["变更/弃用时间"] else None))
    return tuple(out)


@lru_cache(maxsize=1)
def _by_name() -> dict[str, tuple[Region, ...]]:
    idx: dict[str, list[Region]] = {}
    for r in all_regions():
        idx.setdefault(r.name, []).append(r)
    return {k: tuple(v) for k, v in idx.items()}


def known_names() -> frozenset[str]:
    return frozenset(_by_name())


def candidates(name: str, year: int | None = None) -> tuple[Region, ...]:
    """Regions called `name` in force in `year` (those in use now when year is None)."""
    return tuple(r for r in _by_name().get(name, ()) if r.valid_in(year))


def short_name(name: str) -> str:
    """樟树市 -> 樟树, 青海省 -> 青海: the form reports use in running text (two characters at least)."""
    for suf in _SHORT_SUFFIXES:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return name[: -len(suf)]
    return name


def split_place(place: str) -> tuple[str, str] | None:
    """The longest known name ending `place`, and what precedes it: 天津市蓟州区 -> (蓟州区, 天津市)."""
    names = known_names()
    for i in range(len(place)):
        if place[i:] in names:
            return place[i:], place[:i]
    return None


def _children(r: Region, year: int | None) -> tuple[Region, ...]:
    """County-level units under a prefecture (or prefectures under a province) in force in `year`."""
    if r.level == "prefecture":
        return tuple(c for c in all_regions() if c.prefecture == r.name and c.province == r.province and c.valid_in(year))
    if r.level == "province":
        return tuple(c for c in all_regions() if c.province == r.name and c.level == "prefecture" and c.valid_in(year))
    return ()


def _markers(r: Region, year: int | None) -> set[str]:
    """Words that point to this region rather than a namesake: its province, its prefecture, its siblings.

    Siblings count by full name only: short forms of districts are everyday words (新华, 和平, 城中).
    """
    words = {r.province, short_name(r.province)}
    if r.prefecture:
        words |= {r.prefecture, short_name(r.prefecture)}
        parent = next((p for p in candidates(r.prefecture, year)
                       if p.province == r.province and p.level == "prefecture"), None)
        if parent:
            words |= {c.name for c in _children(parent, year) if c.name != r.name}
    elif r.level in ("county", "district"):
        # Directly under the province (districts of municipalities, 天门市): its siblings are the province's
        # other directly administered units.
        words |= {c.name for c in all_regions() if c.province == r.province and c.prefecture is None
                  and c.level in ("county", "district") and c.name != r.name and c.valid_in(year)}
    words |= {c.name for c in _children(r, year)}
    return {w for w in words if len(w) >= 2}


def _score(words: set[str], text: str) -> tuple[int, list[str]]:
    """Occurrences of the words in `text`, counting a short form only where its full form is not present."""
    total, seen = 0, []
    for w in sorted(words, key=len, reverse=True):
        n = text.count(w) - sum(text.count(longer) for longer in words if longer != w and w in longer)
        if n > 0:
            total += n
            seen.append(f"{w}×{n}")
    return total, seen


def resolve(name: str, year: int | None, text: str = "", hints: str = "") -> Resolution:
    """The region `name` stands for in a report of `year`, told apart from namesakes by `hints` (the report's
    title, delivery line and speaker's office) and `text` (the whole report). Ambiguity is reported, not guessed.
    """
    cands = candidates(name, year)
    note = None
    if not cands and year is not None:
        # The table's change year and the report's year can be one apart (a report delivered in January
        # under a name changed that year); accept a neighbouring year and say so.
        cands = tuple(dict.fromkeys(r for y in (year - 1, year + 1) for r in candidates(name, y)))
        if cands:
            note = f"region: {name} has no code in force in {year}; used the one in force in an adjacent year"
    if not cands:
        if name in known_names():
            return Resolution(None, f"region: {name} has no code in force in {year} in the code table")
        return Resolution(None, f"region: {name} is not in the code table")
    if len(cands) == 1:
        return Resolution(cands[0], note)
    marks = {r.code: _markers(r, year) for r in cands}
    common = set.intersection(*marks.values())
    scored = []
    for r in cands:
        own = marks[r.code] - common
        h, hseen = _score(own, hints)
        t, tseen = _score(own, text)
        scored.append((h * HINT_WEIGHT + t, r, hseen + tseen))
    scored.sort(key=lambda s: -s[0])
    listing = ", ".join(f"{r.code} {r.prefecture or ''}{r.province}" for _, r, _ in scored)
    best, runner = scored[0], scored[1]
    if best[0] > 0 and best[0] >= DECISIVE_RATIO * runner[0]:
        return Resolution(best[1], f"region: {name} is ambiguous ({listing}); the report's context chose "
                                   f"{best[1].code} ({', '.join(best[2])})")
    evidence = "; ".join(f"{r.code}: {', '.join(seen) or 'no mention'}" for _, r, seen in scored)
    return Resolution(None, f"region: {name} is ambiguous ({listing}) and the report's context does not decide "
                            f"({evidence}); region fields left empty")
