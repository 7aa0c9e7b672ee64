"""What a person types and sees (issue 15): every command's formats and output
file, its examples, and one line for every bad option or file."""

import csv
import io
import json
import os
import subprocess
import sys
from contextlib import suppress
from pathlib import Path

from conftest import ROOT, invoke

ARTICLE = "2025年11月6日\n日本政府は6日、中央アジアに3兆円を投じると発表した。\n"
SYNDICATED = "2025年11月6日\n米国は6日、ウズベキスタンと100億ドルの鉱物協定を結んだ。\n"


def test_version():
    done = invoke("--version")
    assert done.returncode == 0 and done.stdout.strip() == "claims 0.1.0"


def test_every_command_has_examples_and_lists_the_values_of_its_options():
    for command in ("extract", "actors", "compare", "report", "topics", "store", "store list", "store rm"):
        shown = invoke(*command.split(), "--help").stdout
        assert "Examples:" in shown and f"claims {command}" in shown, command
    compare = invoke("compare", "--help").stdout
    assert "<table|jsonl|json|csv|tsv>" in compare and "<agree|disagree>" in compare and "minerals" in compare
    assert "claims[dask]" in compare
    assert "--install-completion" in invoke("--help").stdout


def test_every_format_for_every_command(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert invoke("extract", str(tmp_path)).returncode == 0
    for command, first in (("extract", "claim_id"), ("actors", "path"), ("topics", "topic"), ("compare", "group"),
                           ("store list", "path")):
        args = [*command.split(), *([str(tmp_path)] if command in ("extract", "actors") else [])]
        for format, delimiter in (("csv", ","), ("tsv", "\t")):
            header = invoke(*args, "--format", format).stdout.splitlines()[0]
            assert header.split(delimiter)[0] == first, (command, format)
        assert isinstance(json.loads(invoke(*args, "--format", "json").stdout), list)


def test_compare_as_csv_is_one_row_per_claim_of_a_group(tmp_path):
    for outlet in ("a", "b"):
        (tmp_path / outlet).mkdir()
        (tmp_path / outlet / "s.txt").write_text(SYNDICATED, encoding="utf-8")
        (tmp_path / outlet / "meta.toml").write_text(f'outlet = "{outlet}新聞"\n', encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(invoke("compare", str(tmp_path), "--format", "csv").stdout)))
    money = [r for r in rows if r["field"] == "money"]
    assert [(r["outlet"], r["figure"], r["value"], r["unit"], r["status"]) for r in money] == [
        ("a新聞", "100億ドル", "10000000000", "USD", "agree"), ("b新聞", "100億ドル", "10000000000", "USD", "agree")]
    assert len({r["group"] for r in money}) == 1


def test_output_file_is_whole_or_not_at_all_and_goes_through_links(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    target = tmp_path / "out" / "claims.csv"
    target.parent.mkdir()
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    done = invoke("extract", str(tmp_path / "a.txt"), "-f", "csv", "--bom", "-o", str(link))
    assert done.returncode == 0 and done.stdout == ""
    assert link.is_symlink() and target.read_text(encoding="utf-8").startswith("\ufeffclaim_id,")
    assert os.listdir(target.parent) == ["claims.csv"]  # no temporary file left behind
    missing = invoke("extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "nowhere" / "x.jsonl"))
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1 and "no such folder" in missing.stderr
    assert invoke("extract", str(tmp_path / "a.txt"), "-f", "jsonl", "--bom").returncode == 2


def test_cells_a_spreadsheet_would_run_are_quoted():
    from claimcli.output.formats import Format
    from claimcli.output.rows import write_rows

    out = io.StringIO()
    write_rows(["a", "b", "c"], [{"a": "=HYPERLINK(1)", "b": "@x", "c": -5}], out, Format.csv)
    assert out.getvalue().splitlines()[1] == "'=HYPERLINK(1),'@x,-5"


def test_bad_options_get_one_line():
    for args, said in ((["extract", "seeds", "--jobs", "0"], "--jobs 0"),
                       (["extract", "seeds", "--jobs", "-2"], "--jobs -2"),
                       (["compare", "--topic", "nosuch"], "topics: diplomacy, energy"),
                       (["extract", "seeds", "--outlet", "X"], "only for an article on standard input"),
                       (["extract", "-", "--published", "yesterday"], "not a day")):
        done = invoke(*args)
        assert done.returncode == 2 and said in done.stderr and done.stderr.count("\n") == 1, args


def test_alias_files_are_checked_when_given(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("# mine\nacme\tアクメ\torg\n\tnameless\torg\n", encoding="utf-8")
    for given, said in ((tmp_path / "none.tsv", "no such file"), (tmp_path, "is a folder"), (bad, "bad.tsv:3:")):
        done = invoke("extract", "seeds", "--no-store", "--aliases", str(given))
        assert done.returncode == 1 and said in done.stderr and done.stderr.count("\n") == 1, said


def test_data_folder_problems_name_the_file_and_line(tmp_path):
    (tmp_path / "numbers.tsv").write_text("# word\tkind\tvalue\n十\tscale\tmany\n", encoding="utf-8")
    for folder, said in ((tmp_path / "missing", "no such folder"), (tmp_path, "numbers.tsv:2: cell 3")):
        done = subprocess.run([sys.executable, "-m", "claimcli", "extract", "-", "--no-store"], input=ARTICLE,
                              capture_output=True, text=True, env={**os.environ, "CLAIMS_DATA_DIR": str(folder)})
        assert done.returncode == 1 and said in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_a_bad_meta_toml_names_its_file_and_key_and_the_rest_goes_on(tmp_path):
    for name, meta in (("date", '["a.txt"]\npublished = "yesterday"\n'), ("key", '["a.txt"]\nauthor = "me"\n'),
                       ("type", '["a.txt"]\nurl = 5\n'), ("outlet", "outlet = 123\n")):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
        (folder / "meta.toml").write_text(meta, encoding="utf-8")
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    done = invoke("extract", str(tmp_path), "--no-store", "-f", "jsonl")
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 4 and all("meta.toml" in line for line in lines)
    assert "published = 'yesterday' is not a date" in done.stderr and "unknown key a.txt.author" in done.stderr
    assert "url = 5 is not a text" in done.stderr and "outlet = 123" in done.stderr
    assert {json.loads(line)["source"]["path"] for line in done.stdout.splitlines()} == {str(tmp_path / "good.txt")}


def test_an_unreachable_scheduler_is_one_line(monkeypatch):
    import claimcli.parallel

    monkeypatch.setattr(claimcli.parallel, "DASK_CONNECT_SECONDS", 1)
    done = invoke("extract", "-", "--no-store", "--scheduler", "tcp://127.0.0.1:1", stdin=ARTICLE)
    assert done.returncode == 1 and done.stderr.startswith("claims: --scheduler tcp://127.0.0.1:1: cannot reach")


def test_a_reader_that_leaves_ends_the_run_quietly():
    done = subprocess.run(f"{sys.executable} -m claimcli extract seeds fixtures --no-store -f jsonl | head -c 10",
                          shell=True, capture_output=True, text=True, cwd=ROOT, executable="/bin/bash")
    assert done.stderr == "" and len(done.stdout) == 10
    piped = subprocess.run(["bash", "-c", f"set -o pipefail; {sys.executable} -m claimcli extract seeds fixtures "
                            "--no-store -f jsonl | head -c 10 > /dev/null; echo ${PIPESTATUS[0]}"],
                           capture_output=True, text=True, cwd=ROOT)
    assert piped.stdout.strip() == "0" and piped.stderr == ""


def test_a_worker_pool_closed_early_says_nothing_at_exit_when_the_reader_left():
    """Python 3.11's process pool may wake its closed manager pipe at exit (EBADF),
    which Python prints: made here as the pool does, from threading's exit hooks."""
    script = ("import errno, threading\n"
              "from claimcli.cli import _quiet_stdout\n"
              "def wake(): raise OSError(errno.EBADF, 'Bad file descriptor')\n"
              "threading._register_atexit(wake)\n"
              "_quiet_stdout()\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and done.stderr == ""


def test_metadata_of_an_article_on_standard_input():
    done = invoke("extract", "-", "--no-store", "-f", "json", "--outlet", "共同通信", "--published", "2025-11-07",
                  "--url", "https://example.jp/a", "--title", "見出し", stdin="日本は6日、3兆円を投じると発表した。\n")
    [claim] = json.loads(done.stdout)
    assert claim["source"] == {"path": "<stdin>", "outlet": "共同通信", "published": "2025-11-07",
                               "title": "見出し", "url": "https://example.jp/a"}
    assert [d["value"] for d in claim["dates"]] == ["2025-11-06"]


def test_an_empty_store_is_explained():
    done = invoke("compare")
    assert done.returncode == 1 and "holds no articles yet: run claims extract PATH first" in done.stderr


def test_the_store_says_what_it_holds_and_forgets_what_it_is_told(tmp_path):
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(ARTICLE.replace("3兆円", f"{len(name) + 2}兆円") + name,
                                              encoding="utf-8")
    invoke("extract", str(tmp_path), "-f", "jsonl")
    summary = json.loads(invoke("store", "-f", "jsonl").stdout)
    assert (summary["articles"], summary["claims"], summary["path"]) == (2, 2, os.environ["CLAIMS_DB"])
    listed = [json.loads(line) for line in invoke("store", "list", "-f", "jsonl").stdout.splitlines()]
    assert [r["key"] for r in listed] == [str((tmp_path / n).resolve()) for n in ("a.txt", "b.txt")]
    done = invoke("store", "rm", str(tmp_path / "a.txt"), str(tmp_path / "never.txt"))
    assert done.returncode == 1 and "never.txt: not in the store" in done.stderr and "forgot 1" in done.stderr
    (tmp_path / "b.txt").unlink()
    (tmp_path / "c.txt").write_text(ARTICLE, encoding="utf-8")
    assert "forgot 1 article" in invoke("extract", str(tmp_path), "--prune", "-f", "jsonl").stderr
    assert [r["path"] for r in (json.loads(x) for x in invoke("store", "list", "-f", "jsonl").stdout.splitlines())] \
        == [str(tmp_path / "a.txt"), str(tmp_path / "c.txt")]  # a.txt is on disk: extracted again
    assert "the store went from" in invoke("store", "vacuum").stderr


def test_a_syndicated_story_is_two_sources_with_their_outlets(tmp_path):
    for outlet in ("a", "b"):
        (tmp_path / outlet).mkdir()
        (tmp_path / outlet / "s.txt").write_text(SYNDICATED, encoding="utf-8")
        (tmp_path / outlet / "meta.toml").write_text(f'outlet = "{outlet}新聞"\n', encoding="utf-8")
    invoke("extract", str(tmp_path), "-f", "jsonl")
    assert json.loads(invoke("store", "-f", "jsonl").stdout)["articles"] == 2
    [group, *_] = [json.loads(line) for line in invoke("compare", "-f", "jsonl").stdout.splitlines()]
    assert sorted(c["source"]["outlet"] for c in group["claims"]) == ["a新聞", "b新聞"]
    assert len({c["id"] for c in group["claims"]}) == 2


def test_json_keys_are_always_there_and_ids_unique(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    given = [str(tmp_path), str(tmp_path / "a.txt")]  # a.txt twice: read once
    claims = [json.loads(line) for line in invoke("extract", *given, "--no-store", "-f", "jsonl").stdout.splitlines()]
    assert len(claims) == 2 and len({c["id"] for c in claims}) == 2
    for claim in claims:
        text = claim["sentence"]["text"]
        for d in claim["dates"]:
            assert set(d) >= {"qualifier", "calendar", "time"}
        for a in claim["actors"]:
            assert "role" in a and text[a["span"][0]:a["span"][1]] == a["text"]


def _busy_corpus(folder, files: int) -> None:
    """Articles of distinct sentences (repeated lines would be dropped as chrome): some seconds of work."""
    for k in range(files):
        lines = "".join(f"日本政府は6日、中央アジアに{k * 100 + n}億円を投じると発表した。\n" for n in range(60))
        (folder / f"{k:03d}.txt").write_text(lines, encoding="utf-8")


def _stopped_run(folder, signal_number: int, whole_group: bool) -> tuple[int, str]:
    import signal
    import time

    run = subprocess.Popen([sys.executable, "-m", "claimcli", "extract", str(folder), "--jobs", "2", "--no-store",
                            "-f", "jsonl"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                           start_new_session=True)
    time.sleep(2)
    if whole_group:  # as a terminal's Ctrl-C does
        os.killpg(run.pid, signal_number)
    else:  # as `kill PID` does
        os.kill(run.pid, signal_number)
    _, stderr = run.communicate(timeout=60)
    with suppress(ProcessLookupError):
        os.killpg(run.pid, signal.SIGKILL)
    return run.returncode, stderr


def test_ctrl_c_and_sigterm_stop_a_parallel_run_without_a_word_from_the_workers(tmp_path):
    import signal

    _busy_corpus(tmp_path, 300)
    for signal_number, whole_group, code in ((signal.SIGINT, True, 130), (signal.SIGTERM, False, 143)):
        returncode, stderr = _stopped_run(tmp_path, signal_number, whole_group)
        assert returncode == code and "Traceback" not in stderr and "Error" not in stderr, stderr


def test_on_a_terminal_extract_says_it_waits_for_standard_input():
    import pty

    main, other = pty.openpty()
    run = subprocess.Popen([sys.executable, "-m", "claimcli", "extract", "-", "--no-store", "-f", "jsonl"],
                           stdin=other, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    os.write(main, "日本は6日、3兆円を投じると発表した。\n".encode() + b"\x04")
    out, err = run.communicate(timeout=60)
    os.close(main)
    os.close(other)
    assert "waiting" in err or "reading an article from standard input" in err
    assert json.loads(out.splitlines()[0])["money"][0]["amount"] == 3 * 10**12


def test_scheduler_without_dask_is_one_line(monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # as if claims[dask] were not installed
    done = invoke("extract", "-", "--no-store", "--scheduler", "tcp://127.0.0.1:8786", stdin=ARTICLE)
    assert done.returncode == 1 and "--scheduler needs Dask: pip install 'claims[dask]'" in done.stderr


def test_report_into_a_missing_folder_is_one_line(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    done = invoke("report", str(tmp_path), "-o", str(tmp_path / "no" / "r.html"))
    assert done.returncode == 1 and done.stderr.strip().endswith(f"no such folder {tmp_path / 'no'}")


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat_file.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def test_a_worker_killed_mid_run_does_not_hang_it(tmp_path):
    import signal
    import time

    _busy_corpus(tmp_path, 120)
    run = subprocess.Popen([sys.executable, "-m", "claimcli", "extract", str(tmp_path), "--jobs", "2", "--no-store",
                            "-f", "jsonl"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while not workers and time.monotonic() < deadline:  # killed as soon as it is there, its batches still to do
        time.sleep(0.05)
        workers = [p for p in _descendants(run.pid) if p not in _children(run.pid)]  # the forkserver's children
    assert workers, "no worker processes found"
    os.kill(workers[0], signal.SIGKILL)  # as the OOM killer does
    out, err = run.communicate(timeout=120)
    assert "a worker process died" in err and "Traceback" not in err, err
    # run again alone, every article comes out whole (an article that kills its worker again is named)
    assert run.returncode == 0 and len({json.loads(line)["source"]["path"] for line in out.splitlines()}) == 120


def _children(pid: int) -> list[int]:
    return [p for p in _descendants(pid) if int(Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()[1])
            == pid]


def _squares_dying_on_three(numbers: list[int]) -> list[int]:
    if 3 in numbers:
        os.kill(os.getpid(), 9)  # as the OOM killer would, every time this input is tried
    return [n * n for n in numbers]


def test_the_input_a_worker_dies_on_is_named_and_the_others_go_on():
    from claimcli.parallel import run_in_parallel

    for batch in (1, 3):  # the others of its batch, tried again alone, come out too
        results = list(run_in_parallel(_squares_dying_on_three, range(8), jobs=2, on_death=lambda n: f"died on {n}",
                                       batch=batch))
        assert results == [0, 1, 4, "died on 3", 16, 25, 36, 49]


def test_an_output_file_suffix_names_its_format(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    for suffix, first in ((".csv", "claim_id,"), (".tsv", "claim_id\t"), (".json", "["), (".jsonl", '{"schema"'),
                          (".out", '{"schema"')):
        out = tmp_path / f"claims{suffix}"
        assert invoke("extract", str(tmp_path / "a.txt"), "--no-store", "-o", str(out)).returncode == 0
        assert out.read_text(encoding="utf-8").startswith(first), suffix
    explicit = tmp_path / "x.csv"
    invoke("extract", str(tmp_path / "a.txt"), "--no-store", "-f", "jsonl", "-o", str(explicit))
    assert explicit.read_text(encoding="utf-8").startswith('{"schema"')  # --format wins


def test_two_copies_of_one_file_in_two_folders_get_ids_of_their_own(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text(ARTICLE, encoding="utf-8")  # one name, one text, no outlet
    claims = [json.loads(line) for line in invoke("extract", str(tmp_path), "--no-store", "-f", "jsonl").stdout
              .splitlines()]
    assert len(claims) == 2 and len({c["id"] for c in claims}) == 2
    again = [json.loads(line) for line in invoke("extract", str(tmp_path), "--no-store", "-f", "jsonl").stdout
             .splitlines()]
    assert [c["id"] for c in again] == [c["id"] for c in claims]  # stable across runs
