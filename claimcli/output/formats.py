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


def normalized_figure(number, unit: str, qualifier: str | None) -> str:
    """A figure's normalized value for people: `100,000,000,000 USD (over)`."""
    plain = f"{number:f}"
    shown = f"{number:,f}".rstrip("0").rstrip(".") if "." in plain else f"{number:,}"
    return f"{shown} {unit}" + (f" ({qualifier})" if qualifier and qualifier != "exact" else "")
