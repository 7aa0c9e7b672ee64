"""--jobs and Dask give exactly what one process gives."""

import json
import subprocess
import sys

import pytest
from conftest import ROOT

CORPUS = [str(ROOT / "seeds"), str(ROOT / "fixtures" / "compare")]


def claims(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimcli", *args], capture_output=True, text=True)


def test_jobs_give_the_same_output_in_the_same_order():
    one = claims("extract", *CORPUS, "--jobs", "1", "--no-store", "--format", "jsonl")
    two = claims("extract", *CORPUS, "--jobs", "2", "--no-store", "--format", "jsonl")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout and one.stdout


def test_aliases_reach_the_worker_processes(tmp_path):
    """`--aliases` with `--jobs 2`: each worker reads the run's alias files too."""
    aliases = tmp_path / "aliases.tsv"
    aliases.write_text("fictional-union\tFictional Union\torg\t架空連合\n", encoding="utf-8")
    for k in range(10):
        (tmp_path / f"a{k}.txt").write_text(f"架空連合は{k + 1}億ドルを拠出した。\n", encoding="utf-8")
    done = claims("extract", str(tmp_path), "--aliases", str(aliases), "--jobs", "2", "--no-store",
                  "--format", "jsonl")
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(rows) == 10
    assert all([a["id"] for a in row["actors"]] == ["fictional-union"] for row in rows)


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c.scheduler_address


def test_extract_on_dask_equals_a_local_run(cluster):
    local = claims("extract", *CORPUS, "--jobs", "1", "--no-store", "--format", "jsonl")
    remote = claims("extract", *CORPUS, "--scheduler", cluster, "--no-store", "--format", "jsonl")
    assert remote.returncode == 0, remote.stderr
    assert remote.stdout == local.stdout


def test_compare_on_dask_equals_a_local_run(cluster, tmp_path):
    extracted = tmp_path / "claims.jsonl"
    extracted.write_text(claims("extract", *CORPUS, "--no-store", "--format", "jsonl").stdout, encoding="utf-8")
    with open(extracted, encoding="utf-8") as stdin:
        local = subprocess.run([sys.executable, "-m", "claimcli", "compare", "-", "--format", "jsonl"],
                               stdin=stdin, capture_output=True, text=True)
    with open(extracted, encoding="utf-8") as stdin:
        remote = subprocess.run([sys.executable, "-m", "claimcli", "compare", "-", "--scheduler", cluster,
                                 "--format", "jsonl"], stdin=stdin, capture_output=True, text=True)
    assert remote.returncode == 0, remote.stderr
    assert [json.loads(line) for line in remote.stdout.splitlines()] == \
        [json.loads(line) for line in local.stdout.splitlines()]
    assert local.stdout


def test_lines_made_before_the_runs_ids_are_made_again_when_an_id_changes(tmp_path):
    """A worker writes its claims' lines; where the run gives an actor another id
    (a second spelling of a name an earlier article gave), they are written again."""
    from claimcli.pipeline import extract_paths

    (tmp_path / "a.txt").write_text("ヴィクトル・アルマノフ氏は5億ドルの投資を発表した。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("ビクトル・アルマノフ氏は5億ドルの投資を発表した。\n", encoding="utf-8")
    lines = [line for result in extract_paths([str(tmp_path)]) for line in result.lines()]
    assert [[a["id"] for a in json.loads(line)["actors"]] for line in lines] == [["person:ヴィクトル・アルマノフ"]] * 2
