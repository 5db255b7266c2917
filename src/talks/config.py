"""Where things live: the store (--db > TALKS_DB > the user's app directory)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

APP_NAME = "talks"
DB_ENV = "TALKS_DB"
DEBUG_ENV = "TALKS_DEBUG"


def default_db_path() -> Path:
    """The store used when neither --db nor TALKS_DB says otherwise."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "talks.db"


def cache_dir() -> Path:
    """Where compiled lexicons are cached (safe to delete at any time)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def db_choice(explicit: Path | None = None) -> tuple[Path, str]:
    """The store path and how it was chosen: "--db", "$TALKS_DB" or "default"."""
    if explicit is not None:
        return explicit, "--db"
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env), f"${DB_ENV}"
    return default_db_path(), "default"


def db_path(explicit: Path | None = None) -> Path:
    """The store path: the --db option, else TALKS_DB, else the app directory."""
    return db_choice(explicit)[0]


def user_lexicon_paths(explicit: Iterable[Path] = ()) -> tuple[Path, ...]:
    """User files: those given on the command line, else `TALKS_LEXICON` (os.pathsep-separated)."""
    paths = tuple(explicit)
    if paths:
        return paths
    env = os.environ.get("TALKS_LEXICON")
    if env:
        return tuple(Path(p) for p in env.split(os.pathsep) if p)
    return ()


def debug() -> bool:
    """True when TALKS_DEBUG asks for tracebacks instead of one-line errors."""
    return os.environ.get(DEBUG_ENV, "") not in ("", "0", "false", "no")
