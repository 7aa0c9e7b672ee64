"""Word tables (package data) matched at a position in normalized text."""

from __future__ import annotations

from functools import cache, cached_property

from claimcli.data import table


class WordTable(tuple):
    """(word, value) pairs, longest word first, indexed by first and last
    character so that matching at a position looks at few words."""

    @cached_property
    def by_first(self) -> dict[str, tuple[tuple[str, str], ...]]:
        return _index(self, 0)

    @cached_property
    def by_last(self) -> dict[str, tuple[tuple[str, str], ...]]:
        return _index(self, -1)


def _index(rows: WordTable, at: int) -> dict[str, tuple[tuple[str, str], ...]]:
    index: dict[str, list[tuple[str, str]]] = {}
    for word, value in rows:
        index.setdefault(word[at], []).append((word, value))
    return {k: tuple(v) for k, v in index.items()}


def word_table(rows) -> WordTable:
    return WordTable(sorted(rows, key=lambda r: -len(r[0])))


@cache
def words(name: str, position: str, value_column: int = 1) -> WordTable:
    """(word, value) rows of a table whose last column is `position`, longest word first."""
    return word_table((row[0], row[value_column]) for row in table(name) if row[-1] == position)


def match_after(text: str, pos: int, table_words: WordTable) -> tuple[str, str] | None:
    """The longest word of the table that text has at pos: (word, value)."""
    if pos >= len(text):
        return None
    for word, value in table_words.by_first.get(text[pos], ()):
        if text.startswith(word, pos):
            return word, value
    return None


def match_before(text: str, pos: int, table_words: WordTable) -> tuple[str, str] | None:
    """The longest word of the table that text has right before pos."""
    if pos <= 0:
        return None
    for word, value in table_words.by_last.get(text[pos - 1], ()):
        if pos >= len(word) and text.startswith(word, pos - len(word)):
            return word, value
    return None
