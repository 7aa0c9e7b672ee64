"""PATH... → articles → claims, one file at a time; a file that fails is reported
and the others go on."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from claimcli.claims import Claim, claims_of
from claimcli.read.article import Article, SidecarError, read_article
from claimcli.read.decode import DecodeError
from claimcli.read.files import Source, plan, read


@dataclass(frozen=True)
class Result:
    path: str
    article: Article | None = None
    claims: list[Claim] = field(default_factory=list)
    error: str | None = None


def extract_paths(
    paths: list[str], on_file: Callable[[], None] | None = None, planned: list[Source] | None = None
) -> Iterator[Result]:
    """One Result per file, in the order of `plan(paths)`."""
    for source in planned if planned is not None else plan(paths):
        yield extract_source(read(source))
        if on_file:
            on_file()


def extract_source(source: Source) -> Result:
    if source.error is not None or source.data is None:
        return Result(source.path, error=source.error or "nothing to read")
    try:
        article = read_article(source.path, source.data)
    except (DecodeError, SidecarError) as exc:
        return Result(source.path, error=str(exc))
    return Result(source.path, article, claims_of(article))
