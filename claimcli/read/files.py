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


def plan(paths: list[str]) -> list[Source]:
    """What PATH... stands for, in order, before anything is read: a file as
    given, a folder recursively in sorted order (article files only), '-' for
    standard input. Missing paths come back with their error."""
    planned: list[Source] = []
    for given in paths:
        path = Path(given)
        if given == STDIN:
            planned.append(Source(STDIN_NAME))
        elif path.is_dir():
            planned.extend(Source(str(p)) for p in _articles_in(path))
        elif path.exists():
            planned.append(Source(given))
        else:
            planned.append(Source(given, error="no such file or folder"))
    return planned


def read(source: Source) -> Source:
    """The source with its bytes, or with the reason it cannot be read."""
    if source.error is not None or source.data is not None:
        return source
    if source.path == STDIN_NAME:
        return Source(source.path, sys.stdin.buffer.read())
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
