"""Claims' JSON lines kept on disk while compare runs: a group prints its
claims as they were read, but most claims are in no group, and a million
lines held as strings would take gigabytes. Each line is written once to an
anonymous temporary file (gone when compare's output is) and read back by
its place only for the claims a group prints."""

from __future__ import annotations

import os
import tempfile


class Spool:
    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 (open as long as a line read from it may be printed)
        self._size = 0
        self._flushed = True  # every line kept is on the file, not in its buffer

    def keep(self, line: str) -> SpooledLine:
        data = line.encode("utf-8")
        self._file.write(data)  # reads do not move the file's position: it stays at the end
        self._flushed = False
        start, self._size = self._size, self._size + len(data)
        return SpooledLine(self, start, len(data))

    def read(self, start: int, length: int) -> str:
        if not self._flushed:
            self._file.flush()
            self._flushed = True
        # One system call, not a seek and a buffered read (which fills 8 KB around each line).
        return os.pread(self._file.fileno(), length, start).decode("utf-8")


class SpooledLine:
    """A line kept in a spool, by its place (a few dozen bytes instead of the line)."""

    __slots__ = ("_length", "_spool", "_start")

    def __init__(self, spool: Spool, start: int, length: int) -> None:
        self._spool, self._start, self._length = spool, start, length

    def text(self) -> str:
        return self._spool.read(self._start, self._length)
