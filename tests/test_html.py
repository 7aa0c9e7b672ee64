"""Saved web pages: the article and its metadata, none of the chrome; the same
claims as the text version of the same story."""

from datetime import date

from conftest import ROOT

from claimcli.pipeline import extract_source
from claimcli.read.article import read_article
from claimcli.read.files import Source

HTML = ROOT / "fixtures" / "html"


def claims_of(path):
    result = extract_source(Source(str(path), path.read_bytes()))
    assert result.error is None, result.error
    return [
        {k: c.to_json()[k] for k in ("sentence", "money", "quantities", "dates", "actors", "topics")}
        for c in result.claims
    ]


def test_a_page_gives_the_claims_of_its_text_version():
    page, text = claims_of(HTML / "tairiku_summit.html"), claims_of(HTML / "tairiku_summit.txt")
    assert page == text
    assert [m["text"] for c in page for m in c["money"]] == ["30億ドル", "約4500億円"]


def test_the_page_metadata():
    path = HTML / "tairiku_summit.html"
    article = read_article(str(path), path.read_bytes())
    assert article.title == "中央アジアと韓国が首脳会議、鉱物で協力"
    assert article.outlet == "大陸日報"
    assert article.published == date(2026, 11, 8)
    assert article.url == "https://tairiku-nippo.example.jp/2026/11/08/summit"


def test_none_of_the_chrome():
    path = HTML / "tairiku_summit.html"
    text = read_article(str(path), path.read_bytes()).text
    assert "トカエフ大統領は、協力の拡大を歓迎する" in text
    for chrome in [
        "トップ",
        "広告",
        "9,800円",
        "関連記事",
        "250億ドル",
        "コメント",
        "200億ドル",
        "2027年",
        "Copyright",
    ]:
        assert chrome not in text, chrome


def test_the_declared_charset_is_used():
    path = HTML / "hoppo_summit_sjis.html"
    article = read_article(str(path), path.read_bytes())
    assert article.encoding.lower() in ("shift_jis", "cp932")
    assert article.outlet == "北方通信" and "30億ドル" in article.text


def test_html_without_a_suffix_is_recognized(tmp_path):
    saved = tmp_path / "page"
    saved.write_bytes((HTML / "tairiku_summit.html").read_bytes())
    assert read_article(str(saved), saved.read_bytes()).title == "中央アジアと韓国が首脳会議、鉱物で協力"


def test_a_page_with_no_article(tmp_path):
    result = extract_source(Source("empty.html", b"<html><head><title></title></head><body></body></html>"))
    assert result.error == "no article text in the page"
