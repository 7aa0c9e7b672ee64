"""Benchmarks of claims, as ratios against baselines measured in the same run.

    python bench/bench.py            # 1k and 10k articles (3 rounds); 10k and 100k claims
    python bench/bench.py --full     # also 100k articles and 1M claims (long)
    python bench/bench.py --rounds 1 # one round of each extract measurement

Prints one line per measurement. The machine is noisy: compare ratios, not
absolute times, and rerun before believing a change.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ROOT, characters, generate
from stories import VERSION as STORIES
from stories import write_stories

CLAIMS = [sys.executable, "-m", "claimcli"]


class Run(NamedTuple):
    seconds: float  # wall
    cpu: float  # user + system of the command and every process it started (workers too)
    memory: float  # peak resident MB of its largest process


def run(args: list[str], stdin: Path | None = None) -> Run:
    """One command, its output discarded. Workers of `--jobs N` are children of
    multiprocessing's fork server, not of the command: this process makes
    itself their subreaper, so they come back to it and their time is counted."""
    _become_subreaper()
    start = time.perf_counter()
    with open(stdin or os.devnull, "rb") as source, open(os.devnull, "wb") as sink, \
            tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(args, stdin=source, stdout=sink, stderr=errors, cwd=ROOT,
                                env={**os.environ, "CLAIMS_DB": str(Path(tempfile.mkdtemp()) / "b.db")})
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        cpu, memory = usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024
        while True:  # the fork server and what it started, once they end
            try:
                _, _, more = os.wait4(-1, 0)
            except ChildProcessError:
                break
            cpu += more.ru_utime + more.ru_stime
            memory = max(memory, more.ru_maxrss / 1024)
        proc.returncode = status
        if status != 0:
            errors.seek(0)
            raise RuntimeError(f"{' '.join(args)} failed: {errors.read().decode()[-500:]}")
    return Run(seconds, cpu, memory)


def _become_subreaper() -> None:
    """prctl(PR_SET_CHILD_SUBREAPER): orphaned descendants are reparented here (Linux)."""
    with contextlib.suppress(OSError, AttributeError):  # elsewhere: the workers' time is not counted
        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)


def bare_tokenization(folder: Path) -> float:
    """Seconds Sudachi (mode C, sudachidict-core) takes to tokenize the corpus, line by line."""
    from sudachipy import Dictionary, SplitMode

    tokenizer = Dictionary().tokenizer(SplitMode.C)
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    start = time.perf_counter()
    for text in texts:
        for line in text.split("\n"):
            if line.strip():
                for m in tokenizer.tokenize(line):
                    m.surface()
    return time.perf_counter() - start


def extract_benchmark(sizes: list[int], work: Path, rounds: int = 1) -> None:
    """Per size, `rounds` rounds of bare Sudachi, `--jobs 1` and `--jobs 2`, one
    after the other: the ratios are each round's, their median printed with
    their range (the machine's speed moves within minutes; a round's three
    runs share its speed)."""
    for n in sizes:
        folder = generate(n, work / f"corpus-{n}")
        chars = characters(folder)
        against_bare, faster = [], []
        for _ in range(rounds):
            bare = bare_tokenization(folder)
            one = run([*CLAIMS, "extract", str(folder), "--jobs", "1", "--no-store", "--format", "jsonl"])
            two = run([*CLAIMS, "extract", str(folder), "--jobs", "2", "--no-store", "--format", "jsonl"])
            against_bare.append(bare / one.seconds)
            faster.append(one.seconds / two.seconds)
        print(f"extract {n:>7,} articles {chars:>12,} chars | --jobs 1 {_median(against_bare)} bare Sudachi, "
              f"{chars / one.seconds:,.0f} c/s, cpu {one.cpu:.1f} s, peak {one.memory:,.0f} MB | "
              f"--jobs 2 {_median(faster)} faster, cpu {two.cpu:.1f} s, "
              f"peak {two.memory:,.0f} MB per process (the last round's c/s, cpu and peak)", flush=True)


def _median(ratios: list[float]) -> str:
    """`0.30x` for one ratio; `0.28x (0.25-0.31x, 3 rounds)` for more."""
    middle = statistics.median(ratios)
    if len(ratios) == 1:
        return f"{middle:.2f}x"
    return f"{middle:.2f}x ({min(ratios):.2f}-{max(ratios):.2f}x, {len(ratios)} rounds)"


def sized_inputs(doc: str, articles: int, claims: int) -> tuple[Path, Path]:
    """The generated articles folder and claims file a benchmark script runs on,
    of the sizes its --articles and --claims say (defaults given)."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=articles)
    parser.add_argument("--claims", type=int, default=claims)
    parser.add_argument("--work", default=str(ROOT / "bench" / "work"))
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    return generate(args.articles, work / f"corpus-{args.articles}"), claims_file(args.claims, work)


def claims_file(count: int, work: Path) -> Path:
    """JSON Lines of `count` claims: the claims of 1,000 generated articles
    retold as stories (bench/stories.py). Written once, whole."""
    path = work / f"stories{STORIES}-{count}.jsonl"
    if path.exists():
        return path
    base = work / "base-claims.jsonl"
    if not base.exists():
        folder = generate(1000, work / "corpus-1000")
        with open(f"{base}.part", "wb") as out:
            subprocess.run([*CLAIMS, "extract", str(folder), "--no-store", "--format", "jsonl"], stdout=out,
                           check=True, cwd=ROOT)
        os.replace(f"{base}.part", base)
    write_stories(base, count, Path(f"{path}.part"))
    os.replace(f"{path}.part", path)  # a run cut short leaves no half file to reuse
    return path


def compare_benchmark(sizes: list[int], work: Path) -> None:
    previous = None
    for n in sizes:
        done = run([*CLAIMS, "compare", "-", "--format", "jsonl"], stdin=claims_file(n, work))
        growth = f" | x{done.seconds / previous[1]:.2f} time for x{n / previous[0]:.0f} claims" if previous else ""
        print(f"compare {n:>9,} claims | {done.seconds:7.1f} s | cpu {done.cpu:.1f} s | "
              f"peak {done.memory:,.0f} MB{growth}", flush=True)
        previous = (n, done.seconds)


def startup_benchmark() -> None:
    small = ROOT / "fixtures" / "compare" / "a_keizai.txt"
    best_help = min(run([*CLAIMS, "--help"]).seconds for _ in range(5))
    best_python = min(run([sys.executable, "-c", "pass"]).seconds for _ in range(5))
    best_one = min(run([*CLAIMS, "extract", str(small), "--no-store", "--format", "jsonl"]).seconds
                   for _ in range(3))
    print(f"startup | claims --help {best_help:.3f} s (python alone {best_python:.3f} s) | "
          f"extract one small file {best_one:.3f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="also 100k articles and 1M claims")
    parser.add_argument("--work", default=str(ROOT / "bench" / "work"), help="where corpora are kept")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each extract measurement (median shown)")
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    startup_benchmark()
    extract_benchmark([1000, 10000, 100000] if args.full else [1000, 10000], work, args.rounds)
    compare_benchmark([10000, 100000, 1000000] if args.full else [10000, 100000], work)


if __name__ == "__main__":
    main()
