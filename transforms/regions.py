"""Region codes from the vendored GB/T 2260 table (transforms/data/areacodes.csv), valid in a given year."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# 级别 of the table -> our admin_level, refined by name suffix for county-level rows.
_PROVINCE_SUFFIXES = ("省", "自治区", "市", "特别行政区")


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
        if year is None:
            return self.end is None
        return self.start <= year and (self.end is None or year < self.end)


def _level(row: dict[str, str]) -> str:
    lvl = row["级别"]
    if lvl == "省级":
        return "province"
    if lvl == "地级":
        return "prefecture"
    return "district" if row["名称"].endswith("区") else "county"


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


def candidates(name: str, year: int | None = None) -> tuple[Region, ...]:
    """Regions called `name` valid in `year` (all current ones when year is None)."""
    found = tuple(r for r in _by_name().get(name, ()) if r.valid_in(year))
    if not found and year is not None:
        # Codes change a year off from the reports; fall back to any row of that name near the year.
        found = tuple(r for r in _by_name().get(name, ()) if r.start <= year + 1 and (r.end is None or year - 1 < r.end))
    return found


def short_name(name: str) -> str:
    """樟树市 -> 樟树, 青海省 -> 青海: the form reports use in running text."""
    for suf in ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "省", "市", "县", "区", "盟", "旗", "地区"):
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return name[: -len(suf)]
    return name


def known_names() -> frozenset[str]:
    return frozenset(_by_name())
