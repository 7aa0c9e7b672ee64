"""Topics: which subjects a sentence is about, from a lexicon per topic
(data/topics.toml), matched on Sudachi's normalized forms."""

from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from claimcli.extract.context import Context
from claimcli.text.sentence import Sentence


@lru_cache(maxsize=1)
def lexicon() -> dict[str, tuple[str, ...]]:
    """Topic → its words: ours, plus those of $CLAIMS_DATA_DIR/topics.toml."""
    merged: dict[str, list[str]] = {}
    sources = [files("claimcli.data").joinpath("topics.toml").read_text(encoding="utf-8")]
    user_dir = os.environ.get("CLAIMS_DATA_DIR")
    if user_dir and (extra := Path(user_dir, "topics.toml")).is_file():
        sources.append(extra.read_text(encoding="utf-8"))
    for source in sources:
        for topic, spec in tomllib.loads(source).items():
            merged.setdefault(topic, []).extend(spec.get("words", []))
    return {topic: tuple(dict.fromkeys(words)) for topic, words in merged.items()}


def extract(sentence: Sentence, context: Context) -> list[str]:
    """The topics whose words the sentence holds, in lexicon order (nothing of the context is needed)."""
    forms = "".join(t.normalized for t in sentence.tokens)
    surface = sentence.normalized
    return [topic for topic, words in lexicon().items() if any(w in forms or w in surface for w in words)]
