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
from functools import lru_cache
from typing import NamedTuple

import numpy as np

APPROX_SHARE = 0.10
_DIGIT = re.compile(r"[0-9〇一二三四五六七八九]")
_SCALES = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "億": 10**8, "兆": 10**12, "割": 10,
           "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SCALE_RUN = re.compile(r"\s?(thousand|million|billion|trillion)|[十百千万億兆割]")


class Interval(NamedTuple):  # a tuple: made for every figure the columns read, a third of a frozen dataclass's cost
    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def overlaps(self, other: Interval) -> bool:
        # The larger lower bound and the smaller upper bound; on a tie the open end wins.
        low, low_open = max((self.low, self.low_open), (other.low, other.low_open))
        high, high_closed = min((self.high, not self.high_open), (other.high, not other.high_open))
        return low < high or (low == high and not low_open and high_closed)


@lru_cache(maxsize=65_536)
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


class DateTable:
    """`dates_agree` and `date_distance` for arrays of pairs of ISO values,
    each value coded by its index in `values`: the parts of each value are
    read once, the tests are array operations giving the same answers."""

    def __init__(self, values: list[str | None]) -> None:
        texts = [v or "" for v in values]
        self.ranged = np.array(["/" in v for v in texts])
        self.whole = _parts_table([date_parts(v) for v in texts])  # the value as one point (None for a range)
        self.first = _parts_table([date_parts(_ends(v)[0]) for v in texts])
        self.last = _parts_table([date_parts(_ends(v)[1]) for v in texts])
        self.ordinal = np.array([_ordinal(date_parts(v.split("/")[0])) for v in texts], dtype=np.float64)

    def agree(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        ranged = self.ranged[a] | self.ranged[b]
        overlap = ~(_ends_before(self.last, a, self.first, b) | _ends_before(self.last, b, self.first, a))
        pa, pb = self.whole[a], self.whole[b]
        parsed = (pa[:, 0] >= 0) & (pb[:, 0] >= 0)
        shared = (pa[:, 1:] >= 0) & (pb[:, 1:] >= 0)
        points = np.where(parsed, shared.any(axis=1) & ~(shared & (pa[:, 1:] != pb[:, 1:])).any(axis=1), a == b)
        return np.where(ranged, overlap, points)

    def distance(self, a: np.ndarray, b: np.ndarray, agree: np.ndarray | None = None) -> np.ndarray:
        """`date_distance` (`agree`: the pairs' `agree`, when already known)."""
        pa, pb = self.first[a], self.first[b]
        full = (pa[:, 0] >= 0) & (pb[:, 0] >= 0) & (pa[:, 1:] >= 0).all(axis=1) & (pb[:, 1:] >= 0).all(axis=1)
        with np.errstate(invalid="ignore"):
            days = np.abs(self.ordinal[a] - self.ordinal[b])
        days = np.where(np.isnan(days), math.inf, days)  # a day the calendar lacks
        # --11-06 against --11-08: a month both give without a year, and two days
        month_days = (pa[:, 0] >= 0) & (pb[:, 0] >= 0) & (pa[:, 1] == NONE) & (pb[:, 1] == NONE) & \
            (pa[:, 2] == pb[:, 2]) & (pa[:, 3] > 0) & (pb[:, 3] > 0)
        apart = np.where(full, days, np.where(month_days, np.abs(pa[:, 3] - pb[:, 3]).astype(np.float64), math.inf))
        return np.where(self.agree(a, b) if agree is None else agree, 0.0, apart)


NONE = -1  # a part a value does not give
UNPARSED = -2  # in the first column: a value date_parts cannot read


def _parts_table(parts: list) -> np.ndarray:
    """Rows (parsed, year, month, day): parsed 0 or UNPARSED, a missing part NONE."""
    return np.array([(UNPARSED, NONE, NONE, NONE) if p is None else
                     (0, *(NONE if x is None else x for x in p)) for p in parts], dtype=np.int64).reshape(-1, 4)


def _ends_before(x_table: np.ndarray, a: np.ndarray, y_table: np.ndarray, b: np.ndarray) -> np.ndarray:
    """`_before` for pairs: on the parts both give, x's come first in order (unknown: not before)."""
    x, y = x_table[a], y_table[b]
    parsed = (x[:, 0] >= 0) & (y[:, 0] >= 0)
    shared = (x[:, 1:] >= 0) & (y[:, 1:] >= 0)
    differs = shared & (x[:, 1:] != y[:, 1:])
    first = np.argmax(differs, axis=1)  # the first shared part where they differ
    rows = np.arange(len(a))
    less = differs.any(axis=1) & (x[rows, first + 1] < y[rows, first + 1])
    return parsed & less


def _ordinal(parts: tuple | None) -> float:
    """The day number of a full date, NaN for a partial one or a day the calendar lacks."""
    if parts is None or None in parts:
        return math.nan
    from datetime import date

    try:
        return float(date(*parts).toordinal())
    except ValueError:
        return math.nan
