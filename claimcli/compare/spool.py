"""Claims' JSON lines kept on disk while compare runs: a group prints its
claims as they were read, but most claims are in no group, and a million
lines held as strings would take gigabytes. Each line is written once to an
anonymous temporary file (gone when compare's output is) and read back by
its place only for the claims a group prints."""

from __future__ import annotations

import tempfile


class Spool:
    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 (open as long as a line read from it may be printed)
        self._size = 0
        self._reading = False  # the file stands where the last read left it, not at its end

    def keep(self, line: str) -> SpooledLine:
        data = line.encode("utf-8")
        if self._reading:
            self._file.seek(self._size)
            self._reading = False
        self._file.write(data)
        start, self._size = self._size, self._size + len(data)
        return SpooledLine(self, start, len(data))

    def read(self, start: int, length: int) -> str:
        if not self._reading:
            self._file.flush()
            self._reading = True
        self._file.seek(start)
        return self._file.read(length).decode("utf-8")


class SpooledLine:
    """A line kept in a spool, by its place (a few dozen bytes instead of the line)."""

    __slots__ = ("_length", "_spool", "_start")

    def __init__(self, spool: Spool, start: int, length: int) -> None:
        self._spool, self._start, self._length = spool, start, length

    def text(self) -> str:
        return self._spool.read(self._start, self._length)
