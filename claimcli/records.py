"""Claims as read back from JSON Lines or the store."""

from __future__ import annotations

from typing import NamedTuple


class ClaimText(NamedTuple):
    """A claim read from JSON Lines, with its line: compare keeps only the line
    of a claim it may print, not the claim's objects."""

    claim: dict
    text: str
