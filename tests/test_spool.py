"""The spool compare keeps claims' JSON lines in, on disk, read back by place."""

import json

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


def test_a_claim_kept_as_its_line_is_printed_as_dumps_would_print_it():
    """The figure added to a claim's line is written without json.dumps, escaped alike."""
    from types import SimpleNamespace

    from claimcli.output.jsonl import _claim_line, dumps

    claim = {"id": "a-0-0", "sentence": {"text": "「80億ドル\u2028」"}}
    for text in ("80億ドル", 'say "80"\\', "80\u2028億\x85ドル\u2029", "\t\n"):
        spool = Spool()
        item = SimpleNamespace(line=spool.keep(dumps(claim) + "\n").text(), field="money", text=text, record=None)
        printed = _claim_line(item)
        assert printed == dumps({**claim, "figure": {"field": "money", "text": text}})
        assert "\u2028" not in printed and json.loads(printed)["figure"]["text"] == text
