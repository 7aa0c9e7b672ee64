"""claims compare on fixtures/compare: every planted outcome, and nothing else flagged."""

import json
import subprocess
import sys

import numpy as np
import pytest
from conftest import ROOT, invoke

from claimcli.compare.groups import compare
from claimcli.compare.intervals import dates_agree, number_interval, precision


def run(*args: str, stdin: str | None = None):
    """`claims ARGS…`, in this process."""
    return invoke(*args, stdin=stdin)


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
    """Each planted disagreement is flagged, with its planted figures and nothing else."""
    flagged = [g for g in groups if g["status"] == "disagree"]
    planted = [
        {("c_hokkai.txt", "250億ドル"), ("d_nanyo.txt", "240億ドル")},
        {("e_tairiku.txt", "11月6日"), ("f_seiho.txt", "11月7日")},
        {("g_wangan.txt", "最大500億ドル"), ("h_kogen.txt", "500億ドル超")},
        CONTRACT | {("o_sora.txt", "30ドル")},
        IMPORTS | {("o_sora.txt", "12億ドル")},
    ]
    assert len(flagged) == len(planted)
    for wanted in planted:
        [g] = [g for g in flagged if wanted <= members(g)]
        assert {text for _, text in members(g)} == {text for _, text in wanted}


# ---- the dense story: six outlets, one country pair's trade (m_minato … r_yama) ----
TOTAL_2024 = {(f, "32億ドル") for f in ("m_minato.txt", "n_kawabe.txt", "o_sora.txt", "p_mori.txt", "q_umi.txt",
                                        "r_yama.txt")}
TOTAL_2023 = {("m_minato.txt", "28億ドル"), ("n_kawabe.txt", "28億ドル"), ("q_umi.txt", "28億ドル")}
EXPORTS = {(f, "21億ドル") for f in ("m_minato.txt", "n_kawabe.txt", "p_mori.txt", "r_yama.txt")}
IMPORTS = {("m_minato.txt", "11億ドル"), ("q_umi.txt", "11億ドル")}
GROWTH_YEAR = {(f, "14%") for f in ("m_minato.txt", "n_kawabe.txt", "p_mori.txt", "r_yama.txt")}
GROWTH_MONTHS = {("m_minato.txt", "13%"), ("p_mori.txt", "13%")}
CONTRACT = {("m_minato.txt", "30億ドル"), ("n_kawabe.txt", "30億ドル"), ("q_umi.txt", "30億ドル")}
SUPPORT = {(f, "15億ドル") for f in ("m_minato.txt", "n_kawabe.txt", "o_sora.txt", "p_mori.txt", "r_yama.txt")}


@pytest.mark.parametrize("fact", [TOTAL_2024, TOTAL_2023, EXPORTS, GROWTH_YEAR, GROWTH_MONTHS, SUPPORT],
                         ids=["total 2024", "total 2023", "exports", "growth 2024", "growth Jan-May", "support"])
def test_the_story_s_agreements(groups, fact):
    g = find(groups, *fact)
    assert g["status"] == "agree"
    assert not [d for d in g["differences"] if d["kind"] in ("amount", "date")]


def test_the_support_converted_at_three_rates_is_one_conversion_difference(groups):
    g = find(groups, *SUPPORT)
    [conversion] = [d for d in g["differences"] if d["kind"] == "conversion"]
    for text, rate in [("約2250億円", "1 USD = 150 JPY"), ("約2300億円", "1 USD = 153.3 JPY"),
                       ("約2200億円", "1 USD = 146.7 JPY")]:
        assert text in conversion["detail"] and rate in conversion["rates"]
    assert [v["text"] for v in g["values"]] == ["15億ドル"] and len(g["values"][0]["outlets"]) == 5


@pytest.mark.parametrize(("fact", "wrong", "detail"), [
    (CONTRACT, ("o_sora.txt", "30ドル"), "30億ドル vs 30ドル"),  # a typo that drops 億
    (IMPORTS, ("o_sora.txt", "12億ドル"), "11億ドル vs 12億ドル"),
])
def test_the_story_s_disagreements_are_the_only_ones(groups, fact, wrong, detail):
    g = find(groups, *fact, wrong)
    assert g["status"] == "disagree"
    [difference] = [d for d in g["differences"] if d["kind"] != "period"]
    assert (difference["kind"], difference["detail"]) == ("amount", detail)
    assert next(None if v is None else float(v) for v in difference["intervals"][1]) is not None


@pytest.mark.parametrize("apart", [
    (("m_minato.txt", "32億ドル"), ("n_kawabe.txt", "28億ドル")),  # another year
    (("m_minato.txt", "21億ドル"), ("n_kawabe.txt", "11億ドル")),  # exports against imports
    (("m_minato.txt", "30億ドル"), ("o_sora.txt", "32億ドル")),  # a contract against the trade total
    (("m_minato.txt", "14%"), ("p_mori.txt", "13%")),  # the year's growth against its first months'
    (("q_umi.txt", "28億ドル"), ("q_umi.txt", "32億ドル")),  # two figures of one sentence
])
def test_the_story_s_near_misses_stay_apart(groups, apart):
    assert not [g for g in groups if set(apart) <= members(g)]


def test_what_is_no_fact_makes_no_group(groups):
    """The five countries named as a group, an exchange-rate note, and the year a total is for."""
    figures = {text for g in groups for _, text in members(g)}
    assert not figures & {"5カ国", "5か国", "1ドル", "150円", "2024年", "2023年"}


def test_each_group_names_its_fact(groups):
    g = find(groups, *TOTAL_2024)
    assert g["key"] == "貿易額 · カザフスタン, 日本 · 2024 · USD"
    assert (g["fact"]["measure"], g["fact"]["time"], g["fact"]["unit"]) == ("貿易額", "2024", "USD")
    assert set(g["fact"]["subject"]) == {"japan", "kazakhstan"}


def test_groups_follow_the_contract(groups):
    for g in groups:
        assert g["schema"] == 1 and g["status"] in ("agree", "disagree") and g["key"]
        assert set(g["fact"]) == {"measure", "scope", "subject", "time", "unit"}
        assert sum(v["claims"] for v in g["values"]) == len(g["claims"])
        assert all(c["source"]["outlet"] for c in g["claims"])
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
    assert len(done.stdout.splitlines()) == 5


def test_only_says_when_nothing_is_shown(root):
    articles = [str(root / "fixtures" / "compare" / name) for name in ("k_kyokai.txt", "l_rengo.txt")]
    extracted = run("extract", *articles, "--format", "jsonl", "--no-store").stdout
    done = run("compare", "-", "--only", "disagree", "--format", "jsonl", stdin=extracted)
    assert done.returncode == 0 and done.stdout == ""
    assert "no group disagrees" in done.stderr


def test_compare_reads_the_store_and_fails_on_disagreement(root):
    run("extract", str(root / "fixtures" / "compare"), "--format", "jsonl")
    assert len(run("compare", "--format", "jsonl").stdout.splitlines()) >= 8
    assert run("compare", "--fail-on-disagree", "--format", "jsonl").returncode == 1
    assert run("compare", "--topic", "minerals", "--fail-on-disagree", "--format", "jsonl").returncode == 0


def test_compare_table(root):
    out = run("compare", str(root / "fixtures" / "compare"), "--only", "disagree", "--format", "table").stdout
    assert out.count("DISAGREE") == 5
    assert "250億ドル vs 240億ドル" in out


@pytest.mark.parametrize(("stdin", "message"), [
    ("", "no claims"),
    ("not json\n", "line 1: not JSON"),
    ('{"schema": 1, "source": {}, "sentence": {"text": "a"}}\n{"schema": 2, "source": {}, "sentence": {}}\n',
     "line 2: schema 2"),
    ('[1, 2]\n', "line 1: not a claim"),
    # compare reads claims as they come: a claim it cannot read is its line, never a traceback
    ('{"schema": 1, "source": {}, "sentence": {}}\n', "line 1: not a claim"),
    ('{"schema": 1, "source": "x", "sentence": {"text": "a"}}\n', "line 1: not a claim"),
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


def _claim(path: str, index: int, text: str, figure: str, amount: float, measure: str = "投資額") -> dict:
    at = text.index(figure)
    frame = {"measure": measure, "scope": None, "subject": ["japan"], "time": None, "unit": "USD", "near": ["投資"]}
    return {"schema": 1, "id": f"{path}:{index}", "source": {"path": path, "outlet": path},
            "sentence": {"index": index, "text": text, "words": "日本 投資 表明 する"}, "topics": ["investment"],
            "money": [{"text": figure, "amount": amount, "currency": "USD", "qualifier": "exact",
                       "equivalent_of": None, "span": [at, at + len(figure)], "frame": frame}],
            "quantities": [], "dates": [],
            "actors": [{"text": "日本", "id": "japan", "name": "日本", "type": "country"}],
            "context": {"actors": ["japan"]}}


def test_no_chains(monkeypatch):
    """A–B and B–C pass, A–C does not: A and C are never in one group, however
    the pairs are scored (complete linkage, not connected components)."""
    from claimcli.compare import groups as grouping

    claims = [_claim(p, 0, f"日本は30億ドルの{word}投資を表明した。", "30億ドル", 3e9)
              for p, word in (("a", "新規"), ("b", "追加"), ("c", "大型"))]
    for claim, word in zip(claims, ("新規", "追加", "大型"), strict=True):
        claim["sentence"]["words"] += f" {word}"  # three sentences, each judged on its own
    items = [i for c in claims for i in grouping.items_of(c)]
    monkeypatch.setattr(grouping, "same_fact", lambda x, y: None if {x.article, y.article} == {"a", "c"} else 0.9)
    passed = (np.array([[0, 1], [1, 2]]), np.array([0.9, 0.8]))  # the pairs that passed, and their scores
    clusters = grouping._complete_linkage(grouping._Judge(items), passed)
    assert clusters == [[0, 1]]


def test_an_article_never_disagrees_with_itself():
    """Two figures of one article that cannot both be true never share a group;
    the same figure in its title and body does."""
    title = _claim("a", 0, "日本、30億ドル投資を表明", "30億ドル", 3e9)
    body = _claim("a", 1, "日本は30億ドルの投資を表明した。", "30億ドル", 3e9)
    other = _claim("a", 2, "日本は32億ドルの投資を表明した。", "32億ドル", 3.2e9)
    elsewhere = [_claim("b", 0, "日本は30億ドルの投資を表明した。", "30億ドル", 3e9),
                 _claim("c", 0, "日本は32億ドルの投資を表明した。", "32億ドル", 3.2e9)]
    groups = compare([title, body, other, *elsewhere])
    for g in groups:
        own = [i for i in g.items if i.article == "a"]
        assert len({i.number for i in own}) <= 1
    assert any({(i.article, i.sentence) for i in g.items} >= {("a", "a:0"), ("a", "a:1")} for g in groups)


def test_compare_from_a_pipe_loads_no_tokenizer(root):
    """Frames, spans and content words come from extract: compare never runs Sudachi."""
    extracted = run("extract", str(root / "fixtures" / "compare"), "--format", "jsonl", "--no-store").stdout
    script = ("import runpy, sys\nsys.argv = ['claims', 'compare', '-', '--format', 'jsonl']\n"
              "try:\n    runpy.run_module('claimcli', run_name='__main__')\nexcept SystemExit:\n    pass\n"
              "print('sudachipy' in sys.modules, file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", script], input=extracted, capture_output=True, text=True)
    assert done.stdout.count("\n") >= 10
    assert done.stderr.strip().splitlines()[-1] == "False"


def _extracted(*texts: str) -> list[dict]:
    from claimcli.claims import analyze
    from claimcli.read.article import read_article

    claims = []
    for k, text in enumerate(texts):
        article = read_article(f"outlet{k}.txt", f"2025/06/20 10:00\n{text}\n".encode())
        claims += [c.to_json() for c in analyze(article).claims]
    return claims


def test_ranks_of_different_things_make_no_group():
    groups = compare(_extracted("カザフスタンはウランで世界第1位だ。", "カザフスタンは小麦で世界第1位だ。"))
    assert groups == []
    groups = compare(_extracted("カザフスタンはウランで世界第1位だ。", "カザフスタンはウランで世界第1位を保つ。"))
    assert [len(g.items) for g in groups] == [2]


def test_a_bare_year_with_nothing_else_shared_makes_no_group():
    assert compare(_extracted("日本は2024年に大使館を開いた。", "日本は2024年に首相が交代した。")) == []


@pytest.mark.parametrize("frame", ["x", 5, None, [], {"measure": 3, "subject": "japan", "near": [1, "a"]},
                                   {"time": 2024, "scope": ["a"]}])
@pytest.mark.parametrize("span", ["0-3", [0], [1, "2"], None, [100, 200], [3, 1]])
@pytest.mark.parametrize("words", [7, None, ""])
def test_frames_spans_and_words_of_any_shape(frame, span, words):
    """Claims from elsewhere (an older claims, a script) may carry anything there: never a crash."""
    claim = {"schema": 1, "id": "x", "source": {"path": "a"}, "sentence": {"index": 0, "text": "総額は3兆円だ。",
                                                                        "words": words},
             "topics": [], "money": [{"text": "3兆円", "amount": 3e12, "currency": "JPY", "qualifier": "exact",
                                      "equivalent_of": None, "frame": frame, "span": span}],
             "quantities": [], "dates": [], "actors": []}
    groups = compare([claim, {**claim, "id": "y", "source": {"path": "b"}}])
    assert all(g.to_json()["claims"] for g in groups)


def test_a_stored_date_the_calendar_lacks_breaks_nothing():
    """An older claims wrote `2025-02-31`: compare and the report go on."""
    from claimcli.output.report import render

    def claim(path: str, value: str, text: str) -> dict:
        return {"schema": 1, "id": path, "source": {"path": path, "outlet": path},
                "sentence": {"index": 0, "text": f"日本と米国の首脳会談は{text}に開かれた。"}, "topics": [],
                "money": [], "quantities": [],
                "dates": [{"text": text, "value": value, "kind": "point"},
                          {"text": "2日間", "value": "P2D", "kind": "duration"}],
                "actors": [{"text": "日本", "id": "japan", "name": "日本", "type": "country"},
                           {"text": "米国", "id": "united-states", "name": "米国", "type": "country"}]}

    groups = compare([claim("a", "2025-02-31", "2月31日"), claim("b", "2025-02-31", "2月31日"),
                      claim("c", "2025-03-01", "3月1日")])
    assert "<html" in render(groups, "test")


def test_two_meetings_with_other_leaders_are_no_disagreement():
    groups = compare(_extracted("トランプ大統領は6日、習近平国家主席と首脳会談を行った。",
                                "トランプ大統領は10日、プーチン大統領と首脳会談を行った。"))
    assert not [g for g in groups if g.status == "disagree"]


def test_claims_are_written_back_as_read_from_store_and_stdin(tmp_path):
    """Compare writes a claim it kept as its JSON line back as read, with its
    figure: the same bytes from the store, from stdin, and as json.dumps would."""
    db = str(tmp_path / "c.db")
    extracted = run("extract", str(ROOT / "fixtures" / "compare"), "--format", "jsonl", "--db", db).stdout
    from_stdin = run("compare", "-", "--format", "jsonl", stdin=extracted).stdout
    from_store = run("compare", "--format", "jsonl", "--db", db).stdout
    assert from_stdin == from_store and from_stdin
    for line in from_stdin.splitlines():
        group = json.loads(line)
        assert json.dumps(group, ensure_ascii=False) == line


def test_claims_written_otherwise_come_back_whole():
    """A line spaced another way (jq -c) is written back as read: valid JSON, the same claim."""
    extracted = run("extract", str(ROOT / "fixtures" / "compare"), "--no-store", "--format", "jsonl").stdout
    compact = "\n".join(json.dumps(json.loads(line), ensure_ascii=False, separators=(",", ":"))
                        for line in extracted.splitlines())
    usual = [json.loads(line) for line in run("compare", "-", "--format", "jsonl", stdin=extracted).stdout.splitlines()]
    spaced = [json.loads(line) for line in run("compare", "-", "--format", "jsonl", stdin=compact).stdout.splitlines()]
    assert usual == spaced and usual
