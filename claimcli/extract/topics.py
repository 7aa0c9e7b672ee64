"""Topics: which subjects a sentence is about, from a lexicon per topic
(data/topics.toml), matched on Sudachi's normalized forms."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib.resources import files

from claimcli.data import DataError, read_text, user_table
from claimcli.extract.context import Context
from claimcli.text.sentence import Sentence


@lru_cache(maxsize=1)
def lexicon() -> dict[str, tuple[str, ...]]:
    """Topic → its words: ours, plus those of $CLAIMS_DATA_DIR/topics.toml."""
    merged: dict[str, list[str]] = {}
    sources = [("topics.toml", files("claimcli.data").joinpath("topics.toml").read_text(encoding="utf-8"))]
    if (extra := user_table("topics.toml")) is not None:
        sources.append((str(extra), read_text(extra)))
    for where, source in sources:
        for topic, words in _topics_of(where, source):
            merged.setdefault(topic, []).extend(words)
    return {topic: tuple(dict.fromkeys(words)) for topic, words in merged.items()}


def _topics_of(where: str, source: str) -> list[tuple[str, list[str]]]:
    """`[topic] words = ["…", …]` tables, checked: a malformed file is named with what is wrong."""
    try:
        found = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{where}: {exc}") from None
    topics = []
    for topic, spec in found.items():
        words = spec.get("words") if isinstance(spec, dict) else None
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise DataError(f'{where}: [{topic}] needs words = ["…", …], a list of texts')
        topics.append((topic, words))
    return topics


def extract(sentence: Sentence, context: Context) -> list[str]:
    """The topics whose words the sentence holds, in lexicon order (nothing of the context is needed)."""
    # Forms and surface in one text, apart: a word is found in one or the other.
    both = "".join(t.normalized for t in sentence.tokens) + "\0" + sentence.normalized
    return [topic for topic, pattern in _patterns() if pattern.search(both)]


@lru_cache(maxsize=1)  # as the lexicon it is made of, read once per process
def _patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """A regex per topic for any of its words: one scan, not one `in` per word
    (`(?!)`, which matches nothing, for a topic without words)."""
    return tuple((topic, re.compile("|".join(map(re.escape, words)) or "(?!)")) for topic, words in lexicon().items())
