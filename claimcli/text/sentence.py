"""A sentence as the extractors see it: original text, normalized text with its
offset map, and Sudachi tokens of the normalized text (made once, shared)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from claimcli.text.normalize import Normalized, normalize
from claimcli.text.tokens import Token, tokenize, tokenize_all

T = TypeVar("T")


@dataclass(frozen=True)
class Sentence:
    index: int
    text: str  # as written in the article
    start: int  # offset of text in the article
    norm: Normalized = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "norm", normalize(self.text))

    @property
    def normalized(self) -> str:
        return self.norm.text

    @cached_property
    def tokens(self) -> list[Token]:
        return tokenize(self.norm.text)

    @cached_property
    def starts(self) -> dict[int, int]:
        """The index of the token that starts at each position of the normalized text."""
        return {t.start: i for i, t in enumerate(self.tokens)}

    @cached_property
    def ends(self) -> dict[int, int]:
        """The index of the token that ends at each position."""
        return {t.end: i for i, t in enumerate(self.tokens)}

    def token_at(self, pos: int) -> Token | None:
        """The token that starts at pos in the normalized text."""
        i = self.starts.get(pos)
        return None if i is None else self.tokens[i]

    def token_ending_at(self, pos: int) -> Token | None:
        i = self.ends.get(pos)
        return None if i is None else self.tokens[i]

    def derived(self, make: Callable[[list[Token]], T]) -> T:
        """What `make` finds in the tokens, found once per sentence: extractors
        asking in turn (money, then quantities, for its numbers) share it."""
        found = self.__dict__.setdefault("_derived", {})
        if make not in found:
            found[make] = make(self.tokens)
        return found[make]

    def forget_tokens(self) -> None:
        """Drop what was computed from the tokens: cheaper to send between processes."""
        for cached in ("tokens", "starts", "ends", "_derived"):
            self.__dict__.pop(cached, None)

    def original(self, start: int, end: int) -> str:
        """The original text behind normalized text[start:end]."""
        s, e = self.norm.source_span(start, end)
        return self.text[s:e]


def tokenized(sentences: list[Sentence]) -> list[Sentence]:
    """The sentences with their tokens made together (`tokenize_all`: faster than
    one sentence at a time, as the extractors ask)."""
    for sentence, tokens in zip(sentences, tokenize_all([s.normalized for s in sentences]), strict=True):
        sentence.__dict__["tokens"] = tokens  # where the cached property keeps its value
    return sentences
