"""Which files to read: paths given by the user, folders walked in a stable order.

Only regular files are read (a FIFO, a device or a socket would block or never
end), each up to a size limit; every entry that cannot be read — given by name
or met in a folder — is named with the reason."""

from __future__ import annotations

import errno
import os
import stat
import sys
from dataclasses import dataclass, replace
from pathlib import Path

# In a folder, only these are articles; a metadata file beside them is not.
ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".md", ".html", ".htm", ".xhtml"})
STDIN = "-"
STDIN_NAME = "<stdin>"
MAX_BYTES = 20_000_000  # an article larger than this is refused (--max-bytes): news is never near it


@dataclass(frozen=True)
class Source:
    """One article's bytes, or the reason they could not be had."""

    path: str
    data: bytes | None = None
    error: str | None = None
    meta: tuple[tuple[str, str], ...] = ()  # what the user said of it (extract - --outlet …): over all else
    limit: int = MAX_BYTES


def plan(paths: list[str], stdin_meta: tuple[tuple[str, str], ...] = (), limit: int = MAX_BYTES) -> list[Source]:
    """What PATH... stands for, in order, before anything is read: a file as
    given, a folder recursively in sorted order (article files only), '-' for
    standard input. Paths that cannot be read come back with their error."""
    planned: list[Source] = []
    for given in paths:
        if given == STDIN:
            planned.append(Source(STDIN_NAME, meta=stdin_meta))
            continue
        kind, problem = _kind(given)
        if kind == "folder":
            planned.extend(_articles_in(Path(given)))
        else:
            planned.append(Source(given, error=problem))
    return [replace(s, limit=limit) for s in _once_each(planned)]


def _kind(path: str) -> tuple[str, str | None]:
    """'folder', or 'file' with what keeps it from being read (None: nothing)."""
    try:
        found = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "file", "a symbolic link loop"
        if os.path.islink(path):
            return "file", "a link to nothing (its target is gone)"
        if exc.errno == errno.ENOENT:
            return "file", "no such file or folder"
        return "file", exc.strerror or str(exc)
    if stat.S_ISDIR(found.st_mode):
        return "folder", None
    if not stat.S_ISREG(found.st_mode):
        return "file", f"not a regular file ({_special(found.st_mode)}): not read"
    return "file", None


def _special(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


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
    """The source with its bytes (at most its limit), or with the reason it cannot be read."""
    if source.error is not None or source.data is not None:
        return source
    try:
        if source.path == STDIN_NAME:
            data = sys.stdin.buffer.read(source.limit + 1)
        else:
            with open(source.path, "rb") as f:
                data = f.read(source.limit + 1)
    except OSError as exc:
        return replace(source, error=exc.strerror or str(exc))
    if len(data) > source.limit:
        return replace(source, error=f"larger than {source.limit:,} bytes (--max-bytes): not read")
    return replace(source, data=data)


def shown(path: str) -> str:
    """A path as it can be printed: bytes of a file name that are not UTF-8 become U+FFFD."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _articles_in(folder: Path) -> list[Source]:
    """The article files under a folder, walked without recursion (a folder
    1,000 deep is walked too), with a Source that names each entry it cannot read."""
    found: list[Source] = []
    stack = [str(folder)]
    while stack:
        current = stack.pop()
        try:
            entries = list(os.scandir(current))
        except OSError as exc:
            found.append(Source(current, error=f"cannot read the folder: {exc.strerror or exc}"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_folder = entry.is_dir(follow_symlinks=False)  # a link to a folder is not walked: no loops
            except OSError as exc:
                found.append(Source(entry.path, error=exc.strerror or str(exc)))
                continue
            if is_folder:
                stack.append(entry.path)
            elif Path(entry.name).suffix.lower() in ARTICLE_SUFFIXES:
                kind, problem = _kind(entry.path)
                if kind == "file":
                    found.append(Source(entry.path, error=problem))
    return sorted(found, key=lambda s: Path(s.path).as_posix())
