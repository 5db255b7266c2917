"""Shared fixtures: repo paths, an isolated environment, a CLI runner and a store path.

Every test runs with TALKS_DB and TALKS_LEXICON unset and the user's data
directory pointed into the test's tmp dir, so nothing ever touches the real app
directory or picks up a developer's own lexicon. A test that leaves the SIGINT or
SIGTERM handler changed fails (`signals_kept`).
"""

from __future__ import annotations

import contextlib
import signal
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from talks.cli import app

# the shared helper modules' asserts explain their failures as a test's own do
pytest.register_assert_rewrite("extract_helpers")

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "data" / "seeds"
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def _isolated_env(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.delenv("TALKS_DB", raising=False)
    monkeypatch.delenv("TALKS_LEXICON", raising=False)
    monkeypatch.delenv("TALKS_DEBUG", raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))


GUARDED_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def signals_kept() -> Iterator[None]:
    """Fail (pytest.fail) when the block leaves the SIGINT or SIGTERM handler other
    than it found it, after putting it back. A handler left behind changes every
    later test, and an ignored signal is inherited by the children they start: an
    ingest that ignores Ctrl-C runs to the end and exits 0."""
    before = {sig: signal.getsignal(sig) for sig in GUARDED_SIGNALS}
    try:
        yield
    finally:
        changed = {
            sig: now for sig in GUARDED_SIGNALS if (now := signal.getsignal(sig)) != before[sig]
        }
        for sig in changed:
            if (handler := before[sig]) is not None:  # None: set outside Python, left as is
                signal.signal(sig, handler)
    if changed:
        pytest.fail(
            "left the handler changed (restore it, e.g. in a finally): "
            + "; ".join(f"{sig.name} {before[sig]!r} -> {h!r}" for sig, h in changed.items()),
            pytrace=False,
        )


@pytest.fixture(autouse=True)
def _signals_kept() -> Iterator[None]:
    with signals_kept():
        yield


@pytest.fixture
def seeds_dir() -> Path:
    """The five seed articles (with their meta.yaml) shipped in the repo."""
    return SEEDS


@pytest.fixture
def shared_dir() -> Path | None:
    """../shared beside the repo (gold annotations, seeds), or None when absent."""
    return SHARED if SHARED.is_dir() else None


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A store path in a folder that does not exist yet (the store creates it)."""
    return tmp_path / "store" / "talks.db"


Run = Callable[..., Result]


@pytest.fixture
def run(runner: CliRunner) -> Run:
    """`run(*args, input=None, env=None)` invokes `talks` and returns the result.

    An exception that escapes the CLI (anything but a normal exit) is re-raised,
    so a crash can never pass for an expected non-zero exit status.
    """

    def _run(*args: str | Path, input: str | bytes | None = None, env: Any = None) -> Result:
        result = runner.invoke(app, [str(a) for a in args], input=input, env=env)
        exc = result.exception
        if exc is not None and not isinstance(exc, SystemExit):
            raise exc
        return result

    return _run


def sql(db_path: Path, query: str, *params: Any) -> list[tuple[Any, ...]]:
    """Rows from the store read with plain sqlite3 (as any other tool would)."""
    con = sqlite3.connect(str(db_path))
    try:
        return [tuple(r) for r in con.execute(query, params)]
    finally:
        con.close()


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the five seeds, made once per session: treat it as read-only."""
    path = tmp_path_factory.mktemp("seeded") / "talks.db"
    with pytest.MonkeyPatch.context() as mp:
        for name in ("TALKS_DB", "TALKS_LEXICON", "TALKS_DEBUG"):
            mp.delenv(name, raising=False)
        result = CliRunner().invoke(app, ["ingest", str(SEEDS), "--db", str(path)])
    assert result.exit_code == 0, result.stderr
    return path
