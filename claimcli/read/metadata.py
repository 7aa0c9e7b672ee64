"""Metadata lines of a scraped article: URL, date lines, bylines, last-modified.

The publication date follows ANNOTATION.md: the first date line or byline,
else a whole date spelled in the URL, else a copyright line with a full date,
else a `last modified` line. A year or a
month alone gives none; neither does a date in the body.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}

# Named fragments, assembled below (ja-timex style).
_Y = r"(?P<y>(?:19|20)\d{2})"
_M = r"(?P<m>\d{1,2})"
_D = r"(?P<d>\d{1,2})"
_EN_MONTH = r"(?P<mon>[A-Za-z]{3,9})\.?"
_FULL_DATES = [
    re.compile(rf"{_Y}\s*[年/.\-]\s*{_M}\s*[月/.\-]\s*{_D}\s*日?"),  # 2025年01月22日 2025/11/09 2025-04-03
    re.compile(rf"{_M}月\s*{_D}\s*,\s*{_Y}"),  # 11月 03, 2025
    re.compile(rf"{_EN_MONTH}\s+{_D}(?:st|nd|rd|th)?,?\s+{_Y}"),  # November 21 2025
    re.compile(rf"{_D}\s+{_EN_MONTH},?\s+{_Y}"),  # 21 November 2025
]
# What may follow the date on a date line: weekday, time, zone, update words.
_DATE_LINE_REST = re.compile(
    r"^[\s()（）]*(?:[月火水木金土日](?:曜日?)?[)）]?)?\s*"
    r"(?:\d{1,2}(?:[:時]\d{2}分?)(?::\d{2})?)?\s*"
    r"(?:[A-Z][A-Za-z]+/[A-Za-z_]+|JST|UTC|GMT)?\s*"
)
MAX_BYLINE_REST = 30
# A label before the date on a date line: `更新: 2025/12/20`, `Published 21 Nov 2025`.
_DATE_LABEL = re.compile(
    r"^(?:最終)?(?:更新|公開|配信|掲載|投稿|発行|発表|発信|作成)(?:日時?|時間|時刻)?\s*[:：]?\s*"
    r"|^(?:Published|Updated)\s*:?\s*",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|c(?=\s)|copyright\b)", re.IGNORECASE)  # NFKC turns ⓒ into c
_URL_LINE = re.compile(r"^https?://\S+$")
_MARKER = re.compile(r"^\s*date\s+(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b\s*")
_LAST_MODIFIED = re.compile(r"last[\s_-]?modified\W*(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})", re.IGNORECASE)
# Whole dates in a URL path: /2025/04/10/, /2023/0515/, a digit run that starts
# with yyyymmdd (/20250615/, 20251230-slug, News20210501_094956, yjj2025121800730).
_URL_DATES = [
    re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:[/_.\-]|$)"),
    re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{2})(?P<d>\d{2})(?:[/_.\-]|$)"),
    re.compile(r"/(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:[/_.\-]|$)"),  # /2024-03/07/
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})"),
]


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _make_date(groups: dict[str, str | None]) -> date | None:
    try:
        month = int(groups["m"]) if groups.get("m") else _MONTHS.get((groups.get("mon") or "")[:3].lower())
        if month is None:
            return None
        return date(int(groups["y"]), month, int(groups["d"]))
    except (ValueError, TypeError):
        return None


def is_url_line(line: str) -> bool:
    return bool(_URL_LINE.match(line.strip()))


def date_line(line: str) -> date | None:
    """The date of a date line or byline: a full date first, then only a time,
    weekday, zone, update word or a short byline (`2017年12月20日 モスクワ 黒須利彦`)."""
    text = _DATE_LABEL.sub("", _nfkc(line.strip()), count=1)
    for pattern in _FULL_DATES:
        m = pattern.match(text)
        if m and (found := _make_date(m.groupdict())) and _is_line_rest(text[m.end() :]):
            return found
    return None


def _is_line_rest(rest: str) -> bool:
    rest = _DATE_LINE_REST.sub("", rest, count=1).strip()
    return len(rest) <= MAX_BYLINE_REST and not any(c in rest for c in "。、")


def marker(line: str) -> tuple[date | None, int] | None:
    """A line-start ` date 2025-12-20 ` marker: its date and where the text after it starts."""
    m = _MARKER.match(line)
    return (_make_date(m.groupdict()), m.end()) if m else None


def last_modified(line: str) -> date | None:
    m = _LAST_MODIFIED.search(line)
    return _make_date(m.groupdict()) if m else None


def footer_date(line: str) -> date | None:
    """`ⓒ 架空通信社 2024.03.07`: a copyright line that carries a full date."""
    text = _nfkc(line.strip())
    if not _COPYRIGHT.match(text):
        return None
    for pattern in _FULL_DATES:
        if (m := pattern.search(text)) and (found := _make_date(m.groupdict())):
            return found
    return None


def url_date(url: str) -> date | None:
    path = re.sub(r"^[a-z]+://[^/]+", "", url.strip())
    for pattern in _URL_DATES:
        for m in pattern.finditer(path):
            if found := _make_date(m.groupdict()):
                return found
    return None
