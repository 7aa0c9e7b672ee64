"""The spool compare keeps claims' JSON lines in, on disk, read back by place."""

from hypothesis import given
from hypothesis import strategies as st

from claimcli.compare.spool import Spool


def test_lines_come_back_as_kept_in_any_order():
    spool = Spool()
    kept = [spool.keep(line) for line in ('{"a": 1}\n', '{"text": "カザフスタンの貿易額は32億ドル"}\n', "")]
    assert [k.text() for k in reversed(kept)] == ["", '{"text": "カザフスタンの貿易額は32億ドル"}\n', '{"a": 1}\n']


def test_a_line_kept_after_a_read_is_not_written_over_the_others():
    spool = Spool()
    first = spool.keep("一行目\n")
    assert first.text() == "一行目\n"
    second = spool.keep("二行目\n")
    assert (first.text(), second.text()) == ("一行目\n", "二行目\n")


@given(st.lists(st.text(), max_size=20))
def test_any_texts_come_back_whole(lines):
    spool = Spool()
    kept = [spool.keep(line) for line in lines]
    assert [k.text() for k in kept] == lines
