"""The command line: it parses options and wires commands to the layers below."""

from __future__ import annotations

import errno
import functools
import os
import sys
from contextlib import nullcontext
from enum import StrEnum
from typing import Annotated

import typer

from claimcli.errors import ClaimsError, UsageError, say
from claimcli.output.formats import ROWS, Format
from claimcli.read.files import MAX_BYTES, shown

app = typer.Typer(  # main() runs it
    help="Find the claims in Japanese news articles — money figures, quantities, dates, actors — "
    "and compare them across outlets.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: rich's help formatter cost ~70 ms on every --help
)


class Status(StrEnum):
    agree = "agree"
    disagree = "disagree"


# Options, defined once and shared by every command.
FormatOption = Annotated[
    Format | None,
    typer.Option("--format", "-f", help="How to print: a table on a terminal, jsonl into a pipe, the format "
                 "-o FILE's suffix names (.csv, .tsv, .json, .jsonl), unless given; csv and tsv give one row per "
                 "figure."),
]
OutputOption = Annotated[
    str | None,
    typer.Option("--output", "-o", metavar="FILE",
        help="Write to this file (whole or not at all) instead of standard output."),
]
BomOption = Annotated[
    bool, typer.Option("--bom", help="Start csv or tsv with a byte-order mark, so that Excel reads it as UTF-8."),
]
PathsArgument = Annotated[
    list[str],
    typer.Argument(
        help="Article files, folders (read recursively) or - for standard input.", show_default=False,
        metavar="PATH..."
    ),
]
AliasesOption = Annotated[
    list[str] | None,
    typer.Option("--aliases", metavar="FILE",
        help="A gazetteer TSV of your own (id, canonical, type, aliases): read after ours."),
]
DbOption = Annotated[
    str | None,
    typer.Option("--db", metavar="FILE",
        help="The store (SQLite file); default $CLAIMS_DB, else claims.db in the user data folder."),
]
OptionalPaths = Annotated[
    list[str] | None,
    typer.Argument(help="Articles (files, folders, - for claims JSON Lines); none: the store.", show_default=False,
                   metavar="[PATH...]"),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option("--scheduler", metavar="ADDRESS",
        help="Run on this Dask cluster (tcp://host:8786); needs claims[dask]."),
]


def _our_topics() -> str:
    """The topics of the package's lexicon, for --help (a user's CLAIMS_DATA_DIR may add more)."""
    import tomllib
    from importlib.resources import files

    return ", ".join(sorted(tomllib.loads(files("claimcli.data").joinpath("topics.toml").read_text("utf-8"))))


TopicOption = Annotated[
    str | None,
    typer.Option("--topic", "-t", metavar="TOPIC", help=f"Only claims about this topic: {_our_topics()} "
                 "(and those of CLAIMS_DATA_DIR's topics.toml)."),
]
MaxBytesOption = Annotated[
    int, typer.Option("--max-bytes", metavar="N", help="Refuse (with a line) an article file larger than this.")
]
PROGRESS_MIN_FILES = 20
MIN_FILES_PER_JOB = 4


def command(examples: str, on: typer.Typer = app, name: str | None = None):
    """A command, with its examples at the end of its --help."""
    def register(function):
        return on.command(name, epilog="\b\nExamples:\n" + examples)(_guarded(function))
    return register


def _guarded(function):
    """What a command raises for the user (a ClaimsError) ends it with one line; a
    reader that leaves (`| head`) ends it quietly; output that cannot be written, with one line."""
    @functools.wraps(function)
    def guarded(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except ClaimsError as exc:
            say(f"claims: {exc}")
            raise typer.Exit(2 if isinstance(exc, UsageError) else 1) from None
        except BrokenPipeError:
            _quiet_stdout()
            raise typer.Exit(0) from None
        except OSError as exc:  # the output cannot be written: a full disk, a closed stdout
            _quiet_stdout()
            say(f"claims: cannot write the output: {exc.strerror or exc}")
            raise typer.Exit(1) from None
    return guarded


class _ClosedStdout:
    """Standard output that was closed when claims started: writing to it is an
    error the command reports (-o FILE still works)."""

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed (give -o FILE)")

    def flush(self) -> None:
        pass


def _standard_streams() -> None:
    """Closed standard streams get /dev/null under their numbers, so that no file
    claims opens (the store) takes number 1 or 2 and receives our output."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            os.open(os.devnull, os.O_RDWR)  # the lowest free number: this one
            if fd == 1:
                sys.stdout = _ClosedStdout()
            elif fd == 2:  # print(file=None) would write to stdout, into the JSON Lines
                sys.stderr = open(os.devnull, "w")  # noqa: SIM115 (open for the life of the process)


def _quiet_stdout() -> None:
    """The reader of our output left: what is still buffered goes nowhere, without a second error at exit."""
    sys.unraisablehook = _unsaid_at_exit
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no file descriptor (a test's captured stdout)
        pass


def _unsaid_at_exit(unraisable) -> None:
    """Python 3.11's worker pool, shut down early, may wake its closed manager
    pipe at exit (EBADF, ignored by Python but printed; fixed in 3.12): a run
    whose reader left says nothing of it."""
    if not (isinstance(unraisable.exc_value, OSError) and unraisable.exc_value.errno == errno.EBADF):
        sys.__unraisablehook__(unraisable)


def _version(shown: bool) -> None:
    if shown:
        from claimcli import __version__

        print(f"claims {__version__}")
        raise typer.Exit()


@app.callback()
def _commands(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.", is_eager=True,
                                          callback=_version)] = False,
) -> None:
    """Keeps `claims COMMAND` a group even while it has one command."""


def fail(path: str, reason: str) -> None:
    """One line on stderr naming the file and the reason."""
    say(f"claims: {shown(path)}: {reason}")


def _results(paths: list[str], failed: list[str], show_dropped: bool = False, store=None, jobs: int | None = 1,
             scheduler: str | None = None, stdin_meta: tuple[tuple[str, str], ...] = (), limit: int = MAX_BYTES,
             verbose: bool = False):
    """Results of PATH..., with a progress bar; a file that fails gets its line
    on stderr and is left out (its path kept in `failed`)."""
    from claimcli.parallel import default_jobs
    from claimcli.pipeline import extract_paths
    from claimcli.read.files import STDIN, plan

    if jobs is not None and jobs < 1:
        raise UsageError(f"--jobs {jobs}: give 1 or more processes (default: the number of cores)")
    if limit < 1:
        raise UsageError(f"--max-bytes {limit}: give a size in bytes, 1 or more")
    if STDIN in paths and sys.stdin.isatty():
        say("claims: reading an article from standard input (end it with Ctrl-D)")
    planned = plan(paths, stdin_meta, limit)
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
                if verbose:
                    say(f"claims: {result.article.path}: read as {result.article.encoding}, "
                        f"{len(result.claims)} claim(s)")
                if show_dropped:
                    _print_dropped(result.article)
                yield result


@command("""  claims extract seeds/                      a table on a terminal
  claims extract seeds/ | jq .money          JSON Lines into a pipe
  claims extract seeds/ -f csv --bom -o claims.csv
  claims extract - --outlet 共同通信 --published 2025-11-06 < article.txt
  claims extract news/ --prune               forget stored articles gone from news/""")
def extract(
    paths: PathsArgument,
    format: FormatOption = None,
    output: OutputOption = None,
    bom: BomOption = False,
    show_dropped: Annotated[
        bool,
        typer.Option("--show-dropped", help="Print the lines dropped as metadata or site chrome to stderr."),
    ] = False,
    aliases: AliasesOption = None,
    db: DbOption = None,
    no_store: Annotated[bool, typer.Option("--no-store", help="Do not save what is extracted.")] = False,
    prune: Annotated[bool, typer.Option("--prune", help="Forget stored articles of the folders given whose "
                                        "files are gone from disk.")] = False,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", metavar="N",
            help="Processes to extract with (default: the number of cores).")
    ] = None,
    scheduler: SchedulerOption = None,
    outlet: Annotated[str | None, typer.Option("--outlet", metavar="NAME",
        help="The outlet of an article on standard input.")] = None,
    published: Annotated[str | None, typer.Option(
        "--published", metavar="YYYY-MM-DD",
            help="Its publication day, YYYY-MM-DD (relative dates are read against it).")] = None,
    url: Annotated[str | None, typer.Option("--url", metavar="URL", help="Its URL.")] = None,
    title: Annotated[str | None, typer.Option("--title", metavar="TEXT", help="Its title.")] = None,
    max_bytes: MaxBytesOption = MAX_BYTES,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Say on stderr how each file was read "
                                          "(its encoding) and how many claims it gave.")] = False,
) -> None:
    """Extract the claims of articles: every sentence with a money figure, quantity or date.

    What is extracted is saved in the store, where `claims compare` finds it."""
    from claimcli.output.rows import CLAIM_COLUMNS, claim_rows

    _load_aliases(aliases)
    chosen = _format(format, output, bom)
    stdin_meta = _stdin_meta(paths, outlet=outlet, published=published, url=url, title=title)
    store = None if no_store else _open_store(db)
    failed: list[str] = []
    # Generators: JSON Lines and CSV stream out article by article, whole lines each.
    results = _results(paths, failed, show_dropped, store, jobs, scheduler, stdin_meta, max_bytes, verbose)
    claims = (c for result in results for c in result.claims)

    def table(console) -> None:
        from claimcli.output.table import print_claims

        print_claims(list(claims), console)

    _write(chosen, output, bom, table=table, texts=lambda: (line for result in results for line in result.lines()),
           rows=lambda: (CLAIM_COLUMNS, (r for c in claims for r in claim_rows(c.to_json()))))
    if prune and store is not None:
        _prune(store, paths)
    raise typer.Exit(1 if failed else 0)


def _stdin_meta(paths: list[str], **given: str | None) -> tuple[tuple[str, str], ...]:
    """What --outlet, --published, --url and --title say of the article on standard input."""
    from datetime import date

    said = {k: v for k, v in given.items() if v is not None}
    if said and "-" not in paths:
        raise UsageError(f"--{', --'.join(said)}: only for an article on standard input (PATH -); "
                         "a file's metadata goes in a meta.toml beside it")
    if "published" in said:
        try:
            date.fromisoformat(said["published"])
        except ValueError:
            raise UsageError(f"--published {said['published']}: not a day (YYYY-MM-DD)") from None
    return tuple(said.items())


def _prune(store, paths: list[str]) -> None:
    from pathlib import Path

    gone = store.prune([p for p in paths if p != "-" and Path(p).is_dir()])
    if gone:
        say(f"claims: forgot {len(gone)} article(s) gone from disk")


@command("""  claims actors seeds/                       who each article names, as a table
  claims actors                              every actor of the store
  claims extract seeds/ | claims actors -    from claims JSON Lines""")
def actors(paths: OptionalPaths = None, format: FormatOption = None, output: OutputOption = None,
           bom: BomOption = False, aliases: AliasesOption = None, db: DbOption = None) -> None:
    """List the actors named in articles: one id per real-world actor, its spellings and mentions."""
    from claimcli.output.jsonl import dumps
    from claimcli.output.rows import ACTOR_COLUMNS, actor_rows
    from claimcli.roster import roster, rows_from_claims

    _load_aliases(aliases)
    chosen = _format(format, output, bom)
    failed: list[str] = []
    if not paths:
        rows = _open_store(db, readonly=True).actors()
    elif paths == ["-"]:
        rows = iter(rows_from_claims(_stdin_claims(failed)))
    else:
        store = _open_store(db)
        rows = (r.to_json() for result in _results(paths, failed, store=store)
                for r in roster(result.article, result.actors))

    def table(console) -> None:
        from claimcli.output.table import print_actors

        print_actors(list(rows), console)

    _write(chosen, output, bom, table=table, texts=lambda: (dumps(r) for r in rows),
           rows=lambda: (ACTOR_COLUMNS, actor_rows(rows)))
    raise typer.Exit(1 if failed else 0)


@command("""  claims compare                             the store's claims, grouped by fact
  claims compare --topic minerals --only disagree
  claims compare seeds/ -f csv -o groups.csv one row per claim of each group
  claims extract a/ b/ | claims compare -    claims JSON Lines from a pipe""")
def compare(
    paths: OptionalPaths = None,
    topic: TopicOption = None,
    only: Annotated[Status | None, typer.Option("--only", help="Only groups with this status.")] = None,
    fail_on_disagree: Annotated[
        bool, typer.Option("--fail-on-disagree", help="Exit 1 when any group disagrees (for scripts and CI).")
    ] = False,
    format: FormatOption = None,
    output: OutputOption = None,
    bom: BomOption = False,
    db: DbOption = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Line up the claims different articles make about the same fact, and flag where they disagree.

    No PATH: the claims in the store. PATHs: those articles (extracted now where
    the store lacks them). -: claims JSON Lines on standard input."""
    from claimcli.compare.groups import compare as line_up
    from claimcli.output.jsonl import group_line
    from claimcli.output.rows import GROUP_COLUMNS, group_rows

    _check_topic(topic)
    chosen = _format(format, output, bom)
    failed: list[str] = []
    groups = line_up(_claims_from(paths, db, failed, with_text=True), topic, scheduler)
    shown = [g for g in groups if only is None or g.status == only]
    if only and not shown:
        say(f"claims: no group {'disagrees' if only == 'disagree' else 'agrees'} "
            f"(of {len(groups)} groups in all)")

    def table(console) -> None:
        from claimcli.output.table import print_groups

        print_groups(shown, console)

    _write(chosen, output, bom, table=table, texts=lambda: (group_line(g) for g in shown),
           rows=lambda: (GROUP_COLUMNS, (r for n, g in enumerate(shown, 1) for r in group_rows(n, g))))
    disagreed = fail_on_disagree and any(g.status == "disagree" for g in groups)
    raise typer.Exit(1 if failed or disagreed else 0)


@command("""  claims report                              the store's comparison → report.html
  claims report seeds/ --topic minerals -o minerals.html""")
def report(
    paths: OptionalPaths = None,
    out: Annotated[str, typer.Option("--out", "-o", metavar="FILE", help="The HTML file to write.")] = "report.html",
    topic: TopicOption = None,
    db: DbOption = None,
) -> None:
    """Write a comparison as one self-contained HTML page that a person opens in a browser."""
    from datetime import datetime

    from claimcli.compare.groups import compare as line_up
    from claimcli.output.report import render
    from claimcli.output.sink import atomic_text

    _check_topic(topic)
    failed: list[str] = []
    claims = list(_claims_from(paths, db, failed))
    groups = line_up(claims, topic)
    articles = len({c["source"]["path"] for c in claims})
    subtitle = (f"{len(groups)} facts stated by several of {articles} articles"
                + (f", topic {topic}" if topic else "") + f" · made {datetime.now():%Y-%m-%d %H:%M}")
    page = render(groups, subtitle)
    with atomic_text(out) as f:  # never a half-written report
        f.write(page)
    say(f"claims: wrote {out} ({len(groups)} groups)")
    raise typer.Exit(1 if failed else 0)


@command("""  claims topics                              topics of the store's claims, per outlet
  claims topics seeds/ -f csv""")
def topics(paths: OptionalPaths = None, format: FormatOption = None, output: OutputOption = None,
           bom: BomOption = False, db: DbOption = None) -> None:
    """List the topics of the claims, with claim counts per outlet."""
    from collections import Counter

    from claimcli.output.jsonl import dumps
    from claimcli.output.rows import TOPIC_COLUMNS, topic_rows

    chosen = _format(format, output, bom)
    failed: list[str] = []
    counts: dict[str, Counter] = {}
    for claim in _claims_from(paths, db, failed):
        outlet = claim["source"].get("outlet") or claim["source"].get("path")
        for t in claim.get("topics", []):
            counts.setdefault(t, Counter())[outlet] += 1
    rows = [{"schema": 1, "topic": t, "claims": sum(c.values()), "outlets": dict(c.most_common())}
            for t, c in sorted(counts.items(), key=lambda kv: -sum(kv[1].values()))]

    def table(console) -> None:
        from claimcli.output.table import print_topics

        print_topics(rows, console)

    _write(chosen, output, bom, table=table, texts=lambda: (dumps(r) for r in rows),
           rows=lambda: (TOPIC_COLUMNS, topic_rows(rows)))
    raise typer.Exit(1 if failed else 0)


store_app = typer.Typer(no_args_is_help=False)
app.add_typer(store_app, name="store")


@store_app.callback(invoke_without_command=True)
def store(ctx: typer.Context, db: DbOption = None, format: FormatOption = None, output: OutputOption = None,
          bom: BomOption = False) -> None:
    """Where the store is and what it holds: articles, outlets, claims, the last run.
    The store is a SQLite file: open it in datasette or the sqlite3 shell.

    \b
    Examples:
      claims store                               where it is, what it holds
      claims store list -f csv                   one row per stored article
      claims store rm old/a.txt                  forget an article
      claims store vacuum                        give back the space of what was forgotten"""
    ctx.obj = db
    if ctx.invoked_subcommand is None:
        _guarded(_store_summary)(db, format, output, bom)


def _store_summary(db: str | None, format: Format | None, output: str | None, bom: bool) -> None:
    from claimcli.output.jsonl import dumps

    chosen = _format(format, output, bom)
    summary = _open_store(db, readonly=True).summary()

    def table(console) -> None:
        for key in ("path", "articles", "outlets", "claims", "last_added", "bytes"):
            console.print(f"{key:>10}  {summary[key] if summary[key] is not None else '—'}", highlight=False)

    _write(chosen, output, bom, table=table, texts=lambda: [dumps(summary)],
           rows=lambda: (list(summary), [summary]))


@command("""  claims store list                          a table of the stored articles
  claims store list -f jsonl | jq .path""", on=store_app, name="list")
def store_list(ctx: typer.Context, db: DbOption = None, format: FormatOption = None, output: OutputOption = None,
               bom: BomOption = False) -> None:
    """One row per stored article: its path, outlet, day, claims and when it was added."""
    from claimcli.output.jsonl import dumps

    rows = _open_store(db or ctx.obj, readonly=True).list()
    chosen = _format(format, output, bom)

    def table(console) -> None:
        from claimcli.output.table import print_stored

        print_stored(rows, console)

    _write(chosen, output, bom, table=table, texts=lambda: (dumps(r) for r in rows),
           rows=lambda: (["path", "outlet", "published", "claims", "added", "title", "key"], rows))


@command("""  claims store rm news/old.txt               forget one article
  claims store rm news/                      forget every article stored from a folder""", on=store_app, name="rm")
def store_rm(ctx: typer.Context, paths: Annotated[list[str], typer.Argument(
        help="Files or folders whose stored articles to forget.", show_default=False,
        metavar="PATH...")], db: DbOption = None) -> None:
    """Forget stored articles (and their claims): files by path, folders with everything stored from them."""
    from pathlib import Path

    store = _open_store(db or ctx.obj)
    chosen: list[str] = []
    missing = []
    for given in paths:
        found = store.keys_under(given)
        if not found:
            missing.append(given)
        chosen.extend(found)
    removed = store.remove(list(dict.fromkeys(chosen)))
    for given in missing:
        fail(given, "not in the store" + (" (it is a folder with no stored article)" if Path(given).is_dir() else ""))
    say(f"claims: forgot {removed} article(s)")
    raise typer.Exit(1 if missing else 0)


@command("""  claims store vacuum""", on=store_app, name="vacuum")
def store_vacuum(ctx: typer.Context, db: DbOption = None) -> None:
    """Give back to the disk the space of forgotten articles (SQLite's VACUUM)."""
    before, after = _open_store(db or ctx.obj).vacuum()
    say(f"claims: the store went from {before:,} to {after:,} bytes")


def _format(requested: Format | None, output: str | None, bom: bool) -> Format:
    from claimcli.output import formats

    return formats.choose(requested, output=output, bom=bom)


def _write(chosen: Format, output: str | None, bom: bool, table, texts, rows) -> None:
    """One output path for every command: `table(console)`, `texts()` (JSON texts) or
    `rows()` (columns and rows), to standard output or, whole, to the file of `-o`."""
    from claimcli.output.jsonl import write_json_texts, write_lines
    from claimcli.output.rows import write_rows
    from claimcli.output.sink import opened

    with opened(output, bom) as out:
        if chosen == Format.table:
            table(_console(out))
        elif chosen == Format.json:
            write_json_texts(texts(), out)
        elif chosen in ROWS:
            write_rows(*rows(), out, chosen)
        else:
            write_lines(texts(), out)


def _console(out):
    """A console for a table: into a pipe (`| less -R`) as wide as the terminal
    the user looks at (its stderr's), unless COLUMNS says; colours with FORCE_COLOR=1."""
    from rich.console import Console

    if out is not sys.stdout or out.isatty() or os.environ.get("COLUMNS"):
        return Console(file=out)
    try:
        return Console(file=out, width=os.get_terminal_size(sys.stderr.fileno()).columns)
    except (OSError, ValueError):  # no terminal at all
        return Console(file=out)


def _check_topic(topic: str | None) -> None:
    from claimcli.extract.topics import lexicon

    if topic is not None and topic not in lexicon():
        raise UsageError(f"--topic {topic}: no such topic (topics: {', '.join(sorted(lexicon()))})")


def _claims_from(paths: list[str] | None, db: str | None, failed: list[str], with_text: bool = False):
    """Claims from the store, from articles (via the store), or from stdin;
    those of the store and stdin with their JSON text when `with_text`."""
    from claimcli.pipeline import stored_claims

    if paths == ["-"]:
        yield from _stdin_claims(failed, with_text)
        return
    store = _open_store(db, readonly=not paths)
    if not paths:
        if store.is_empty():
            raise ClaimsError(f"the store {store.path} holds no articles yet: run claims extract PATH first "
                              "(or give compare the articles: claims compare PATH)")
        if older := store.older():
            say(f"claims: {older} article(s) in the store were extracted by an older claims, without the "
                "frames compare lines figures up by: run claims extract on them again")
        yield from store.claims(with_text=with_text, on_bad=lambda problem: _bad(problem, failed))
        return
    problems: list[tuple[str, str]] = []
    yield from stored_claims(paths, store, problems)
    for path, reason in problems:
        fail(path, reason)
        failed.append(path)


def _stdin_claims(failed: list[str], with_text: bool = False):
    """Claims from standard input, one at a time: a line that is not one gets its
    line and is left out; no claims at all, or an endless line, end the run."""
    from claimcli.pipeline import ClaimsInputError, bounded_lines, read_claims_jsonl

    if sys.stdin.isatty():
        say("claims: reading claims JSON Lines from standard input (end with Ctrl-D)")
    try:
        yield from read_claims_jsonl(bounded_lines(sys.stdin), with_text,
                                     on_bad=lambda problem: _bad(f"<stdin>: {problem}", failed))
    except ClaimsInputError as exc:
        fail("<stdin>", str(exc))
        raise typer.Exit(1) from None


def _bad(problem: str, failed: list[str]) -> None:
    """A claim read back that is left out (a line of stdin, a store row): its line, and the run fails."""
    say(f"claims: {problem}")
    failed.append(problem)


def _open_store(db: str | None, readonly: bool = False):
    from claimcli.store import Store

    return Store(db, readonly=readonly)


def _load_aliases(files: list[str] | None) -> None:
    from claimcli.extract.gazetteer import add_alias_file

    for file in files or []:
        add_alias_file(file)


def _print_dropped(article) -> None:
    for d in article.dropped:
        line = article.text.count("\n", 0, d.span.start) + 1
        text = article.text[d.span.start : d.span.end].strip()
        say(f"{article.path}:{line}: dropped ({d.reason}): {text}")


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
    _standard_streams()
    import signal

    # SIGTERM ends the run as Ctrl-C does: the worker pool is shut down, not left to fail.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        app()
    except ClaimsError as exc:  # raised outside a command (a generator finished by click)
        say(f"claims: {exc}")
        sys.exit(1)
    except BrokenPipeError:  # `claims extract … | head`: the reader left
        _quiet_stdout()
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
