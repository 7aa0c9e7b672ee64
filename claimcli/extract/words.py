"""Word tables (package data) matched at a position in normalized text."""

from __future__ import annotations

from functools import cache

from claimcli.data import table


@cache
def words(name: str, position: str, value_column: int = 1) -> tuple[tuple[str, str], ...]:
    """(word, value) rows of a table whose last column is `position`, longest word first."""
    rows = [(row[0], row[value_column]) for row in table(name) if row[-1] == position]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def match_after(text: str, pos: int, table_words: tuple[tuple[str, str], ...]) -> tuple[str, str] | None:
    """The longest word of the table that text has at pos: (word, value)."""
    for word, value in table_words:
        if text.startswith(word, pos):
            return word, value
    return None


def match_before(text: str, pos: int, table_words: tuple[tuple[str, str], ...]) -> tuple[str, str] | None:
    """The longest word of the table that text has right before pos."""
    for word, value in table_words:
        if pos >= len(word) and text.startswith(word, pos - len(word)):
            return word, value
    return None
