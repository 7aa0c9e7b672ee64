"""Japanese text wrapped for a terminal: lines break between any two
characters, as Japanese does, but never inside a figure, a number or a Latin
word (`170億ドル` stays whole), never before a closing mark (`、。」）`) and
never after an opening one (`「（`)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

# Runs a line must not break inside: numbers with their separators and units of
# a few characters, Latin words, URLs.
_WHOLE = re.compile(r"[0-9０-９][0-9０-９.,，．]*[%％]?|[A-Za-zＡ-Ｚａ-ｚ][A-Za-z0-9Ａ-Ｚａ-ｚ０-９.&+/:@_]*"
                    r"|[$＄€£¥￥][0-9０-９.,]+")
# A line never starts with these (a Latin word may break after its hyphen: chinese-/communist-/party).
_NO_BREAK_BEFORE = set("、。，．・：；？！」』）)】〕］]ー〜~…ゃゅょっャュョッぁぃぅぇぉァィゥェォ-")
_NO_BREAK_AFTER = set("「『（(【〔［[")


class Wrapped:
    """A Text that wraps at Japanese break points, keeping the spans in `whole` unbroken."""

    def __init__(self, text: Text | str, whole: Iterable[tuple[int, int]] = ()) -> None:
        self.text = text if isinstance(text, Text) else Text(text)
        plain = self.text.plain
        self.units = _units(plain, [*whole, *(m.span() for m in _WHOLE.finditer(plain))])

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widths = [cell_len(u) for u in self.units] or [0]
        lines = self.text.plain.split("\n")
        return Measurement(min(max(widths), options.max_width), max(cell_len(line) for line in lines))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        breaks, width, start = [], 0, 0
        for unit in _folded(self.units, options.max_width):
            size = cell_len(unit)
            if unit == "\n":
                breaks.append(start + 1)
                width = 0
            elif width and width + size > options.max_width:
                breaks.append(start)
                width = size
            else:
                width += size
            start += len(unit)
        lines = self.text.divide(breaks)
        shown = Text("\n").join(_without_newline(line) for line in lines)
        shown.no_wrap, shown.overflow = True, "fold"
        yield shown


def _folded(units: list[str], width: int) -> Iterable[str]:
    """Units, and those wider than the whole width cut by character: a column
    too narrow for a unit shows all of it on two lines rather than a part of it."""
    for unit in units:
        if cell_len(unit) <= width:
            yield unit
        else:
            yield from unit


def _without_newline(line: Text) -> Text:
    return line[:-1] if line.plain.endswith("\n") else line


def _units(text: str, whole: list[tuple[int, int]]) -> list[str]:
    """The text cut where a line may break: the spans in `whole` are one unit each,
    and a closing mark goes with what precedes it, an opening mark with what follows."""
    joined = [False] * (len(text) + 1)  # joined[i]: no break between text[i-1] and text[i]
    for start, end in whole:
        for i in range(max(start + 1, 1), min(end, len(text))):
            joined[i] = True
    for i in range(1, len(text)):
        if "\n" in (text[i], text[i - 1]):  # a line break of the text is a unit of its own
            joined[i] = False
        elif text[i] in _NO_BREAK_BEFORE or text[i - 1] in _NO_BREAK_AFTER or text[i] == " ":
            joined[i] = True
    units, start = [], 0
    for i in range(1, len(text) + 1):
        if i == len(text) or not joined[i]:
            units.append(text[start:i])
            start = i
    return units
