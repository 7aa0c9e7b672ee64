"""The bars of the issues, measured by the shared scorer on the gold files.

Skipped where ../shared/eval is not beside the checkout (it is for CI and
developers). The scorer runs the installed `claims` command."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
pytestmark = pytest.mark.skipif(
    not (EVAL / "score.py").exists(), reason="no ../shared/eval beside the checkout"
)


def score(gold: str, *paths: str, tmp_path: Path) -> dict:
    cmd = f"{sys.executable} -m claimcli"
    done = subprocess.run(
        [sys.executable, str(EVAL / "score.py"), str(EVAL / gold), *paths, "--cmd", cmd, "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "CLAIMS_DB": str(tmp_path / "claims.db")},
    )
    return json.loads(done.stdout)["metrics"]


def test_money_on_the_seeds(tmp_path):
    m = score("seeds.gold.json", "seeds/", tmp_path=tmp_path)
    assert m["money_f1"] >= 0.95
    assert m["money_qualifier_acc"] >= 0.9
    assert m["money_conversion_acc"] >= 0.9


def test_money_on_the_dev_articles(tmp_path):
    m = score("dev.gold.json", "seeds/", str(EVAL / "dev"), tmp_path=tmp_path)
    assert m["money_f1"] >= 0.95
    assert m["money_qualifier_acc"] >= 0.9


def test_dates_and_quantities(tmp_path):
    seeds = score("seeds.gold.json", "seeds/", tmp_path=tmp_path)
    assert seeds["date_value_f1"] >= 0.9
    assert seeds["quantity_f1"] >= 0.8
    dev = score("dev.gold.json", "seeds/", str(EVAL / "dev"), tmp_path=tmp_path)
    assert dev["date_value_f1"] >= 0.85
    assert dev["quantity_f1"] >= 0.75


def test_actors(tmp_path):
    seeds = score("seeds.gold.json", "seeds/", tmp_path=tmp_path)
    assert seeds["actor_f1"] >= 0.85
    assert seeds["actor_type_acc"] >= 0.9
    assert seeds["alias_consistency"] >= 0.95
    assert seeds["actor_overmerged_ids"] == 0
    dev = score("dev.gold.json", "seeds/", str(EVAL / "dev"), tmp_path=tmp_path)
    assert dev["actor_f1"] >= 0.85
    assert dev["alias_consistency"] >= 0.95
    assert dev["actor_overmerged_ids"] == 0


def test_groups(tmp_path):
    dev = score("dev.gold.json", "seeds/", str(EVAL / "dev"), tmp_path=tmp_path)
    assert dev["group_recall"] >= 0.8
    assert dev["group_verdict_acc"] >= 0.8
    assert dev["disagree_recall"] >= 0.8
    assert dev["group_purity"] >= 0.6
    assert dev["false_merges"] == 0
    assert dev["disagree_unexplained"] <= 1
