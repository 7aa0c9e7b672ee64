"""CSV: one row per figure of a claim."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

COLUMNS = [
    "claim_id",
    "path",
    "outlet",
    "published",
    "sentence_index",
    "field",
    "text",
    "value",
    "unit",
    "qualifier",
    "equivalent_of",
    "sentence",
]


def write_csv(claims: Iterable[dict], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for claim in claims:
        for row in rows_of(claim):
            writer.writerow(row)
        out.flush()


def rows_of(claim: dict) -> list[dict]:
    src, sentence = claim["source"], claim["sentence"]
    common = {
        "claim_id": claim["id"],
        "path": src["path"],
        "outlet": src["outlet"],
        "published": src["published"],
        "sentence_index": sentence["index"],
        "sentence": sentence["text"],
    }
    rows = []
    for m in claim.get("money", []):
        rows.append(
            {
                **common,
                "field": "money",
                "text": m["text"],
                "value": m["amount"],
                "unit": m["currency"],
                "qualifier": m["qualifier"],
                "equivalent_of": m["equivalent_of"] or "",
            }
        )
    for q in claim.get("quantities", []):
        rows.append(
            {
                **common,
                "field": "quantities",
                "text": q["text"],
                "value": q["value"],
                "unit": q["unit"],
                "qualifier": q["qualifier"],
                "equivalent_of": "",
            }
        )
    for d in claim.get("dates", []):
        rows.append(
            {
                **common,
                "field": "dates",
                "text": d["text"],
                "value": d["value"],
                "unit": d["kind"],
                "qualifier": "",
                "equivalent_of": "",
            }
        )
    return rows


ACTOR_COLUMNS = ["path", "outlet", "id", "name", "type", "count", "mentions"]


def write_actor_csv(rows: Iterable[dict], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=ACTOR_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({"path": row["source"]["path"], "outlet": row["source"]["outlet"], "id": row["id"],
                         "name": row["name"], "type": row["type"], "count": row["count"],
                         "mentions": "|".join(row["mentions"])})
