"""A self-contained HTML report of a comparison: no network needed to view it
(styles inline, charts drawn in HTML and CSS, no script), readable from a
phone's 400 px to a laptop, printable. Everything from an article is escaped.

The page reads from the top: how many facts disagree, a table of contents
(disagreements first, then by topic), filters by status and topic (radio
buttons and CSS: they work from a file, with no server and no script), then
one section per fact with its chart and its claims."""

from __future__ import annotations

import math
import re
from collections import Counter
from datetime import date
from html import escape

from claimcli.compare.groups import DISAGREE, Group
from claimcli.compare.intervals import date_parts
from claimcli.compare.items import Item
from claimcli.text.japanese import amount, date_value, difference_words, unit_word

BADGES = ("disagree", "conversion differs", "agree")
TICKS = 4  # about this many values on an axis
PAD = 0.08  # of the range, on each side of a chart
_STYLE = """
:root { --agree: #1b7f3b; --disagree: #b3261e; --conversion: #8a5a00; --ink: #1d1d1f; --muted: #5f6368;
        --line: #dadce0; --mark: #fff1a8; --bar: #1a73e8; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 1rem; color: var(--ink); line-height: 1.6;
       font-family: "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans CJK JP", "Noto Sans JP",
                    "IPAGothic", "Yu Gothic", "Meiryo", system-ui, sans-serif; overflow-wrap: anywhere; }
h1 { font-size: 1.5rem; margin: .5rem 0; } h2 { font-size: 1.1rem; margin: 0 0 .25rem; }
a { color: inherit; }
.meta, .topic, .empty { color: var(--muted); font-size: .9rem; margin: 0 0 .5rem; }
.summary { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1rem 0; align-items: flex-start; }
.summary table { border-collapse: collapse; } .summary td, .summary th { padding: .2rem .6rem; text-align: left;
  border-bottom: 1px solid var(--line); }
nav.toc { border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem; margin: 1rem 0; }
nav.toc summary { cursor: pointer; font-weight: 600; }
nav.toc h3 { font-size: .95rem; margin: .75rem 0 .25rem; } nav.toc ol { margin: 0; padding-left: 1.5rem; }
.filters { display: flex; flex-wrap: wrap; gap: .25rem .5rem; align-items: center; margin: .5rem 0; font-size: .9rem; }
.filters input { position: absolute; opacity: 0; pointer-events: none; }
.filters label { border: 1px solid var(--line); border-radius: 1rem; padding: 0 .6rem; cursor: pointer; }
.filters .name { color: var(--muted); margin-left: .5rem; }
.group { border: 1px solid var(--line); border-left: 6px solid var(--agree); border-radius: 6px; padding: 1rem;
         margin: 1rem 0; break-inside: avoid; }
.group[data-status="disagree"] { border-left-color: var(--disagree); }
.group[data-badge="conversion differs"] { border-left-color: var(--conversion); }
.badge { display: inline-block; padding: 0 .5rem; border-radius: 1rem; color: #fff; font-size: .8rem;
         background: var(--agree); margin-right: .5rem; vertical-align: middle; white-space: nowrap; }
.badge.disagree { background: var(--disagree); } .badge.conversion { background: var(--conversion); }
.rows { width: 100%; border-collapse: collapse; font-size: .95rem; }
.rows th { text-align: left; font-size: .8rem; color: var(--muted); font-weight: 400; padding: 0 .4rem; }
.rows td { padding: .35rem .4rem; border-top: 1px solid var(--line); vertical-align: top; }
.rows td.outlet { width: 11rem; font-weight: 600; } .rows td.date { white-space: nowrap; width: 7rem; }
.rows td.value { white-space: nowrap; font-variant-numeric: tabular-nums; }
mark { background: var(--mark); padding: 0 .1rem; }
.differences { margin: .5rem 0 0; padding-left: 1.2rem; font-size: .9rem; }
.chart { margin: .25rem 0 .75rem; font-size: .85rem; }
.crow { display: grid; grid-template-columns: minmax(5rem, 11rem) 1fr; gap: .5rem; align-items: center; }
.clabel { overflow-wrap: anywhere; line-height: 1.3; padding: .15rem 0; }
.track { position: relative; height: 1.5rem; margin: 0 .5rem; }
.bar { position: absolute; top: .5rem; height: .5rem; background: var(--bar); border-radius: .25rem; min-width: 3px; }
.bar.open-low { border-radius: 0 .25rem .25rem 0; } .bar.open-high { border-radius: .25rem 0 0 .25rem; }
.bar.open-low::before, .bar.open-high::after { content: ""; position: absolute; top: -.25rem;
  border: .5rem solid transparent; }
.bar.open-low::before { left: -.9rem; border-right-color: var(--bar); }
.bar.open-high::after { right: -.9rem; border-left-color: var(--bar); }
.dot { position: absolute; top: .4rem; width: .7rem; height: .7rem; margin-left: -.35rem; border-radius: 50%;
       background: var(--ink); }
.when { position: absolute; top: 0; white-space: nowrap; font-size: .8rem; padding: 0 .6rem; }
.when.before { transform: translateX(-100%); }
.axis .track { border-top: 1px solid var(--muted); height: 1.4rem; }
.axis .clabel { color: var(--muted); }
.tick { position: absolute; top: .1rem; transform: translateX(-50%); white-space: nowrap; color: var(--muted);
        font-size: .75rem; font-variant-numeric: tabular-nums; }
.tick::before { content: ""; position: absolute; left: 50%; top: -.35rem; height: .3rem; border-left: 1px solid
  var(--muted); }
.tick.first { transform: none; } .tick.first::before { left: 0; }
.tick.last { transform: translateX(-100%); } .tick.last::before { left: auto; right: 0; }
@media (max-width: 640px) {
  body { padding: .5rem; } .group { padding: .6rem; }
  .rows thead { display: none; } .rows tr { display: grid; grid-template-columns: auto 1fr; }
  .rows td { border: 0; padding: .1rem .3rem; } .rows td.outlet, .rows td.date { width: auto; }
  .rows td.sentence, .rows td.value { grid-column: 1 / -1; } .rows tr + tr { border-top: 1px solid var(--line); }
  .crow { grid-template-columns: minmax(4rem, 30%) 1fr; }
  .tick.middle { display: none; } .when { font-size: .72rem; padding: 0 .45rem; }
}
@media print { body { max-width: none; } .group { page-break-inside: avoid; } .filters { display: none; } }
"""


def render(groups: list[Group], subtitle: str) -> str:
    ordered = sorted(groups, key=lambda g: (g.status != DISAGREE, g.key))
    numbered = list(enumerate(ordered, 1))
    topics = sorted({g.topic or "—" for g in ordered})
    body = "\n".join(_group(g, n) for n, g in numbered) or \
        '<p class="empty">No facts stated by several articles.</p>'
    return (f'<!DOCTYPE html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>claims: where outlets agree and disagree</title>\n"
            f"<style>{_STYLE}{_filter_rules(topics)}</style>\n</head>\n<body>\n"
            f"<header><h1>Where outlets agree and disagree</h1><p class=\"meta\">{escape(subtitle)}</p></header>\n"
            f"{_summary(ordered)}\n{_contents(numbered)}\n{_filters(topics) if ordered else ''}\n"
            f"<main>\n{body}\n</main>\n</body>\n</html>\n")


def badge(group: Group) -> str:
    if group.status == DISAGREE:
        return "disagree"
    return "conversion differs" if any(d["kind"] == "conversion" for d in group.differences) else "agree"


def _summary(groups: list[Group]) -> str:
    by_badge = Counter(badge(g) for g in groups)
    by_topic = Counter(g.topic or "—" for g in groups)
    rows = "".join(f"<tr><td>{escape(k)}</td><td>{by_badge.get(k, 0)}</td></tr>" for k in BADGES)
    topics = "".join(f"<tr><td>{escape(t)}</td><td>{n}</td></tr>" for t, n in by_topic.most_common())
    return (f'<section class="summary"><table><tr><th>status</th><th>facts</th></tr>{rows}</table>'
            f'<table><tr><th>topic</th><th>facts</th></tr>{topics}</table></section>')


def _contents(numbered: list[tuple[int, Group]]) -> str:
    """Disagreements first, then the other facts by topic: each a link to its section."""
    if not numbered:
        return ""
    parts = [("Disagreements", [(n, g) for n, g in numbered if g.status == DISAGREE])]
    rest = [(n, g) for n, g in numbered if g.status != DISAGREE]
    for topic in sorted({g.topic or "—" for _, g in rest}):
        parts.append((f"Topic: {topic}", [(n, g) for n, g in rest if (g.topic or "—") == topic]))
    sections = "".join(
        f"<h3>{escape(title)} ({len(found)})</h3><ol>"
        + "".join(f'<li><a href="#group-{n}">{escape(badge(g))} · {escape(g.key)}</a></li>' for n, g in found)
        + "</ol>" for title, found in parts if found)
    return (f'<nav class="toc"><details open><summary>Contents: {len(numbered)} facts</summary>{sections}'
            "</details></nav>")


def _filters(topics: list[str]) -> str:
    """Radio buttons before <main>: CSS hides the groups the checked ones leave out."""
    def radios(name: str, values: list[tuple[str, str]]) -> str:
        return "".join(f'<input type="radio" name="{name}" id="{name}-{k}"{" checked" if k == "all" else ""}>'
                       f'<label for="{name}-{k}">{escape(label)}</label>' for k, label in values)
    statuses = [("all", "all"), *((_slug(b), b) for b in BADGES)]
    topic_values = [("all", "all"), *((f"t{k}", t) for k, t in enumerate(topics))]
    return (f'<form class="filters" aria-label="filters"><span class="name">status</span>'
            f'{radios("status", statuses)}<span class="name">topic</span>{radios("topic", topic_values)}</form>')


def _filter_rules(topics: list[str]) -> str:
    rules = [f'body:has(#status-{_slug(b)}:checked) .group:not([data-badge="{b}"]) {{ display: none; }}'
             for b in BADGES]
    rules += [f'body:has(#topic-t{k}:checked) .group:not([data-topic="{escape(t)}"]) {{ display: none; }}'
              for k, t in enumerate(topics)]
    rules.append("body:has(.filters input:checked) .filters input:checked + label "
                 "{ background: var(--ink); color: #fff; }")
    return "\n" + "\n".join(rules) + "\n"


def _slug(text: str) -> str:
    return re.sub(r"\W+", "-", text)


def _group(group: Group, n: int) -> str:
    label = badge(group)
    css = "disagree" if label == "disagree" else ("conversion" if label != "agree" else "")
    rows = "".join(_row(item) for item in group.items)
    outlets = len({i.outlet for i in group.items})
    differences = "".join(f"<li>{escape(difference_words(d))}</li>" for d in group.differences)
    return (f'<article class="group" id="group-{n}" data-status="{escape(group.status)}" '
            f'data-badge="{escape(label)}" data-topic="{escape(group.topic or "—")}" data-key="{escape(group.key)}">\n'
            f'<h2><a href="#group-{n}" class="badge {css}">{escape(label)}</a>{escape(group.key)}</h2>\n'
            f'<p class="topic">{escape(group.topic or "no topic")} · {outlets} outlets · '
            f'{len(group.items)} claims</p>\n{_chart(group.items)}\n'
            f'<table class="rows"><thead><tr><th>outlet</th><th>published</th><th>sentence</th>'
            f'<th>the claim\'s figure</th></tr></thead><tbody>{rows}</tbody></table>\n'
            + (f'<ul class="differences">{differences}</ul>\n' if differences else "") + "</article>")


def _row(item: Item) -> str:
    sentence = item.sentence_text
    if item.span is not None:
        a, b = item.span
        shown = escape(sentence[:a]) + f"<mark>{escape(sentence[a:b])}</mark>" + escape(sentence[b:])
    else:
        shown = escape(sentence)
    outlet = escape(item.outlet)
    url = item.source.url
    if url and re.match(r"https?://", url):  # a link to the article; never a javascript: or data: URL
        outlet = f'<a href="{escape(url)}" rel="noreferrer noopener">{outlet}</a>'
    published = item.source.published
    return (f'<tr><td class="outlet">{outlet}</td>'
            f'<td class="date" title="the article\'s publication date">{escape(published or "—")}</td>'
            f'<td class="sentence">{shown}</td><td class="value">{escape(value_words(item))}</td></tr>')


def value_words(item: Item) -> str:
    """A figure as a reader says it: `約1兆2000億円`, `最大500億ドル`, `2025年11月6日`, `3年間`."""
    if item.field == "dates":
        return date_value(item.date or str(item.value), text=item.text)
    return amount(float(item.number or 0), item.unit, item.qualifier, money=item.field == "money")


# ---- charts ------------------------------------------------------------------
def _chart(items: list[Item]) -> str:
    return _interval_chart(items) if items[0].number is not None else _timeline(items)


def _interval_chart(items: list[Item]) -> str:
    """Each figure as the interval the comparison used: a bar (an open end an
    arrow), its value a dot, on an axis of values in 億 and 兆 with the unit."""
    finite = [v for i in items for v in (i.interval.low, i.interval.high, i.number) if math.isfinite(v)]
    low, high = _padded(min(finite), max(finite))
    x = _scale(low, high)
    money = items[0].field == "money"
    rows = []
    for item in items:
        a = x(item.interval.low) if math.isfinite(item.interval.low) else 0.0
        b = x(item.interval.high) if math.isfinite(item.interval.high) else 100.0
        opened = ("" if math.isfinite(item.interval.low) else " open-low") + \
            ("" if math.isfinite(item.interval.high) else " open-high")
        rows.append(_chart_row(item.outlet, f'<span class="bar{opened}" style="left:{a:.2f}%;width:{b - a:.2f}%">'
                               f'</span><span class="dot" style="left:{x(item.number or 0):.2f}%"></span>',
                               value_words(item)))
    ticks = [(x(v), amount(v, items[0].unit, None, money)) for v in _nice_ticks(low, high)]
    return _chart_box(rows, _axis(ticks, _unit_words(items[0])), "each outlet's figure as the interval it allows")


def _timeline(items: list[Item]) -> str:
    """Dates on a timeline, each with its date; dates without a year or month are placed by what they give."""
    placed = [(item, w) for item in items if (w := _when(item.date or "")) is not None]
    if not placed:
        return ""
    low, high = _padded(min(w for _, w in placed), max(w for _, w in placed), minimum=2)
    x = _scale(low, high)
    rows = []
    for item, w in placed:
        at = x(w)
        side = "before" if at > 50 else "after"  # the date on the side with room for it
        rows.append(_chart_row(item.outlet, f'<span class="dot" style="left:{at:.2f}%"></span>'
                               f'<span class="when {side}" style="left:{at:.2f}%">{escape(value_words(item))}</span>',
                               value_words(item)))
    first, last = min(placed, key=lambda p: p[1]), max(placed, key=lambda p: p[1])
    ticks = [(x(first[1]), value_words(first[0]))] + ([(x(last[1]), value_words(last[0]))] if last[1] != first[1]
                                                     else [])
    return _chart_box(rows, _axis(ticks, "date"), "each outlet's date on a timeline")


def _chart_row(label: str, marks: str, said: str) -> str:
    return (f'<div class="crow" title="{escape(label)}: {escape(said)}"><span class="clabel">{escape(label)}</span>'
            f'<span class="track">{marks}</span></div>')


def _axis(ticks: list[tuple[float, str]], unit: str) -> str:
    spans = []
    for k, (at, text) in enumerate(ticks):
        where = "first" if k == 0 and at < 15 else "last" if k == len(ticks) - 1 and at > 85 else "middle"
        spans.append(f'<span class="tick {where}" style="left:{at:.2f}%">{escape(text)}</span>')
    return f'<div class="crow axis"><span class="clabel">{escape(unit)}</span><span class="track">{"".join(spans)}' \
        '</span></div>'


def _chart_box(rows: list[str], axis: str, title: str) -> str:
    return f'<div class="chart" role="img" aria-label="{escape(title)}">{"".join(rows)}{axis}</div>'


def _unit_words(item: Item) -> str:
    """The axis's unit: the currency's word and code (`ドル (USD)`), or the counter."""
    word = unit_word(item.unit, item.field == "money")
    return f"{word} ({item.unit})" if item.field == "money" and word else str(item.unit or "")


def _padded(low: float, high: float, minimum: float = 0.0) -> tuple[float, float]:
    """The range of a chart: its values with a margin (and room when all values are one)."""
    pad = max((high - low) * PAD, minimum) or abs(high) * 0.1 or 1
    return low - pad, high + pad


def _scale(low: float, high: float):
    """Value → position in the track, in percent."""
    return lambda v: 100 * (v - low) / (high - low)


def _nice_ticks(low: float, high: float) -> list[float]:
    """About TICKS round values inside [low, high]: steps of 1, 2 or 5 × 10^k."""
    raw = (high - low) / TICKS
    power = 10 ** math.floor(math.log10(raw))
    step = next(s * power for s in (1, 2, 5, 10) if s * power >= raw)
    first = math.ceil(low / step) * step
    count = int((high - first) // step) + 1
    return [first + k * step for k in range(count) if first + k * step <= high]


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

