"""The command line: it parses options and wires commands to the layers below."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from typing import Annotated

import typer

from claimcli.output.formats import Format

app = typer.Typer(
    help="Find the claims in Japanese news articles — money figures, quantities, dates, actors — "
    "and compare them across outlets.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Output options, defined once and shared by every command.
FormatOption = Annotated[
    Format | None,
    typer.Option("--format", "-f", help="table on a terminal, jsonl into a pipe, unless given."),
]
PathsArgument = Annotated[
    list[str],
    typer.Argument(
        help="Article files, folders (read recursively) or - for standard input.", show_default=False
    ),
]
AliasesOption = Annotated[
    list[str] | None,
    typer.Option("--aliases", help="A gazetteer TSV of your own (id, canonical, type, aliases): read after ours."),
]
PROGRESS_MIN_FILES = 20


@app.callback()
def _commands(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    """Keeps `claims COMMAND` a group even while it has one command."""
    if version:
        from claimcli import __version__

        print(__version__)
        raise typer.Exit()


def fail(path: str, reason: str) -> None:
    """One line on stderr naming the file and the reason."""
    print(f"claims: {path}: {reason}", file=sys.stderr, flush=True)


def _results(paths: list[str], failed: list[str], show_dropped: bool = False):
    """Results of PATH..., with a progress bar; a file that fails gets its line
    on stderr and is left out (its path kept in `failed`)."""
    from claimcli.pipeline import extract_paths
    from claimcli.read.files import plan

    planned = plan(paths)
    with _progress(len(planned)) as advance:
        for result in extract_paths(paths, on_file=advance, planned=planned):
            if result.error:
                fail(result.path, result.error)
                failed.append(result.path)
            else:
                if show_dropped:
                    _print_dropped(result.article)
                yield result


@app.command()
def extract(
    paths: PathsArgument,
    format: FormatOption = None,
    show_dropped: Annotated[
        bool,
        typer.Option("--show-dropped", help="Print the lines dropped as metadata or site chrome to stderr."),
    ] = False,
    aliases: AliasesOption = None,
) -> None:
    """Extract the claims of articles: every sentence with a money figure, quantity or date."""
    from claimcli.output import formats

    _load_aliases(aliases)
    chosen = formats.choose(format)
    failed: list[str] = []
    claims = []
    for result in _results(paths, failed, show_dropped):
        claims.extend(result.claims)
        if chosen in (Format.jsonl, Format.csv) and claims:
            _emit(claims, chosen)
            claims = []
    if claims or chosen in (Format.table, Format.json):
        _emit(claims, chosen)
    raise typer.Exit(1 if failed else 0)


@app.command()
def actors(paths: PathsArgument, format: FormatOption = None, aliases: AliasesOption = None) -> None:
    """List the actors named in articles: one id per real-world actor, its spellings and mentions."""
    from claimcli.output import formats
    from claimcli.output.jsonl import write_json, write_jsonl
    from claimcli.roster import roster

    _load_aliases(aliases)
    chosen = formats.choose(format)
    failed: list[str] = []
    rows = []
    for result in _results(paths, failed):
        found = roster(result.article, result.actors)
        if chosen == Format.jsonl:
            write_jsonl((r.to_json() for r in found), sys.stdout)
        else:
            rows.extend(found)
    if chosen == Format.json:
        write_json((r.to_json() for r in rows), sys.stdout)
    elif chosen == Format.csv:
        from claimcli.output.csv import write_actor_csv

        write_actor_csv((r.to_json() for r in rows), sys.stdout)
    elif chosen == Format.table:
        from rich.console import Console

        from claimcli.output.table import print_actors

        print_actors(rows, Console())
    raise typer.Exit(1 if failed else 0)


def _load_aliases(files: list[str] | None) -> None:
    from claimcli.extract.gazetteer import add_alias_file

    for file in files or []:
        add_alias_file(file)


def _emit(claims: list, chosen: Format) -> None:
    from claimcli.output.csv import write_csv
    from claimcli.output.jsonl import write_json, write_jsonl

    if chosen == Format.table:
        from rich.console import Console

        from claimcli.output.table import print_claims

        print_claims(claims, Console())
    elif chosen == Format.json:
        write_json((c.to_json() for c in claims), sys.stdout)
    elif chosen == Format.csv:
        write_csv((c.to_json() for c in claims), sys.stdout)
    else:
        write_jsonl((c.to_json() for c in claims), sys.stdout)


def _print_dropped(article) -> None:
    for d in article.dropped:
        line = article.text.count("\n", 0, d.span.start) + 1
        text = article.text[d.span.start : d.span.end].strip()
        print(f"{article.path}:{line}: dropped ({d.reason}): {text}", file=sys.stderr)


def _progress(total: int):
    """A progress bar on stderr, only when stderr is a terminal and the run is long."""
    if total < PROGRESS_MIN_FILES or not sys.stderr.isatty():
        return nullcontext(lambda: None)
    return _ProgressBar(total)


class _ProgressBar:
    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import Progress

        self.progress = Progress(console=Console(stderr=True), transient=True)
        self.task = self.progress.add_task("reading", total=total)

    def __enter__(self):
        self.progress.start()
        return lambda: self.progress.advance(self.task)

    def __exit__(self, *exc) -> None:
        self.progress.stop()


def main() -> None:
    app()
