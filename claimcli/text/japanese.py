"""Figures and dates in the words a reader of Japanese news expects:
`1兆2000億円`, `約350億ドル`, `2025年11月6日`, `3年間` — for group keys, tables and
the report. The exact values stay in the JSON."""

from __future__ import annotations

import math
import re
from functools import cache

from claimcli.data import table

_GROUPS = ((10**12, "兆"), (10**8, "億"), (10**4, "万"))
# How each qualifier is said: a word before the figure, a word after it.
QUALIFIER_WORDS = {"exact": ("", ""), "approx": ("約", ""), "up_to": ("最大", ""), "over": ("", "超"),
                   "under": ("", "未満")}
_DURATION = re.compile(r"P(T?)(\d+(?:\.\d+)?)([YMWDHS])")
_DURATION_WORDS = {("", "Y"): "年間", ("", "M"): "か月", ("", "W"): "週間", ("", "D"): "日間",
                   ("T", "H"): "時間", ("T", "M"): "分間", ("T", "S"): "秒間"}
_DATE = re.compile(r"(?:(\d{4})|-)-?(?:(\d{2})|-)?(?:-(\d{2}))?$")
_WEEK = re.compile(r"(\d{4})-W(\d{2})$")
_HALF = re.compile(r"(\d{4})-H([12])$")


def japanese_number(number: float) -> str:
    """`1200000000000` → `1兆2000億`, `15000000` → `1500万`, `2.5` → `2.5`."""
    if not math.isfinite(number):
        return str(number)
    if number < 0:
        return "-" + japanese_number(-number)
    if number != int(number) or number < 10**4:
        return f"{number:,.6g}" if number != int(number) else f"{int(number):,}"
    rest, parts = int(number), []
    for size, word in _GROUPS:
        if rest >= size:
            parts.append(f"{rest // size}{word}")
            rest %= size
    if rest:
        parts.append(str(rest))
    return "".join(parts)


@cache
def _currency_words() -> dict[str, str]:
    """ISO code → the word that follows an amount in it (`USD` → `ドル`), from currencies.tsv."""
    words: dict[str, str] = {}
    for word, code, position, *_ in table("currencies.tsv"):
        if position == "suffix":
            words.setdefault(code, word)
    return words


def unit_word(unit: str | None, money: bool = False) -> str | None:
    """What follows an amount: a currency's word (`USD` → `ドル`), a counter as it is; None when it has none."""
    return _currency_words().get(unit or "") if money else unit


def amount(number: float, unit: str | None, qualifier: str | None = None, money: bool = False) -> str:
    """A money figure or quantity: `約1兆2000億円`, `350億ドル超`, `5か国`."""
    word = unit_word(unit, money)
    before, after = QUALIFIER_WORDS.get(qualifier or "exact", ("", ""))
    return before + japanese_number(number) + (word or (f" {unit}" if unit else "")) + after


def date_value(value: str | None, kind: str | None = None, calendar: str | None = None,
               text: str | None = None) -> str:
    """An ISO date, interval or duration in words: `2025年11月6日`, `11月6日〜8日`, `3年間`;
    one not resolved, as written (`text`) and said to be so."""
    if value is None:
        return "—"
    if value == "unresolved":
        return f"{text} (日付不明)" if text else "日付不明"
    if kind == "duration" or value.startswith("P"):
        return duration(value)
    if "/" in value:
        low, high = value.split("/", 1)
        return f"{date_value(low)}〜{date_value(high)}"
    if m := _WEEK.match(value):
        return f"{m.group(1)}年第{int(m.group(2))}週"
    if m := _HALF.match(value):
        return f"{m.group(1)}年{'上' if m.group(2) == '1' else '下'}半期"
    m = _DATE.match(value)
    if m is None or not any(m.groups()):
        return value
    year, month, day = m.groups()
    shown = (f"{year}年" if year else "") + (f"{int(month)}月" if month else "") + (f"{int(day)}日" if day else "")
    return shown + ("度" if calendar == "fiscal" and year and not month else "")


def duration(value: str) -> str:
    """`P3Y` → `3年間`, `PT80M` → `80分間`."""
    m = _DURATION.fullmatch(value)
    if m is None:
        return value
    number = m.group(2).removesuffix(".0")
    return number + _DURATION_WORDS.get((m.group(1), m.group(3)), m.group(3))


def time_words(time: str) -> str:
    """A frame's time in words where its code is not one: `P3Y` → `3年間`,
    `FY2025` → `2025年度`, `2024-05` → `2024年5月`; a bare year stays `2024`."""
    if time.startswith("P"):
        return duration(time)
    if time.startswith("FY"):
        return date_value(time[2:], calendar="fiscal")
    return date_value(time) if "-" in time else time


_CODES = re.compile(r"\bPT?\d+(?:\.\d+)?[YMWDHS]\b|\((?:up_to|over|under|approx)\)")


def codes_in_words(detail: str) -> str:
    """A difference's detail with its codes in words (`P3Y` → `3年間`, `(up_to)` → `(最大)`)."""
    return _CODES.sub(lambda m: duration(m.group()) if m.group().startswith("P")
                      else f"({''.join(QUALIFIER_WORDS[m.group()[1:-1]])})", detail)


DIFFERENCE_WORDS = {"amount": "amounts differ", "date": "dates differ", "period": "periods differ",
                    "qualifier": "put differently", "conversion": "conversion differs", "actor": "actors differ"}


def difference_words(difference: dict) -> str:
    """One difference of a group, for people: `amounts differ: 250億ドル vs 240億ドル`."""
    kind = difference.get("kind", "")
    return f"{DIFFERENCE_WORDS.get(kind, kind)}: {codes_in_words(difference.get('detail', ''))}"
