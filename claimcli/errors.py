"""Errors a user can act on: each ends a command with one line, never a traceback."""


class ClaimsError(Exception):
    """What went wrong and where (a file and line, an option, the store); the message says it whole."""


class UsageError(ClaimsError):
    """An option or argument the command cannot take: exit code 2, as for any usage error."""
