"""Every command and option a user can type is in README (a habit of sqlite-utils)."""

import typer.main
from conftest import ROOT
from reference import _commands, blocks, readme_reference, reference

from claimcli.cli import app


def test_readme_holds_the_reference_the_cli_makes():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_reference(readme) == reference(), "run python tests/reference.py --write"


def test_the_reference_has_every_command_and_each_of_its_options():
    made = blocks()
    for name, command in _commands(typer.main.get_command(app)):
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--"):
                    assert f"`{opt}" in made[f"claims {name}"], f"claims {name} {opt}"
