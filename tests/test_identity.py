"""Work on speed changes no output: extract, compare and actors write the bytes
recorded in tests/examples/digests.json (see tests/digests.py) for the fixtures,
the seeds, 200 generated articles and, where ../shared is beside the checkout,
the dev articles."""

import json

import pytest
from digests import RECORDED, corpora, outputs, sha256

RECORDED_DIGESTS = json.loads(RECORDED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["fixtures", "seeds", "generated", "dev"])
def test_outputs_are_the_recorded_ones(name):
    found = corpora()
    if name not in found:
        pytest.skip("no ../shared/eval/dev beside the checkout")
    for command, data in outputs(found[name]).items():
        assert sha256(data) == RECORDED_DIGESTS[f"{name}/{command}"], f"{name}: {command} output changed"
