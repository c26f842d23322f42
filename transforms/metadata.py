"""Identification: who reported, for which years, at which congress session, read from the report's own text.

Everything comes from the report's head (title, delivery line, speaker line) and its part headings; the page
title is only compared against the text (flag title_mismatch), never trusted over it.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from . import regions
from .models import Cleaned, DocumentMeta

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "O": 0, "o": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
# A numeral as dates and congress numbers write it: 2022, 二〇一九, 十二, 二十三.
NUM = r"[0-9０-９〇零○OoＯ一二三四五六七八九十]"
HAN = r"[\u4e00-\u9fff]"

# Where to look for the head: the delivery line sits right after the title, just before the first 各位代表;
# forum dumps can put pages of chrome first, so the head runs to that address (within MAX_HEAD_CHARS).
HEAD_CHARS = 3000
MAX_HEAD_CHARS = 20000

# The congress a report was delivered at: 在樟树市第九届人民代表大会第二次会议上, also the short form
# 在市十五届人大三次会议上 (第 optional, 人大 for 人民代表大会, place possibly just 市); 在 itself is sometimes
# left out right after the date (2014年2月18日县第十五届人民代表大会第三次会议).
# Line breaks may fall anywhere inside it (汉滨区 2025: 第十九届 / 人民代表大会第四次会议上), hence \s*.
# A standing committee (常务委员会) meeting is not a session where work reports are delivered: not matched.
CONGRESS = re.compile(
    rf"(?:在|(?<=[日\n]))\s*(?!在)(?P<place>{HAN}{{0,20}}?)\s*"
    rf"第?(?P<term>{NUM}{{1,3}})\s*届\s*(?:人民代表大会|人大)"
    rf"\s*第?(?P<session>{NUM}{{1,3}})\s*次\s*(?:全体)?\s*会议(?:上)?[)）]?"
)
# The date of that session, written just before the congress phrase (2022年2月18日在…) or just after it.
DATE = re.compile(rf"(?P<y>{NUM}{{4}})\s*年\s*(?P<m>{NUM}{{1,3}})\s*月\s*(?P<d>{NUM}{{1,3}})\s*日")
DATE_WINDOW = 30

# Titles a speaker may carry; the 代 (acting) forms are distinct titles and must be kept as written.
SPEAKER_TITLE = r"(?:代理?|副)?(?:省|市|区|县|州|旗|盟)长|(?:代理?)?主席|(?:代理?)?专员"
# A name: two to four characters, up to six after a title (Mongolian and Tibetan names: 乌云其木格), or a
# transliterated name joined by a middle dot (艾尔肯·吐尼亚孜).
NAME = rf"{HAN}{{1,10}}[·・•]{HAN}{{1,10}}|{HAN}{{2,6}}"
BARE_NAME_MAX = 4
# The speaker line, with layout spaces and the delivery line's closing bracket already stripped:
# 樟树市人民政府市长陈钰, 咸阳市代市长冷劲松, 代省长李乐成, or only a name (吴巨培). A bare place before the
# name is read only when a title follows it, else 政府工作报告 would read as office 政府 + name 工作报告.
SPEAKER_LINE = re.compile(rf"^(?:(?P<org>{HAN}*?人民政府)|(?P<place>{HAN}{{2,12}}?)(?={SPEAKER_TITLE}))?"
                          rf"(?P<title>{SPEAKER_TITLE})?(?P<name>{NAME})$")
ADDRESS = "各位代表"

# Part headings that carry the years: 一、2021年工作回顾 / 一、过去五年及2021年工作回顾 / 一、2020年和"十三五"工作回顾,
# and 二、2022年工作安排 / 三、2022年重点工作 / 二、"十四五"奋斗目标和2021年工作任务 / 二、2024年工作重点.
# A heading starts a line or follows a sentence end (one-line reports run headings into the text).
_HEAD_START = r"(?:^|(?<=[\n。！!；;:：\s]))[一二三四五六七八九十]{1,2}、"
REVIEW_HEADING = re.compile(rf"{_HEAD_START}[^\n。]{{0,15}}?(?P<y>(?:19|20)\d\d)年[^\n。]{{0,15}}?回顾", re.M)
PLAN_HEADING = re.compile(
    rf"{_HEAD_START}(?P<pre>[^\n。]{{0,15}}?)(?P<y>(?:19|20)\d\d)年(?P<post>[^\n。]{{0,8}}?)"
    r"(?:工作|目标|任务|安排|重点|要求)", re.M)
# A title's year and region: 2022年厦门市政府工作报告, [江西] 2022年樟树市政府工作报告.
TITLE = re.compile(rf"(?:(?P<y>(?:19|20)\d\d)年)?[^\u4e00-\u9fff]*(?P<place>{HAN}{{0,20}}?)(?:人民)?政府工作报告")
# Reports delivered from November on plan the following year (东丽区: 2021年12月12日, plan 2022).
LATE_SESSION_MONTH = 11


@dataclass(frozen=True)
class Delivery:
    """The delivery line: when, where and at which congress session the report was given."""

    date: dt.date | None
    place: str
    term: int
    session: int
    start: int
    end: int


class NumeralError(ValueError):
    """A run of numeral characters that is not a number (十十, 二〇十)."""


# Tens-and-units in Chinese numerals: 十, 十五, 二十, 二十三 (terms, sessions, months and days never exceed 99).
_CN_TENS = re.compile(r"(?P<tens>[一二三四五六七八九])?十(?P<ones>[一二三四五六七八九])?")


def cn_int(s: str) -> int:
    """Arabic or Chinese numerals (2022, 二〇一九, 十五, 二十三) to int; NumeralError when malformed."""
    if s.isdigit():
        return int(s)
    if "十" not in s:
        if not all(c in _CN_DIGITS for c in s):
            raise NumeralError(s)
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    m = _CN_TENS.fullmatch(s)
    if not m:
        raise NumeralError(s)
    return (_CN_DIGITS[m["tens"]] if m["tens"] else 1) * 10 + (_CN_DIGITS[m["ones"]] if m["ones"] else 0)


def _compact(text: str) -> str:
    """Drop layout spaces (陈  钰, 政 府 工 作 报 告, 2021 年) but keep line breaks, which separate head lines."""
    return re.sub(r"[ \t\u3000\u00a0]+", "", text)


def _date(m: re.Match[str]) -> dt.date | None:
    try:
        return dt.date(cn_int(m["y"]), cn_int(m["m"]), cn_int(m["d"]))
    except ValueError:          # NumeralError, or a day that does not exist
        return None


def _numerals_ok(m: re.Match[str]) -> bool:
    try:
        cn_int(m["term"]), cn_int(m["session"])
    except NumeralError:
        return False
    return True


def find_delivery(head: str) -> Delivery | None:
    """The congress phrase nearest before the first 各位代表 (else the first in the head) and the date next to it
    (before it, else after it)."""
    addr = head.find(ADDRESS)
    found = [m for m in CONGRESS.finditer(head, 0, addr if addr >= 0 else len(head)) if _numerals_ok(m)]
    m = found[-1] if found else next((m for m in CONGRESS.finditer(head) if _numerals_ok(m)), None)
    if not m:
        return None
    before = list(DATE.finditer(head, max(0, m.start() - DATE_WINDOW), m.start()))
    after = DATE.search(head, m.end(), m.end() + DATE_WINDOW)
    dm = before[-1] if before else after
    start = min(m.start(), dm.start()) if dm else m.start()
    end = max(m.end(), dm.end()) if dm else m.end()
    return Delivery(date=_date(dm) if dm else None, place=m["place"], term=cn_int(m["term"]),
                    session=cn_int(m["session"]), start=start, end=end)


def parse_speaker(line: str) -> tuple[str | None, str | None, str | None]:
    """(office, title, name) from a speaker line such as 铁东区人民政府代区长申洪业; Nones when it is not one."""
    line = re.sub(r"\s+", "", line).strip("()（）[]【】——-—:：,，、")
    m = SPEAKER_LINE.match(line)
    if not m or (not (m["org"] or m["title"]) and len(m["name"]) > BARE_NAME_MAX and "·" not in m["name"]):
        return None, None, None
    return m["org"] or m["place"], m["title"], m["name"]


def find_speaker(head: str, delivery: Delivery | None) -> tuple[str | None, str | None, str | None]:
    """The speaker line sits between the delivery line and 各位代表 (or, in some layouts, just before the
    delivery line); returns (office, title, name)."""
    addr = head.find(ADDRESS, delivery.end if delivery else 0)
    if addr < 0:
        return None, None, None
    # (window, whether a bare name without title or office is believable there)
    windows: list[tuple[str, bool]] = []
    if delivery:
        windows.append((head[delivery.end:addr], True))
        line_start = head.rfind("\n", 0, delivery.start) + 1
        prev_line_start = head.rfind("\n", 0, max(0, line_start - 1)) + 1
        windows.append((head[prev_line_start:line_start], False))
    else:
        windows.append((head[head.rfind("\n", 0, addr) + 1:addr], False))
    for w, bare_ok in windows:
        # Page chrome can sit between the speaker and 各位代表 (2021-08-16 17:31浏览次数:), so each line is
        # tried; a bare name is believed only on the first line after the delivery line.
        lines = [ln for ln in w.split("\n") if re.sub(r"\W", "", ln)]
        for i, ln in enumerate(lines):
            org, title, name = parse_speaker(ln)
            if name and ((bare_ok and i == 0) or title or org):
                return org, title, name
    return None, None, None


def find_years(text: str, meeting_date: dt.date | None, notes: list[str]) -> tuple[int | None, int | None]:
    """(plan_year, review_year) from the part headings; the meeting date fills in what the headings leave out."""
    if not (REVIEW_HEADING.search(text) or PLAN_HEADING.search(text)):
        text = _compact(text)       # headings spaced for layout: 一、2021 年工作回顾
    review = REVIEW_HEADING.search(text)
    review_year = int(review["y"]) if review else None
    by_date = None
    if meeting_date:
        by_date = meeting_date.year + (1 if meeting_date.month >= LATE_SESSION_MONTH else 0)
    # Every later heading with a year past the review is a plan candidate; a sub-heading reusing 一、 inside
    # a five-year review (一、2019年目标任务全面完成) can come first, so the one agreeing with the session wins.
    planned = [int(m["y"]) for m in PLAN_HEADING.finditer(text, review.end() if review else 0)
               if "回顾" not in m.group(0) and "以来" not in m["pre"] + m["post"]
               and (review_year is None or int(m["y"]) > review_year)]
    plan_year = by_date if by_date in planned else (planned[0] if planned else None)
    if plan_year is None:
        plan_year = by_date if by_date else (review_year + 1 if review_year else None)
    elif by_date and by_date != plan_year:
        notes.append(f"years: headings plan for {plan_year} but a session on {meeting_date} would plan for {by_date}")
    if review_year is None and plan_year:
        review_year = plan_year - 1
    if plan_year and review_year and plan_year != review_year + 1:
        notes.append(f"years: review year {review_year} and plan year {plan_year} are not consecutive")
    return plan_year, review_year


def _title_mismatch(title: str | None, plan_year: int | None, review_year: int | None,
                    region: regions.Region | None, notes: list[str]) -> bool:
    """Does the page title name another year (or another region) than the text? The text wins either way.

    A title naming the reviewed year (2020年铁东区政府工作报告 for the report reviewing 2020) agrees with it.
    """
    m = TITLE.search(_compact(title or ""))
    if not m:
        return False
    mismatch = False
    if m["y"] and plan_year and int(m["y"]) not in (plan_year, review_year):
        notes.append(f"title: the page title says {m['y']} but the text plans for {plan_year}, reviewing {review_year}")
        mismatch = True
    split = regions.split_place(m["place"] or "")
    if split and region and split[0] not in (region.name, region.prefecture, region.province):
        notes.append(f"title: the page title names {split[0]} but the text is {region.name}'s report")
        mismatch = True
    return mismatch


def _region(head: str, delivery: Delivery | None, office: str | None, title: str | None,
            text: str, years: tuple[int | None, ...], notes: list[str]) -> regions.Region | None:
    """The government whose report it is: the congress's place, else the speaker's office, else the title.

    What precedes the name (天津市 in 天津市蓟州区, [江西] in a forum title) is kept as a hint for namesakes.
    """
    title_m = TITLE.search(_compact(title or ""))
    opening = re.search(rf"我代表({HAN}{{2,20}}?)人民政府", head)     # 我代表铁东区人民政府,向大会报告工作
    sources = [("delivery line", delivery.place if delivery else None),
               ("speaker line", office.removesuffix("人民政府") if office else None),
               ("title", title_m["place"] if title_m else None),
               ("opening", opening[1] if opening else None)]
    hints = " ".join(filter(None, [title, delivery.place if delivery else None, office]))
    for source, place in sources:
        split = regions.split_place(place) if place else None
        if not split:
            continue
        name = split[0]
        # The plan year first, then the session's year (a December session under a name changed the next
        # January); the first year in which the name has a code at all is the one to resolve in.
        known = [y for y in years if y]
        year = next((y for y in known if regions.candidates(name, y)), known[0] if known else None)
        res = regions.resolve(name, year, text, hints)
        if res.note:
            notes.append(res.note if source == "delivery line" else f"{res.note} (name from the {source})")
        return res.region
    notes.append("region: no delivery line, speaker office or title names the government")
    return None


def identify(cleaned: Cleaned) -> DocumentMeta:
    """DocumentMeta from the cleaned report; what cannot be read stays None with a note saying why."""
    text = cleaned.text
    addr = text.find(ADDRESS, 0, MAX_HEAD_CHARS)
    head = _compact(text[:max(HEAD_CHARS, addr + 200)])
    flags: list[str] = []
    notes: list[str] = []
    delivery = find_delivery(head)
    if delivery is None:
        notes.append("delivery: no 在…第N届人民代表大会第N次会议 line in the head")
    elif delivery.date is None:
        notes.append("delivery: no date next to the congress line")
    meeting_date = delivery.date if delivery else None
    plan_year, review_year = find_years(text, meeting_date, notes)
    office, speaker_title, speaker = find_speaker(head, delivery)
    if speaker is None:
        notes.append("speaker: no speaker line before 各位代表")
    region = _region(head, delivery, office, cleaned.title, text,
                     (plan_year, meeting_date.year if meeting_date else None), notes)
    title = cleaned.title
    if title is None:       # no page title: a title line heading the text plays its part
        lead = TITLE.match(head.lstrip())
        title = lead.group(0) if lead else None
    if _title_mismatch(title, plan_year, review_year, region, notes):
        flags.append("title_mismatch")
    return DocumentMeta(
        title=cleaned.title, plan_year=plan_year, review_year=review_year, meeting_date=meeting_date,
        congress_term=delivery.term if delivery else None, congress_session=delivery.session if delivery else None,
        speaker=speaker, speaker_title=speaker_title,
        region_name=region.name if region else None, region_code=region.code if region else None,
        admin_level=region.level if region else None, province=region.province if region else None,
        prefecture=region.prefecture if region else None, flags=tuple(flags), notes=tuple(notes),
    )
