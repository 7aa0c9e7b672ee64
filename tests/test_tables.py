"""Tables on a terminal (issue 15): at 80 columns no figure is cut in two,
amounts are said the Japanese way, outlets stay whole."""

import io
import re

from rich.console import Console

from claimcli.output.wrap import Wrapped
from claimcli.text.japanese import amount, date_value, japanese_number, time_words

ARTICLE = "2025年11月6日\nウズベキスタン航空は米国製旅客機の購入に170億ドル(約2兆5000億円)を投じると発表した。\n"


def rendered(renderable, width: int) -> list[str]:
    out = io.StringIO()
    Console(file=out, width=width, color_system=None).print(renderable)
    return out.getvalue().splitlines()


def test_japanese_amounts_and_dates():
    assert japanese_number(1_200_000_000_000) == "1兆2000億"
    assert japanese_number(15_000_000) == "1500万"
    assert japanese_number(2.5) == "2.5"
    assert amount(1.2e12, "JPY", "approx", money=True) == "約1兆2000億円"
    assert amount(3.5e10, "USD", "over", money=True) == "350億ドル超"
    assert amount(1e6, "トン", "up_to") == "最大100万トン"
    assert date_value("2025-11-06") == "2025年11月6日" and date_value("---20") == "20日"
    assert date_value("P3Y") == "3年間" and date_value("2025", calendar="fiscal") == "2025年度"
    assert time_words("P3Y") == "3年間" and time_words("FY2025") == "2025年度" and time_words("2024") == "2024"


def test_a_figure_is_never_cut_in_two():
    sentence = "ウズベキスタン航空は米国製旅客機の購入に170億ドルを投じ、その額は1兆2000億円に上る。"
    figures = ["170億ドル", "1兆2000億円"]
    spans = [(sentence.index(f), sentence.index(f) + len(f)) for f in figures]
    for width in range(12, 40):  # 12: the widest figure, 1兆2000億円, is 11 cells
        lines = rendered(Wrapped(sentence, spans), width)
        assert "".join(lines) == sentence, width  # nothing lost
        for figure in figures:
            assert any(figure in line for line in lines), (width, figure)
        assert not any(line.startswith(("、", "。")) for line in lines), width


def test_extract_and_compare_tables_at_80_columns(tmp_path):
    for outlet in ("ロイター (via ニューズウィーク日本版)", "ParsToday"):
        folder = tmp_path / re.sub(r"\W", "", outlet)
        folder.mkdir()
        (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
        (folder / "meta.toml").write_text(f'outlet = "{outlet}"\n', encoding="utf-8")
    from typer.testing import CliRunner

    from claimcli.cli import app

    for args in (["extract", str(tmp_path), "-f", "table"], ["compare", str(tmp_path), "-f", "table"],
                 ["actors", str(tmp_path), "-f", "table"], ["topics", "-f", "table"], ["store", "list", "-f", "table"]):
        shown = CliRunner().invoke(app, args, env={"COLUMNS": "80"}).stdout
        lines = shown.splitlines()
        assert max(len(line) for line in lines) <= 80
        cells = "".join(lines)
        assert "ParsToday" in cells and "…" not in cells, shown
        assert "170億ドル" in cells or args[0] != "extract"
        if args[0] == "extract":
            assert "約2兆5000億円 = 170億ドル" in cells or "約2兆5000億円" in cells
            assert "17,000,000,000" not in cells
