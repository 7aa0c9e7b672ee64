"""JSON Lines and JSON arrays on stdout: each object is written whole."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO


def dumps(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))


def write_jsonl(objects: Iterable[dict], out: TextIO) -> None:
    for obj in objects:
        out.write(dumps(obj) + "\n")
        out.flush()


def write_json(objects: Iterable[dict], out: TextIO) -> None:
    items = [dumps(obj) for obj in objects]
    out.write("[\n" + ",\n".join(items) + "\n]\n" if items else "[]\n")
    out.flush()
