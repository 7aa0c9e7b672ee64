"""Output formats shared by every command: a rich table on a terminal, JSON
Lines into a pipe, or what --format asks for."""

from __future__ import annotations

import sys
from enum import StrEnum


class Format(StrEnum):
    table = "table"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"


def choose(requested: Format | None) -> Format:
    if requested is not None:
        return requested
    return Format.table if sys.stdout.isatty() else Format.jsonl
