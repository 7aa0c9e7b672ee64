"""Qualifier words around a figure (qualifiers.tsv): 約, 超, 最大, 以上 …"""

from __future__ import annotations

from dataclasses import dataclass

from claimcli.extract.words import match_after, match_before, words

EXACT, APPROX, OVER, UNDER, UP_TO = "exact", "approx", "over", "under", "up_to"


@dataclass(frozen=True)
class Qualified:
    start: int  # the figure's span widened by the qualifier words that touch it
    end: int
    qualifier: str | None  # None: no qualifier word


def qualify(text: str, start: int, end: int) -> Qualified:
    """Read the words right before and right after text[start:end]."""
    before = match_before(text, start, words("qualifiers.tsv", "prefix"))
    after = match_after(text, end, words("qualifiers.tsv", "suffix"))
    return Qualified(
        start - (len(before[0]) if before else 0),
        end + (len(after[0]) if after else 0),
        _choose(before[1] if before else None, after[1] if after else None),
    )


def suffix_qualifier(text: str, pos: int) -> str | None:
    found = match_after(text, pos, words("qualifiers.tsv", "suffix"))
    return found[1] if found else None


def _choose(prefix: str | None, suffix: str | None) -> str | None:
    """Both sides qualified (`最大1000億ドル規模`): the bound says more than approx."""
    if prefix and suffix and suffix == APPROX:
        return prefix
    return suffix or prefix
