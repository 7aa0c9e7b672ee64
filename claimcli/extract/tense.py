"""Is what a sentence tells about a date past or planned? ANNOTATION.md resolves
a day-only date (`23日`) by it: past → on or before publication, planned → on
or after."""

from __future__ import annotations

from functools import cache

from claimcli.data import table
from claimcli.text.sentence import Sentence


@cache
def _words(kind: str) -> frozenset[str]:
    """Words of plan (a statement that holds one after the date is about the
    future) and of retroaction (tense.tsv)."""
    return frozenset(row[0] for row in table("tense.tsv") if len(row) >= 2 and row[1] == kind)


def is_past(sentence: Sentence, pos: int) -> bool:
    """Planned when a word of plan follows pos, or when the last predicate after
    pos is non-past (`始まる`, `開催されます`); past otherwise: a past auxiliary
    (た), a first predicate that reaches back (`にさかのぼって`), or no predicate
    at all, as in a headline (news tells what happened)."""
    last_predicate = None
    for tok in sentence.tokens:
        if tok.start < pos:
            continue
        if tok.normalized in _words("plan"):
            return False
        if tok.pos[0] in ("動詞", "助動詞"):
            if last_predicate is None and tok.normalized in _words("retro"):
                return True  # 8月7日にさかのぼって: reached back to, so past
            last_predicate = tok
    if last_predicate is None or last_predicate.normalized == "た":
        return True
    return not last_predicate.pos[5].startswith("終止形")
