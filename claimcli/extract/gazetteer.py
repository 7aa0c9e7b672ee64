"""The gazetteer: known actors, their names in Japanese, and how to fold a name
so that spelling variants meet (`ミルジョエフ` / `ミルジヨエフ`, `ガザフスタン`).

Package data under data/gazetteer/ (countries, organizations, groups, people),
extended by CLAIMS_DATA_DIR or by files given with `--aliases`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from claimcli.data import GAZETTEER_SHAPE, DataError, read_text, rows_of, table

FILES = ("countries.tsv", "organizations.tsv", "groups.tsv", "people.tsv", "places.tsv")
_SMALL_KANA = str.maketrans("ァィゥェォッャュョヮヵヶ", "アイウエオツヤユヨワカケ")
_SEPARATORS = str.maketrans("", "", "・=･ 　-ー")
_V_SOUNDS = (("ヴァ", "バ"), ("ヴィ", "ビ"), ("ヴェ", "ベ"), ("ヴォ", "ボ"), ("ヴ", "ブ"))  # ヴィクトル = ビクトル
_extra_files: list[str] = []


@dataclass(frozen=True)
class Entity:
    id: str
    canonical: str
    type: str


@dataclass(frozen=True)
class Gazetteer:
    aliases: dict[str, Entity]  # NFKC alias -> entity
    folded: dict[str, Entity]  # folded alias -> entity, for spelling variants
    abbreviations: dict[str, Entity]  # one-character country forms
    by_first: dict[str, tuple[str, ...]]  # first character -> aliases, longest first
    by_pair: dict[str, tuple[str, ...]]  # first two characters -> the longer aliases, longest first
    first_characters: re.Pattern  # any character an alias begins with: where a scan finds names may begin
    abbreviation_characters: re.Pattern  # any one-character country form


@cache
def _kanji_variants() -> dict[int, str]:
    return str.maketrans({row[0]: row[1] for row in table("kanji_variants.tsv") if len(row) >= 2 and len(row[0]) == 1})


@lru_cache(maxsize=65_536)  # names recur: an article names its actors again and again
def fold(name: str) -> str:
    """A name reduced to what spelling variants share: no separators or long
    vowels, small kana made large, voicing marks dropped, variant kanji in
    their common form (澤 → 沢, kanji_variants.tsv)."""
    text = unicodedata.normalize("NFKC", name)
    for v, b in _V_SOUNDS:
        text = text.replace(v, b)
    text = text.translate(_SEPARATORS).translate(_SMALL_KANA).translate(_kanji_variants())
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if c not in "\u3099\u309a")
    return unicodedata.normalize("NFC", bare).lower()


def alias_files() -> tuple[str, ...]:
    """The `--aliases` files this process reads, to hand to the workers of a run."""
    return tuple(_extra_files)


def add_alias_file(path: str) -> None:
    """Read this TSV (the gazetteer's columns) as well: `claims … --aliases FILE`.
    It is read now, so that a missing or malformed file ends the run at once, with its line."""
    if path not in _extra_files:
        if not Path(path).is_file():
            why = "is a folder" if Path(path).is_dir() else "not a regular file" if Path(path).exists() else \
                "no such file"
            raise DataError(f"--aliases {path}: {why}")
        _alias_rows(path)
        _extra_files.append(path)
        gazetteer.cache_clear()


@cache
def _alias_rows(path: str) -> tuple[tuple[str, ...], ...]:
    return tuple(rows_of(read_text(Path(path)), path, GAZETTEER_SHAPE))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    aliases: dict[str, Entity] = {}
    folded: dict[str, Entity] = {}
    abbreviations: dict[str, Entity] = {}
    for row in _rows():
        entity = Entity(row[0], row[1], row[2])
        names = [a for a in row[3].split("|") if a] if len(row) > 3 else []
        for alias in [*names, row[1]]:
            key = unicodedata.normalize("NFKC", alias)
            aliases.setdefault(key, entity)
            if len(fold(alias)) >= 4:
                folded.setdefault(fold(alias), entity)
        for abbreviation in (row[4].split("|") if len(row) > 4 else []):
            if len(abbreviation) == 1:  # the finder reads them character by character
                abbreviations.setdefault(abbreviation, entity)
    by_first: dict[str, list[str]] = {}
    by_pair: dict[str, list[str]] = {}
    for alias in sorted(aliases, key=len, reverse=True):
        by_first.setdefault(alias[0], []).append(alias)
        if len(alias) >= 2:
            by_pair.setdefault(alias[:2], []).append(alias)
    return Gazetteer(aliases, folded, abbreviations, {k: tuple(v) for k, v in by_first.items()},
                     {k: tuple(v) for k, v in by_pair.items()}, _any_of(by_first), _any_of(abbreviations))


def _any_of(characters) -> re.Pattern:
    """Any one of the characters, found by a scan (`(?!)`, which matches nothing, for none)."""
    return re.compile(f"[{re.escape(''.join(characters))}]" if characters else "(?!)")


def _rows():
    for name in FILES:
        yield from table(f"gazetteer/{name}")
    for path in _extra_files:
        yield from _alias_rows(path)
