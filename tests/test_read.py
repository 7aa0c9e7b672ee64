"""Reading articles: encodings, metadata, the publication date, site chrome."""

import json
import subprocess
import sys
from datetime import date

import pytest

from claimcli.read import metadata
from claimcli.read.article import read_article
from claimcli.read.decode import DecodeError, decode

ARTICLE = (
    "日本、中央アジアに新たな投資枠\n"
    "2025/12/20 10:00\n"
    "日本政府は20日、中央アジア諸国への投資枠として約3兆円を用意すると発表した。\n"
    "関係者によると、第一弾として500億円規模の案件が決まった。\n"
    "政府は今後も協力を続ける方針だ。\n"
)


def article_of(text: str, path: str = "x.txt"):
    return read_article(path, text.encode("utf-8"))


@pytest.mark.parametrize(
    ("name", "outlet", "published", "title"),
    [
        (
            "000_522661ef08969565.txt",
            "ParsToday",
            date(2025, 11, 3),
            "トランプ大統領は中央アジアで何を追求しているのか?",
        ),
        ("001_7f5d638e5a987068.txt", "大紀元", date(2025, 11, 9), "中共に誤算 中央アジア5か国が米国接近"),
        ("002_1c3906dca1c36c8e.txt", "UZB GATEWAY", None, "米国が中央アジアに向けた新たな一手を打つ"),
        (
            "003_1a52b4114a50cb83.txt",
            "PRISM",
            None,
            "日本の3兆円コミットメント、中央アジア地政学の新章へ:米中ロのパワーゲームと資源安全保障の行方",
        ),
        (
            "004_48c9bce61fe16e85.txt",
            "ロイター (via ニューズウィーク日本版)",
            date(2025, 1, 22),
            "焦点:トランプ米政権、結束した敵対勢力に直面 外交で新たな課題",
        ),
    ],
)
def test_seed_metadata(root, name, outlet, published, title):
    path = root / "seeds" / name
    article = read_article(str(path), path.read_bytes())
    assert (article.outlet, article.published, article.title) == (outlet, published, title)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("11月 03, 2025 19:15 Asia/Tokyo", date(2025, 11, 3)),
        ("2025/11/09 更新: 2025/11/09", date(2025, 11, 9)),
        ("2025年01月22日(水)16時40分", date(2025, 1, 22)),
        ("November 21 2025 08:57:57", date(2025, 11, 21)),
        ("2025/11/07 16:28 ", date(2025, 11, 7)),
        ("2017年12月20日 モスクワ 黒須利彦", date(2017, 12, 20)),
        ("２０２５年１２月２０日", date(2025, 12, 20)),
        ("2025-04-03", date(2025, 4, 3)),
        ("更新: 2025/12/20", date(2025, 12, 20)),
        ("公開日 2025年12月20日 10:00", date(2025, 12, 20)),
        ("発表時間 2024-03-07", date(2024, 3, 7)),
        ("配信日時: 2024年3月7日 9:30", date(2024, 3, 7)),
        ("2014年9月13日、中国とタジキスタンは覚書に署名した。", None),
        ("2025年11月", None),
        ("©2025 Bloomberg", None),
        ("【5月22日 Xinhua News】", None),
    ],
)
def test_date_line(line, expected):
    assert metadata.date_line(line) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.jp/2025/04/10/story", date(2025, 4, 10)),
        ("http://example.cn/n3/2023/0515/c1-2.html", date(2023, 5, 15)),
        ("https://example.com/news/20250615/a", date(2025, 6, 15)),
        ("https://example.com/20251230-slug", date(2025, 12, 30)),
        ("https://example.com/News20210501_094956.html", date(2021, 5, 1)),
        ("https://www.example.com/ja/news/yjj2025121800730/", date(2025, 12, 18)),
        ("https://example.cn/n1/2024-03/07/c1-1.html", date(2024, 3, 7)),
        ("https://example.com/view.php?id=20240307120000", date(2024, 3, 7)),
        ("https://example.com/2025/04/2000.html", None),
        ("https://example.com/2025/12/337897.html", None),
        ("https://example.com/article/detail/30239209/", None),
    ],
)
def test_url_date(url, expected):
    assert metadata.url_date(url) == expected


def test_publication_date_order_date_line_then_url_then_last_modified():
    modified = "(last modified 2025-11-04T06:02:53+00:00 )\n"
    url = "https://example.jp/2025/10/01/a\n"
    assert article_of(url + modified + ARTICLE).published == date(2025, 12, 20)
    no_line = ARTICLE.replace("2025/12/20 10:00\n", "")
    assert article_of(url + modified + no_line).published == date(2025, 10, 1)
    assert article_of(modified + no_line).published == date(2025, 11, 4)
    assert article_of(no_line).published is None


@pytest.mark.parametrize(("line", "expected"), [
    ("ⓒ 架空通信社 2024.03.07", date(2024, 3, 7)),
    ("Copyright (c) 2024/03/07 Example News All rights reserved.", date(2024, 3, 7)),
    ("©2025 Bloomberg", None),
    ("2024年3月7日に首脳会談が開かれた。", None),
])
def test_footer_date(line, expected):
    assert metadata.footer_date(line) == expected


def test_a_copyright_line_with_a_full_date_dates_an_article_that_has_no_other():
    no_line = ARTICLE.replace("2025/12/20 10:00\n", "")
    assert article_of(no_line + "ⓒ 架空通信社 2024.03.07\n").published == date(2024, 3, 7)
    url = "https://example.jp/2025/10/01/a\n"
    assert article_of(url + no_line + "ⓒ 架空通信社 2024.03.07\n").published == date(2025, 10, 1)


def test_a_repost_takes_its_copied_article_s_date_line():
    post = ("掲示板への投稿のタイトルです\n2024/03/05(火) 12:00\n昨日の記事を貼っておく。\n"
            "2024.3.4 22:46\n架空国の政府は3日、10億ドルの支援を決めた。\n")
    assert article_of(post).published == date(2024, 3, 4)
    updated = ARTICLE.replace("2025/12/20 10:00\n", "2025/12/20 10:00\n2025/12/21 09:00\n")
    assert article_of(updated).published == date(2025, 12, 20)  # a later date line is an update


def test_date_marker_is_metadata_and_the_rest_of_the_line_is_text():
    article = article_of(" date 2025-12-20 東京で会合が開かれ、100億円の支援が決まった。\n")
    assert article.published == date(2025, 12, 20)
    [segment] = article.segments
    assert article.text[segment.start : segment.end] == "東京で会合が開かれ、100億円の支援が決まった。"


def test_outlet_from_url_and_sidecar(tmp_path):
    (tmp_path / "a.txt").write_text("https://www.afpbb.com/articles/-/1\n" + ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "meta.toml").write_text(
        '["b.txt"]\noutlet = "架空新聞"\npublished = "2025-12-21"\n', encoding="utf-8"
    )
    a = read_article(str(tmp_path / "a.txt"), (tmp_path / "a.txt").read_bytes())
    b = read_article(str(tmp_path / "b.txt"), (tmp_path / "b.txt").read_bytes())
    assert a.outlet == "AFPBB News"
    assert (b.outlet, b.published) == ("架空新聞", date(2025, 12, 21))


def test_chrome_is_dropped(root):
    path = root / "fixtures" / "chrome" / "page_with_chrome.txt"
    article = read_article(str(path), path.read_bytes())
    kept = "\n".join(article.text[s.start : s.end] for s in article.segments)
    assert article.title == "架空市で新しい橋が完成、総工費120億円"
    assert "総工費は約120億円で" in kept
    assert "橋の完成で、市内の移動時間は半分になる見込みだ。" in kept
    for chrome in [
        "トップ",
        "ランキング記事の見出し",
        "ほかの記事の見出しが続く…",
        "このエントリーをはてなブックマークに追加",
        "Copyright",
        "おすすめの関連記事",
    ]:
        assert chrome not in kept, chrome


def test_every_article_has_an_outlet(tmp_path):
    """No outlet table knows the domain: the domain; no URL: the folder's meta.toml, else the file name."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.txt").write_text("https://www.unknown-news.example.jp/a/1\n" + ARTICLE, encoding="utf-8")
    (tmp_path / "site" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "kept").mkdir()
    (tmp_path / "kept" / "c.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "kept" / "d.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "kept" / "meta.toml").write_text('outlet = "架空通信"\n["d.txt"]\noutlet = "架空新報"\n',
                                                 encoding="utf-8")

    def outlet(*parts: str) -> str | None:
        path = tmp_path.joinpath(*parts)
        return read_article(str(path), path.read_bytes()).outlet

    assert outlet("site", "a.txt") == "unknown-news.example.jp"
    assert outlet("site", "b.txt") == "b.txt"
    assert (outlet("kept", "c.txt"), outlet("kept", "d.txt")) == ("架空通信", "架空新報")


def test_a_cut_lead_is_the_articles_own():
    """A page that shows only its article's start cuts the lead with …; a
    cut line further down is another story's teaser."""
    text = ("架空県で新しい港が開業、総工費は300億円\n\n"
            "架空県の港湾局は5日、総工費300億円をかけた新港の開業式典を開き、年間取扱量を200万トンと見込むと発表…\n\n"
            "続きは会員登録で読めます\n\nほかの港の話題を伝える別の記事の見出しと、その書き出しの部分…\n")
    article = read_article("lead.txt", text.encode("utf-8"))
    kept = "\n".join(article.text[s.start : s.end] for s in article.segments)
    assert "総工費300億円をかけた新港" in kept
    assert "別の記事の見出し" not in kept
    untitled = read_article("lead2.txt", text.split("\n\n", 1)[1].encode("utf-8"))
    assert "総工費300億円をかけた新港" in "\n".join(untitled.text[s.start : s.end] for s in untitled.segments)


@pytest.mark.parametrize(
    "data", [b"", b"   \n", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(1, 32)) * 50]
)
def test_not_text(data):
    with pytest.raises(DecodeError):
        decode(data)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932", "euc_jp"])
def test_encodings_are_detected(encoding):
    assert decode(ARTICLE.encode(encoding)).text == ARTICLE


def test_a_folder_of_mixed_files(tmp_path):
    (tmp_path / "a_good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b_sjis.txt").write_bytes(ARTICLE.replace("3兆円", "4兆円").encode("cp932"))
    (tmp_path / "c_eucjp.txt").write_bytes(ARTICLE.replace("3兆円", "5兆円").encode("euc_jp"))
    (tmp_path / "d_empty.txt").write_bytes(b"")
    (tmp_path / "e_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    done = subprocess.run(
        [sys.executable, "-m", "claimcli", "extract", str(tmp_path), "--format", "jsonl"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    errors = done.stderr.strip().splitlines()
    assert len(errors) == 2
    assert "d_empty.txt" in errors[0] and "empty" in errors[0]
    assert "e_binary.txt" in errors[1] and "binary" in errors[1]
    assert "Traceback" not in done.stderr
    claims = [json.loads(line) for line in done.stdout.splitlines()]
    amounts = {(c["source"]["path"].rsplit("/", 1)[1], m["amount"]) for c in claims for m in c["money"]}
    assert {("a_good.txt", 3 * 10**12), ("b_sjis.txt", 4 * 10**12), ("c_eucjp.txt", 5 * 10**12)} <= amounts
