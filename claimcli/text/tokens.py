"""The Sudachi tokenizer layer: one dictionary and tokenizer per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

# Sudachi refuses more than 49,149 bytes of UTF-8 in one call; sentences are
# far shorter, but a page saved as one line is not, so long text is cut.
MAX_BYTES = 49_000


@dataclass(slots=True, unsafe_hash=True)  # not frozen: a frozen __init__ costs 4× (millions of tokens); never mutated
class Token:
    surface: str
    normalized: str
    pos: tuple[str, ...]
    start: int  # offset in the text that was tokenized
    end: int

    @property
    def is_numeral(self) -> bool:
        return self.pos[1] == "数詞"


@lru_cache(maxsize=1)
def _tokenizer():
    from sudachipy import Dictionary, SplitMode

    return Dictionary().tokenizer(SplitMode.C)


def tokenize(text: str) -> list[Token]:
    return tokenize_all([text])[0]


def tokenize_all(texts: list[str]) -> list[list[Token]]:
    """The tokens of each text. Sudachi reads all the texts first and the tokens
    are made after: its calls back to back keep its tables in the processor's
    caches, which work done between calls (an article's extractors) pushes out."""
    tokenizer = _tokenizer()
    read = [[(offset, tokenizer.tokenize(chunk)) for offset, chunk in _chunks(text)] for text in texts]
    return [_tokens(pieces) for pieces in read]


def _tokens(pieces) -> list[Token]:
    """Tokens of Sudachi's morphemes, each list of them read at its offset in the text."""
    tokens: list[Token] = []
    pos_of = _pos_of()
    for offset, morphemes in pieces:
        for m in morphemes:
            pos_id = m.part_of_speech_id()
            pos = pos_of.get(pos_id)
            if pos is None:  # one tuple per part of speech, shared by all its tokens
                pos = pos_of[pos_id] = tuple(m.part_of_speech())
            tokens.append(Token(m.surface(), m.normalized_form(), pos, offset + m.begin(), offset + m.end()))
    return tokens


@lru_cache(maxsize=1)
def _pos_of() -> dict[int, tuple[str, ...]]:
    return {}


def _chunks(text: str):
    """Cut text into pieces Sudachi accepts, at character boundaries."""
    if len(text) * 4 <= MAX_BYTES:  # no character takes more than 4 bytes
        yield 0, text
        return
    start = 0
    while start < len(text):
        end, size = start, 0
        while end < len(text):
            size += len(text[end].encode("utf-8"))
            if size > MAX_BYTES:
                break
            end += 1
        yield start, text[start:end]
        start = end
