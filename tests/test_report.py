"""claims report: one self-contained HTML file, every group of compare, nothing
of an article's text able to inject markup; checked in headless Chromium."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

OUTPUT = ROOT / "tests" / "output"
HOSTILE = ['<script>alert("x")</script>', '"><img src=x onerror=alert(1)>']


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimcli", *args], capture_output=True, text=True)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[Path, list[dict]]:
    work = tmp_path_factory.mktemp("report")
    db = str(work / "claims.db")
    out = work / "report.html"
    done = run("report", str(ROOT / "fixtures" / "compare"), "--out", str(out), "--db", db)
    assert done.returncode == 0, done.stderr
    groups = [json.loads(line) for line in run("compare", "--db", db, "--format", "jsonl").stdout.splitlines()]
    return out, groups


def test_the_report_is_self_contained(report):
    html = report[0].read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html)  # nothing to fetch
    assert "<svg" in html and "Noto Sans CJK JP" in html


def test_every_group_with_its_status(report):
    out, groups = report
    html = out.read_text(encoding="utf-8")
    shown = re.findall(r'<article class="group" id="group-\d+" data-status="(\w+)"', html)
    assert sorted(shown) == sorted(g["status"] for g in groups)
    assert shown == sorted(shown, key=lambda s: s != "disagree")  # disagreements first
    assert 'data-badge="conversion differs"' in html


def test_article_text_cannot_inject_markup(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(
            f"{name}:会社は{HOSTILE[0]}に80億ドル{HOSTILE[1]}を投じると発表した。\n", encoding="utf-8"
        )
    (tmp_path / "meta.toml").write_text('["a.txt"]\noutlet = "<b>甲</b>"\n["b.txt"]\noutlet = "乙"\n', encoding="utf-8")
    out = tmp_path / "r.html"
    assert run("report", str(tmp_path), "--out", str(out), "--db", str(tmp_path / "db")).returncode == 0
    html = out.read_text(encoding="utf-8")
    assert "80億ドル" in html
    for raw in [*HOSTILE, "<b>甲</b>", "<img"]:
        assert raw not in html
    assert "&lt;script&gt;" in html and "<script" not in html


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def browse(page: Path, *args: str, tmp: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp}",
            "--enable-logging=stderr",
            "--v=0",
            *args,
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.skipif(chromium() is None, reason="no Chromium here: .ci/run installs Debian's chromium when it can")
def test_the_report_in_a_real_browser(report, tmp_path):
    out, groups = report
    dom = browse(out, "--dump-dom", tmp=tmp_path / "profile")
    assert dom.returncode == 0, dom.stderr[-500:]
    statuses = re.findall(r'<article class="group" id="group-\d+" data-status="(\w+)"', dom.stdout)
    assert sorted(statuses) == sorted(g["status"] for g in groups)
    for g in groups:
        assert f'data-key="{g["key"]}"' in dom.stdout
    assert "Uncaught" not in dom.stderr  # no script error
    OUTPUT.mkdir(exist_ok=True)
    shot = browse(
        out,
        "--hide-scrollbars",
        "--window-size=1280,2400",
        f"--screenshot={OUTPUT / 'report.png'}",
        tmp=tmp_path / "profile2",
    )
    assert shot.returncode == 0 and (OUTPUT / "report.png").stat().st_size > 10_000


@pytest.mark.skipif(chromium() is None, reason="no Chromium here: .ci/run installs Debian's chromium when it can")
def test_hostile_text_stays_text_in_the_browser(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"{name}:会社は{HOSTILE[0]}に80億ドル{HOSTILE[1]}を投じた。\n", encoding="utf-8")
    out = tmp_path / "r.html"
    run("report", str(tmp_path), "--out", str(out), "--db", str(tmp_path / "db"))
    dom = browse(out, "--dump-dom", tmp=tmp_path / "profile").stdout
    assert "<script" not in dom and "<img" not in dom and 'alert("x")' in dom
