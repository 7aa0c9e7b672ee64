"""What an extractor needs besides its sentence, handed to every one of them
explicitly — `extract(sentence, context) -> list[Mention]` — and never read from
module globals, so that a worker process, a Dask task and a test see the same:
the article's publication date, the dates it has named so far, the actors'
registry, and the spans earlier extractors took in this sentence."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimcli.extract.actors import Registry
    from claimcli.extract.dates import When


@dataclass
class Context:
    published: date | None = None
    anchor: When | None = None  # the date last named (同日, 前日, 翌日, 5か月後 count from it)
    start: When | None = None  # where the event last named began (初日)
    registry: Registry | None = None  # ids of actors the gazetteer does not know; made on first use
    taken: list[tuple[int, int]] = field(default_factory=list)  # money and dates of this sentence
