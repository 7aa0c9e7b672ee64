"""Output formats shared by every command: a rich table on a terminal, JSON
Lines into a pipe, or what --format asks for."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

from claimcli.errors import UsageError


class Format(StrEnum):
    table = "table"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    tsv = "tsv"


ROWS = (Format.csv, Format.tsv)  # one row per figure, for spreadsheets
BY_SUFFIX = {"csv", "tsv", "json", "jsonl"}  # `-o FILE` suffixes that name a format


def choose(requested: Format | None, output: str | None = None, bom: bool = False) -> Format:
    """The format asked for (every command gives every format), else the one the
    output file's suffix names (`-o claims.csv`), else a table on a terminal and
    JSON Lines into a pipe or a file."""
    to_file = output not in (None, "-")
    suffix = Path(output).suffix.lower().lstrip(".") if to_file else ""
    named = Format(suffix) if suffix in BY_SUFFIX else None
    chosen = requested or named or (Format.table if sys.stdout.isatty() and not to_file else Format.jsonl)
    if bom and chosen not in ROWS:
        raise UsageError("--bom is for --format csv or tsv")
    return chosen
