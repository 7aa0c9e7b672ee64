"""A self-contained HTML report of a comparison: no network needed to view it
(styles inline, charts as inline SVG), readable on a laptop and a phone,
printable. Everything from an article is escaped."""

from __future__ import annotations

import math
from collections import Counter
from datetime import date
from html import escape

from claimcli.compare.groups import DISAGREE, Group
from claimcli.compare.intervals import date_parts
from claimcli.compare.items import Item
from claimcli.output.formats import normalized_figure

CHART_WIDTH, ROW_HEIGHT, LABEL_WIDTH = 640, 26, 150
_STYLE = """
:root { --agree: #1b7f3b; --disagree: #b3261e; --conversion: #8a5a00; --ink: #1d1d1f; --muted: #5f6368;
        --line: #dadce0; --mark: #fff1a8; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 1rem; color: var(--ink); line-height: 1.6;
       font-family: "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans CJK JP", "Noto Sans JP",
                    "Yu Gothic", "Meiryo", system-ui, sans-serif; }
h1 { font-size: 1.5rem; margin: .5rem 0; } h2 { font-size: 1.1rem; margin: 0 0 .5rem; }
.meta, .topic, .empty { color: var(--muted); font-size: .9rem; }
.summary { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1rem 0; }
.summary table { border-collapse: collapse; } .summary td, .summary th { padding: .2rem .6rem; text-align: left;
  border-bottom: 1px solid var(--line); }
.group { border: 1px solid var(--line); border-left: 6px solid var(--agree); border-radius: 6px; padding: 1rem;
         margin: 1rem 0; break-inside: avoid; }
.group[data-status="disagree"] { border-left-color: var(--disagree); }
.group[data-badge="conversion differs"] { border-left-color: var(--conversion); }
.badge { display: inline-block; padding: 0 .5rem; border-radius: 1rem; color: #fff; font-size: .8rem;
         background: var(--agree); margin-right: .5rem; vertical-align: middle; }
.badge.disagree { background: var(--disagree); } .badge.conversion { background: var(--conversion); }
.rows { width: 100%; border-collapse: collapse; font-size: .95rem; }
.rows td { padding: .35rem .4rem; border-top: 1px solid var(--line); vertical-align: top; }
.rows td.outlet { width: 11rem; font-weight: 600; } .rows td.date { white-space: nowrap; width: 7rem; }
.rows td.value { white-space: nowrap; font-variant-numeric: tabular-nums; }
mark { background: var(--mark); padding: 0 .1rem; }
.differences { margin: .5rem 0 0; padding-left: 1.2rem; font-size: .9rem; }
svg.chart { width: 100%; height: auto; max-width: 760px; margin: .25rem 0 .5rem; }
svg text { font-size: 12px; fill: var(--ink); font-family: inherit; }
@media (max-width: 640px) { .rows td.outlet, .rows td.date { width: auto; } .rows tr { display: grid; } }
@media print { body { max-width: none; } .group { page-break-inside: avoid; } }
"""


def render(groups: list[Group], subtitle: str) -> str:
    ordered = sorted(groups, key=lambda g: (g.status != DISAGREE, g.key))
    body = "\n".join(_group(g, n) for n, g in enumerate(ordered, 1)) or '<p class="empty">No facts stated by '\
        'several articles.</p>'
    return (f'<!DOCTYPE html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>claims: where outlets agree and disagree</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
            f"<header><h1>Where outlets agree and disagree</h1><p class=\"meta\">{escape(subtitle)}</p></header>\n"
            f"{_summary(ordered)}\n<main>\n{body}\n</main>\n</body>\n</html>\n")


def badge(group: Group) -> str:
    if group.status == DISAGREE:
        return "disagree"
    return "conversion differs" if any(d["kind"] == "conversion" for d in group.differences) else "agree"


def _summary(groups: list[Group]) -> str:
    by_badge = Counter(badge(g) for g in groups)
    by_topic = Counter(g.topic or "—" for g in groups)
    rows = "".join(f"<tr><td>{escape(k)}</td><td>{by_badge.get(k, 0)}</td></tr>"
                   for k in ("disagree", "conversion differs", "agree"))
    topics = "".join(f"<tr><td>{escape(t)}</td><td>{n}</td></tr>" for t, n in by_topic.most_common())
    return (f'<section class="summary"><table><tr><th>status</th><th>groups</th></tr>{rows}</table>'
            f'<table><tr><th>topic</th><th>groups</th></tr>{topics}</table></section>')


def _group(group: Group, n: int) -> str:
    label = badge(group)
    css = "disagree" if label == "disagree" else ("conversion" if label != "agree" else "")
    rows = "".join(_row(item) for item in group.items)
    differences = "".join(f"<li>{escape(d['kind'])}: {escape(d['detail'])}</li>" for d in group.differences)
    return (f'<article class="group" id="group-{n}" data-status="{escape(group.status)}" '
            f'data-badge="{escape(label)}" data-key="{escape(group.key)}">\n'
            f'<h2><span class="badge {css}">{escape(label)}</span>{escape(group.key)}</h2>\n'
            f'<p class="topic">{escape(group.topic or "")}</p>\n{_chart(group.items)}\n'
            f'<table class="rows">{rows}</table>\n'
            + (f'<ul class="differences">{differences}</ul>\n' if differences else "") + "</article>")


def _row(item: Item) -> str:
    sentence = item.sentence_text
    if item.span is not None:
        a, b = item.span
        shown = escape(sentence[:a]) + f"<mark>{escape(sentence[a:b])}</mark>" + escape(sentence[b:])
    else:
        shown = escape(sentence)
    return (f'<tr><td class="outlet">{escape(item.outlet)}</td>'
            f'<td class="date">{escape(item.source.published or "—")}</td>'
            f'<td class="sentence">{shown}</td><td class="value">{escape(_value(item))}</td></tr>')


def _value(item: Item) -> str:
    if item.field == "dates":
        return str(item.value)
    return normalized_figure(item.value, item.unit, item.qualifier)


# ---- charts ------------------------------------------------------------------
def _chart(items: list[Item]) -> str:
    return _interval_chart(items) if items[0].number is not None else _timeline(items)


def _interval_chart(items: list[Item]) -> str:
    """Each figure as the interval the comparison used: a bar, open ends as arrows."""
    finite = [v for i in items for v in (i.interval.low, i.interval.high, i.number) if math.isfinite(v)]
    x = _scale(min(finite), max(finite))
    parts = []
    for k, item in enumerate(items):
        y = 18 + k * ROW_HEIGHT
        a = x(item.interval.low) if math.isfinite(item.interval.low) else LABEL_WIDTH
        b = x(item.interval.high) if math.isfinite(item.interval.high) else CHART_WIDTH - 20
        left = "" if math.isfinite(item.interval.low) else ' marker-start="url(#open)"'
        right = "" if math.isfinite(item.interval.high) else ' marker-end="url(#open)"'
        parts.append(f'<text x="4" y="{y + 4}">{escape(_label(item))}</text>'
                     f'<line x1="{a:.1f}" y1="{y}" x2="{b:.1f}" y2="{y}" stroke="#1a73e8" stroke-width="6" '
                     f'stroke-linecap="round"{left}{right}/>'
                     f'<circle cx="{x(item.number):.1f}" cy="{y}" r="4" fill="#1d1d1f"/>')
    return _svg(parts, len(items), "each outlet's figure as the interval it allows")


def _timeline(items: list[Item]) -> str:
    """Dates on a timeline; dates without a year or month are placed by what they give."""
    points = [(item, _when(item.date or "")) for item in items]
    placed = [(i, w) for i, w in points if w is not None]
    if not placed:
        return ""
    x = _scale(min(w for _, w in placed), max(w for _, w in placed))
    parts = [f'<text x="4" y="{18 + k * ROW_HEIGHT + 4}">{escape(_label(item))}</text>'
             f'<line x1="{LABEL_WIDTH}" y1="{18 + k * ROW_HEIGHT}" x2="{CHART_WIDTH - 20}" '
             f'y2="{18 + k * ROW_HEIGHT}" stroke="#dadce0"/>'
             + (f'<circle cx="{x(w):.1f}" cy="{18 + k * ROW_HEIGHT}" r="6" fill="#1a73e8"/>'
                f'<text x="{x(w) + 9:.1f}" y="{18 + k * ROW_HEIGHT + 4}">{escape(str(item.date))}</text>'
                if w is not None else "")
             for k, (item, w) in enumerate(points)]
    return _svg(parts, len(items), "each outlet's date on a timeline")


def _scale(low: float, high: float):
    """Value → x in the chart, with a margin on both sides (and room when all values are one)."""
    pad = (high - low) * 0.15 or abs(high) * 0.15 or 1
    low, high = low - pad, high + pad
    return lambda v: LABEL_WIDTH + (CHART_WIDTH - LABEL_WIDTH - 20) * (v - low) / (high - low)


def _when(value: str) -> float | None:
    parts = date_parts(value.split("/")[0])
    if parts is None:
        return None
    year, month, day = parts
    if year and month and day:
        try:
            return date(year, month, day).toordinal()
        except ValueError:  # 2025-02-31 from an older claims: no place on the timeline
            return None
    if day and not year:
        return (month or 0) * 31 + day
    return (year or 0) * 12 + (month or 1) if not day else None


def _label(item: Item) -> str:
    name = item.outlet
    return name if len(name) <= 12 else name[:11] + "…"


def _svg(parts: list[str], rows: int, title: str) -> str:
    height = 12 + rows * ROW_HEIGHT
    return (f'<svg class="chart" viewBox="0 0 {CHART_WIDTH} {height}" role="img" aria-label="{escape(title)}">'
            f'<title>{escape(title)}</title><defs><marker id="open" viewBox="0 0 10 10" refX="5" refY="5" '
            f'markerWidth="4" markerHeight="4" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
            f'fill="#1a73e8"/></marker></defs>{"".join(parts)}</svg>')
