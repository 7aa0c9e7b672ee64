"""Actor mentions of one article → one row per actor (`claims actors`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from claimcli import SCHEMA
from claimcli.extract.actors import ActorMention
from claimcli.read.article import Article


@dataclass(frozen=True)
class ActorRow:
    article: Article
    id: str
    name: str
    type: str
    mentions: tuple[str, ...]  # every surface form, in order of first use
    count: int

    def to_json(self) -> dict:
        a = self.article
        return {"schema": SCHEMA, "source": {"path": a.path, "outlet": a.outlet}, "id": self.id,
                "name": self.name, "type": self.type, "mentions": list(self.mentions), "count": self.count}


def roster(article: Article, mentions: list[ActorMention]) -> list[ActorRow]:
    """One row per actor id, in order of first mention; the name is the spelling
    used most (the first one on a tie)."""
    by_id: dict[str, list[ActorMention]] = {}
    for m in mentions:
        by_id.setdefault(m.id, []).append(m)
    rows = []
    for actor_id, ms in by_id.items():
        names = Counter(m.name for m in ms)
        name = max(names, key=lambda n: (names[n], -[m.name for m in ms].index(n)))
        forms = tuple(dict.fromkeys(m.text for m in ms))
        rows.append(ActorRow(article, actor_id, name, _type_of(ms), forms, len(ms)))
    return rows


def _type_of(ms: list[ActorMention]) -> str:
    types = Counter(m.type for m in ms)
    return types.most_common(1)[0][0]


def rows_from_claims(claims: list[dict]) -> list[dict]:
    """Actor rows from claims JSON (`claims actors -`): the actors of the claims' sentences."""
    rows: dict[tuple[str, str], dict] = {}
    for claim in claims:
        source = claim["source"]
        for actor in claim.get("actors", []):
            row = rows.setdefault((source["path"], actor["id"]), {
                "schema": SCHEMA, "source": {"path": source["path"], "outlet": source.get("outlet")},
                "id": actor["id"], "name": actor["name"], "type": actor["type"], "mentions": [], "count": 0})
            if actor["text"] not in row["mentions"]:
                row["mentions"].append(actor["text"])
            row["count"] += 1
    return list(rows.values())
