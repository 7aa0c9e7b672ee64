"""PATH... → articles → claims, one file at a time; a file that fails is reported
and the others go on."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from claimcli.claims import Claim, analyze
from claimcli.extract.actors import ActorMention, Registry
from claimcli.read.article import Article, SidecarError, read_article
from claimcli.read.decode import DecodeError
from claimcli.read.files import Source, plan, read


@dataclass(frozen=True)
class Result:
    path: str
    article: Article | None = None
    claims: list[Claim] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    error: str | None = None


def extract_paths(
    paths: list[str], on_file: Callable[[], None] | None = None, planned: list[Source] | None = None
) -> Iterator[Result]:
    """One Result per file, in the order of `plan(paths)`; actor ids are shared
    by all files of the run."""
    registry = Registry()
    for source in planned if planned is not None else plan(paths):
        yield extract_source(read(source), registry)
        if on_file:
            on_file()


def extract_source(source: Source, registry: Registry) -> Result:
    if source.error is not None or source.data is None:
        return Result(source.path, error=source.error or "nothing to read")
    try:
        article = read_article(source.path, source.data)
    except (DecodeError, SidecarError) as exc:
        return Result(source.path, error=str(exc))
    analysis = analyze(article, registry)
    return Result(source.path, article, analysis.claims, analysis.actors)
