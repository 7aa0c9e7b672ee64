"""claims compare on fixtures/compare: every planted outcome, and nothing else flagged."""

import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT

from claimcli.compare.groups import compare
from claimcli.compare.intervals import dates_agree, number_interval, precision


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimcli", *args], capture_output=True, text=True, input=stdin,
                          env={**os.environ, "COLUMNS": "200"})


@pytest.fixture(scope="module")
def groups(tmp_path_factory):
    db = tmp_path_factory.mktemp("store") / "claims.db"
    done = subprocess.run([sys.executable, "-m", "claimcli", "compare", str(ROOT / "fixtures" / "compare"),
                           "--format", "jsonl", "--db", str(db)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def members(group: dict) -> set[tuple[str, str]]:
    return {(c["source"]["path"].rsplit("/", 1)[1], c["figure"]["text"]) for c in group["claims"]}


def find(groups: list[dict], *wanted: tuple[str, str]) -> dict:
    found = [g for g in groups if set(wanted) <= members(g)]
    assert len(found) == 1, f"{wanted} in {len(found)} groups"
    return found[0]


def kinds(group: dict) -> set[str]:
    return {d["kind"] for d in group["differences"]}


def test_same_amount_different_exchange_rate(groups):
    g = find(groups, ("a_keizai.txt", "80億ドル"), ("b_toto.txt", "80億ドル"))
    assert g["status"] == "agree"
    assert "conversion" in kinds(g)
    assert any("約1兆2000億円" in d["detail"] and "約1兆2400億円" in d["detail"] for d in g["differences"])


def test_disagreement_on_the_amount(groups):
    g = find(groups, ("c_hokkai.txt", "250億ドル"), ("d_nanyo.txt", "240億ドル"))
    assert g["status"] == "disagree"
    assert kinds(g) == {"amount"}


def test_disagreement_on_the_date(groups):
    g = find(groups, ("e_tairiku.txt", "11月6日"), ("f_seiho.txt", "11月7日"))
    assert g["status"] == "disagree"
    assert kinds(g) == {"date"}


def test_disagreement_on_the_qualifier(groups):
    g = find(groups, ("g_wangan.txt", "最大500億ドル"), ("h_kogen.txt", "500億ドル超"))
    assert g["status"] == "disagree"
    assert kinds(g) == {"qualifier"}


def test_a_period_one_outlet_leaves_out(groups):
    g = find(groups, ("a_keizai.txt", "45億ドル"), ("c_hokkai.txt", "45億ドル"))
    assert g["status"] == "agree"
    assert "period" in kinds(g)


def test_agreements(groups):
    for pair in [(("b_toto.txt", "約15万トン"), ("d_nanyo.txt", "15万トン")),
                 (("k_kyokai.txt", "120億ユーロ"), ("l_rengo.txt", "約120億ユーロ")),
                 (("k_kyokai.txt", "4月3日"), ("l_rengo.txt", "4月3日"))]:
        assert find(groups, *pair)["status"] == "agree"


@pytest.mark.parametrize("apart", [
    (("e_tairiku.txt", "90億ドル"), ("g_wangan.txt", "95億ドル")),  # another year
    (("f_seiho.txt", "30億ドル"), ("h_kogen.txt", "30億ドル")),  # another period
    (("i_sanmyaku.txt", "12億ドル"), ("j_sabaku.txt", "12億ドル")),  # another country and project
    (("a_keizai.txt", "80億ドル"), ("a_keizai.txt", "45億ドル")),  # another fact of the same article
])
def test_near_misses_stay_apart(groups, apart):
    assert not [g for g in groups if set(apart) <= members(g)]


def test_nothing_else_is_flagged(groups):
    flagged = sorted(sorted(members(g)) for g in groups if g["status"] == "disagree")
    assert flagged == sorted(sorted(m) for m in [
        {("c_hokkai.txt", "250億ドル"), ("d_nanyo.txt", "240億ドル")},
        {("e_tairiku.txt", "11月6日"), ("f_seiho.txt", "11月7日")},
        {("g_wangan.txt", "最大500億ドル"), ("h_kogen.txt", "500億ドル超")},
    ])


def test_groups_follow_the_contract(groups):
    for g in groups:
        assert g["schema"] == 1 and g["status"] in ("agree", "disagree") and g["key"]
        assert len({c["source"]["path"] for c in g["claims"]}) >= 2
        for c in g["claims"]:
            assert c["figure"]["field"] in ("money", "quantities", "dates")
            assert any(m["text"] == c["figure"]["text"] for m in c[c["figure"]["field"]])
        for d in g["differences"]:
            assert d["kind"] in ("amount", "date", "period", "qualifier", "conversion", "actor")


def test_extract_piped_into_compare(root):
    extracted = run("extract", str(root / "fixtures" / "compare"), "--format", "jsonl").stdout
    done = run("compare", "-", "--only", "disagree", "--format", "jsonl", stdin=extracted)
    assert done.returncode == 0
    assert len(done.stdout.splitlines()) == 3


def test_compare_reads_the_store_and_fails_on_disagreement(root):
    run("extract", str(root / "fixtures" / "compare"), "--format", "jsonl")
    assert len(run("compare", "--format", "jsonl").stdout.splitlines()) >= 8
    assert run("compare", "--fail-on-disagree", "--format", "jsonl").returncode == 1
    assert run("compare", "--topic", "minerals", "--fail-on-disagree", "--format", "jsonl").returncode == 0


def test_compare_table(root):
    out = run("compare", str(root / "fixtures" / "compare"), "--only", "disagree", "--format", "table").stdout
    assert out.count("DISAGREE") == 3
    assert "250億ドル vs 240億ドル" in out


@pytest.mark.parametrize(("stdin", "message"), [
    ("", "no claims"),
    ("not json\n", "line 1: not JSON"),
    ('{"schema": 1, "source": {}, "sentence": {}}\n{"schema": 2, "source": {}, "sentence": {}}\n',
     "line 2: schema 2"),
    ('[1, 2]\n', "line 1: not a claim"),
])
def test_bad_claims_on_stdin(stdin, message):
    done = run("compare", "-", stdin=stdin)
    assert done.returncode == 1
    assert message in done.stderr and "Traceback" not in done.stderr


def test_topics_command(root):
    rows = [json.loads(line) for line in run("topics", str(root / "fixtures" / "compare"), "--format",
                                              "jsonl").stdout.splitlines()]
    by_topic = {r["topic"]: r for r in rows}
    assert by_topic["minerals"]["outlets"] == {"東都タイムズ": 1, "南洋通信": 1, "境界ニュース": 1, "連合新聞": 1}


@pytest.mark.parametrize(("text", "place"), [("350億ドル", 1e8), ("1千億ドル", 1e11), ("17.5億ドル", 1e7),
                                             ("9割", 10), ("三千億円", 1e11), ("935,400トン", 1), ("$17 billion", 1e9)])
def test_precision_of_the_last_written_digit(text, place):
    assert precision(text) == pytest.approx(place)


@pytest.mark.parametrize(("a", "b", "agree"), [
    ((8e9, "over", "80億ドル超"), (8.2e9, "exact", "82億ドル"), True),
    ((1e11, "over", "1千億ドル超"), (1e11, "approx", "約1000億ドル"), True),
    ((1e11, "up_to", "最大1000億ドル"), (1e11, "over", "1000億ドル超"), False),
    ((5e10, "over", "500億ドル超"), (5e10, "up_to", "最大500億ドル"), False),
    ((2.5e10, "exact", "250億ドル"), (2.4e10, "exact", "240億ドル"), False),
    ((3.5e10, "exact", "350億ドル"), (3.504e10, "exact", "350億4000万ドル"), True),
])
def test_intervals(a, b, agree):
    assert number_interval(*a).overlaps(number_interval(*b)) is agree


@pytest.mark.parametrize(("a", "b", "agree"), [
    ("2025-12-16", "---16", True), ("2025-06-17", "---17", True), ("2025-11-06", "2025-11-07", False),
    ("2025-11", "2025-11-06", True), ("---19/---20", "2025-12-20", True), ("2026-07/2026-09", "2026-08", True),
    ("2024", "2025", False),
])
def test_dates_compare_at_the_finest_granularity_both_give(a, b, agree):
    assert dates_agree(a, b) is agree


def test_compare_is_empty_for_one_article():
    claim = {"schema": 1, "id": "x", "source": {"path": "a"}, "sentence": {"index": 0, "text": "総額は3兆円だ。"},
             "topics": [], "money": [{"text": "3兆円", "amount": 3e12, "currency": "JPY", "qualifier": "exact",
                                      "equivalent_of": None}], "quantities": [], "dates": [], "actors": []}
    assert compare([claim, {**claim, "id": "y"}]) == []
