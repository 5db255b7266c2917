"""One exception tree for everything a user can get wrong.

Core code raises these with a message that names the file and says what to do
next; `cli.py` turns them into one line on stderr and an exit code.
"""

from __future__ import annotations


class TalksError(Exception):
    """Base for every error `talks` reports to a user."""

    exit_code = 1


class UsageError(TalksError):
    """The command was called wrongly (bad option value, unknown topic, missing path)."""

    exit_code = 2


class QueryError(UsageError):
    """A search query (`--contains`) is malformed: says what is wrong with it."""


class InputError(TalksError):
    """An input file cannot be read or understood; names the file and the problem."""


class LexiconError(TalksError):
    """A lexicon file is malformed: `file:entry: problem`."""


class StoreError(TalksError):
    """The SQLite store cannot be opened or written."""
