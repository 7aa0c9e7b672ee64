"""Hard inputs, concurrent runs and crashes: nothing lost, nothing confusing."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcli.pipeline import extract_source
from claimcli.read.files import Source
from claimcli.store import Store

FRAGMENTS = [
    "日本政府は",
    "20日、",
    "カザフスタンの",
    "トカエフ大統領と",
    "3兆円(約190億ドル)",
    "を超える",
    "5か国",
    "約",
    "最大",
    "「",
    "」",
    "(",
    ")",
    "。",
    "\n",
    "2025年11月6日",
    "今月6日",
    "来年",
    "ｶﾞｽ",
    "😀",
    "１２０億円",
    "数十",
    "63か国以上",
    "米中",
    "同日",
    "~",
    "から",
    "%",
    "、",
    "ドル",
    "億",
    "兆",
    "一二三",
    "〇〇〇",
    " date 2025-12-20 ",
    "https://example.jp/2025/04/10/x",
    "あわせて読みたい",
    "Copyright",
    "\x00",
    "\x07",
    "\ufeff",
]


def check_claim(claim: dict) -> None:
    """A claim as OUTPUT.md defines it."""
    json.loads(json.dumps(claim, ensure_ascii=False))
    assert claim["schema"] == 1 and isinstance(claim["id"], str)
    assert {"path", "outlet", "published", "title", "url"} <= set(claim["source"])
    assert isinstance(claim["sentence"]["index"], int) and isinstance(claim["sentence"]["text"], str)
    for m in claim["money"]:
        assert isinstance(m["amount"], int | float) and m["currency"] and m["qualifier"]
        assert m["text"] in claim["sentence"]["text"]
    for q in claim["quantities"]:
        assert isinstance(q["value"], int | float) and q["unit"] and q["text"] in claim["sentence"]["text"]
    for d in claim["dates"]:
        assert d["kind"] in ("point", "range", "duration") and d["value"]
    for a in claim["actors"]:
        assert a["id"] and a["type"] in ("person", "country", "org", "group", "place")
    assert claim["money"] or claim["quantities"] or claim["dates"]


def extracted(data: bytes) -> list[dict]:
    result = extract_source(Source("fuzz.txt", data))
    return [c.to_json() for c in result.claims] if result.error is None else []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_random_bytes_never_raise(data):
    for claim in extracted(data):
        check_claim(claim)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=60), st.sampled_from(["utf-8", "cp932", "euc_jp", "utf-16"]))
def test_mixtures_of_real_fragments_give_valid_claims(pieces, encoding):
    text = "".join(pieces)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    for claim in extracted(data):
        check_claim(claim)


SIZES = {"米日中ロ": 600, "行\n": 2000, "2025年11月6日 10:00\n": 2000}  # characters of n: the slower passes


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        extract_source(Source("x.txt", text.encode("utf-8")))
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize(
    "unit",
    [
        "1",
        "一",
        "2025年",
        "3兆円",
        "(",
        "「約",
        "数十億",
        "〇",
        "5か国以上",
        "米中",
        "トカエフ・",
        "ア",
        "同日",
        "1,",
        "最大",
        "あ。",
        "<!---->",  # HTML sniffing of a .txt file
        "米日中ロ",  # one-character country forms, one after another
        "行\n",  # the same line again and again: site chrome detection
        "2025年11月6日 10:00\n",  # date lines (metadata)
    ],
)
def test_time_grows_linearly_on_adversarial_input(unit):
    """No pattern takes more than linear time: 8 times the input, about 8 times the time.
    Every pass runs: reading (HTML sniffing, metadata and chrome lines), sentences, the extractors."""
    n = max(1, SIZES.get(unit, 4000) // len(unit))
    small, large = _seconds(unit * n), _seconds(unit * n * 8)
    assert large / max(small, 1e-3) < 20, f"{unit!r}: {small:.3f}s for n, {large:.3f}s for 8n"


def test_a_page_saved_as_one_line_still_yields_its_claims():
    line = "日本政府は中央アジアに3兆円を投じると発表した、" * 12_000  # ~300 kB, no line break
    result = extract_source(Source("one-line.txt", line.encode("utf-8")))
    assert result.error is None
    assert sum(len(c.money) for c in result.claims) == 12_000


def test_a_two_megabyte_article():
    text = "".join(f"米国は11月6日、5か国の首脳と会談し、{k}億ドルの協定に署名した。\n" for k in range(1, 24_000))
    assert len(text.encode("utf-8")) > 2_000_000
    result = extract_source(Source("big.txt", text.encode("utf-8")))
    assert result.error is None and len(result.claims) == 23_999


def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimcli", *args], capture_output=True, text=True, **kwargs)


def test_paths_that_cannot_be_read(tmp_path):
    good = tmp_path / "記事 ファイル.txt"
    good.write_text("日本は3兆円を投じる。\n", encoding="utf-8")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "back").symlink_to(tmp_path, target_is_directory=True)  # a folder loop
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    done = run("extract", str(tmp_path), str(tmp_path / "missing"), "--format", "jsonl")
    assert done.returncode == 1
    errors = done.stderr.strip().splitlines()
    assert len(errors) == 4 and "Traceback" not in done.stderr
    assert any("dangling.txt" in e for e in errors) and any("loop.txt" in e for e in errors)
    assert any("photo.txt" in e and "binary" in e for e in errors) and any("missing" in e for e in errors)
    assert [json.loads(line)["source"]["path"] for line in done.stdout.splitlines()] == [str(good)]


def test_thousands_of_files(tmp_path):
    for k in range(1500):
        (tmp_path / f"{k:04d}.txt").write_text(f"会社は{k + 1}億円を投じた。\n", encoding="utf-8")
    done = run("extract", str(tmp_path), "--format", "jsonl", "--no-store")
    assert done.returncode == 0
    amounts = [json.loads(line)["money"][0]["amount"] for line in done.stdout.splitlines()]
    assert amounts == [(k + 1) * 10**8 for k in range(1500)]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["extract"], 2),
        (["compare", "--only", "maybe"], 2),
        (["extract", "--format", "xml", "-"], 2),
        (["nonsense"], 2),
    ],
)
def test_usage_errors_exit_2(args, code):
    assert run(*args).returncode == code


def test_extract_one_article_from_stdin():
    done = run("extract", "-", "--format", "jsonl", input="日本は3兆円を投じる。\n")
    assert json.loads(done.stdout)["money"][0]["amount"] == 3 * 10**12


def test_a_store_that_cannot_be_written(tmp_path):
    (tmp_path / "file").write_text("x")
    done = run("extract", str(ROOT / "seeds"), "--db", str(tmp_path / "file" / "claims.db"))
    assert done.returncode == 1
    assert "cannot open the store" in done.stderr and "Traceback" not in done.stderr


def make_corpus(folder, count: int) -> None:
    folder.mkdir()
    body = (ROOT / "seeds" / "001_7f5d638e5a987068.txt").read_text(encoding="utf-8")
    for k in range(count):
        (folder / f"{k:04d}.txt").write_text(
            f"https://example.jp/2025/11/{k % 28 + 1:02d}/{folder.name}{k}\n" + body, encoding="utf-8"
        )


def test_two_runs_into_one_store_at_once(tmp_path):
    make_corpus(tmp_path / "a", 25)
    make_corpus(tmp_path / "b", 25)
    db = str(tmp_path / "shared.db")
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "claimcli",
                "extract",
                str(tmp_path / name),
                "--db",
                db,
                "--jobs",
                "1",
                "--format",
                "jsonl",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for name in ("a", "b")
    ]
    assert [p.wait(timeout=300) for p in procs] == [0, 0]
    with sqlite3.connect(db) as raw:
        assert raw.execute("SELECT count(*) FROM articles").fetchone()[0] == 50


def test_a_killed_run_leaves_whole_articles(tmp_path):
    make_corpus(tmp_path / "corpus", 120)
    db = tmp_path / "killed.db"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "claimcli",
            "extract",
            str(tmp_path / "corpus"),
            "--db",
            str(db),
            "--jobs",
            "1",
            "--format",
            "jsonl",
        ],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.time() + 120
    while time.time() < deadline:
        time.sleep(0.2)
        try:
            with sqlite3.connect(db, timeout=5) as raw:
                if raw.execute("SELECT count(*) FROM articles").fetchone()[0] >= 10:
                    break
        except sqlite3.Error:
            continue
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with Store(db) as store:
        assert store.integrity() == "ok"
        per_article = {}
        for claim in store.claims():
            per_article[claim["source"]["path"]] = per_article.get(claim["source"]["path"], 0) + 1
        whole = len(extract_source(Source("x.txt", (tmp_path / "corpus" / "0000.txt").read_bytes())).claims)
        assert per_article and set(per_article.values()) == {whole}
    done = run("extract", str(tmp_path / "corpus"), "--db", str(db), "--format", "jsonl")
    assert done.returncode == 0
    with Store(db) as store:
        assert len({c["source"]["path"] for c in store.claims()}) == 120


def test_articles_analyzed_in_groups_as_one_at_a_time(monkeypatch):
    """Articles tokenized together give what each gives alone, in order, and a
    file that fails among them fails alone, wherever the groups end."""
    from claimcli import pipeline
    from claimcli.read.files import plan, read

    sources = [read(s) for s in plan([str(ROOT / "fixtures" / "compare")])]
    sources.insert(2, Source("broken.txt", b"\xff\xfe\x00\xd8" * 40))
    alone = [pipeline.extract_source(s) for s in sources]
    for characters in (1, 500, 10**9):  # every article its own group, a few together, all in one
        monkeypatch.setattr(pipeline, "CHARACTERS_TOGETHER", characters)
        together = list(pipeline.extract_sources(sources))
        assert [r.error for r in together] == [r.error for r in alone] and together[2].error
        assert [r.lines() for r in together] == [r.lines() for r in alone]
