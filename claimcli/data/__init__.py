"""Package data: the tables of words and names the rules are made of.

Each table is a UTF-8 TSV file in this folder (`#` starts a comment). A user
extends one by putting a file of the same name in the folder named by the
environment variable CLAIMS_DATA_DIR: its rows are read after ours.
"""

from __future__ import annotations

import os
from functools import cache
from importlib.resources import files
from pathlib import Path


@cache
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a data table: the package's own, then the user's."""
    texts = [files(__package__).joinpath(name).read_text(encoding="utf-8")]
    user_dir = os.environ.get("CLAIMS_DATA_DIR")
    if user_dir and (extra := Path(user_dir, name)).is_file():
        texts.append(extra.read_text(encoding="utf-8"))
    return tuple(row for text in texts for row in _rows(text))


def _rows(text: str):
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            yield tuple(cell.strip() for cell in line.split("\t"))
