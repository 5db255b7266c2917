"""Where things live: the store (--db > TALKS_DB > the user's app directory)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "talks"
DB_ENV = "TALKS_DB"
DEBUG_ENV = "TALKS_DEBUG"


def default_db_path() -> Path:
    """The store used when neither --db nor TALKS_DB says otherwise."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "talks.db"


def db_path(explicit: Path | None = None) -> Path:
    """The store path: the --db option, else TALKS_DB, else the app directory."""
    if explicit is not None:
        return explicit
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env)
    return default_db_path()


def debug() -> bool:
    """True when TALKS_DEBUG asks for tracebacks instead of one-line errors."""
    return os.environ.get(DEBUG_ENV, "") not in ("", "0", "false", "no")
