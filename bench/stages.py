"""Where the time goes: extract and compare, stage by stage, in one process.

    python bench/stages.py                 # 1,000 generated articles; 100k claims
    python bench/stages.py --claims 30000

Extract: each stage's functions are wrapped with a timer (an article's
sentences are tokenized together before the extractors run: Sudachi's calls,
then the Python tokens made of what it found). Compare: its steps called one
after another, as `compare` calls them.
"""

from __future__ import annotations

import io
import sys
import time
from collections import Counter
from contextlib import redirect_stdout, suppress
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ROOT

from bench import sized_inputs

sys.path.insert(0, str(ROOT))


def extract_stages(folder: Path) -> None:
    from claimcli import claims, pipeline
    from claimcli.cli import app
    from claimcli.extract import actors, dates, money, quantities, topics
    from claimcli.text import sentence, tokens

    spent: Counter = Counter()

    def timed(module, name: str, label: str) -> None:
        function = getattr(module, name)

        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[label] += time.perf_counter() - start
        setattr(module, name, wrapper)

    timed(sentence, "tokenize_all", "tokens: Sudachi")
    timed(tokens, "_tokens", "tokens: Python tokens")
    for module, label in ((money, "money"), (dates, "dates"), (quantities, "quantities"), (actors, "actors"),
                          (topics, "topics")):
        timed(module, "extract", label)
    timed(claims, "_frames", "frames")
    timed(pipeline, "read_article", "reading (decoding, chrome, metadata)")
    start = time.perf_counter()
    with redirect_stdout(io.StringIO()), suppress(SystemExit):
        app(["extract", str(folder), "--no-store", "--format", "jsonl", "--jobs", "1"])
    total = time.perf_counter() - start
    spent["tokens: Sudachi"] -= spent["tokens: Python tokens"]  # tokenize_all makes them
    spent["the rest: start-up, sentences, claims, JSON"] = total - sum(spent.values())
    _table(f"extract --jobs 1, {folder.name}", spent, total)


def compare_stages(path: Path) -> None:
    from claimcli.compare import groups

    spent: Counter = Counter()
    clock = [time.perf_counter()]

    def lap(label: str) -> None:
        now = time.perf_counter()
        spent[label] += now - clock[0]
        clock[0] = now

    with groups._no_cycle_collection():
        _compare_steps(path, lap)
    _table(f"compare, {path.name}", spent, sum(spent.values()))


def _compare_steps(path: Path, lap) -> None:
    from claimcli.compare import blocking, groups
    from claimcli.compare.spool import Spool
    from claimcli.output.jsonl import group_line, write_lines
    from claimcli.pipeline import read_claims_jsonl

    spool = Spool()
    with open(path, encoding="utf-8") as lines:
        items = [i for c in read_claims_jsonl(lines, with_text=True) for i in groups._items(c, None, spool)]
    lap(f"reading {len(items):,} items")
    judge = groups._Judge(items)
    judge.columns.figures()
    lap("kinds and columns")
    pairs = blocking.candidate_pairs(items)
    lap(f"{len(pairs):,} candidate pairs (blocking)")
    scored = groups._scored(judge, pairs)
    lap("the same-fact test")
    clusters = groups._complete_linkage(judge, scored)
    lap("complete linkage")
    found = [groups._judge(groups.Group([items[i] for i in sorted(m)]), None) for m in clusters]
    lap("verdicts")
    write_lines((group_line(g) for g in found), io.StringIO())
    lap("JSON output")


def _table(title: str, spent: Counter, total: float) -> None:
    print(f"\n{title}: {total:.1f} s\n\n| stage | seconds | share |\n| --- | --- | --- |")
    for label, seconds in spent.most_common():
        print(f"| {label} | {seconds:.2f} | {seconds / total:.0%} |")


def main() -> None:
    corpus, claims = sized_inputs(__doc__, articles=1000, claims=100_000)
    extract_stages(corpus)
    compare_stages(claims)


if __name__ == "__main__":
    main()
