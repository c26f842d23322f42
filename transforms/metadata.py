"""Identification: who reported, for which years, at which congress session, read from the report's own text."""
from __future__ import annotations

import datetime as dt
import re

from . import regions
from .models import Cleaned, DocumentMeta

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

# The delivery line: 2022年2月18日在樟树市第九届人民代表大会第二次会议上 (dates may be in Chinese numerals).
NUM = r"[0-9〇零○一二三四五六七八九十]"
MEETING = re.compile(
    rf"(?P<y>{NUM}{{4}})年(?P<m>{NUM}{{1,3}})月(?P<d>{NUM}{{1,3}})日\s*在(?P<place>[\u4e00-\u9fff]{{2,20}}?)"
    rf"第(?P<term>{NUM}{{1,3}})届人民代表大会第(?P<session>{NUM}{{1,3}})次(?:全体)?会议"
)
# Titles a speaker may carry, longest first so 代市长 wins over 市长.
SPEAKER_TITLES = ("代省长", "代主席", "代市长", "代区长", "代县长", "代州长", "代旗长", "代盟长",
                  "省长", "主席", "市长", "区长", "县长", "州长", "旗长", "盟长")
SPEAKER = re.compile(r"(?P<title>" + "|".join(SPEAKER_TITLES) + r")\s*(?P<name>[\u4e00-\u9fff]{2,4}?)\s*(?=各位代表|\n|$)")
SPEAKER_BARE = re.compile(r"(?:会议上|\n)\s*(?P<name>[\u4e00-\u9fff]{2,3})\s*\n?\s*各位代表")
REVIEW = re.compile(r"(?P<y>20\d\d)年(?:和“?十[三四五]五”?(?:时期)?)?工作回顾")
PLAN = re.compile(r"(?P<y>20\d\d)年(?:经济社会发展的?)?(?:主要预期目标|工作(?:安排|任务|重点)|重点工作|总体要求)")


def cn_int(s: str) -> int:
    """Arabic or Chinese numerals (二〇一九, 十五, 二十三) to int."""
    if s.isdigit():
        return int(s)
    if "十" not in s:
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def identify(cleaned: Cleaned) -> DocumentMeta:
    text = cleaned.text
    head = text[:3000]
    flags: list[str] = []
    notes: list[str] = []
    meeting_date = term = session = None
    place = None
    m = MEETING.search(head)
    if m:
        try:
            meeting_date = dt.date(cn_int(m["y"]), cn_int(m["m"]), cn_int(m["d"]))
        except (ValueError, KeyError):
            meeting_date = None
        term, session, place = cn_int(m["term"]), cn_int(m["session"]), m["place"]
    review = REVIEW.search(text)
    review_year = int(review["y"]) if review else None
    plan = PLAN.search(text)
    plan_year = int(plan["y"]) if plan else None
    if meeting_date and plan_year is None:
        plan_year = meeting_date.year + (1 if meeting_date.month >= 11 else 0)
    if plan_year and review_year is None:
        review_year = plan_year - 1
    if review_year and plan_year is None:
        plan_year = review_year + 1
    title_year = re.search(r"(20\d\d)年", cleaned.title or "")
    if title_year and plan_year and int(title_year.group(1)) not in (plan_year, review_year):
        flags.append("title_mismatch")
    sp = SPEAKER.search(head)
    speaker = speaker_title = None
    if sp:
        speaker, speaker_title = sp["name"], sp["title"]
    else:
        bare = SPEAKER_BARE.search(head)
        if bare:
            speaker = bare["name"]
    region = _resolve_region(place, text, plan_year, notes)
    return DocumentMeta(
        title=cleaned.title, plan_year=plan_year, review_year=review_year, meeting_date=meeting_date,
        congress_term=term, congress_session=session, speaker=speaker, speaker_title=speaker_title,
        region_name=region.name if region else None, region_code=region.code if region else None,
        admin_level=region.level if region else None, province=region.province if region else None,
        prefecture=region.prefecture if region else None, flags=tuple(flags), notes=tuple(notes),
    )


def _resolve_region(place: str | None, text: str, year: int | None, notes: list[str]) -> regions.Region | None:
    if not place:
        notes.append("region: no delivery line naming the congress")
        return None
    names = regions.known_names()
    # The congress is named by the government's region, possibly prefixed by its province (天津市蓟州区).
    for i in range(len(place)):
        name = place[i:]
        if name in names:
            cands = regions.candidates(name, year)
            if len(cands) == 1:
                return cands[0]
            if cands:
                scored = sorted(cands, key=lambda r: -(_mentions(text, r)))
                if _mentions(text, scored[0]) > _mentions(text, scored[1]):
                    return scored[0]
                notes.append(f"region: {name} is ambiguous ({', '.join(c.code for c in cands)}) and the text does not decide")
                return None
    notes.append(f"region: {place} not found in the code table")
    return None


def _mentions(text: str, r: regions.Region) -> int:
    score = text.count(regions.short_name(r.province)) * 2
    if r.prefecture:
        score += text.count(regions.short_name(r.prefecture)) * 3
    return score
