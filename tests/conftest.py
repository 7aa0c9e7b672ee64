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


class Ran:
    """What a command run in process printed, and how it ended."""

    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.returncode, self.stdout, self.stderr = exit_code, stdout, stderr


def invoke(*args: str, stdin: str | None = None) -> Ran:
    """`claims ARGS…` in this process (typer's CliRunner): ten times faster than a subprocess."""
    from typer.testing import CliRunner

    from claimcli.cli import app

    done = CliRunner().invoke(app, list(args), input=stdin, env={"COLUMNS": "200"}, catch_exceptions=False)
    return Ran(done.exit_code, done.stdout, done.stderr)
