from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = Path(__file__).resolve().parent / "examples"


def load_examples(name: str) -> dict:
    return yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture(autouse=True)
def private_store(tmp_path, monkeypatch):
    """Every test (and every command it runs) writes to a store of its own."""
    monkeypatch.setenv("CLAIMS_DB", str(tmp_path / "claims.db"))
