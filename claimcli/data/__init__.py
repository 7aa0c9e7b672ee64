"""Package data: the tables of words and names the rules are made of.

Each table is a UTF-8 TSV file in this folder (`#` starts a comment). A user
extends one by putting a file of the same name in the folder named by the
environment variable CLAIMS_DATA_DIR: its rows are read after ours. A row a
table cannot use is refused with its file and line, never skipped unsaid.
"""

from __future__ import annotations

import os
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib.resources import files
from pathlib import Path

from claimcli.errors import ClaimsError

# The cells each table's rows need, and which of them are numbers.
SHAPES: dict[str, tuple[int, tuple[int, ...]]] = {
    "actor_words.tsv": (2, ()), "chrome.tsv": (2, ()), "counters.tsv": (3, (2,)), "currencies.tsv": (3, ()),
    "date_words.tsv": (3, ()), "kanji_variants.tsv": (2, ()), "measures.tsv": (3, ()), "numbers.tsv": (3, (2,)),
    "outlets.tsv": (2, ()), "qualifiers.tsv": (3, ()), "tense.tsv": (2, ()),
}
GAZETTEER_SHAPE = (3, ())  # id, canonical name, type[, aliases[, abbreviations]]


class DataError(ClaimsError):
    """A data table (ours extended, CLAIMS_DATA_DIR's, an --aliases file) has a row it cannot use."""


@cache
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a data table: the package's own, then the user's."""
    shape = GAZETTEER_SHAPE if name.startswith("gazetteer/") else SHAPES.get(name, (1, ()))
    rows = list(rows_of(files(__package__).joinpath(name).read_text(encoding="utf-8"), name, shape))
    if (extra := user_table(name)) is not None:
        rows.extend(rows_of(read_text(extra), str(extra), shape))
    return tuple(rows)


def user_table(name: str) -> Path | None:
    """CLAIMS_DATA_DIR's table of this name, when it has one (the folder must exist)."""
    user_dir = os.environ.get("CLAIMS_DATA_DIR")
    if not user_dir:
        return None
    if not Path(user_dir).is_dir():
        raise DataError(f"CLAIMS_DATA_DIR={user_dir}: no such folder")
    extra = Path(user_dir, name)
    if extra.exists() and not extra.is_file():  # a FIFO would block the run, a folder cannot be read
        raise DataError(f"{extra}: not a regular file")
    return extra if extra.exists() else None


def read_text(path: Path) -> str:
    """A table file as text, or a DataError that says why not."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DataError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from None


def rows_of(text: str, where: str, shape: tuple[int, tuple[int, ...]]):
    """The rows of a TSV text, each checked against the table's shape."""
    cells, numbers = shape
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        row = tuple(cell.strip() for cell in line.split("\t"))
        if len(row) < cells or not all(row[:cells]):
            raise DataError(f"{where}:{number}: needs {cells} tab-separated cells, none empty: {line[:60]!r}")
        for k in numbers:
            try:
                Decimal(row[k])
            except InvalidOperation:
                raise DataError(f"{where}:{number}: cell {k + 1} is not a number: {row[k]!r}") from None
        yield row
