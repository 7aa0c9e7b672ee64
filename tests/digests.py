"""Digests of what `claims` writes for fixed corpora, so that work on speed can
show it changed nothing: the same bytes of `extract`, `compare` and `actors`
before and after.

    python tests/digests.py            # print today's digests
    python tests/digests.py --write    # record them in tests/examples/digests.json

A change that is meant to change output (a new rule) records the new digests in
the same commit and says so; `tests/test_identity.py` checks the recorded ones.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORDED = ROOT / "tests" / "examples" / "digests.json"
DEV = ROOT.parent / "shared" / "eval" / "dev"
GENERATED = 200  # articles of bench/corpus.py: many outlets, scaled figures, dates


def corpora(work: Path = ROOT / "bench" / "work") -> dict[str, list[str]]:
    """Name → paths given to `claims extract`; dev only where it is beside the checkout."""
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import generate

    found = {"fixtures": [str(ROOT / "fixtures")], "seeds": [str(ROOT / "seeds")],
             "generated": [str(generate(GENERATED, work / f"identity-{GENERATED}"))]}
    if DEV.is_dir():
        found["dev"] = [str(ROOT / "seeds"), str(DEV)]
    return found


def _claims(*args: str, stdin: bytes | None = None) -> bytes:
    env = {**os.environ, "CLAIMS_DB": os.devnull, "COLUMNS": "200"}
    done = subprocess.run([sys.executable, "-m", "claimcli", *args], input=stdin, capture_output=True,
                          cwd=ROOT, env=env, check=False)
    if done.returncode not in (0, 1):
        raise RuntimeError(done.stderr.decode()[-2000:])
    return done.stdout


def outputs(paths: list[str]) -> dict[str, bytes]:
    """What extract, compare and actors write for these articles (paths relative to the checkout)."""
    shown = [os.path.relpath(p, ROOT) for p in paths]
    extracted = _claims("extract", *shown, "--no-store", "--format", "jsonl", "--jobs", "1")
    return {"extract": extracted,
            "compare": _claims("compare", "-", "--format", "jsonl", stdin=extracted),
            "actors": _claims("actors", "-", "--format", "jsonl", stdin=extracted)}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digests() -> dict[str, str]:
    return {f"{name}/{command}": sha256(data)
            for name, paths in corpora().items() for command, data in outputs(paths).items()}


if __name__ == "__main__":
    today = digests()
    if "--write" in sys.argv:
        RECORDED.write_text(json.dumps(today, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(json.dumps(today, indent=2, sort_keys=True))
