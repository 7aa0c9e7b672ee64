"""CSV and TSV: one row per figure (extract, compare), per actor, per topic
and outlet. Cells a spreadsheet would run as a formula are quoted."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from claimcli.output.formats import Format

CLAIM_COLUMNS = ["claim_id", "path", "outlet", "published", "sentence_index", "field", "text", "value", "unit",
                 "qualifier", "equivalent_of", "sentence"]
ACTOR_COLUMNS = ["path", "outlet", "id", "name", "type", "count", "mentions"]
GROUP_COLUMNS = ["group", "status", "topic", "key", "outlet", "published", "path", "url", "field", "figure",
                 "value", "unit", "qualifier", "differences", "sentence"]
TOPIC_COLUMNS = ["topic", "claims", "outlet", "outlet_claims"]
_FORMULA = ("=", "+", "-", "@", "\t", "\r")  # what Excel and LibreOffice read as the start of a formula


def write_rows(columns: list[str], rows: Iterable[dict], out: TextIO, format: Format) -> None:
    """A header, then the rows (flushed as they come: a pipe sees whole lines)."""
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore",
                            delimiter="\t" if format == Format.tsv else ",")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _safe(v) for k, v in row.items()})
        out.flush()


def _safe(value):
    """A text cell that a spreadsheet would run as a formula gets a leading
    quote (OWASP's advice on CSV injection); numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return "" if value is None else value


def claim_rows(claim: dict) -> list[dict]:
    """One row per money figure, quantity and date of a claim."""
    src, sentence = claim["source"], claim["sentence"]
    common = {"claim_id": claim["id"], "path": src["path"], "outlet": src["outlet"], "published": src["published"],
              "sentence_index": sentence["index"], "sentence": sentence["text"]}
    return [{**common, **figure_cells(field, m)} for field in ("money", "quantities", "dates")
            for m in claim.get(field, [])]


def figure_cells(field: str, m: dict) -> dict:
    """What a row says of one figure: its text, value, unit and qualifier."""
    if field == "money":
        return {"field": field, "text": m["text"], "value": m["amount"], "unit": m["currency"],
                "qualifier": m["qualifier"], "equivalent_of": m.get("equivalent_of") or ""}
    if field == "quantities":
        return {"field": field, "text": m["text"], "value": m["value"], "unit": m["unit"],
                "qualifier": m["qualifier"], "equivalent_of": ""}
    return {"field": field, "text": m["text"], "value": m["value"], "unit": m["kind"],
            "qualifier": m.get("qualifier") or "", "equivalent_of": ""}


def actor_rows(rows: Iterable[dict]) -> Iterable[dict]:
    for row in rows:
        yield {"path": row["source"]["path"], "outlet": row["source"]["outlet"], "id": row["id"],
               "name": row["name"], "type": row["type"], "count": row["count"], "mentions": "|".join(row["mentions"])}


def group_rows(number: int, group) -> list[dict]:
    """One row per claim of a compare group: which group, its status, the claim's figure."""
    differences = "; ".join(f"{d['kind']}: {d['detail']}" for d in group.differences)
    rows = []
    for item in group.items:
        claim = item.claim
        mention = next((m for m in claim.get(item.field, []) if m.get("text") == item.text), {})
        cells = figure_cells(item.field, mention) if mention else {"value": item.value, "unit": item.unit,
                                                                   "qualifier": item.qualifier}
        rows.append({"group": number, "status": group.status, "topic": group.topic, "key": group.key,
                     "outlet": item.outlet, "published": item.source.published, "path": item.source.path,
                     "url": item.source.url, "field": item.field, "figure": item.text, "value": cells["value"],
                     "unit": cells["unit"], "qualifier": cells["qualifier"], "differences": differences,
                     "sentence": claim["sentence"]["text"]})
    return rows


def topic_rows(rows: Iterable[dict]) -> Iterable[dict]:
    for row in rows:
        for outlet, count in row["outlets"].items():
            yield {"topic": row["topic"], "claims": row["claims"], "outlet": outlet, "outlet_claims": count}
