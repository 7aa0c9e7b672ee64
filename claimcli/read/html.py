"""Saved web pages: the article's main text (trafilatura) and the page's own
metadata — `article:published_time`, `og:title`, `og:site_name`, JSON-LD
`NewsArticle` (`datePublished`, `publisher`), `<link rel="canonical">`.

trafilatura is the well-kept main-content extractor for news pages (it keeps
paragraphs and headings, drops navigation, related stories and comments);
metadata is read from the page's own tags only, never guessed from its text.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass
from datetime import date, datetime

from claimcli.read.decode import Decoded, DecodeError, decode

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body)\b", re.I)
_XML_PROLOG_BYTES = re.compile(rb"<\?xml[^>]{0,200}\?>")
_XML_PROLOG = re.compile(r"\A\ufeff?\s*<\?xml[^>]{0,200}\?>")  # at the very start only
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)


@dataclass(frozen=True)
class Page:
    text: str  # the main text: title, headings and paragraphs, one per line
    encoding: str
    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None


def is_html(path: str, data: bytes) -> bool:
    return path.lower().endswith(tuple(HTML_SUFFIXES)) or _starts_like_html(data[:1024])


def _starts_like_html(head: bytes) -> bool:
    """A page's first tag, after a BOM, an XML prolog and comments. Comments are
    skipped by a scan, not a regular expression: `<!---->` repeated made one
    backtrack for ever."""
    at = len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0
    while True:
        while at < len(head) and head[at:at + 1].isspace():
            at += 1
        if head.startswith(b"<!--", at):
            end = head.find(b"-->", at + 4)
            if end < 0:
                return False
            at = end + 3
        elif prolog := _XML_PROLOG_BYTES.match(head, at):
            at = prolog.end()
        else:
            return bool(_HTML_START.match(head, at))


def read_page(data: bytes) -> Page:
    """Raises DecodeError when the page holds no readable article."""
    decoded = _decode_page(data)
    import trafilatura
    from lxml import html as lxml_html

    # lxml refuses text that still declares its encoding (an XHTML page's `<?xml … encoding=…?>`)
    decoded = Decoded(_XML_PROLOG.sub("", decoded.text, count=1), decoded.encoding)
    try:
        tree = lxml_html.fromstring(decoded.text)
    except (ValueError, lxml_html.etree.ParserError) as exc:
        raise DecodeError(f"not an HTML page ({exc})") from None
    meta = _metadata(tree)
    body = trafilatura.extract(decoded.text, favor_precision=True, include_comments=False, include_tables=True,
                               include_links=False)
    if not body:
        raise DecodeError("no article text in the page")
    title = meta.get("title")
    lines = body.splitlines()
    if title and (not lines or lines[0].strip() != title):
        lines.insert(0, title)
    return Page("\n".join(lines) + "\n", decoded.encoding, title, meta.get("published"), meta.get("outlet"),
                meta.get("url"))


def _decode_page(data: bytes) -> Decoded:
    """The charset the page declares (`<meta charset>`, http-equiv), else detection."""
    declared = _CHARSET.search(data[:4096])
    if declared:
        try:
            return Decoded(data.decode(declared.group(1).decode("ascii")), declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


def _metadata(tree) -> dict:
    """Title, publication date, outlet and URL from the page's own tags."""
    meta = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        if el.get("content"):
            meta.setdefault(key, el.get("content").strip())
    ld = _json_ld(tree)
    canonical = next((el.get("href") for el in tree.iter("link") if (el.get("rel") or "").lower() == "canonical"),
                     None)
    title_el = next(tree.iter("title"), None)
    return {
        "title": meta.get("og:title") or _text(ld.get("headline")) or (title_el.text_content().strip()
                                                                      if title_el is not None else None),
        "published": _day(meta.get("article:published_time") or _text(ld.get("datePublished")) or meta.get("date")),
        "outlet": meta.get("og:site_name") or _publisher(ld),
        "url": canonical or meta.get("og:url"),
    }


def _json_ld(tree) -> dict:
    """The first NewsArticle (or Article) of the page's JSON-LD."""
    for el in tree.iter("script"):
        if (el.get("type") or "").lower() != "application/ld+json":
            continue
        try:
            data = json.loads(el.text_content())
        except (json.JSONDecodeError, TypeError, RecursionError):  # broken, or nested past any page's need
            continue
        for node in _nodes(data):
            if isinstance(node, dict) and str(node.get("@type", "")).endswith("Article"):
                return node
    return {}


def _nodes(data):
    if isinstance(data, list):
        for d in data:
            yield from _nodes(d)
    elif isinstance(data, dict):
        yield data
        yield from _nodes(data.get("@graph", []))


def _publisher(ld: dict) -> str | None:
    publisher = ld.get("publisher")
    if isinstance(publisher, dict):
        return _text(publisher.get("name"))
    return _text(publisher)


def _text(value: object) -> str | None:
    """A JSON-LD value that is a text, stripped; anything else (a list, an object, a number) is none."""
    return value.strip() or None if isinstance(value, str) else None


def _day(value: object) -> date | None:
    if not value or not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
        except ValueError:
            return None
