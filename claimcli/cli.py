"""The command line: it parses options and wires commands to the layers below."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from typing import Annotated

import typer

from claimcli.output.formats import Format

app = typer.Typer(  # main() runs it
    help="Find the claims in Japanese news articles — money figures, quantities, dates, actors — "
    "and compare them across outlets.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: rich's help formatter cost ~70 ms on every --help
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
DbOption = Annotated[
    str | None,
    typer.Option("--db", help="The store (SQLite file); default $CLAIMS_DB, else claims.db in the user data folder."),
]
OptionalPaths = Annotated[
    list[str] | None,
    typer.Argument(help="Articles (files, folders, - for claims JSON Lines); none: the store.", show_default=False),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option("--scheduler", help="Run on this Dask cluster (tcp://host:8786); needs claims[dask]."),
]
PROGRESS_MIN_FILES = 20
MIN_FILES_PER_JOB = 4


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


def _results(paths: list[str], failed: list[str], show_dropped: bool = False, store=None, jobs: int | None = 1,
             scheduler: str | None = None):
    """Results of PATH..., with a progress bar; a file that fails gets its line
    on stderr and is left out (its path kept in `failed`)."""
    from claimcli.parallel import default_jobs
    from claimcli.pipeline import extract_paths
    from claimcli.read.files import plan

    planned = plan(paths)
    jobs = jobs or default_jobs()
    if len(planned) < MIN_FILES_PER_JOB * jobs:
        jobs = 1  # starting processes costs more than a few files
    with _progress(len(planned)) as advance:
        for result in extract_paths(paths, on_file=advance, planned=planned, store=store, jobs=jobs,
                                    scheduler=scheduler):
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
    db: DbOption = None,
    no_store: Annotated[bool, typer.Option("--no-store", help="Do not save what is extracted.")] = False,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="Processes to extract with (default: the number of cores).")
    ] = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Extract the claims of articles: every sentence with a money figure, quantity or date.

    What is extracted is saved in the store, where `claims compare` finds it."""
    from claimcli.output import formats

    _load_aliases(aliases)
    chosen = formats.choose(format)
    store = None if no_store else _open_store(db)
    failed: list[str] = []
    # A generator: JSON Lines and CSV stream out article by article, whole lines each.
    _emit((c for result in _results(paths, failed, show_dropped, store, jobs, scheduler) for c in result.claims),
          chosen)
    raise typer.Exit(1 if failed else 0)


@app.command()
def actors(paths: OptionalPaths = None, format: FormatOption = None, aliases: AliasesOption = None,
           db: DbOption = None) -> None:
    """List the actors named in articles: one id per real-world actor, its spellings and mentions."""
    from claimcli.output import formats
    from claimcli.output.jsonl import write_json, write_jsonl
    from claimcli.roster import roster, rows_from_claims

    _load_aliases(aliases)
    chosen = formats.choose(format)
    failed: list[str] = []
    if not paths:
        rows = list(_open_store(db).actors())
    elif paths == ["-"]:
        rows = rows_from_claims(_stdin_claims())
    else:
        rows = []
        for result in _results(paths, failed, store=_open_store(db)):
            found = [r.to_json() for r in roster(result.article, result.actors)]
            if chosen == Format.jsonl:
                write_jsonl(found, sys.stdout)
            else:
                rows.extend(found)
        if chosen == Format.jsonl:
            raise typer.Exit(1 if failed else 0)
    if chosen == Format.jsonl:
        write_jsonl(rows, sys.stdout)
    elif chosen == Format.json:
        write_json(rows, sys.stdout)
    elif chosen == Format.csv:
        from claimcli.output.csv import write_actor_csv

        write_actor_csv(rows, sys.stdout)
    else:
        from rich.console import Console

        from claimcli.output.table import print_actors

        print_actors(rows, Console())
    raise typer.Exit(1 if failed else 0)


@app.command()
def compare(
    paths: OptionalPaths = None,
    topic: Annotated[str | None, typer.Option("--topic", "-t", help="Only claims about this topic.")] = None,
    only: Annotated[
        str | None, typer.Option("--only", help="Only groups with this status: agree or disagree.")
    ] = None,
    fail_on_disagree: Annotated[
        bool, typer.Option("--fail-on-disagree", help="Exit 1 when any group disagrees (for scripts and CI).")
    ] = False,
    format: FormatOption = None,
    db: DbOption = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Line up the claims different articles make about the same fact, and flag where they disagree.

    No PATH: the claims in the store. PATHs: those articles (extracted now where
    the store lacks them). -: claims JSON Lines on standard input."""
    from claimcli.compare.groups import compare as line_up
    from claimcli.output import formats
    from claimcli.output.jsonl import group_line, write_json_texts, write_lines

    if only not in (None, "agree", "disagree"):
        raise typer.BadParameter("--only takes agree or disagree")
    chosen = formats.choose(format)
    failed: list[str] = []
    groups = line_up(_claims_from(paths, db, failed, with_text=True), topic, scheduler)
    shown = [g for g in groups if only is None or g.status == only]
    if only and not shown:
        print(f"claims: no group {'disagrees' if only == 'disagree' else 'agrees'} "
              f"(of {len(groups)} groups in all)", file=sys.stderr)
    if chosen == Format.table:
        from rich.console import Console

        from claimcli.output.table import print_groups

        print_groups(shown, Console())
    elif chosen == Format.json:
        write_json_texts((group_line(g) for g in shown), sys.stdout)
    else:
        write_lines((group_line(g) for g in shown), sys.stdout)
    disagreed = fail_on_disagree and any(g.status == "disagree" for g in groups)
    raise typer.Exit(1 if failed or disagreed else 0)


@app.command()
def report(
    paths: OptionalPaths = None,
    out: Annotated[str, typer.Option("--out", "-o", help="The HTML file to write.")] = "report.html",
    topic: Annotated[str | None, typer.Option("--topic", "-t", help="Only claims about this topic.")] = None,
    db: DbOption = None,
) -> None:
    """Write a comparison as one self-contained HTML page that a person opens in a browser."""
    import os
    from datetime import datetime

    from claimcli.compare.groups import compare as line_up
    from claimcli.output.report import render

    failed: list[str] = []
    claims = list(_claims_from(paths, db, failed))
    groups = line_up(claims, topic)
    articles = len({c["source"]["path"] for c in claims})
    subtitle = (f"{len(groups)} facts stated by several of {articles} articles"
                + (f", topic {topic}" if topic else "") + f" · made {datetime.now():%Y-%m-%d %H:%M}")
    partial = f"{out}.part"
    with open(partial, "w", encoding="utf-8") as f:
        f.write(render(groups, subtitle))
    os.replace(partial, out)  # never a half-written report
    print(f"claims: wrote {out} ({len(groups)} groups)", file=sys.stderr)
    raise typer.Exit(1 if failed else 0)


@app.command()
def topics(paths: OptionalPaths = None, format: FormatOption = None, db: DbOption = None) -> None:
    """List the topics of the claims, with claim counts per outlet."""
    from collections import Counter

    from claimcli.output import formats
    from claimcli.output.jsonl import write_json, write_jsonl

    chosen = formats.choose(format)
    failed: list[str] = []
    counts: dict[str, Counter] = {}
    for claim in _claims_from(paths, db, failed):
        outlet = claim["source"].get("outlet") or claim["source"].get("path")
        for t in claim.get("topics", []):
            counts.setdefault(t, Counter())[outlet] += 1
    rows = [{"schema": 1, "topic": t, "claims": sum(c.values()), "outlets": dict(c.most_common())}
            for t, c in sorted(counts.items(), key=lambda kv: -sum(kv[1].values()))]
    if chosen == Format.table:
        from rich.console import Console

        from claimcli.output.table import print_topics

        print_topics(rows, Console())
    elif chosen == Format.json:
        write_json(rows, sys.stdout)
    else:
        write_jsonl(rows, sys.stdout)
    raise typer.Exit(1 if failed else 0)


def _claims_from(paths: list[str] | None, db: str | None, failed: list[str], with_text: bool = False):
    """Claims from the store, from articles (via the store), or from stdin;
    those of the store and stdin with their JSON text when `with_text`."""
    from claimcli.pipeline import stored_claims

    if paths == ["-"]:
        yield from _stdin_claims(with_text)
        return
    store = _open_store(db)
    if not paths:
        if older := store.older():
            print(f"claims: {older} article(s) in the store were extracted by an older claims, without the "
                  "frames compare lines figures up by: run claims extract on them again", file=sys.stderr)
        yield from store.claims(with_text=with_text)
        return
    problems: list[tuple[str, str]] = []
    yield from stored_claims(paths, store, problems)
    for path, reason in problems:
        fail(path, reason)
        failed.append(path)


def _stdin_claims(with_text: bool = False):
    """Claims from standard input, one at a time (a bad line ends the run with its line)."""
    from claimcli.pipeline import ClaimsInputError, read_claims_jsonl

    try:
        yield from read_claims_jsonl(sys.stdin, with_text)
    except ClaimsInputError as exc:
        fail("<stdin>", str(exc))
        raise typer.Exit(1) from None


def _open_store(db: str | None):
    from claimcli.store import Store, StoreError

    try:
        return Store(db)
    except StoreError as exc:
        print(f"claims: {exc}", file=sys.stderr)
        raise typer.Exit(1) from None


def _load_aliases(files: list[str] | None) -> None:
    from claimcli.extract.gazetteer import add_alias_file

    for file in files or []:
        add_alias_file(file)


def _emit(claims, chosen: Format) -> None:
    from claimcli.output.csv import write_csv
    from claimcli.output.jsonl import write_json, write_jsonl

    if chosen == Format.table:
        from rich.console import Console

        from claimcli.output.table import print_claims

        print_claims(list(claims), Console())
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
    """Run the app; errors the user can act on end in one line, never a traceback."""
    from claimcli.store import StoreError

    try:
        app()
    except StoreError as exc:
        print(f"claims: {exc}", file=sys.stderr)
        sys.exit(1)
    except BrokenPipeError:  # `claims extract … | head`: the reader left
        sys.stderr.close()
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
