"""Figures as the intervals of values they allow (ANNOTATION.md, last section).

An exact figure stands for the values that round to it at its last written
digit (`350億ドル`: 349.5億 up to, not including, 350.5億); `approx` for ±10%; `over` and `under` for
strict bounds; `up_to` for an inclusive one. Dates compare at the finest
granularity both give.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

APPROX_SHARE = 0.10
_DIGIT = re.compile(r"[0-9〇一二三四五六七八九]")
_SCALES = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "億": 10**8, "兆": 10**12, "割": 10,
           "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SCALE_RUN = re.compile(r"\s?(thousand|million|billion|trillion)|[十百千万億兆割]")


@dataclass(frozen=True)
class Interval:
    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def overlaps(self, other: Interval) -> bool:
        # The larger lower bound and the smaller upper bound; on a tie the open end wins.
        low, low_open = max((self.low, self.low_open), (other.low, other.low_open))
        high, high_closed = min((self.high, not self.high_open), (other.high, not other.high_open))
        return low < high or (low == high and not low_open and high_closed)


def precision(text: str) -> float:
    """The place value of the last written digit: `350億` → 1億, `1千億` → 1千億,
    `17.5億` → 0.1億, `9割` → 10 (percent)."""
    text = unicodedata.normalize("NFKC", text)
    digits = list(_DIGIT.finditer(text))
    if not digits:
        return 1.0
    last = digits[-1]
    decimals = 0
    before = text[:last.start()]
    if m := re.search(r"\.(\d*)$", before):
        decimals = len(m.group(1)) + 1
    place = 10.0 ** -decimals
    pos = last.end()
    while m := _SCALE_RUN.match(text, pos):
        place *= _SCALES[(m.group(1) or m.group(0)).strip()]
        pos = m.end()
    return place


def significant_digits(value: float) -> str:
    """`935400.0` → `9354`, `3e9` → `3`: the digits a figure was written with."""
    return f"{abs(value):.15g}".replace(".", "").lstrip("0").rstrip("0") or "0"


def number_interval(value: float, qualifier: str, text: str) -> Interval:
    if qualifier == "approx":
        return Interval(value * (1 - APPROX_SHARE), value * (1 + APPROX_SHARE))
    if qualifier == "over":
        return Interval(value, math.inf, low_open=True)
    if qualifier == "under":
        return Interval(-math.inf, value, high_open=True)
    if qualifier == "up_to":
        return Interval(-math.inf, value)
    half = precision(text) / 2
    return Interval(value - half, value + half, high_open=True)  # 11.5億 rounds to 12億, not to 11億


@lru_cache(maxsize=65_536)
def date_parts(value: str) -> tuple[int | None, int | None, int | None] | None:
    """(year, month, day) of an ISO point, partial ones included (`--11-06`, `---23`)."""
    if m := re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value):
        return tuple(int(g) if g else None for g in m.groups())  # type: ignore[return-value]
    if m := re.fullmatch(r"--(\d{2})(?:-(\d{2}))?", value):
        return None, int(m.group(1)), int(m.group(2)) if m.group(2) else None
    if m := re.fullmatch(r"---(\d{2})", value):
        return None, None, int(m.group(1))
    return None


@lru_cache(maxsize=262_144)
def dates_agree(a: str, b: str) -> bool:
    """Two ISO values agree on every part both give (`2025-12-16` and `---16`);
    a range agrees with what it overlaps (`---19/---20` and `2025-12-20`)."""
    if "/" in a or "/" in b:
        a1, a2 = _ends(a)
        b1, b2 = _ends(b)
        return not (_before(a2, b1) or _before(b2, a1))
    pa, pb = date_parts(a), date_parts(b)
    if pa is None or pb is None:
        return a == b
    shared = [(x, y) for x, y in zip(pa, pb, strict=True) if x is not None and y is not None]
    return bool(shared) and all(x == y for x, y in shared)


def _ends(value: str) -> tuple[str, str]:
    first, _, last = value.partition("/")
    return first, last or first


def _before(a: str, b: str) -> bool:
    """a ends before b begins, on the parts both give (unknown: not before)."""
    pa, pb = date_parts(a), date_parts(b)
    if pa is None or pb is None:
        return False
    shared = [(x, y) for x, y in zip(pa, pb, strict=True) if x is not None and y is not None]
    return bool(shared) and [x for x, _ in shared] < [y for _, y in shared]


def extend_by_days(value: str, days: int) -> str:
    """`2025-12-19` lasting 2 days → `2025-12-19/2025-12-20` (`---19` → `---19/---20`)."""
    parts = date_parts(value)
    if parts is None or parts[2] is None or days < 2:
        return value
    year, month, day = parts
    if year and month:
        from datetime import date, timedelta

        try:
            end = date(year, month, day) + timedelta(days=days - 1)
        except (ValueError, OverflowError):  # a claim from elsewhere with a day the calendar lacks
            return value
        return f"{value}/{end.isoformat()}"
    last = day + days - 1
    if last > 28:
        return value
    prefix = f"--{month:02d}-" if month else "---"
    return f"{value}/{prefix}{last:02d}"


def date_distance(a: str, b: str) -> float:
    """Days between two full dates; 0 when they agree; inf when not comparable."""
    if dates_agree(a, b):
        return 0.0
    pa, pb = date_parts(a.split("/")[0]), date_parts(b.split("/")[0])
    if not pa or not pb or None in pa or None in pb:
        if pa and pb and pa[0] is None and pb[0] is None and pa[1] == pb[1] and pa[2] and pb[2]:
            return abs(pa[2] - pb[2])
        return math.inf
    from datetime import date

    try:
        return abs((date(*pa) - date(*pb)).days)
    except ValueError:  # 2025-02-31 in a claim from elsewhere: not comparable
        return math.inf
