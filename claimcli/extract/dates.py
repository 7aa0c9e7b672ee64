"""Dates, ranges and durations, resolved against the article's publication date
(ANNOTATION.md, "Dates and durations").

Steps (ja-timex style): named regex fragments find candidate expressions in the
normalized sentence → the longest non-overlapping ones are kept → each is
resolved (relative words against the publication date, 同日/前日/翌日 against
the date last mentioned, day-only dates by the sentence's tense) → adjacent
points joined by から/~ become one range.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from claimcli.data import table
from claimcli.extract.context import Context
from claimcli.extract.numbers import parse_number
from claimcli.extract.tense import is_past
from claimcli.text.sentence import Sentence

POINT, RANGE, DURATION = "point", "range", "duration"
UNRESOLVED = "unresolved"
LEAP_YEAR = 2000  # a day and month with no year are checked against a leap year (2月29日 is a date)

# ---- named fragments --------------------------------------------------------
_NUM = r"(?:\d{1,4}|[〇一二三四五六七八九十]{1,5})"
_FREE = r"(?<![\d.A-Za-z第])"  # a number that is not part of a code or an ordinal


def _date_words(kind: str) -> dict[str, int]:
    return {row[0]: int(row[2]) for row in table("date_words.tsv") if len(row) >= 3 and row[1] == kind}


# The words of the date rules are package data (date_words.tsv), extended by CLAIMS_DATA_DIR.
_YEAR_WORDS = _date_words("year")
_ANCHOR_YEAR = _date_words("anchor_year")
_MONTH_WORDS = _date_words("month")
_ANCHOR_MONTH = _date_words("anchor_month")
_DAY_WORDS = _date_words("day")
_ANCHOR_DAY = _date_words("anchor_day")
_START_DAY = _date_words("start_day")  # the first day of the event last named (a range's start)
_WEEK_WORDS = _date_words("week")
_ERAS = _date_words("era")
_HALVES = {row[0]: row[2] for row in table("date_words.tsv") if len(row) >= 3 and row[1] == "half"}
_WEEKDAYS = "月火水木金土日"


def _alt(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


# `前年比`, `前年同期比`: the base of a comparison, not a date.
_NOT_COMPARED = r"(?!比|同期)"


# What may not follow N年 for it to name a year: then it counts years.
_COUNTS_YEARS = (
    r"(?!間|連続|以内|以上|ぶり|来|を経|にわた|にあた|になる|が経|が過ぎ|を迎え|余|近く"
    r"|前(?!半)|後(?!半)|目|生|代|版|式|型|分|超|弱|強)"
)
# `発足から10年`: after から, a two-digit 年 counts years.
_SINCE = "から"
_YEAR = (
    rf"(?:(?P<yword>{_alt([*_YEAR_WORDS, *_ANCHOR_YEAR])}){_NOT_COMPARED}"
    rf"|(?P<era>{_alt(_ERAS)})(?P<eray>元|{_NUM})年"
    rf"|{_FREE}(?P<y>{_NUM})年{_COUNTS_YEARS})(?P<fy>度)?"
)
_MONTH = rf"(?:(?P<mword>{_alt([*_MONTH_WORDS, *_ANCHOR_MONTH])}){_NOT_COMPARED}|{_FREE}(?P<m>{_NUM})月(?!間|期|分))"
_DAY = (
    rf"(?:(?P<dword>{_alt([*_DAY_WORDS, *_ANCHOR_DAY, *_START_DAY])}){_NOT_COMPARED})?"
    rf"(?:{_FREE}(?P<d>{_NUM})日(?!間|本|連続|以内|程度|ぶり|後|前|分))?"
)
_PART = rf"(?P<part>末|初め|初頭|{_alt(_HALVES)}|上旬|中旬|下旬|初旬|半ば|中(?=に|は|の|、|まで|で))?"
_WEEKDAY = rf"(?:\s?\((?P<wd>[{_WEEKDAYS}])(?:曜日?)?\))?"
_TIME = r"(?:\s?(?P<ampm>午前|午後)?(?P<h>\d{1,2})時(?:(?P<mi>\d{1,2})分|(?P<half>半))?)?"

# Every point starts with a digit or a date word: the lookahead spares the
# engine an empty match at every other position.
_WORDS = [*_YEAR_WORDS, *_ANCHOR_YEAR, *_MONTH_WORDS, *_ANCHOR_MONTH, *_DAY_WORDS, *_ANCHOR_DAY, *_START_DAY, *_ERAS]
_POINT_START = rf"(?=[\d〇一二三四五六七八九十{''.join(sorted({w[0] for w in _WORDS}))}])"  # from the words themselves
_POINT = re.compile(rf"{_POINT_START}(?:{_YEAR}(?:の)?)?\s?(?:{_MONTH})?\s?{_DAY}{_PART}{_WEEKDAY}{_TIME}")
_WEEKDAY_ALONE = re.compile(rf"(?P<wd>[{_WEEKDAYS}])曜日?")
_WEEK = re.compile(rf"(?P<week>{_alt(_WEEK_WORDS)})")
_DAY_RANGE = re.compile(
    rf"(?:{_YEAR})?\s?(?:{_MONTH})?{_FREE}(?P<d1>{_NUM})日?(?:[~\-]|から)(?P<d2>{_NUM})日(?!間)"
)
_MONTH_RANGE = re.compile(
    rf"(?:{_YEAR}(?:の)?)?\s?{_FREE}(?P<m1>{_NUM})月?(?:[~\-〜]|から)(?P<m2>{_NUM})月(?!間|期|分)"
)
_LISTED_DAYS = re.compile(
    rf"(?:{_YEAR})?\s?(?:{_MONTH})?{_FREE}(?P<d1>{_NUM})日?(?:と|、)(?P<d2>{_NUM})日(?!間|本|以内|程度|後|前)"
)
_QUARTER = re.compile(rf"(?:{_YEAR}(?:の)?)?\s?(?:第(?P<q>[1-4一二三四])四半期|Q(?P<q2>[1-4])(?!\d)|(?P<q3>[1-4])Q)")
_MONTHS_COUNTER = r"(?:か月|カ月|ヶ月|ヵ月|ケ月|箇月)"
_FIRST_MONTHS = re.compile(
    rf"(?:{_YEAR}(?:の)?)?\s?(?:年初来の?|年初から|最初の|初めの)(?P<n>{_NUM}){_MONTHS_COUNTER}間?"
)
_YEAR_RANGE = re.compile(rf"{_FREE}(?P<y1>(?:19|20)\d{{2}})年?[~\-〜](?P<y2>(?:19|20)\d{{2}}|\d{{2}})年")
# `所要日数を10日に`: after these, N日 is a length of days.
_LENGTH_DAYS = re.compile(rf"(?<=日数を|日数は|日数が|期間を|期間は|工期を|工期は)(?P<n>{_NUM})(?P<unit>日)(?!間)")
_BOTH_DAYS = re.compile(rf"(?:{_YEAR})?\s?(?:{_MONTH})?{_FREE}(?P<d1>{_NUM})日?、(?P<d2>{_NUM})(?:の)?両日")
_UNITS = {
    "年": "Y",
    "年間": "Y",
    "か月": "M",
    "カ月": "M",
    "ヶ月": "M",
    "ヵ月": "M",
    "ケ月": "M",
    "箇月": "M",
    "週": "W",
    "週間": "W",
    "日": "D",
    "日間": "D",
    "時間": "H",
    "分": "MIN",
    "分間": "MIN",
    "秒間": "S",
}
_DURATION = re.compile(
    rf"(?P<pre>今後|過去|この|ここ|あと|残り|約|およそ|最長|最大)?{_FREE}(?P<n>{_NUM}|半)"
    r"(?P<unit>年間|年|か月間?|カ月間?|ヶ月間?|ヵ月間?|ケ月間?|箇月間?|週間|日間|時間|分間|秒間"
    r"|日(?=以内|以上|程度|近く|余り|あまり))"  # `7日以内` is a length; `7日` alone a day
    r"(?P<post>以内|以上|程度|近く|余り|あまり|連続|ぶり|(?=にわた|にあた|になる|が経|が過ぎ|を経|を迎え|で|の間))?"
)
_SLASHED = re.compile(
    r"(?<![\d/.\-])(?P<y>(?:19|20)\d{2})(?P<sep>[/.\-])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d/.\-])"
)
_HALF_CENTURY = re.compile(r"(?P<half>半世紀|四半世紀)")
_OFFSET = re.compile(
    rf"{_FREE}(?P<n>{_NUM})(?P<unit>年|か月|カ月|ヶ月|ヵ月|ケ月|週間|日)(?P<dir>前|後)(?!半)"
)
_RANGE_JOINERS = ("から", "~", "-")


# ---- values ------------------------------------------------------------------
@dataclass(frozen=True)
class When:
    """A calendar point known to some precision; None parts are unknown."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    half: str | None = None  # H1/H2
    week: tuple[int, int] | None = None  # ISO (year, week)

    def iso(self) -> str:
        if self.week:
            return f"{self.week[0]}-W{self.week[1]:02d}"
        if self.half and self.year:
            return f"{self.year}-{self.half}"
        y, m, d = self.year, self.month, self.day
        if y is not None:
            return f"{y:04d}" + (f"-{m:02d}" + (f"-{d:02d}" if d else "") if m else "")
        if m is not None:
            return f"--{m:02d}" + (f"-{d:02d}" if d else "")
        return f"---{d:02d}" if d is not None else UNRESOLVED

    @property
    def full(self) -> date | None:
        try:
            return date(self.year, self.month, self.day) if self.year and self.month and self.day else None
        except ValueError:
            return None


@dataclass(frozen=True)
class DateMention:
    start: int  # span in the sentence's normalized text
    end: int
    text: str
    value: str
    kind: str
    extra: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"text": self.text, "value": self.value, "kind": self.kind, **self.extra}


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    kind: str  # which pattern: point, range, duration, offset, week, weekday
    groups: dict


# ---- finding -----------------------------------------------------------------
def _holding(*words: str) -> re.Pattern:
    """Text that holds one of the words."""
    return re.compile("|".join(map(re.escape, words)))


# A numeral's last character, and the units a duration or an offset counts in.
_NUM_END = "[\\d〇一二三四五六七八九十]"
_COUNTED = "年|か月|カ月|ヶ月|ヵ月|ケ月|箇月|週間|日|時間|分間|秒間"
# A point names a year, month or day (年, 月, 日 or a date word: `_is_date_like`).
_POINT_NEEDS = _holding("年", "月", "日", *(w for w in _WORDS if not any(c in w for c in "年月日")))

# (kind, pattern, a part every match of the pattern holds): a cheap prefilter, so that a
# pattern that may start anywhere is only run on the few sentences that hold its part.
_PATTERNS = [
    ("range", _DAY_RANGE, re.compile(rf"(?:[~\-]|から){_NUM}日")),
    ("listed", _LISTED_DAYS, re.compile(rf"[と、]{_NUM}日")),
    ("months", _MONTH_RANGE, re.compile(rf"(?:[~\-〜]|から){_NUM}月")),
    ("quarter", _QUARTER, _holding("四半期", "Q")),
    ("first_months", _FIRST_MONTHS, _holding("年初", "最初の", "初めの")),
    ("years", _YEAR_RANGE, _holding("年")),
    ("duration", _LENGTH_DAYS, _holding("日数", "期間", "工期")),
    ("range", _BOTH_DAYS, _holding("両日")),
    ("point", _SLASHED, re.compile(r"\d[/.\-]\d")),
    ("point", _POINT, _POINT_NEEDS),
    ("offset", _OFFSET, re.compile(rf"(?:{_COUNTED})[前後]")),
    ("duration", _DURATION, re.compile(rf"(?:{_NUM_END}|半)(?:{_COUNTED})")),
    ("duration", _HALF_CENTURY, _holding("半世紀")),
    ("week", _WEEK, _holding(*_WEEK_WORDS)),
    ("weekday", _WEEKDAY_ALONE, _holding("曜")),
]


def _candidates(text: str) -> list[_Found]:
    found = []
    for priority, (kind, pattern, needs) in enumerate(_PATTERNS):
        if not needs.search(text):
            continue
        for m in pattern.finditer(text):
            start, end = m.start(), _trim_end(text, m.start(), m.end())
            if end > start and _is_date_like(kind, m.groupdict(), text[:start]):
                found.append((end - start, -priority, _Found(start, end, kind, m.groupdict())))
    chosen: list[_Found] = []
    taken: set[int] = set()
    for _, _, f in sorted(found, key=lambda t: (-t[0], -t[1], t[2].start)):
        if not taken.intersection(range(f.start, f.end)):
            chosen.append(f)
            taken.update(range(f.start, f.end))
    return sorted(chosen, key=lambda f: f.start)


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " の":
        end -= 1
    return end


def _is_date_like(kind: str, g: dict, before: str) -> bool:
    if kind == "duration":  # a bare `15年` names a year; `今後3年`, `3年で`, `から10年` count years
        return (
            g.get("unit") != "年"
            or g.get("n") == "半"
            or bool(g.get("pre"))
            or g.get("post") is not None
            or before.endswith(_SINCE)
        )
    if kind == "listed":  # 19日と20日: consecutive days of one event; 19日と25日 are two days
        return _num(g["d1"]) is not None and _num(g["d2"]) == _num(g["d1"]) + 1
    if kind != "point":
        return True
    if not any(g.get(k) for k in ("yword", "era", "y", "mword", "m", "dword", "d")):
        return False
    if g.get("y") is None or g.get("m") is not None:
        return True
    return _year_number(g["y"]) is not None and not (len(g["y"]) == 2 and before.endswith(_SINCE))


def _num(text: str | None) -> int | None:
    if text is None:
        return None
    if text.isdigit():
        return int(text)
    number = parse_number(text)
    return int(number.value) if number is not None and number.value == int(number.value) else None


def _year_number(text: str) -> int | None:
    """A written year: four digits, or two (`24年6月`, `15年に発足`)."""
    n = _num(text)
    if n is None:
        return None
    if len(text) == 4 or n >= 1000:
        return n
    if len(text) == 2 and text.isdigit():
        return 2000 + n if n <= 49 else 1900 + n
    return None


def points_back(sentence: Sentence) -> bool:
    """Whether the sentence names a day by the event it points back to (`当日`, `同日`, `初日`)."""
    return any(word in sentence.normalized for word in (*_ANCHOR_DAY, *_START_DAY))


# ---- resolving ---------------------------------------------------------------
def extract(sentence: Sentence, context: Context) -> list[DateMention]:
    text = sentence.normalized
    mentions: list[DateMention] = []
    points: list[tuple[DateMention, When | None]] = []
    for f in _candidates(text):
        mention, when = _resolve(sentence, f, context)
        if mention is None:
            continue
        mentions.append(mention)
        if mention.kind == POINT:
            points.append((mention, when))
            if when is not None and when.iso() != UNRESOLVED:
                context.anchor = context.start = when
    return _join_ranges(sentence, mentions, points, context)


def _resolve(sentence: Sentence, f: _Found, ctx: Context) -> tuple[DateMention | None, When | None]:
    g = f.groups
    if f.kind == "duration":
        return _duration(sentence, f), None
    if f.kind in ("range", "listed", "months"):
        return _range(sentence, f, ctx, "m" if f.kind == "months" else "d"), None
    if f.kind in ("quarter", "first_months", "years"):
        return _period(sentence, f, ctx), None
    if f.kind == "offset":
        when = When() if _from_an_undated_event(sentence.normalized, f.start) else _offset(g, ctx)
    elif f.kind == "week":
        when = _week(g, ctx)
    elif f.kind == "weekday":
        when = _weekday(sentence, f, ctx)
    else:
        when = _point(sentence, f, ctx)
    if when is None:
        return None, None
    extra = _extras(g)
    value = when.iso()
    return DateMention(f.start, f.end, sentence.original(f.start, f.end), value, POINT, extra), when


def _from_an_undated_event(text: str, start: int) -> bool:
    """`完成から3年後`: an offset counted from an event the sentence gives no date."""
    return text.endswith(_SINCE, 0, start) and not text[:start - len(_SINCE)].endswith(("日", "月", "年"))


def _period(sentence: Sentence, f: _Found, ctx: Context) -> DateMention | None:
    """A quarter (`2024年第2四半期`), the first N months of a year (`年初来の3カ月間`)
    or a range of years (`2025〜26年`): the interval of its months or years; with
    no year written, the publication year."""
    g = f.groups
    if f.kind == "years":
        first, last = int(g["y1"]), _num(g["y2"])
        last = last if last >= 100 else first // 100 * 100 + last
        value = f"{first}/{last}" if first < last else None
    else:
        year = _year(g, ctx.published, ctx.anchor)
        if year is False:
            return None
        year = year if year is not None else (ctx.published.year if ctx.published else None)
        if f.kind == "quarter":
            q = _num(g.get("q") or g.get("q2") or g.get("q3"))
            months = (3 * q - 2, 3 * q)
        else:
            n = _num(g["n"])
            months = (1, n) if n and 1 < n <= 12 else None
        value = None if months is None else "/".join(
            f"{year}-{m:02d}" if year else f"--{m:02d}" for m in months)
    if value is None:
        return None
    return DateMention(f.start, f.end, sentence.original(f.start, f.end), value, RANGE)


def _extras(g: dict) -> dict:
    extra = {}
    if g.get("fy"):
        extra["calendar"] = "fiscal"  # 2025年度: April 2025 to March 2026
    if g.get("h"):
        hour = int(g["h"]) + (12 if g.get("ampm") == "午後" and int(g["h"]) < 12 else 0)
        minute = int(g["mi"]) if g.get("mi") else (30 if g.get("half") else 0)
        extra["time"] = f"{hour:02d}:{minute:02d}"
    return extra


def _point(sentence: Sentence, f: _Found, ctx: Context) -> When | None:
    g = f.groups
    pub, anchor = ctx.published, ctx.anchor
    year = _year(g, pub, anchor)
    if year is False:
        return None
    month = _month(g, pub, anchor)
    if month is False:
        return None
    day = _num(g.get("d"))
    if day is not None and not 1 <= day <= 31:
        return None
    if g.get("dword") and day is None:
        return _day_word(g["dword"], pub, ctx.start if g["dword"] in _START_DAY else anchor)
    if isinstance(month, tuple):  # 今月, 先月, 同月: year and month together
        year, month = month if month[0] is not None or year is None else (year, month[1])
    if year is None and month is not None and pub is not None and not (g.get("yword") or g.get("era")):
        year = _year_by_tense(month, day, pub, is_past(sentence, f.end))
    if year is None and month is None and day is not None:
        year, month = _month_by_tense(day, pub, anchor, is_past(sentence, f.end), g.get("dword"))
    half = _HALVES.get(g.get("part") or "")
    if half and month is None:
        return When(year, half=half)
    if month and day and day > calendar.monthrange(year or LEAP_YEAR, month)[1]:
        return None  # 2月31日: no day of the calendar, so no date
    return When(year, month, day)


def _year(g: dict, pub: date | None, anchor: When | None):
    """The year written or implied; None when not given; False when not a year."""
    if g.get("yword") in _YEAR_WORDS:
        return pub.year + _YEAR_WORDS[g["yword"]] if pub else None
    if g.get("yword") in _ANCHOR_YEAR:
        base = anchor.year if anchor and anchor.year else (pub.year if pub else None)
        return base + _ANCHOR_YEAR[g["yword"]] if base else None
    if g.get("era"):
        n = 1 if g["eray"] == "元" else _num(g["eray"])
        return _ERAS[g["era"]] + n if n else False
    if g.get("y"):
        year = _year_number(g["y"])
        return year if year is not None else False
    return None


def _month(g: dict, pub: date | None, anchor: When | None):
    """A month number; (year, month) for a relative month word; None; False when invalid."""
    word = g.get("mword")
    if word in _MONTH_WORDS or word in _ANCHOR_MONTH:
        base = pub if word in _MONTH_WORDS else _anchor_date(anchor, pub)
        if base is None:
            return (None, None)
        shift = _MONTH_WORDS.get(word, _ANCHOR_MONTH.get(word, 0))
        y, m = divmod(base.year * 12 + base.month - 1 + shift, 12)
        return (y, m + 1)
    m = _num(g.get("m"))
    if g.get("m") is None:
        return None
    return m if m is not None and 1 <= m <= 12 else False


def _anchor_date(anchor: When | None, pub: date | None) -> date | None:
    if anchor and anchor.year and anchor.month:
        return date(anchor.year, anchor.month, anchor.day or 1)
    return pub


def _day_word(word: str, pub: date | None, anchor: When | None) -> When | None:
    if word in _DAY_WORDS:
        return _shift_day(When(pub.year, pub.month, pub.day) if pub else When(), _DAY_WORDS[word])
    base = anchor or (When(pub.year, pub.month, pub.day) if pub else When())
    return _shift_day(base, _ANCHOR_DAY.get(word, _START_DAY.get(word, 0)))


def _shift_day(base: When, days: int) -> When:
    if base.full:
        try:
            d = base.full + timedelta(days=days)
        except OverflowError:  # 9999年12月31日の翌日
            return When()
        return When(d.year, d.month, d.day)
    if base.day is not None and 1 <= base.day + days <= 28:
        return replace(base, day=base.day + days)
    return base if days == 0 else When()


def _year_by_tense(month: int, day: int | None, pub: date, past: bool) -> int:
    """`11月6日` in an article of 2025-11-09: this year if that fits the tense."""
    later = (month, day or 1) > (pub.month, pub.day) if day else month > pub.month
    earlier = (month, day or 31) < (pub.month, pub.day) if day else month < pub.month
    if past and later:
        return pub.year - 1
    if not past and earlier:
        return pub.year + 1
    return pub.year


def _month_by_tense(day: int, pub: date | None, anchor: When | None, past: bool, word: str | None):
    """`23日`: the latest such day on or before publication for a past event, the
    earliest on or after it for a planned one (前日19日 takes the anchor's month)."""
    if word and anchor and anchor.month:
        return anchor.year, anchor.month
    if pub is None:
        return None, None
    y, m = pub.year, pub.month
    if past and day > pub.day:
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    elif not past and day < pub.day:
        y, m = (y, m + 1) if m < 12 else (y + 1, 1)
    if day > calendar.monthrange(y, m)[1]:
        return None, None
    return y, m


def _offset(g: dict, ctx: Context) -> When | None:
    """`5か月後`, `2年前`: counted from the date last mentioned, else publication."""
    n = _num(g["n"])
    base = (
        ctx.anchor
        if ctx.anchor and ctx.anchor.year
        else (When(ctx.published.year, ctx.published.month, ctx.published.day) if ctx.published else None)
    )
    if n is None or base is None:
        return When() if n is not None else None
    sign = -1 if g["dir"] == "前" else 1
    unit = _UNITS.get(g["unit"], "D")
    if unit == "Y":
        return _in_calendar(When(base.year + sign * n))
    if unit == "M" and base.month:
        y, m = divmod(base.year * 12 + base.month - 1 + sign * n, 12)
        return _in_calendar(When(y, m + 1))
    if base.full:
        return _shift_day(base, sign * n * (7 if unit == "W" else 1))
    return When()


def _in_calendar(when: When) -> When:
    """A point the calendar has (years 1 to 9999); else unresolved."""
    return when if when.year is None or 1 <= when.year <= 9999 else When()


def _week(g: dict, ctx: Context) -> When:
    if ctx.published is None:
        return When()
    d = ctx.published + timedelta(weeks=_WEEK_WORDS[g["week"]])
    iso = d.isocalendar()
    return When(week=(iso.year, iso.week))


def _weekday(sentence: Sentence, f: _Found, ctx: Context) -> When:
    if ctx.published is None:
        return When()
    target = _WEEKDAYS.index(f.groups["wd"])
    shift = (target - ctx.published.weekday()) % 7
    if is_past(sentence, f.end):
        shift = shift - 7 if shift else 0
    d = ctx.published + timedelta(days=shift)
    return When(d.year, d.month, d.day)


def _duration(sentence: Sentence, f: _Found) -> DateMention | None:
    g = f.groups
    if g.get("half") in ("半世紀", "四半世紀"):
        value = "P50Y" if g["half"] == "半世紀" else "P25Y"
        return DateMention(f.start, f.end, sentence.original(f.start, f.end), value, DURATION)
    unit = g["unit"].removesuffix("間") if g["unit"] not in ("時間", "週間") else g["unit"]
    code = _UNITS[unit if unit in _UNITS else g["unit"]]
    amount = 0.5 if g["n"] == "半" else _num(g["n"])
    if amount is None:
        return None
    value = _iso_duration(amount, code)
    extra = {}
    qualifier = {
        "約": "approx",
        "およそ": "approx",
        "程度": "approx",
        "近く": "approx",
        "以内": "up_to",
        "最長": "up_to",
        "最大": "up_to",
        "以上": "over",
        "余り": "over",
        "あまり": "over",
    }
    for word in (g.get("pre"), g.get("post")):
        if word in qualifier:
            extra["qualifier"] = qualifier[word]
    return DateMention(f.start, f.end, sentence.original(f.start, f.end), value, DURATION, extra)


def _iso_duration(amount: float, code: str) -> str:
    if amount == 0.5:
        amount, code = {"Y": (6, "M"), "M": (15, "D"), "D": (12, "H"), "W": (84, "H")}.get(
            code, (amount, code)
        )
    n = int(amount) if amount == int(amount) else amount
    if code in ("H", "MIN", "S"):
        return f"PT{n}{'M' if code == 'MIN' else code}"
    return f"P{n}{code}"


def _range(sentence: Sentence, f: _Found, ctx: Context, part: str) -> DateMention | None:
    """`16～18日`, `2025年1〜5月`: from one day (part `d`) or month (`m`) to a later
    one of the same unit, one range; the second takes what the first says."""
    g = f.groups
    a, b = _num(g[f"{part}1"]), _num(g[f"{part}2"])
    if a is None or b is None or not 1 <= a < b <= (31 if part == "d" else 12):
        return None
    first = _point(sentence, replace(f, kind="point", groups={**g, part: str(a)}), ctx)
    if first is None:
        return None
    last = replace(first, day=b) if part == "d" else replace(first, month=b)
    if part == "d" and first.iso() != UNRESOLVED:
        ctx.anchor = ctx.start = first
    return DateMention(f.start, f.end, sentence.original(f.start, f.end), f"{first.iso()}/{last.iso()}", RANGE)


def _join_ranges(
    sentence: Sentence, mentions: list[DateMention], points: list[tuple[DateMention, When | None]],
    context: Context,
) -> list[DateMention]:
    """`来年7月から9月`, `同日から2月8日`: two points joined by から or ~ are one range;
    the second takes the year and month it leaves out from the first."""
    text = sentence.normalized
    whens = {id(m): w for m, w in points}
    out: list[DateMention] = []
    for m in mentions:
        prev = out[-1] if out else None
        joiner = text[prev.end : m.start] if prev else ""
        if (
            prev
            and prev.kind == POINT
            and m.kind == POINT
            and joiner in _RANGE_JOINERS
            and whens.get(id(prev))
            and whens.get(id(m))
        ):
            a, b = whens[id(prev)], whens[id(m)]
            b = When(
                b.year if b.year is not None or b.month is None else a.year,
                b.month if b.month is not None or b.day is None else a.month,
                b.day,
            )
            out[-1] = DateMention(
                prev.start, m.end, sentence.original(prev.start, m.end), f"{prev.value}/{b.iso()}", RANGE
            )
            context.start = a
            continue
        out.append(m)
    return out
