"""JSON Lines and JSON arrays on stdout: each object is written whole."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from json.encoder import encode_basestring as _string  # a str as JSON, as json.dumps(ensure_ascii=False) writes it
from typing import TextIO

# Characters JSON allows raw in a string that line readers take for a line break
# (Python's str.splitlines, JavaScript): escaped, so a JSON line stays one line.
_LINE_BREAKS = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def dumps(obj: object) -> str:
    return _escaped(json.dumps(obj, ensure_ascii=False, separators=(", ", ": ")))


def _escaped(text: str) -> str:
    # translate() costs ~50 µs a line; looking for the three first, well under 1 µs
    return text.translate(_LINE_BREAKS) if "\u2028" in text or "\x85" in text or "\u2029" in text else text


def write_jsonl(objects: Iterable[dict], out: TextIO) -> None:
    write_lines((dumps(obj) for obj in objects), out)


def write_json(objects: Iterable[dict], out: TextIO) -> None:
    write_json_texts((dumps(obj) for obj in objects), out)


def group_line(group) -> str:
    """A compare group as one JSON text. A claim compare kept as its JSON line
    is written back as read, with its figure added, not parsed and written
    again (the same bytes for the lines `claims extract` writes)."""
    marker = f"claims-{uuid.uuid4()}"
    shell = dumps({**group.to_json(with_claims=False), "claims": marker, "differences": group.differences})
    claims = "[" + ", ".join(_claim_line(item) for item in group.items) + "]"
    return shell.replace(f'"{marker}"', claims, 1)


def _claim_line(item) -> str:
    line = item.line
    if line is not None:  # what dumps() makes of {"field": …, "text": …}, made without it (one per claim printed)
        figure = f'{{"field": {_string(item.field)}, "text": {_string(item.text)}}}'
        return f'{line.rstrip()[:-1]}, "figure": {_escaped(figure)}}}'
    return dumps({**item.record, "figure": {"field": item.field, "text": item.text}})


def write_lines(lines: Iterable[str], out: TextIO) -> None:
    """JSON texts made already, one per line."""
    for line in lines:
        out.write(line + "\n")
        out.flush()


def write_json_texts(lines: Iterable[str], out: TextIO) -> None:
    """JSON texts made already, as one JSON array."""
    items = list(lines)
    out.write("[\n" + ",\n".join(items) + "\n]\n" if items else "[]\n")
    out.flush()
