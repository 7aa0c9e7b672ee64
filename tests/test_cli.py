"""The extract command end to end: formats, stdin, the JSON contract of OUTPUT.md."""

import csv
import io
import json

from conftest import invoke

SENTENCE = "日本政府は20日、中央アジアへの投資枠として3兆円(約190億ドル)を用意すると発表した。\n"


def claims(*args: str, stdin: str | None = None):
    """`claims ARGS…`, in this process."""
    return invoke(*args, stdin=stdin)


def test_jsonl_follows_the_contract(root):
    done = claims("extract", str(root / "seeds"), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert rows
    for row in rows:
        assert row["schema"] == 1
        assert set(row) >= {"id", "source", "sentence", "topics", "money", "quantities", "dates", "actors"}
        assert set(row["source"]) >= {"path", "outlet", "published", "title", "url"}
        assert set(row["sentence"]) == {"index", "text", "words"}
        for m in row["money"]:
            assert set(m) >= {"text", "amount", "currency", "qualifier", "equivalent_of"}
            assert m["text"] in row["sentence"]["text"]
        for field in ("money", "quantities", "dates"):
            for m in row[field]:  # what compare reads: the span as written, and the frame
                start, end = m["span"]
                assert row["sentence"]["text"][start:end] == m["text"]
                assert set(m["frame"]) == {"measure", "scope", "subject", "time", "unit", "near"}


def test_ids_are_stable_across_runs(root):
    first = claims("extract", str(root / "seeds"), "--format", "jsonl").stdout
    assert first == claims("extract", str(root / "seeds"), "--format", "jsonl").stdout


def test_stdin_json_and_csv():
    as_json = json.loads(claims("extract", "-", "--format", "json", stdin=SENTENCE).stdout)
    [claim] = as_json
    assert claim["source"]["path"] == "<stdin>"
    assert [m["amount"] for m in claim["money"]] == [3 * 10**12, 19 * 10**9]
    rows = list(csv.DictReader(io.StringIO(claims("extract", "-", "--format", "csv", stdin=SENTENCE).stdout)))
    assert [(r["field"], r["text"], r["equivalent_of"]) for r in rows] == [
        ("money", "3兆円", ""),
        ("money", "約190億ドル", "3兆円"),
        ("dates", "20日", ""),
    ]


def test_pipe_gets_jsonl_by_default():
    out = claims("extract", "-", stdin=SENTENCE).stdout
    assert json.loads(out.splitlines()[0])["schema"] == 1


def test_table_shows_the_figure():
    out = claims("extract", "-", "--format", "table", stdin=SENTENCE).stdout
    assert "3兆円" in out and "約190億ドル = 3兆円" in out


def test_missing_path_is_one_line_and_exit_1(root):
    done = claims("extract", "no/such/dir", str(root / "seeds"), "--format", "jsonl")
    assert done.returncode == 1
    assert done.stderr.strip() == "claims: no/such/dir: no such file or folder"
    assert done.stdout.strip()


def test_show_dropped(root):
    done = claims("extract", str(root / "fixtures" / "chrome"), "--show-dropped", "--format", "jsonl")
    assert "dropped (after the end of the article): あわせて読みたい" in done.stderr


def test_help_lists_commands():
    assert "extract" in claims("--help").stdout


def test_csv_of_several_articles_has_one_header(root):
    out = claims("extract", str(root / "fixtures" / "compare"), "--format", "csv", "--no-store").stdout
    rows = list(csv.reader(io.StringIO(out)))
    assert sum(r[0] == "claim_id" for r in rows) == 1
    assert len({r[1] for r in rows[1:]}) == 18
