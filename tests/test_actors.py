"""The actors corpus (tests/examples/actors.yaml): mentions, ids, types."""

import json
import subprocess
import sys

import pytest
from conftest import load_examples

from claimcli.extract.actors import Registry, extract, link_bare_bodies, link_surnames
from claimcli.extract.context import Context
from claimcli.text.sentence import Sentence

CORPUS = load_examples("actors.yaml")


def mentions(text: str, registry: Registry | None = None) -> list:
    return extract(Sentence(0, text, 0), Context(registry=registry or Registry()))


def test_corpus_is_large_enough():
    assert len(CORPUS["cases"]) + len(CORPUS["same"]) + len(CORPUS["apart"]) >= 60


@pytest.mark.parametrize("case", CORPUS["cases"], ids=lambda c: c["text"])
def test_actor_example(case):
    got = [[m.text, m.id, m.type] + ([m.role] if m.role and len(e) > 3 else [])
           for m, e in zip(mentions(case["text"]), [*case["expect"], *[[]] * 20], strict=False)]
    assert got == case["expect"]


@pytest.mark.parametrize("texts", CORPUS["same"], ids=lambda t: " / ".join(t))
def test_spellings_share_one_id(texts):
    registry = Registry()  # one run, several articles
    ids = {mentions(t, registry)[0].id for t in texts}
    assert len(ids) == 1


@pytest.mark.parametrize("texts", CORPUS["apart"], ids=lambda t: " / ".join(t))
def test_different_actors_stay_apart(texts):
    registry = Registry()
    ids = [mentions(t, registry)[0].id for t in texts]
    assert len(set(ids)) == len(ids)


def test_a_surname_is_the_full_name_the_article_gave():
    registry = Registry()
    found = mentions("ロバート・ウッド氏が語った。", registry) + mentions("ウッド氏は続けた。", registry)
    linked = link_surnames(found)
    assert linked[0].id == linked[1].id == "person:ロバート・ウッド"


@pytest.mark.parametrize(("first", "later", "full"), [
    ("赤沢亮正経済再生相が訪米した。", "赤沢氏は述べた。", "person:赤沢亮正"),  # a Japanese name: the surname first
    ("赤澤亮正氏が訪米した。", "赤沢経済再生相は述べた。", "person:赤澤亮正"),  # and in another form of a kanji
])
def test_a_japanese_surname_is_the_full_name_the_article_gave(first, later, full):
    registry = Registry()
    linked = link_surnames(mentions(first, registry) + mentions(later, registry))
    people = [m for m in linked if m.type == "person"]
    assert [m.id for m in people] == [full, full]


def test_a_ministry_without_its_country_is_the_article_s_country_s():
    registry = Registry()  # one article
    found = mentions("米国は関税を引き上げた。", registry) + mentions("商務省が発表した。", registry)
    assert [m.id for m in link_bare_bodies(found)] == ["united-states", "us-department-of-commerce"]
    alone = mentions("商務省が発表した。", Registry())  # no country named: it stays an unknown ministry
    assert [m.id for m in link_bare_bodies(alone)] == ["org:商務省"]


@pytest.mark.parametrize(("first", "later", "body"), [
    ("ロシアは反発した。", "同国外務省が声明を出した。", "russia-mfa"),  # a body the gazetteer knows
    ("ウズベキスタンは新空港を開く。", "同国運輸省が発表した。", "org:ウズベキスタン運輸省"),  # one it does not
])
def test_a_body_of_the_same_country(first, later, body):
    registry = Registry()  # one article
    mentions(first, registry)
    assert [m.id for m in mentions(later, registry)] == [body]


def test_a_short_name_in_brackets_is_the_same_actor():
    registry = Registry()  # one article
    first = mentions("架空開発銀行(FDB)が融資した。", registry)
    later = mentions("FDBは声明を出した。", registry)
    assert len({m.id for m in first + later}) == 1


def test_actors_command(tmp_path):
    (tmp_path / "a.txt").write_text("カザフスタンのトカエフ大統領とトカエフ氏。\n米国は歓迎した。\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "claimcli", "actors", str(tmp_path), "--format", "jsonl"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    rows = {r["id"]: r for r in map(json.loads, done.stdout.splitlines())}
    assert rows["kassym-jomart-tokayev"]["mentions"] == ["トカエフ大統領", "トカエフ氏"]
    assert rows["kassym-jomart-tokayev"]["count"] == 2
    assert rows["kassym-jomart-tokayev"]["name"] == "トカエフ"
    assert rows["united-states"]["type"] == "country"
    assert all(r["schema"] == 1 and r["source"]["path"].endswith("a.txt") for r in rows.values())


def test_aliases_file_extends_the_gazetteer(tmp_path):
    extra = tmp_path / "mine.tsv"
    extra.write_text("acme-kz\tAcme Kazakhstan\torg\tアクメ\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("アクメが進出した。\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "claimcli", "actors", str(tmp_path / "a.txt"), "--aliases",
                           str(extra), "--format", "jsonl"], capture_output=True, text=True)
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == ["acme-kz"]


PASS_CASES = [(name, case) for name, cases in CORPUS["passes"].items() for case in cases]


def test_every_pass_has_its_examples():
    from claimcli.extract.actors import PASSES

    assert set(CORPUS["passes"]) == set(PASSES)


@pytest.mark.parametrize(("name", "case"), PASS_CASES, ids=lambda x: x if isinstance(x, str) else x["text"])
def test_pass_example(name, case):
    """What one pass finds on its own (the passes before it in the same run)."""
    from claimcli.extract.actors import _Finder

    registry = Registry()
    if case.get("before"):
        mentions(case["before"], registry)
    found = _Finder(Sentence(0, case["text"], 0), registry).run(passes=(name,))
    assert [[m.text, m.id, m.type] for m in found] == case["expect"]
