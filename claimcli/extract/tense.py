"""Is what a sentence tells about a date past or planned? ANNOTATION.md resolves
a day-only date (`23日`) by it: past → on or before publication, planned → on
or after."""

from __future__ import annotations

from claimcli.text.sentence import Sentence

# Words of plan: a statement that holds one after the date is about the future.
_PLANNED = frozenset({"予定", "見通し", "見込み", "方針", "計画", "めど", "目処", "目途"})


def is_past(sentence: Sentence, pos: int) -> bool:
    """Planned when a word of plan follows pos, or when the last predicate after
    pos is non-past (`始まる`, `開催されます`); past otherwise: a past auxiliary
    (た), or no predicate at all, as in a headline (news tells what happened)."""
    last_predicate = None
    for tok in sentence.tokens:
        if tok.start < pos:
            continue
        if tok.normalized in _PLANNED:
            return False
        if tok.pos[0] in ("動詞", "助動詞"):
            last_predicate = tok
    if last_predicate is None or last_predicate.normalized == "た":
        return True
    return not last_predicate.pos[5].startswith("終止形")
