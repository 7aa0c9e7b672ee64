"""Claims as read back from JSON Lines or the store."""

from __future__ import annotations

import json
from typing import NamedTuple

from claimcli import SCHEMA


class ClaimText(NamedTuple):
    """A claim read from JSON Lines, with its line: compare keeps only the line
    of a claim it may print, not the claim's objects."""

    claim: dict
    text: str


FIGURES = ("money", "quantities", "dates")
TEXT_OR_NONE, NUMBER = (str, type(None)), (int, float)  # tuples: isinstance reads them faster than unions
MAX_AMOUNT = 1e30  # larger than any figure news states: a number past it is not one
_OPTIONAL_TEXTS = {"source": ("outlet", "published", "title", "url"),
                   "mention": ("currency", "unit", "kind", "qualifier", "equivalent_of", "calendar", "time")}


def claim_of(text: object) -> tuple[dict | None, str | None]:
    """A claim's JSON text read back (a line of JSON Lines, a store row): the
    claim, or None and why it is none."""
    try:
        claim = json.loads(text)  # type: ignore[arg-type]
    except json.JSONDecodeError as exc:
        return None, f"not JSON ({exc.msg})"
    except (RecursionError, TypeError):
        return None, "not JSON (nested too deeply, or not a text)"
    if isinstance(claim, dict) and claim.get("schema") != SCHEMA:
        return None, f"schema {repr(claim.get('schema'))[:20]}, this claims reads {SCHEMA}"
    if problem := claim_problem(claim):
        return None, f"not a claim: {problem}"
    return claim, None


def claim_problem(claim: object) -> str | None:
    """What keeps a claim read back (JSON Lines, the store) from being used, or
    None. Lists given as null are taken as empty (the claim is mended in place);
    anything else of the wrong shape is named."""
    if not isinstance(claim, dict):
        return "not a JSON object"
    source, sentence = claim.get("source"), claim.get("sentence")
    if not isinstance(source, dict) or not isinstance(source.get("path"), str):
        return "no source with its path"
    if not isinstance(sentence, dict) or not isinstance(sentence.get("text"), str):
        return "no sentence with its text"
    if problem := _texts_problem(source, _OPTIONAL_TEXTS["source"], "source"):
        return problem
    if not isinstance(sentence.get("words", ""), TEXT_OR_NONE):
        return "sentence.words is not a text"
    for key in (*FIGURES, "actors", "topics"):
        if claim.get(key) is None:
            claim[key] = []
        elif not isinstance(claim[key], list):
            return f"{key} is not a list"
    if not all(isinstance(t, str) for t in claim["topics"]):
        return "topics holds something that is not a text"
    for field in FIGURES:
        for k, mention in enumerate(claim[field]):
            if problem := _mention_problem(field, mention):
                return f"{field}[{k}]: {problem}"
    for k, actor in enumerate(claim["actors"]):
        if not isinstance(actor, dict) or not isinstance(actor.get("id"), str) or \
                (problem := _texts_problem(actor, ("text", "name", "type", "role"), "")):
            return f"actors[{k}]: not an actor with a text id"
    context = claim.get("context")
    if context is not None and not (isinstance(context, dict) and isinstance(context.get("actors", []), list)
                                    and all(isinstance(a, str) for a in context.get("actors", []))):
        return "context is not {\"actors\": [ids]}"
    return None


def _mention_problem(field: str, mention: object) -> str | None:
    if not isinstance(mention, dict) or not isinstance(mention.get("text"), str):
        return "not a mention with its text"
    value = mention.get("amount" if field == "money" else "value")
    if field == "dates":
        if not isinstance(value, str):
            return "value is not a text (an ISO date)"
    elif isinstance(value, bool) or not isinstance(value, NUMBER) or not abs(value) < MAX_AMOUNT:
        return f"{'amount' if field == 'money' else 'value'} is not a number of a figure: {str(value)[:40]}"
    span = mention.get("span")
    if span is not None and not (isinstance(span, list) and len(span) == 2 and
                                 all(isinstance(x, int) and not isinstance(x, bool) for x in span)):
        return "span is not [start, end]"
    frame = mention.get("frame")
    if frame is not None and not isinstance(frame, dict):
        return "frame is not an object"
    return _texts_problem(mention, _OPTIONAL_TEXTS["mention"], "")


def _texts_problem(found: dict, keys: tuple[str, ...], where: str) -> str | None:
    for key in keys:
        if not isinstance(found.get(key), TEXT_OR_NONE):
            return f"{where + '.' if where else ''}{key} is not a text"
    return None
