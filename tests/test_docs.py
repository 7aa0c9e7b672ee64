"""Every command and option a user can type is in README (a habit of sqlite-utils)."""

import re

from conftest import ROOT

from claimcli.cli import app


def test_every_command_and_option_is_documented():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    import typer.main

    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        assert f"claims {name}" in readme, name
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--") and opt != "--help":
                    assert re.search(rf"{re.escape(opt)}\b", readme), f"claims {name} {opt}"
