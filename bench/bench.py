"""Benchmarks of claims, as ratios against baselines measured in the same run.

    python bench/bench.py            # 1k and 10k articles; 10k and 100k claims
    python bench/bench.py --full     # also 100k articles and 1M claims (long)

Prints one line per measurement. The machine is noisy: compare ratios, not
absolute times, and rerun before believing a change.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ROOT, characters, generate

CLAIMS = [sys.executable, "-m", "claimcli"]


def run(args: list[str], stdin: Path | None = None) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one command, its output discarded."""
    start = time.perf_counter()
    with open(stdin or os.devnull, "rb") as source, open(os.devnull, "wb") as sink:
        proc = subprocess.Popen(args, stdin=source, stdout=sink, stderr=subprocess.PIPE, cwd=ROOT,
                                env={**os.environ, "CLAIMS_DB": str(Path(tempfile.mkdtemp()) / "b.db")})
        _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise RuntimeError(f"{' '.join(args)} failed: {proc.stderr.read().decode()[-500:]}")
    return time.perf_counter() - start, usage.ru_maxrss / 1024


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


def extract_benchmark(sizes: list[int], work: Path) -> None:
    for n in sizes:
        folder = generate(n, work / f"corpus-{n}")
        chars = characters(folder)
        bare = bare_tokenization(folder)
        one, mem_one = run([*CLAIMS, "extract", str(folder), "--jobs", "1", "--no-store", "--format", "jsonl"])
        two, mem_two = run([*CLAIMS, "extract", str(folder), "--jobs", "2", "--no-store", "--format", "jsonl"])
        print(f"extract {n:>7,} articles {chars:>12,} chars | bare Sudachi {chars / bare:>10,.0f} c/s | "
              f"extract --jobs 1 {chars / one:>9,.0f} c/s ({bare / one:.0%} of bare), peak {mem_one:,.0f} MB | "
              f"--jobs 2 {one / two:.2f}x faster, peak {mem_two:,.0f} MB (per process)", flush=True)


def claims_file(count: int, work: Path) -> Path:
    """JSON Lines of `count` claims: the claims of a generated corpus, copied
    into new articles (each copy a new outlet, with its own scale for figures
    and its own dates) until there are enough. A few copies share a scale, so
    some facts are told by several outlets, as in real news."""
    path = work / f"claims-v2-{count}.jsonl"
    if path.exists():
        return path
    base = work / "base-claims.jsonl"
    if not base.exists():
        folder = generate(1000, work / "corpus-1000")
        with open(base, "wb") as out:
            subprocess.run([*CLAIMS, "extract", str(folder), "--no-store", "--format", "jsonl"], stdout=out,
                           check=True, cwd=ROOT)
    claims = [json.loads(line) for line in base.read_text(encoding="utf-8").splitlines()]
    rng = random.Random(count)
    with open(path, "w", encoding="utf-8") as out:
        written, copy = 0, 0
        while written < count:
            factor = round(rng.uniform(0.3, 3.0), 2) if rng.random() > 0.1 else 1.0
            days = rng.randrange(-400, 400)
            for claim in claims[:count - written]:
                out.write(json.dumps(_copied(claim, copy, factor, days), ensure_ascii=False) + "\n")
            written += min(len(claims), count - written)
            copy += 1
    return path


def _copied(claim: dict, copy: int, factor: float, days: int) -> dict:
    claim = json.loads(json.dumps(claim))
    claim["source"]["path"] = f"{claim['source']['path']}#{copy}"
    claim["source"]["outlet"] = f"outlet{copy % 97}"
    claim["id"] = f"{claim['id']}-{copy}"
    if claim["source"].get("published"):
        claim["source"]["published"] = (date.fromisoformat(claim["source"]["published"])
                                        + timedelta(days=days)).isoformat()
    for m in claim["money"]:
        m["amount"] = m["amount"] * factor
    for q in claim["quantities"]:
        q["value"] = q["value"] * factor
    return claim


def compare_benchmark(sizes: list[int], work: Path) -> None:
    previous = None
    for n in sizes:
        path = claims_file(n, work)
        seconds, memory = run([*CLAIMS, "compare", "-", "--format", "jsonl"], stdin=path)
        growth = f" | x{seconds / previous[1]:.2f} time for x{n / previous[0]:.0f} claims" if previous else ""
        print(f"compare {n:>9,} claims | {seconds:7.1f} s | peak {memory:,.0f} MB{growth}", flush=True)
        previous = (n, seconds)


def startup_benchmark() -> None:
    small = ROOT / "fixtures" / "compare" / "a_keizai.txt"
    best_help = min(run([*CLAIMS, "--help"])[0] for _ in range(5))
    best_python = min(run([sys.executable, "-c", "pass"])[0] for _ in range(5))
    best_one = min(run([*CLAIMS, "extract", str(small), "--no-store", "--format", "jsonl"])[0] for _ in range(3))
    print(f"startup | claims --help {best_help:.3f} s (python alone {best_python:.3f} s) | "
          f"extract one small file {best_one:.3f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="also 100k articles and 1M claims")
    parser.add_argument("--work", default=str(ROOT / "bench" / "work"), help="where corpora are kept")
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    startup_benchmark()
    extract_benchmark([1000, 10000, 100000] if args.full else [1000, 10000], work)
    compare_benchmark([10000, 100000, 1000000] if args.full else [10000, 100000], work)


if __name__ == "__main__":
    main()
