"""Where output goes: standard output, or a file (`-o FILE`) written whole or
not at all — into a temporary file beside it, renamed into place at the end."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from claimcli.errors import ClaimsError

BOM = "\ufeff"  # Excel reads a CSV file as UTF-8 only when it starts with one


class OutputError(ClaimsError):
    """The output cannot be written where it was asked to go."""


@contextmanager
def opened(path: str | None, bom: bool = False) -> Iterator[TextIO]:
    """Standard output (no path, or `-`), else the file at `path`, whole or not at all."""
    if path in (None, "-"):
        if bom:
            sys.stdout.write(BOM)
        yield sys.stdout
        return
    with atomic_text(path) as out:
        if bom:
            out.write(BOM)
        yield out


@contextmanager
def atomic_text(path: str) -> Iterator[TextIO]:
    """A text file written to a temporary file of its own in the target's folder
    and renamed over the target only once whole. A symbolic link is written
    through (its target is replaced, not the link); a device or a pipe
    (`/dev/stdout`) is written in place, since it cannot be renamed over."""
    given = Path(path)
    if given.is_dir():
        raise OutputError(f"{path}: is a folder, not a file")
    if given.exists() and not given.is_file():  # /dev/stdout (a pipe, a terminal), a FIFO: no file to rename over
        with _open_or_fail(path, lambda: open(given, "w", encoding="utf-8")) as out:
            yield out
        return
    target = Path(os.path.realpath(path))
    if not target.parent.is_dir():
        raise OutputError(f"{path}: no such folder {target.parent}")
    fd, partial = _open_or_fail(path, lambda: tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part",
                                                               dir=target.parent))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            yield out
        os.chmod(partial, _mode_of(target))
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def _open_or_fail(path: str, opening):
    try:
        return opening()
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None


def _mode_of(target: Path) -> int:
    """The mode the file keeps (when it exists) or would get from open() under this umask."""
    if target.exists():
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
