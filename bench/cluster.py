"""claims on a Dask cluster of 2 local workers, against local runs in the same run.

    python bench/cluster.py                      # 2,000 articles; 10k claims
    python bench/cluster.py --articles 5000 --claims 100000

Each measurement checks that the cluster printed exactly what the local run
printed. On one machine the workers share its cores with the client: this
shows the overhead of the cluster path, not what a cluster of machines gains.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ROOT

from bench import sized_inputs

CLAIMS = [sys.executable, "-m", "claimcli"]


def timed(args: list[str], stdin: Path | None = None) -> tuple[float, bytes]:
    start = time.perf_counter()
    with open(stdin, "rb") if stdin else open("/dev/null", "rb") as given:
        done = subprocess.run([*CLAIMS, *args], stdin=given, capture_output=True, check=False)
    if done.returncode:
        raise RuntimeError(done.stderr.decode()[-2000:])
    return time.perf_counter() - start, done.stdout


def main() -> None:
    corpus, claims = sized_inputs(__doc__, articles=2000, claims=10_000)
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        on_cluster = ["--scheduler", cluster.scheduler_address]
        timed(["extract", str(ROOT / "seeds"), "--no-store", "-f", "jsonl", *on_cluster])  # workers load Sudachi
        extract = ["extract", str(corpus), "--no-store", "-f", "jsonl"]
        one, local = timed([*extract, "--jobs", "1"])
        two, _ = timed([*extract, "--jobs", "2"])
        remote, printed = timed([*extract, *on_cluster])
        assert printed == local, "extract on the cluster printed something else"
        print(f"extract {len(list(corpus.iterdir())):,} articles: --jobs 1 {one:.1f} s, --jobs 2 {two:.1f} s, "
              f"cluster {remote:.1f} s ({one / remote:.2f}x --jobs 1)")
        here, local = timed(["compare", "-", "-f", "jsonl"], claims)
        remote, printed = timed(["compare", "-", "-f", "jsonl", *on_cluster], claims)
        assert printed == local, "compare on the cluster printed something else"
        print(f"compare {claims.name}: local {here:.1f} s, cluster {remote:.1f} s ({here / remote:.2f}x)")


if __name__ == "__main__":
    main()
