"""claims report: one self-contained HTML file, every group of compare, nothing
of an article's text able to inject markup; checked in headless Chromium."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, invoke

OUTPUT = ROOT / "tests" / "output"
HOSTILE = ['<script>alert("x")</script>', '"><img src=x onerror=alert(1)>']


def run(*args: str):
    """`claims ARGS…`, in this process."""
    return invoke(*args)


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
    assert not re.search(r"""src=|<link|<script|@import|url\(""", html)  # nothing to fetch, no script
    assert 'class="chart"' in html and "Noto Sans CJK JP" in html


def test_contents_anchors_and_filters(report):
    out, groups = report
    html = out.read_text(encoding="utf-8")
    toc = html[html.index('<nav class="toc">'):html.index("</nav>")]
    links = re.findall(r'href="#group-(\d+)"', toc)
    assert sorted(map(int, links)) == list(range(1, len(groups) + 1))
    assert toc.index("Disagreements") < toc.index("Topic: ")
    for n in links:
        assert f'id="group-{n}"' in html
    assert 'id="status-disagree"' in html and 'body:has(#status-disagree:checked) .group:not([data-badge="disagree"])' \
        in html
    topics = {g["topic"] for g in groups}
    assert all(f'data-topic="{t or "—"}"' in html for t in topics)


def test_rows_and_charts_speak_to_people(report):
    html = report[0].read_text(encoding="utf-8")
    assert "<th>published</th>" in html and "<th>the claim's figure</th>" in html
    assert '<td class="value">最大500億ドル</td>' in html and '<td class="value">500億ドル超</td>' in html
    assert '<span class="tick' in html and "ドル (USD)" in html  # an axis with its unit
    assert re.search(r'<span class="tick[^"]*" style="left:[\d.]+%">\d+億ドル</span>', html)
    assert re.search(r'<span class="when (?:before|after)" style="left:[\d.]+%">\d+年\d+月\d+日</span>', html)
    assert "up_to" not in re.sub(r"<style>.*?</style>", "", html, flags=re.S)


def test_rows_link_to_their_article(tmp_path):
    for name, url in (("a.txt", "https://example.jp/a"), ("b.txt", "javascript:alert(1)")):
        (tmp_path / name).write_text(f"{url}\n会社は80億ドルを投じると発表した。\n", encoding="utf-8")
    out = tmp_path / "r.html"
    assert run("report", str(tmp_path), "--out", str(out), "--db", str(tmp_path / "db")).returncode == 0
    html = out.read_text(encoding="utf-8")
    assert '<a href="https://example.jp/a" rel="noreferrer noopener">' in html and "javascript:" not in html


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


# Run in the page by the browser test only (the report has no script): every
# element's text inside its box, and the page no wider than the window.
NARROWEST_WINDOW = 500
OVERFLOW_CHECK = """<script>
(() => {
  const bad = [];
  const root = document.documentElement, body = document.body;
  if (root.scrollWidth > root.clientWidth + 1) bad.push("page " + root.scrollWidth + " > " + root.clientWidth);
  if (body.scrollWidth > body.clientWidth + 1) bad.push("body " + body.scrollWidth + " > " + body.clientWidth);
  for (const el of document.querySelectorAll("body *")) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const r = el.getBoundingClientRect();
    if (!own || r.width === 0) continue;
    const box = el.parentElement.closest(".crow, .group, nav, header, section, form, td, th, li");
    if (!box) continue;
    const b = box.getBoundingClientRect();
    if (r.left < b.left - 1 || r.right > b.right + 1) bad.push(el.className + ": " + el.textContent.slice(0, 30));
  }
  document.body.setAttribute("data-overflow", JSON.stringify(bad));
})();
</script>"""


@pytest.mark.skipif(chromium() is None, reason="no Chromium here: .ci/run installs Debian's chromium when it can")
@pytest.mark.parametrize("width", [1280, 400])
def test_the_report_in_a_real_browser(report, tmp_path, width):
    out, groups = report
    html = out.read_text(encoding="utf-8")
    if width < NARROWEST_WINDOW:  # headless Chromium's window is 500 px at least: the page is held to `width`
        html = html.replace("</head>", f"<style>body {{ max-width: {width}px !important; margin: 0 !important; }}"
                            "</style></head>")
    shown = tmp_path / "shown.html"
    shown.write_text(html, encoding="utf-8")
    checked = tmp_path / "checked.html"
    checked.write_text(html.replace("</body>", OVERFLOW_CHECK + "</body>"), encoding="utf-8")
    dom = browse(checked, f"--window-size={max(width, NARROWEST_WINDOW)},2400", "--dump-dom", tmp=tmp_path / "p")
    assert dom.returncode == 0, dom.stderr[-500:]
    statuses = re.findall(r'<article class="group" id="group-\d+" data-status="(\w+)"', dom.stdout)
    assert sorted(statuses) == sorted(g["status"] for g in groups)
    for g in groups:
        assert f'data-key="{g["key"]}"' in dom.stdout
    [overflow] = re.findall(r'data-overflow="([^"]*)"', dom.stdout)
    assert json.loads(overflow.replace("&quot;", '"')) == [], f"text out of its box at {width} px"
    OUTPUT.mkdir(exist_ok=True)
    shot = OUTPUT / f"report-{width}.png"
    done = browse(shown, "--hide-scrollbars", f"--window-size={width},2400", f"--screenshot={shot}",
                  tmp=tmp_path / "profile2")
    assert done.returncode == 0 and shot.stat().st_size > 10_000


@pytest.mark.skipif(chromium() is None, reason="no Chromium here: .ci/run installs Debian's chromium when it can")
def test_hostile_text_stays_text_in_the_browser(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"{name}:会社は{HOSTILE[0]}に80億ドル{HOSTILE[1]}を投じた。\n", encoding="utf-8")
    out = tmp_path / "r.html"
    run("report", str(tmp_path), "--out", str(out), "--db", str(tmp_path / "db"))
    dom = browse(out, "--dump-dom", tmp=tmp_path / "profile").stdout
    assert "<script" not in dom and "<img" not in dom and 'alert("x")' in dom


VISIBLE = """<script>
document.body.setAttribute("data-visible", [...document.querySelectorAll("article.group")]
  .filter(g => getComputedStyle(g).display !== "none").map(g => g.dataset.badge + "|" + g.dataset.topic).join(";"));
</script>"""


@pytest.mark.skipif(chromium() is None, reason="no Chromium here: .ci/run installs Debian's chromium when it can")
def test_the_filters_hide_what_they_leave_out_in_a_real_browser(report, tmp_path):
    out, groups = report
    html = out.read_text(encoding="utf-8")
    for checked, keeps in (('id="status-disagree"', lambda badge, topic: badge == "disagree"),
                           ('id="topic-t0"', None)):
        page = html.replace(' checked>', '>').replace(checked, checked + " checked")  # as if clicked
        shown = tmp_path / "filtered.html"
        shown.write_text(page.replace("</body>", VISIBLE + "</body>"), encoding="utf-8")
        dom = browse(shown, "--dump-dom", tmp=tmp_path / f"p{len(checked)}").stdout
        [visible] = re.findall(r'data-visible="([^"]*)"', dom)
        pairs = [v.split("|") for v in visible.split(";") if v]
        assert pairs, checked
        if keeps is not None:
            assert all(keeps(badge, topic) for badge, topic in pairs)
            assert len(pairs) == sum(g["status"] == "disagree" for g in groups)
        else:
            assert len({topic for _, topic in pairs}) == 1 and len(pairs) < len(groups)
