"""Which files to read: paths given by the user, folders walked in a stable order."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

# In a folder, only these are articles; a metadata file beside them is not.
ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".md", ".html", ".htm", ".xhtml"})
STDIN = "-"
STDIN_NAME = "<stdin>"


@dataclass(frozen=True)
class Source:
    """One article's bytes, or the reason they could not be had."""

    path: str
    data: bytes | None = None
    error: str | None = None
    meta: tuple[tuple[str, str], ...] = ()  # what the user said of it (extract - --outlet …): over all else


def plan(paths: list[str], stdin_meta: tuple[tuple[str, str], ...] = ()) -> list[Source]:
    """What PATH... stands for, in order, before anything is read: a file as
    given, a folder recursively in sorted order (article files only), '-' for
    standard input. Missing paths come back with their error."""
    planned: list[Source] = []
    for given in paths:
        path = Path(given)
        if given == STDIN:
            planned.append(Source(STDIN_NAME, meta=stdin_meta))
        elif path.is_dir():
            planned.extend(Source(str(p)) for p in _articles_in(path))
        elif path.exists():
            planned.append(Source(given))
        else:
            planned.append(Source(given, error="no such file or folder"))
    return _once_each(planned)


def _once_each(planned: list[Source]) -> list[Source]:
    """A file given twice (by name and in its folder, or through a link) is read once."""
    seen: set[str] = set()
    kept = []
    for source in planned:
        where = source.path if source.path == STDIN_NAME or source.error else os.path.realpath(source.path)
        if where not in seen:
            seen.add(where)
            kept.append(source)
    return kept


def read(source: Source) -> Source:
    """The source with its bytes, or with the reason it cannot be read."""
    if source.error is not None or source.data is not None:
        return source
    if source.path == STDIN_NAME:
        return Source(source.path, sys.stdin.buffer.read(), meta=source.meta)
    try:
        return Source(source.path, Path(source.path).read_bytes())
    except OSError as exc:
        return Source(source.path, error=exc.strerror or str(exc))


def _articles_in(folder: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(
            Path(root, f)
            for f in files
            if not f.startswith(".") and Path(f).suffix.lower() in ARTICLE_SUFFIXES
        )
    return sorted(found, key=lambda p: p.as_posix())
