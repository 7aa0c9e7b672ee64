"""Rich tables for a terminal: each figure highlighted in its sentence."""

from __future__ import annotations

import re

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from claimcli.claims import Claim
from claimcli.extract.money import Money
from claimcli.extract.quantities import Quantity
from claimcli.output.wrap import Wrapped
from claimcli.text.japanese import amount, date_value, difference_words

FIGURE_STYLE = "bold yellow"
OUTLET_WIDTH = 20  # cells: a longer outlet name wraps at its spaces


def claims_table(claims: list[Claim]) -> Table:
    table = Table(show_lines=True, expand=True)
    table.add_column("outlet", max_width=OUTLET_WIDTH)
    table.add_column("published", no_wrap=True)
    table.add_column("sentence", ratio=1)  # what the other columns leave
    table.add_column("figures")
    for claim in claims:
        a = claim.article
        spans = [claim.sentence.norm.source_span(m.start, m.end) for m in claim.figures]
        table.add_row(
            outlet_cell(a.outlet or a.path),
            a.published.isoformat() if a.published else "—",
            Wrapped(_highlighted(claim.sentence.text, spans), spans),
            _figures_cell([describe(m) for m in claim.figures]),
        )
    return table


def outlet_cell(outlet: str) -> Wrapped:
    """An outlet's name breaks only at its spaces (`ロイター (via …)`), never inside a word."""
    return Wrapped(outlet, [m.span() for m in re.finditer(r"\S+", outlet)])


def _highlighted(sentence: str, spans: list[tuple[int, int]]) -> Text:
    text = Text(sentence)
    for start, end in spans:
        text.stylize(FIGURE_STYLE, start, end)
    return text


def _figures_cell(figures: list[str]) -> Wrapped:
    """One figure a line, each figure (`約190億ドル`, `= 3兆円`) unbroken."""
    text = "\n".join(figures)
    return Wrapped(text, [m.span() for m in re.finditer(r"(?:= )?\S+", text)])


def describe(m) -> str:
    """One line for a mention, in words: `約190億ドル = 3兆円`, `5か国`, `2025年11月6日`, `3年間`."""
    if isinstance(m, Money):
        converts = f" = {m.equivalent_of}" if m.equivalent_of else ""
        return amount(float(m.amount), m.currency, m.qualifier, money=True) + converts
    if isinstance(m, Quantity):
        return amount(float(m.value), m.unit, m.qualifier)
    return date_value(m.value, m.kind, m.extra.get("calendar"), m.text)


def print_claims(claims: list[Claim], console: Console) -> None:
    if claims:
        console.print(claims_table(claims))
    else:
        console.print("No claims found.")


def print_actors(rows: list[dict], console: Console) -> None:
    """One line per actor across the articles: its spellings and mentions per outlet."""
    if not rows:
        console.print("No actors found.")
        return
    by_id: dict[str, list[dict]] = {}
    for row in rows:
        by_id.setdefault(row["id"], []).append(row)
    table = Table(show_lines=False, expand=True)
    for column in ("actor", "type", "spellings", "mentions per outlet"):
        table.add_column(column)
    for actor_id, found in sorted(by_id.items(), key=lambda kv: -sum(r["count"] for r in kv[1])):
        spellings = dict.fromkeys(m for r in found for m in r["mentions"])
        per_outlet: dict[str, int] = {}
        for r in found:
            outlet = r["source"].get("outlet") or r["source"]["path"]
            per_outlet[outlet] = per_outlet.get(outlet, 0) + r["count"]
        name = Text(found[0]["name"]) + Text(f"\n{actor_id}", style="dim")
        table.add_row(Wrapped(name), found[0]["type"],
                      Wrapped("、".join(spellings), _words_of("、".join(spellings), "、")),
                      _lines_cell([f"{o}: {n}" for o, n in per_outlet.items()]))
    console.print(table)


def _words_of(text: str, separator: str = " ") -> list[tuple[int, int]]:
    """The spans between separators (and line breaks): each kept whole on a line where it fits."""
    return [m.span() for m in re.finditer(rf"[^{re.escape(separator)}\n]+{re.escape(separator)}?", text)]


def _lines_cell(lines: list[str]) -> Wrapped:
    """One entry a line (`ロイター (via …): 5`), broken only at its spaces."""
    return Wrapped("\n".join(lines), _words_of("\n".join(lines)))


STATUS_STYLE = {"agree": "bold green", "disagree": "bold red"}


def print_groups(groups: list, console: Console) -> None:
    """One panel per group: status, key, and a row per claim with its figure highlighted."""
    from rich.panel import Panel

    if not groups:
        console.print("No claims that several articles make about the same fact.")
        return
    for group in groups:
        table = Table(show_header=True, expand=True, box=None)
        table.add_column("outlet", max_width=OUTLET_WIDTH)
        table.add_column("published", no_wrap=True)
        table.add_column("sentence", ratio=1)
        for item in group.items:
            spans = [item.span] if item.span else []
            table.add_row(outlet_cell(item.outlet), item.source.published or "—",
                          Wrapped(_highlighted(item.sentence_text, spans), spans))
        values = [f"{v.text} — {_outlets(v.outlets)}" for v in group.values] if len(group.values) > 1 else []
        notes = [*values, *(difference_words(d) for d in group.differences)]
        title = Text(group.status.upper(), style=STATUS_STYLE[group.status]) + Text(f"  {group.key}")
        body = Group(table, Wrapped(Text("\n".join(notes), style="italic"))) if notes else table
        console.print(Panel(body, title=title, title_align="left"))


def _outlets(outlets: list[str]) -> str:
    return f"{len(outlets)} outlet{'s' if len(outlets) > 1 else ''} ({', '.join(outlets)})"


def print_topics(rows: list[dict], console: Console) -> None:
    if not rows:
        console.print("No topics found.")
        return
    table = Table(expand=True)
    for column in ("topic", "claims", "per outlet"):
        table.add_column(column)
    for row in rows:
        table.add_row(row["topic"], str(row["claims"]), _lines_cell([f"{o}: {n}" for o, n in row["outlets"].items()]))
    console.print(table)


def print_stored(rows: list[dict], console: Console) -> None:
    """The store's articles: path, outlet, day, claims."""
    if not rows:
        console.print("The store holds no articles: claims extract PATH adds them.")
        return
    table = Table(expand=True)
    table.add_column("path", ratio=1, overflow="fold")
    table.add_column("outlet", max_width=OUTLET_WIDTH)
    table.add_column("published", no_wrap=True)
    table.add_column("claims", justify="right", no_wrap=True)
    for row in rows:
        table.add_row(row["path"], outlet_cell(row["outlet"] or "—"), row["published"] or "—", str(row["claims"]))
    console.print(table)
