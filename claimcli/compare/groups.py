"""Pairs → groups → verdicts.

A pair is kept when each item is the other's best match in the other's
article (so one outlet's 93万5400トン pairs with another's 935,400トン, not with
its 79万5800トン); groups are the connected items of at least two articles. A
group disagrees when two of its figures cannot both be true; every difference,
agreeing or not, is said in `differences`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from claimcli import SCHEMA
from claimcli.compare.blocking import filings, group_pairs, grouped
from claimcli.compare.items import Item, items_of
from claimcli.compare.similarity import close, fits, same_fact

AGREE, DISAGREE = "agree", "disagree"
DASK_PARTITION = 5000  # items per partition on a cluster


@dataclass
class Group:
    items: list[Item]
    status: str = AGREE
    differences: list[dict] = field(default_factory=list)
    topic: str | None = None
    key: str = ""

    def to_json(self) -> dict:
        return {"schema": SCHEMA, "topic": self.topic, "status": self.status, "key": self.key,
                "claims": [{**i.claim, "figure": {"field": i.field, "text": i.text}} for i in self.items],
                "differences": self.differences}


def compare(claims: Iterable[dict], topic: str | None = None, scheduler: str | None = None) -> list[Group]:
    """Line up the claims (of a topic) that different articles make about the same fact.
    With a Dask scheduler, the blocking group-by and the scoring run on the cluster."""
    items = [i for c in claims if topic is None or topic in c.get("topics", []) for i in items_of(c)]
    scored = _scored_on_dask(items, scheduler) if scheduler else _scored(items, grouped(items).values())
    across = {pair: s for pair, s in scored.items() if items[pair[0]].article != items[pair[1]].article}
    within = [pair for pair in scored if pair not in across and _repeats(items[pair[0]], items[pair[1]])]
    links = _mutual_best(items, across) + sorted(within)
    groups = [_judge(Group([items[i] for i in members]), topic) for members in _components(len(items), links)]
    groups = [g for g in groups if len({i.article for i in g.items}) >= 2]
    return sorted(groups, key=lambda g: (g.status != DISAGREE, g.key))


def _scored(items, groups: Iterable[list]) -> dict[tuple[int, int], float]:
    """Scores of the candidate pairs of these groups that pass the guards
    (`items`: a list, or a dict by index)."""
    scored: dict[tuple[int, int], float] = {}
    for filed in groups:
        for i, j in group_pairs(items, filed):
            if (i, j) not in scored and (s := same_fact(items[i], items[j])) is not None:
                scored[(i, j)] = s
    return scored


def _scored_on_dask(items: list[Item], address: str) -> dict[tuple[int, int], float]:
    """The same pairs, grouped by blocking key and scored on a Dask cluster:
    only the scored pairs come back."""
    import dask.bag as db
    from dask.distributed import Client

    with Client(address):
        bag = db.from_sequence(list(enumerate(items)), npartitions=max(1, len(items) // DASK_PARTITION))
        keyed = bag.map(_keyed).flatten()
        scored = keyed.groupby(lambda entry: entry[0]).map(_score_group).flatten().compute()
    return dict(sorted(scored))


def _keyed(indexed: tuple[int, Item]) -> list[tuple]:
    i, item = indexed
    return [(key, i, own, item) for key, (_, own) in filings(i, item)]


def _score_group(group: tuple) -> list[tuple[tuple[int, int], float]]:
    _, entries = group
    items = {i: item for _, i, _, item in entries}
    return list(_scored(items, [[(i, own) for _, i, own, _ in entries]]).items())


def _repeats(a: Item, b: Item) -> bool:
    if a.number is not None:
        return a.number == b.number and a.mention.get("qualifier") == b.mention.get("qualifier")
    return a.date == b.date


def _mutual_best(items: list[Item], scored: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """Keep a pair when each item is the other's best match in the other's
    article; when the figures are close, one side's best is enough (one
    article's 23日 and 同日 may both be another's 23日)."""
    best: dict[tuple[int, str], tuple[float, int]] = {}
    for (i, j), s in scored.items():
        for a, b in ((i, j), (j, i)):
            key = (a, items[b].article)
            if key not in best or (s, -b) > (best[key][0], -best[key][1]):
                best[key] = (s, b)
    kept = []
    for i, j in scored:
        i_best, j_best = best[(i, items[j].article)][1] == j, best[(j, items[i].article)][1] == i
        if (i_best and j_best) or ((i_best or j_best) and close(items[i], items[j])):
            kept.append((i, j))
    return kept


def _components(n: int, links: list[tuple[int, int]]) -> list[list[int]]:
    parent = list(range(n))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in links:
        parent[root(i)] = root(j)
    members: dict[int, list[int]] = {}
    for i in range(n):
        members.setdefault(root(i), []).append(i)
    return [m for m in members.values() if len(m) > 1]


# ---- verdicts ----------------------------------------------------------------
def _judge(group: Group, topic: str | None) -> Group:
    items = group.items
    conflicts = _conflicts(items)
    group.status = DISAGREE if conflicts else AGREE
    group.differences = _figure_differences(items, conflicts) + _conversion_differences(items) + \
        _period_differences(items)
    group.topic = topic or _most_common(t for i in items for t in sorted(i.topics))
    group.key = _key(items)
    return group


def _signature(item: Item) -> tuple:
    return item.text, item.number, item.mention.get("qualifier"), item.date


def _conflicts(items: list[Item]) -> list[tuple[Item, Item]]:
    """Pairs of figures from different articles that cannot both be true. A big
    group repeats few figures: the figures are compared once per way of saying them."""
    ways: dict[tuple, tuple[Item, set[str]]] = {}
    for item in items:
        ways.setdefault(_signature(item), (item, set()))[1].add(item.article)
    distinct = list(ways.values())
    return [(a, b) for k, (a, sources_a) in enumerate(distinct) for b, sources_b in distinct[k + 1:]
            if not (sources_a == sources_b and len(sources_a) == 1) and not fits(a, b)]


def _figure_differences(items: list[Item], conflicts: list[tuple[Item, Item]]) -> list[dict]:
    """What the figures say differently: each pair that cannot both be true, or,
    when all fit, the different ways they were put (`3兆円` vs `3兆円規模`)."""
    kind = "date" if items[0].field == "dates" else "amount"
    if conflicts:
        details = dict.fromkeys(
            ("qualifier" if a.number is not None and a.number == b.number else kind, f"{_said(a)} vs {_said(b)}")
            for a, b in conflicts)
        return [{"kind": k, "detail": d} for k, d in details]
    ways = {_signature(i): i for i in items}
    values = {(i.number, i.mention.get("qualifier")) if i.number is not None else (i.date, None)
              for i in ways.values()}
    if len(values) < 2:
        return []
    differs = "qualifier" if len({v for v, _ in values}) == 1 else kind
    return [{"kind": differs, "detail": " vs ".join(dict.fromkeys(_said(i) for i in ways.values()))}]


def _said(item: Item) -> str:
    """A figure as written, with its qualifier when the words do not show it
    (`80億ドル(…)規模`: the 規模 stands after the bracket)."""
    qualifier = item.mention.get("qualifier")
    return f"{item.text} ({qualifier})" if qualifier and qualifier != "exact" else item.text


def _conversion_differences(items: list[Item]) -> list[dict]:
    """`80億ドル(約1兆2000億円)` against `80億ドル(約1兆2400億円)`: another exchange rate."""
    conversions = {(i.conversion["amount"], i.conversion["currency"]): i.conversion["text"]
                   for i in items if i.conversion}
    if len(conversions) < 2:
        return []
    return [{"kind": "conversion", "detail": " vs ".join(dict.fromkeys(conversions.values()))}]


def _period_differences(items: list[Item]) -> list[dict]:
    """A period one article gives and another leaves out."""
    periods = {i.article: i.periods for i in items}
    if len({frozenset(p) for p in periods.values()}) < 2:
        return []
    given = sorted({p for ps in periods.values() for p in ps})
    missing = [a for a, ps in periods.items() if not ps]
    return [{"kind": "period", "detail": f"{', '.join(given)} vs none in {len(missing)} source(s)"}]


def _key(items: list[Item]) -> str:
    """A readable summary: the metric, the actors, the period, the kind of figure."""
    names = Counter(a["name"] for i in items for a in i.claim.get("actors", []) if a.get("type") != "place")
    actors = ", ".join(n for n, _ in names.most_common(3))
    metric = _most_common(m for i in items for m in sorted(i.metric)) or ""
    period = _most_common(p for i in items for p in sorted(i.periods)) or ""
    kind = items[0].block.split(":", 1)[1]
    return " · ".join(part for part in (metric, actors, period, kind) if part)


def _most_common(values: Iterable[str]) -> str | None:
    """The most frequent value; on a tie the first in sort order (never set order,
    which changes from one process to the next)."""
    counted = Counter(values)
    return min(counted, key=lambda v: (-counted[v], v)) if counted else None
