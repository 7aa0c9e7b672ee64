"""Site chrome: the parts of a scraped page that are not the article.

General rules of line shape, position and marker words (chrome.tsv), never
one site's strings: navigation lines before the title, an end marker
(あわせて読みたい, Copyright …) after which the rest of the page is chrome,
ranking lists (a line that is only a rank number, and the entry after it),
teasers cut off with …, lines in another language, share prompts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from claimcli.data import table

MARKER_SLACK = 12
MIN_TITLE = 8
MAX_TITLE = 100
TITLE_WINDOW = 5  # the title is one of the first lines of content
LEAD_WINDOW = 3  # a page that cuts its article short does so within its first lines
MIN_BODY_LINE = 40  # the body has begun once a line this long was read
MIN_FOREIGN = 25
MIN_REPEAT = 20  # short lines repeat by chance

TEASER = "teaser of another story"
_RANK = re.compile(r"^[\s•・●\-*]*\d{1,2}[.位]?\s*$")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_BULLET = re.compile(r"^[\s•・●\-*]+")


@dataclass(frozen=True)
class Layout:
    title: int | None  # index of the title line
    dropped: dict[int, str]  # line index -> why it is chrome


@cache
def _markers(kind: str) -> tuple[str, ...]:
    return tuple(row[1] for row in table("chrome.tsv") if row[0] == kind)


def find_layout(lines: list[str], candidates: list[bool]) -> Layout:
    """Find the title and the chrome among lines (NFKC); only lines marked as
    candidates (not metadata, not blank) are considered."""
    dropped: dict[int, str] = {}
    for i, line in enumerate(lines):
        if candidates[i] and (why := _line_chrome(line, lines, i)):
            dropped[i] = why
    _drop_rank_entries(lines, candidates, dropped)
    _drop_repeats(lines, candidates, dropped)
    _keep_cut_lead(lines, candidates, dropped)
    live = [i for i, ok in enumerate(candidates) if ok and i not in dropped]
    title = _title(lines, live)
    if title is not None:
        for i in live:
            if i >= title:
                break
            if len(lines[i].strip()) < MIN_TITLE:
                dropped[i] = "navigation before the title"
    _drop_tail(lines, live, title, dropped)
    return Layout(title, dropped)


def _keep_cut_lead(lines: list[str], candidates: list[bool], dropped: dict[int, str]) -> None:
    """A page that shows only the start of its article cuts it with …: a long
    cut line among the first lines of content is the article's own, not a teaser."""
    first = [i for i, ok in enumerate(candidates) if ok][:LEAD_WINDOW]
    lead = next((i for i in first if dropped.get(i) == TEASER), None)
    if lead is not None and len(lines[lead].strip()) >= MIN_BODY_LINE:
        del dropped[lead]


def _line_chrome(line: str, lines: list[str], i: int) -> str | None:
    text = _BULLET.sub("", line).strip()
    if len(text) <= _longest("line") + MARKER_SLACK and any(
            m in text and len(text) <= len(m) + MARKER_SLACK for m in _markers("line")):
        return "share or subscription prompt"
    if _RANK.match(line):
        return "ranking number"
    if (text.endswith("…") or text.endswith("...")) and "。" not in text:
        return TEASER
    if len(text) >= MIN_FOREIGN and not _KANA.search(text) and _HAN.search(text):
        return "not Japanese (another story's blurb)"
    return None


def _drop_rank_entries(lines: list[str], candidates: list[bool], dropped: dict[int, str]) -> None:
    """The line after a rank number is the ranked entry."""
    for i in [i for i, why in dropped.items() if why == "ranking number"]:
        j = i + 1
        while j < len(lines) and not candidates[j]:
            j += 1
        if j < len(lines) and j not in dropped:
            dropped[j] = "ranking entry"


def _drop_repeats(lines: list[str], candidates: list[bool], dropped: dict[int, str]) -> None:
    """A line the page already showed (a caption under its photo credit, a
    paragraph scraped twice) adds nothing."""
    seen: list[str] = []
    for i, line in enumerate(lines):
        if not candidates[i] or i in dropped:
            continue
        text = line.strip()
        if len(text) >= MIN_REPEAT and any(text in earlier for earlier in seen):
            dropped[i] = "repeats an earlier line"
        else:
            seen.append(text)


def _title(lines: list[str], live: list[int]) -> int | None:
    for i in live[:TITLE_WINDOW]:
        text = lines[i].strip()
        if MIN_TITLE <= len(text) <= MAX_TITLE and not text.endswith("。") and _JAPANESE.search(text):
            return i
    return None


def _drop_tail(lines: list[str], live: list[int], title: int | None, dropped: dict[int, str]) -> None:
    """Once the body has begun, an end marker makes the rest of the page chrome."""
    begun = False
    for n, i in enumerate(live):
        if i in dropped or (title is not None and i <= title):
            continue
        text = _BULLET.sub("", lines[i]).strip()
        if begun and _is_end_marker(text):
            for j in live[n:]:
                dropped.setdefault(j, "after the end of the article")
            return
        if _is_link_line(text):
            dropped[i] = "link to another story"
        begun = begun or len(text) >= MIN_BODY_LINE


def _is_end_marker(text: str) -> bool:
    text = text.lstrip("[(【「 ")
    return _starts_with_marker(text, "footer") or (_starts_with_marker(text, "end") and any(
        text.startswith(m) and len(text) <= len(m) + MARKER_SLACK and "。" not in text
        for m in _markers("end")
    ))


def _is_link_line(text: str) -> bool:
    return _starts_with_marker(text, "end") and any(
        text.startswith(m) and text[len(m) : len(m) + 1] in ":|】>" for m in _markers("end"))


def _starts_with_marker(text: str, kind: str) -> bool:
    return text.startswith(_markers(kind))


@cache
def _longest(kind: str) -> int:
    """The longest marker's length: a longer line (most are) is no prompt of that kind."""
    return max(map(len, _markers(kind)), default=-MARKER_SLACK - 1)
