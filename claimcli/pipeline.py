"""PATH... → articles → claims, one file at a time; a file that fails is reported
and the others go on."""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, partial

from claimcli.claims import Analysis, Claim, analyze_all
from claimcli.extract.actors import ActorMention, Registry
from claimcli.extract.gazetteer import add_alias_file, alias_files
from claimcli.output.jsonl import dumps
from claimcli.parallel import run_in_parallel
from claimcli.read.article import Article, SidecarError, read_article
from claimcli.read.decode import DecodeError
from claimcli.read.files import STDIN_NAME, Source, plan, read
from claimcli.records import ClaimText, claim_of
from claimcli.roster import roster
from claimcli.store import Store


@dataclass(frozen=True)
class Result:
    path: str
    article: Article | None = None
    claims: list[Claim] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    error: str | None = None
    _lines: tuple[str, ...] | None = field(default=None, repr=False, compare=False)

    def globalized(self, registry: Registry) -> Result:
        """With the run's ids for the actors the gazetteer does not know; the
        same result (its lines too) where they are the article's own."""
        if self.article is None:
            return self
        local = Analysis(self.claims, self.actors)
        analysis = local.globalized(registry)
        if analysis is local:
            return self
        return replace(self, claims=analysis.claims, actors=analysis.actors, _lines=None)

    def lines(self) -> tuple[str, ...]:
        """The claims as JSON lines, made once (after the run's ids are given):
        what the store keeps and what JSON output prints are the same text."""
        if self._lines is None:
            object.__setattr__(self, "_lines", tuple(dumps(c.to_json()) for c in self.claims))
        return self._lines

    def lightened(self) -> Result:
        """Ready to send between processes: its lines made (where the work is
        shared out; the run's ids seldom change them) and the tokens cached on
        its sentences dropped."""
        self.lines()
        for claim in self.claims:
            claim.sentence.forget_tokens()
        return self


def extract_paths(
    paths: list[str],
    on_file: Callable[[], None] | None = None,
    planned: list[Source] | None = None,
    store: Store | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
) -> Iterator[Result]:
    """One Result per file, in the order of `plan(paths)`, extracted in this
    process, in `jobs` processes, or on a Dask cluster; actor ids are made the
    run's own here, in order, so the output is the same however it ran. With a
    store, each article is saved as it is done."""
    registry = Registry()
    sources = planned if planned is not None else plan(paths)
    # Standard input is this process's to read; a cluster may not see our files.
    sources = (read(s) if scheduler or s.path == STDIN_NAME else s for s in sources)
    # Workers (processes, a cluster) start clean: the run's alias files go with each file.
    work = partial(extract_files, aliases=alias_files())
    seen: set[str] = set()
    for result in run_in_parallel(work, sources, jobs, scheduler, on_death=_worker_died, batch=FILES_PER_CALL):
        result = _unique_ids(result.globalized(registry), seen)
        if store is not None and result.article is not None:
            save(store, result)
        yield result
        if on_file:
            on_file()


def _unique_ids(result: Result, seen: set[str]) -> Result:
    """Claim ids are made of the text, file name and outlet: two copies of one
    file in two folders would share them. A later copy's ids also take its
    absolute path, so that every id of a run is its own."""
    ids = [c.id for c in result.claims]
    if seen.isdisjoint(ids):
        seen.update(ids)
        return result
    where = os.path.realpath(result.path)
    claims = [replace(c, id=hashlib.sha1(f"{c.id}:{where}".encode()).hexdigest()[:16]) for c in result.claims]
    seen.update(c.id for c in claims)
    return replace(result, claims=claims, _lines=None)


def _worker_died(source: Source) -> Result:
    return Result(source.path, error="the process extracting it died (killed, or out of memory); the others go on")


# Files a worker is given at a time, and the characters of articles tokenized
# together (`analyze_all`): enough to keep Sudachi's calls back to back, few
# enough that memory stays flat however many files there are.
FILES_PER_CALL = 32
CHARACTERS_TOGETHER = 100_000


def extract_files(sources: list[Source], aliases: tuple[str, ...] = ()) -> list[Result]:
    """Read and extract files, knowing the run's `--aliases` files: what a worker does."""
    _collect_seldom()
    for path in aliases:
        add_alias_file(path)
    return [r.lightened() for r in extract_sources(read(s) for s in sources)]


# Young objects collected every this many allocations (Python's default: 700).
GC_YOUNG = 20_000


@cache
def _collect_seldom() -> None:
    """Extraction makes millions of short-lived objects and keeps an article's
    worth alive at a time (its tokens, mentions): at the collector's default
    thresholds they were traversed again and again, 4% of the instructions of a
    run (measured). What the process holds by now is frozen, never traversed."""
    gc.freeze()
    gc.set_threshold(GC_YOUNG, 20, 20)


def save(store: Store, result: Result) -> None:
    a = result.article
    meta = {"hash": a.content_hash, "path": a.path, "outlet": a.outlet, "title": a.title, "url": a.url,
            "published": a.published.isoformat() if a.published else None}
    store.save(meta, [(c.id, line) for c, line in zip(result.claims, result.lines(), strict=True)],
               [r.to_json() for r in roster(a, result.actors)])


def stored_claims(paths: list[str], store: Store, failed: list[tuple[str, str]]) -> Iterator[dict]:
    """Claims of the articles at PATH..., from the store where it has them, else
    extracted (and saved) now. Files that fail are added to `failed`."""
    registry = Registry()
    for source in plan(paths):
        result = _read_source(read(source))
        article = result.article
        if article is None:
            failed.append((result.path, result.error or "nothing to read"))
            continue
        if not store.has(article.path, article.content_hash):
            save(store, _analyzed([result])[0].globalized(registry))
        yield from store.claims(article.path, article.content_hash)


MAX_LINE = 20_000_000  # characters of one JSON line: a claim is a few kB


class ClaimsInputError(ValueError):
    """Claims JSON Lines that cannot be read; the message names the line."""


def read_claims_jsonl(lines: Iterable[str], with_text: bool = False,
                      on_bad: Callable[[str], None] | None = None) -> Iterator[dict | ClaimText]:
    """Claims from JSON Lines (`claims extract … | claims compare -`), checked;
    with their lines when `with_text`. A line that is not a claim is named to
    `on_bad` and left out (without `on_bad` it ends the reading)."""
    count = 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        claim, problem = claim_of(line)
        if problem is not None:
            if on_bad is None:
                raise ClaimsInputError(f"line {number}: {problem}")
            on_bad(f"line {number}: {problem}")
            continue
        count += 1
        yield ClaimText(claim, line) if with_text else claim
    if count == 0:
        raise ClaimsInputError("no claims on standard input")


def bounded_lines(stream, limit: int = MAX_LINE) -> Iterator[str]:
    """The lines of a text stream, each read up to `limit` characters: a stream
    with no line break (`/dev/zero`) ends the reading with a ClaimsInputError
    instead of filling memory."""
    number = 0
    while line := stream.readline(limit + 1):
        number += 1
        if len(line) > limit and not line.endswith("\n"):
            raise ClaimsInputError(f"line {number}: longer than {limit:,} characters (not a claim)")
        yield line


def extract_source(source: Source) -> Result:
    return next(extract_sources([source]))


def extract_sources(sources: Iterable[Source]) -> Iterator[Result]:
    """A result per source, in order. Articles are read one at a time and
    analyzed a group at a time, a group ending once it holds CHARACTERS_TOGETHER."""
    group: list[Result] = []  # read (an article, no claims yet) or failed
    characters = 0
    for source in sources:
        result = _read_source(source)
        group.append(result)
        characters += len(result.article.text) if result.article else 0
        if characters >= CHARACTERS_TOGETHER:
            yield from _analyzed(group)
            group, characters = [], 0
    yield from _analyzed(group)


def _read_source(source: Source) -> Result:
    if source.error is not None or source.data is None:
        return Result(source.path, error=source.error or "nothing to read")
    try:
        return Result(source.path, read_article(source.path, source.data, dict(source.meta)))
    except (DecodeError, SidecarError) as exc:
        return Result(source.path, error=str(exc))


def _analyzed(group: list[Result]) -> list[Result]:
    """The group's results with their articles analyzed, together."""
    analyses = iter(analyze_all([r.article for r in group if r.article is not None]))
    out = []
    for result in group:
        if result.article is not None:
            analysis = next(analyses)
            result = replace(result, claims=analysis.claims, actors=analysis.actors)
        out.append(result)
    return out
