"""Errors a user can act on: each ends a command with one line, never a traceback;
and how such a line is said."""

import sys
from contextlib import suppress


class ClaimsError(Exception):
    """What went wrong and where (a file and line, an option, the store); the message says it whole."""


class UsageError(ClaimsError):
    """An option or argument the command cannot take: exit code 2, as for any usage error."""


def say(line: str) -> None:
    """A line on stderr; a full or closed stderr does not stop the run (its exit code still tells)."""
    if sys.stderr is None:  # never print(file=None): that is stdout
        return
    with suppress(OSError, ValueError, AttributeError):
        print(line, file=sys.stderr, flush=True)
