"""Faults and hostile input (issue 16): no traceback, no hang, no silent loss.
Each case first, then its fix; each is one line naming the file (and line)
and the other inputs go on."""

import io
import json
import os
import subprocess
import sys
import time

import pytest
from conftest import ROOT, invoke

ARTICLE = "日本政府は6日、中央アジアに3兆円を投じると発表した。\n"
CLAIM = {"schema": 1, "id": "x", "source": {"path": "a", "outlet": "A"},
         "sentence": {"index": 0, "text": "日本は3兆円を出す。"},
         "money": [{"text": "3兆円", "amount": 3 * 10**12, "currency": "JPY", "qualifier": "exact"}]}


def test_html_sniffing_does_not_backtrack():
    from claimcli.read.html import is_html

    for n in (100, 10_000):
        start = time.perf_counter()
        assert not is_html("a.txt", b"<!---->" * n)
        assert time.perf_counter() - start < 0.1
    assert is_html("a.txt", b"\xef\xbb\xbf<?xml version='1.0' encoding='utf-8'?>\n<!-- c --><html><body>")


def test_special_files_are_named_and_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    done = invoke("extract", str(tmp_path), str(tmp_path / "pipe.txt"), "/dev/zero", "--no-store", "-f", "jsonl")
    assert done.returncode == 1
    assert done.stderr.count("not a regular file (a FIFO): not read") == 1  # given twice, named once
    assert "/dev/zero: not a regular file (a device): not read" in done.stderr
    assert len(done.stdout.splitlines()) == 1


def test_files_past_the_size_limit_are_refused(tmp_path):
    (tmp_path / "big.txt").write_text(ARTICLE * 10, encoding="utf-8")
    (tmp_path / "small.txt").write_text(ARTICLE, encoding="utf-8")
    done = invoke("extract", str(tmp_path), "--max-bytes", "200", "--no-store", "-f", "jsonl")
    assert done.returncode == 1 and "big.txt: larger than 200 bytes (--max-bytes): not read" in done.stderr
    assert [json.loads(line)["source"]["path"] for line in done.stdout.splitlines()] == [str(tmp_path / "small.txt")]
    piped = invoke("extract", "-", "--max-bytes", "200", "--no-store", stdin=ARTICLE * 10)
    assert piped.returncode == 1 and "<stdin>: larger than 200 bytes" in piped.stderr


def test_a_folder_walk_names_what_it_cannot_read(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    real_scandir = os.scandir

    def scandir(path):  # as for a folder of mode 000 (root reads those anyway)
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    done = invoke("extract", str(tmp_path), str(tmp_path / "loop.txt"), "--no-store", "-f", "jsonl")
    assert done.returncode == 1
    assert f"{tmp_path / 'locked'}: cannot read the folder: Permission denied" in done.stderr
    assert "loop.txt: a symbolic link loop" in done.stderr and len(done.stdout.splitlines()) == 1


def test_a_folder_a_thousand_deep(tmp_path):
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        for _ in range(1000):
            os.mkdir("d")
            os.chdir("d")
        with open("a.txt", "w", encoding="utf-8") as f:
            f.write(ARTICLE)
    finally:
        os.chdir(here)
    try:
        done = invoke("extract", str(tmp_path), "--no-store", "-f", "jsonl")
    finally:  # pytest's clean-up would recurse 1,000 deep: undo it from the bottom
        os.chdir(tmp_path)
        for _ in range(1000):
            os.chdir("d")
        os.remove("a.txt")
        for _ in range(1000):
            os.chdir("..")
            os.rmdir("d")
        os.chdir(here)
    assert done.returncode == 0 and len(done.stdout.splitlines()) == 1


def test_a_file_name_that_is_not_utf8(tmp_path):
    os.close(os.open(os.path.join(os.fsencode(tmp_path), b"\xff\xfe.txt"), os.O_CREAT | os.O_WRONLY))
    with open(os.path.join(os.fsencode(tmp_path), b"\xff\xfe.txt"), "w", encoding="utf-8") as f:
        f.write(ARTICLE)
    done = subprocess.run([sys.executable, "-m", "claimcli", "extract", str(tmp_path), "--no-store", "-f", "jsonl"],
                          capture_output=True, text=True)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    [claim] = [json.loads(line) for line in done.stdout.splitlines()]
    assert claim["source"]["path"].endswith("\ufffd\ufffd.txt")


def test_a_tiny_shift_jis_file_is_read_as_japanese(tmp_path):
    (tmp_path / "sj.txt").write_bytes("10億円".encode("shift_jis"))
    (tmp_path / "euc.txt").write_bytes("日本は3兆円を出す。".encode("euc_jp"))
    done = invoke("extract", str(tmp_path), "--no-store", "-f", "jsonl", "--verbose")
    amounts = sorted(m["amount"] for line in done.stdout.splitlines() for m in json.loads(line)["money"])
    assert amounts == [10**9, 3 * 10**12]
    assert "sj.txt: read as cp932" in done.stderr and "euc.txt: read as euc_jp" in done.stderr


def test_two_bad_bytes_in_a_short_utf8_file_are_repaired(tmp_path):
    (tmp_path / "a.txt").write_bytes("日本政府は中央アジアに".encode() + b"\xff\xfe" + "3兆円を投じる。".encode())
    done = invoke("extract", str(tmp_path / "a.txt"), "--no-store", "-f", "jsonl", "-v")
    assert done.returncode == 0 and "utf-8 (repaired)" in done.stderr
    assert json.loads(done.stdout)["money"][0]["amount"] == 3 * 10**12


def test_a_file_of_only_a_bom_is_named(tmp_path):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf")
    done = invoke("extract", str(tmp_path / "bom.txt"), "--no-store")
    assert done.returncode == 1 and "bom.txt: empty file" in done.stderr


def test_json_lines_escape_line_separators():
    claim = {**CLAIM, "sentence": {"index": 0, "text": "日本は3兆円\u2028を出す\x85。"}}
    done = invoke("compare", "-", "-f", "jsonl", stdin=json.dumps(claim, ensure_ascii=False) + "\n")
    assert done.returncode == 0
    from claimcli.output.jsonl import dumps

    line = dumps(claim)
    assert "\u2028" not in line and "\x85" not in line and json.loads(line) == claim
    assert len(line.splitlines()) == 1


BAD_LINES = {
    "deep": '{"schema": 1, "a": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "huge": json.dumps({**CLAIM, "money": [{**CLAIM["money"][0], "amount": 10**400}]}),
    "source": json.dumps({**CLAIM, "source": "a"}),
    "lots": json.dumps({**CLAIM, "money": [{**CLAIM["money"][0], "amount": "lots"}]}),
    "mention": json.dumps({**CLAIM, "money": ["3兆円"]}),
    "actors": json.dumps({**CLAIM, "actors": [1]}),
    "span": json.dumps({**CLAIM, "money": [{**CLAIM["money"][0], "span": "y"}]}),
}


@pytest.mark.parametrize("command", ["compare", "actors", "topics"])
def test_claims_of_the_wrong_shape_are_one_line_each_and_the_rest_goes_on(command):
    good = [json.dumps({**CLAIM, "id": k, "source": {"path": k, "outlet": k}}) for k in ("g1", "g2")]
    nulls = json.dumps({**CLAIM, "id": "n", "source": {"path": "n", "outlet": "N"}, "dates": None, "actors": None})
    stdin = "\n".join([good[0], *BAD_LINES.values(), nulls, good[1]]) + "\n"
    done = invoke(command, "-", "-f", "jsonl", stdin=stdin)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert [line.split(":")[2].strip() for line in lines] == [f"line {k}" for k in range(2, 2 + len(BAD_LINES))]
    if command == "compare":
        [group] = [json.loads(line) for line in done.stdout.splitlines()]
        assert sorted(c["source"]["path"] for c in group["claims"]) == ["g1", "g2", "n"]


def test_a_corrupted_store_row_is_named_and_the_rest_goes_on(tmp_path):
    import sqlite3

    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
    assert invoke("extract", str(tmp_path), "-f", "jsonl").returncode == 0
    with sqlite3.connect(os.environ["CLAIMS_DB"]) as db:
        db.execute("UPDATE claims SET body = '{not json' WHERE article LIKE '%a.txt'")
    done = invoke("compare", "-f", "jsonl")
    assert done.returncode == 1 and "claim 0 of" in done.stderr and "a.txt: not JSON" in done.stderr


def test_output_that_cannot_be_written():
    for redirect, said in (("> /dev/full", "No space left on device"), (">&-", "standard output is closed")):
        done = subprocess.run(f"{sys.executable} -m claimcli extract seeds --no-store -f jsonl {redirect}",
                              shell=True, capture_output=True, text=True, cwd=ROOT)
        assert done.returncode == 1 and done.stderr.strip() == f"claims: cannot write the output: {said}" \
            + (" (give -o FILE)" if ">&-" in redirect else ""), done.stderr


def test_a_closed_or_full_stderr_keeps_errors_out_of_the_output(tmp_path):
    for redirect in ("2>&-", "2>/dev/full"):
        done = subprocess.run(f"{sys.executable} -m claimcli extract seeds /no/such --no-store -f jsonl {redirect}",
                              shell=True, capture_output=True, text=True, cwd=ROOT)
        assert done.returncode == 1
        assert all(json.loads(line)["schema"] == 1 for line in done.stdout.splitlines()), redirect


def test_reading_commands_do_not_wait_behind_a_writer(tmp_path):
    import sqlite3

    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE.replace("3兆円", "4兆円"), encoding="utf-8")
    invoke("extract", str(tmp_path), "-f", "jsonl")
    writer = sqlite3.connect(os.environ["CLAIMS_DB"], isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another run, writing
    try:
        start = time.perf_counter()
        for command in (["compare", "-f", "jsonl"], ["store", "-f", "jsonl"], ["actors", "-f", "jsonl"]):
            assert invoke(*command).returncode == 0, command
        assert time.perf_counter() - start < 10  # the busy timeout is 30 s
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_store_not_made_yet_is_not_made_by_reading(tmp_path):
    db = tmp_path / "never.db"
    assert invoke("store", "--db", str(db), "-f", "jsonl").returncode == 0
    assert "holds no articles yet" in invoke("compare", "--db", str(db)).stderr
    assert not db.exists()


def test_articles_on_standard_input_and_same_named_files_are_articles_of_their_own(tmp_path):
    for text in (ARTICLE, ARTICLE.replace("3兆円", "5兆円")):
        assert invoke("extract", "-", "-f", "jsonl", stdin=text).returncode == 0
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(ARTICLE.replace("日本", folder), encoding="utf-8")
    here = os.getcwd()
    try:
        for folder in ("x", "y"):
            os.chdir(tmp_path / folder)
            assert invoke("extract", "a.txt", "-f", "jsonl").returncode == 0  # the same relative path
    finally:
        os.chdir(here)
    keys = [r["key"] for r in map(json.loads, invoke("store", "list", "-f", "jsonl").stdout.splitlines())]
    assert len(keys) == 4 and sum(k.startswith("<stdin>:") for k in keys) == 2
    assert {str(tmp_path / f / "a.txt") for f in ("x", "y")} <= set(keys)


def test_report_through_a_link_writes_its_target(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    target = tmp_path / "real.html"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.html"
    link.symlink_to(target)
    assert invoke("report", str(tmp_path / "a.txt"), "-o", str(link)).returncode == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_concurrent_reports_to_one_file_do_not_share_a_temporary_file(tmp_path):
    from claimcli.output.sink import atomic_text

    target = tmp_path / "r.html"
    with atomic_text(str(target)) as first, atomic_text(str(target)) as second:
        first.write("first")
        second.write("second")
        assert first.name != second.name
    assert target.read_text(encoding="utf-8") in ("first", "second")
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]


def test_cuts_of_an_endless_line_never_split_a_figure():
    from claimcli.text.sentences import Span, split_sentences

    for at in range(1950, 2010):
        text = "あ" * at + "250億ドルの(約3兆7500億円)投資" + "い" * 3000 + "。"
        pieces = [text[p.start:p.end] for p in split_sentences(text, [Span(0, len(text))])]
        assert any("250億ドル" in p for p in pieces) and any("(約3兆7500億円)" in p for p in pieces), at


def test_json_ld_of_the_wrong_types_and_an_xhtml_prolog(tmp_path):
    body = f"<article><p>{ARTICLE.strip()}長い段落が続きます。長い段落が続きます。</p></article>"
    ld = json.dumps({"@type": "NewsArticle", "headline": {"a": 1}, "datePublished": ["2025"], "publisher": 5})
    script = '<script type="application/ld+json">'
    pages = {"ld.html": f"<html><head>{script}{ld}</script></head><body>{body}</body></html>",
             "deep.html": '<html><head><script type="application/ld+json">' + "[" * 50_000 + "]" * 50_000
             + f"</script></head><body>{body}</body></html>",
             "x.xhtml": '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
             f"<head><title>t</title></head><body>{body}</body></html>"}
    for name, page in pages.items():
        (tmp_path / name).write_text(page, encoding="utf-8")
    done = invoke("extract", str(tmp_path), "--no-store", "-f", "jsonl")
    assert done.returncode == 0, done.stderr
    assert len({json.loads(line)["source"]["path"] for line in done.stdout.splitlines()}) == 3


def test_report_to_dev_stdout_writes_the_pipe_and_leaves_the_device(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "claimcli", "report", str(tmp_path / "a.txt"), "-o", "/dev/stdout",
                           "--db", str(tmp_path / "db")], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("<!DOCTYPE html>")
    assert os.path.islink("/dev/stdout") or not os.path.isfile("/dev/stdout")


def test_urls_with_hosts_urlparse_refuses(tmp_path):
    for k, url in enumerate(["https://exa\uff03\uff1f\uff0f\uff1a\uff20mple.com/a", "https://[::1/a",
                             "https://ex.com:99999/a"]):
        (tmp_path / f"{k}.txt").write_text(f"{url}\n{ARTICLE}", encoding="utf-8")
    done = invoke("extract", str(tmp_path), "--no-store", "-f", "jsonl")
    assert done.returncode == 0 and len(done.stdout.splitlines()) == 3, done.stderr


def test_claims_from_an_endless_line_are_refused_not_read_into_memory():
    from claimcli.pipeline import ClaimsInputError, bounded_lines

    stream = io.StringIO("x" * 5000)  # as /dev/zero: no line break ever
    with pytest.raises(ClaimsInputError, match="line 1: longer than 1,000 characters"):
        list(bounded_lines(stream, limit=1000))
    assert list(bounded_lines(io.StringIO("a\nb\n"), limit=1000)) == ["a\n", "b\n"]
    done = subprocess.run(f"{sys.executable} -m claimcli compare - < /dev/zero", shell=True, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 1 and "longer than" in done.stderr


def test_a_data_table_that_is_a_fifo_is_named_not_read(tmp_path):
    os.mkfifo(tmp_path / "numbers.tsv")
    env = {**os.environ, "CLAIMS_DATA_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "claimcli", "extract", "-", "--no-store"], input=ARTICLE,
                          capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 1 and "numbers.tsv: not a regular file" in done.stderr
