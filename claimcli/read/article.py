"""From a file's bytes to an Article: decoded text, metadata, and the spans of
the text that are the article's content (site chrome and metadata dropped)."""

from __future__ import annotations

import hashlib
import tomllib
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

from claimcli.data import table
from claimcli.read import metadata
from claimcli.read.chrome import find_layout
from claimcli.read.decode import Decoded, decode
from claimcli.read.files import shown
from claimcli.read.html import Page, is_html, read_page
from claimcli.text.sentences import Span

SIDECAR = "meta.toml"
REPOST_DAYS = 31  # a post copies an article at most this long after it appeared
REPOST_LINES = 12  # ... and gives the article's date line among its first lines
ARTICLE_KEYS = ("outlet", "published", "title", "url")  # what a meta.toml may say of one article
FOLDER_KEYS = ("outlet",)  # what a meta.toml may say for every article of its folder


class SidecarError(ValueError):
    """The metadata file beside an article is broken."""


@dataclass(frozen=True)
class Dropped:
    span: Span
    reason: str


@dataclass(frozen=True)
class Article:
    path: str
    text: str
    encoding: str
    content_hash: str
    url: str | None
    outlet: str | None
    published: date | None
    title: str | None
    segments: tuple[Span, ...]
    dropped: tuple[Dropped, ...] = field(default=())


@dataclass
class _Meta:
    url: str | None = None
    dated: date | None = None  # from a date line, byline or marker
    modified: date | None = None
    footer: date | None = None  # a copyright line's full date
    date_lines: list[date] = field(default_factory=list)  # the date lines of the first lines, in order


def read_article(path: str, data: bytes, given: dict | None = None) -> Article:
    """Raises DecodeError when the bytes are not text. A web page gives its main
    text and its own metadata; everything after that is the same for both.
    `given`: what the user said of the article (`--outlet`, `--published`…), over all else."""
    page = read_page(data) if is_html(path, data) else None
    decoded = Decoded(page.text, page.encoding) if page else decode(data)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    lines = _line_spans(text)
    meta, segments, dropped = _Meta(), {}, []
    for i, span in enumerate(lines):
        _read_line(text, span, i, meta, segments, dropped)
    candidates = [i in segments for i in range(len(lines))]
    layout = find_layout([unicodedata.normalize("NFKC", text[s.start : s.end]) for s in lines], candidates)
    for i, why in layout.dropped.items():
        dropped.append(Dropped(segments.pop(i), why))
    overrides = {**_page_metadata(page), **sidecar(path), **(given or {})}
    url = overrides.get("url", meta.url)
    published = _published(overrides, meta, url)
    title = overrides.get("title") or (
        _text_of(text, segments[layout.title]) if layout.title is not None else None
    )
    return Article(
        path=shown(path),  # a file name's bytes that are not UTF-8 cannot go into JSON as they are
        text=text,
        encoding=decoded.encoding,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        url=url,
        outlet=overrides.get("outlet") or outlet_of(url) or _host(url) or Path(shown(path)).name,
        published=published,
        title=title,
        segments=tuple(segments[i] for i in sorted(segments)),
        dropped=tuple(sorted(dropped, key=lambda d: d.span.start)),
    )


def _page_metadata(page: Page | None) -> dict:
    """What a web page says of itself, where it says it."""
    if page is None:
        return {}
    found = {"title": page.title, "outlet": page.outlet, "url": page.url, "published": page.published}
    return {k: v for k, v in found.items() if v}


def _text_of(text: str, span: Span) -> str:
    return text[span.start : span.end].strip()


def _line_spans(text: str) -> list[Span]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append(Span(start, start + len(line)))
        start += len(line) + 1
    return spans


def _read_line(
    text: str, span: Span, i: int, meta: _Meta, segments: dict[int, Span], dropped: list[Dropped]
) -> None:
    """Sort one line into metadata (remembered, dropped) or content."""
    line = text[span.start : span.end]
    if not line.strip():
        return
    if metadata.is_url_line(line):
        meta.url = meta.url or line.strip()
        dropped.append(Dropped(span, "URL line"))
    elif found := metadata.marker(line):
        day, rest = found
        meta.dated = meta.dated or day
        dropped.append(Dropped(Span(span.start, span.start + rest), "date marker"))
        if line[rest:].strip():
            segments[i] = Span(span.start + rest, span.end)
    elif day := metadata.last_modified(line):
        meta.modified = meta.modified or day
        dropped.append(Dropped(span, "last-modified line"))
    elif day := metadata.footer_date(line):
        meta.footer = meta.footer or day
        dropped.append(Dropped(span, "copyright line"))
    elif day := metadata.date_line(line):
        meta.dated = meta.dated or day
        if i < REPOST_LINES:  # a post gives the copied article's date line near its top
            meta.date_lines.append(day)
        dropped.append(Dropped(span, "date line or byline"))
    else:
        segments[i] = span


def _published(overrides: dict, meta: _Meta, url: str | None) -> date | None:
    if "published" in overrides:
        value = overrides["published"]
        if isinstance(value, datetime):  # published = 2025-11-06T09:00:00: its day
            return value.date()
        return value if isinstance(value, date) else (date.fromisoformat(value) if value else None)
    return _reposted(meta) or meta.dated or (metadata.url_date(url) if url else None) or meta.footer or meta.modified


def _reposted(meta: _Meta) -> date | None:
    """A post that copies an article (a blog, a forum) dates itself first, then
    gives the article's own date line, a few days earlier: that is the article's date."""
    first, *later = meta.date_lines or [None]
    copied = [d for d in later if first and timedelta(days=1) <= first - d <= timedelta(days=REPOST_DAYS)]
    return copied[0] if copied else None


def outlet_of(url: str | None) -> str | None:
    """The outlet outlets.tsv names for the URL's host or a parent domain of it."""
    parts = (_host(url) or "").split(".")
    outlets = _outlets()
    for k in range(len(parts) - 1):
        if (name := outlets.get(".".join(parts[k:]))) is not None:
            return name
    return None


def _host(url: str | None) -> str | None:
    """`https://www.example.co.jp/a` → `example.co.jp`: the outlet when no table names it."""
    if not url:
        return None
    try:
        host = (urlparse(url).hostname or "").lower()
    except ValueError:  # a malformed host (an unclosed IPv6 bracket)
        return None
    return host.removeprefix("www.") or None


@lru_cache(maxsize=1)
def _outlets() -> dict[str, str]:
    return dict(row[:2] for row in table("outlets.tsv") if len(row) >= 2)


def sidecar(path: str) -> dict:
    """Overrides for one article from the `meta.toml` beside it: a table per file
    name with any of `outlet`, `published`, `title`, `url`; an `outlet` outside
    the tables is every article's of the folder that names none."""
    p = Path(path)
    found = _sidecar_of(str(p.parent))
    own = found.get(p.name, {})
    folder = {k: v for k, v in found.items() if k in FOLDER_KEYS and not isinstance(v, dict)}
    return {**folder, **(own if isinstance(own, dict) else {})}


@lru_cache(maxsize=256)
def _sidecar_of(folder: str) -> dict:
    file = Path(folder, SIDECAR)
    if not file.is_file():
        return {}
    try:
        found = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SidecarError(f"cannot read {file}: {exc}") from exc
    for key, value in found.items():
        if isinstance(value, dict):
            for inner, v in value.items():
                _check_key(file, f"{key}.{inner}", inner, v)
        else:
            _check_key(file, key, key, value, FOLDER_KEYS)
    return found


def _check_key(file: Path, where: str, key: str, value, known: tuple[str, ...] = ARTICLE_KEYS) -> None:
    """A key meta.toml may hold, with a value of its kind: else the file and the key are named."""
    if key not in known:
        raise SidecarError(f"{file}: unknown key {where} (an article's table takes {', '.join(ARTICLE_KEYS)}; "
                           f"outside a table: {', '.join(FOLDER_KEYS)})")
    if key == "published":
        if isinstance(value, date):
            return
        if isinstance(value, str):
            try:
                date.fromisoformat(value)
                return
            except ValueError:
                pass
        raise SidecarError(f"{file}: {where} = {value!r} is not a date (published = 2025-11-06)")
    if not isinstance(value, str):
        raise SidecarError(f"{file}: {where} = {value!r} is not a text (give it in quotes)")
