"""The command reference in README, made from the CLI itself: every command,
its arguments and every option with its values and help.

    python tests/reference.py            # print it
    python tests/reference.py --write    # put it in README between its markers

`tests/test_docs.py` checks that README holds exactly what this makes, so an
option added to the CLI fails the tests until README says what it does.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import typer.main

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BEGIN, END = "<!-- reference: made by tests/reference.py -->", "<!-- reference: end -->"


def reference() -> str:
    return "\n".join(blocks().values()).strip("\n")


def blocks() -> dict[str, str]:
    """`claims COMMAND` → its part of the reference."""
    from claimcli.cli import app

    root = typer.main.get_command(app)
    return {f"claims {name}": _block(f"claims {name}", command) for name, command in _commands(root)}


def _commands(group, prefix: str = ""):
    """(name, command) of a group's commands and their own (typer's click objects: no click import)."""
    for name, command in group.commands.items():
        yield f"{prefix}{name}", command
        if hasattr(command, "commands"):
            yield from _commands(command, f"{prefix}{name} ")


def _block(name: str, command) -> str:
    context = command.make_context(name, [], resilient_parsing=True)
    arguments = " ".join(p.make_metavar(context) for p in command.params if p.param_type_name == "argument")
    first = (command.help or "").strip().split("\n\n")[0].replace("\n", " ")
    lines = [f"#### `{name}{' ' + arguments if arguments else ''}`", "", first, ""]
    options = [p for p in command.params if p.param_type_name == "option"]
    if options:
        lines += ["| option | |", "| --- | --- |"]
        for option in options:
            shown = ", ".join(option.opts)
            if not option.is_flag:
                shown += f" {option.make_metavar(context)}"
            lines.append(f"| `{_cell(shown)}` | {_cell(option.help or '')} |")
        lines.append("")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return re.sub(r"\s+", " ", text).replace("|", "\\|").strip()


def readme_reference(text: str) -> str:
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return text[start:end].strip("\n")


if __name__ == "__main__":
    made = reference()
    if "--write" in sys.argv:
        text = README.read_text(encoding="utf-8")
        start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
        README.write_text(text[:start] + "\n\n" + made + "\n" + text[end:], encoding="utf-8")
    print(made)
