"""Opening a store: the connection, its pragmas, migrations and write batches.

`StoreBase` is what every part of `Store` stands on: `db` (autocommit, rows as
`sqlite3.Row`), `path`, and the batch that groups writes into one transaction.
Opening errors and write errors become one-line StoreErrors through `explain`.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Self

import talks.store as _store  # MIGRATIONS is read from the package when applied
from talks.errors import StoreError

PAGE_SIZE = 32768
"""Page size of a new store. An article row (2-4 KB of text plus its fields) fills a
4 KB page alone, leaving the rest empty; nine share a 32 KB page. Existing stores
keep theirs (`VACUUM` in rollback-journal mode after `PRAGMA page_size` changes it)."""


CACHE_KIB = 2000
"""SQLite's page cache per connection, in KiB (SQLite's default, set explicitly: the
cache is sized in pages when it is made, from the default 4 KB page, so a new store
given 32 KB pages got eight times the cache, 16 MB, and an existing one 2 MB).
`Store.cache` sets another bound (the ingest writer's)."""


# How long a writer waits for another one to finish its batch before giving up (ms):
# concurrent ingests into one store queue behind each other's short transactions.
BUSY_TIMEOUT_MS = 60_000


def explain(path: Path, exc: sqlite3.Error) -> StoreError:
    """A one-line StoreError saying what happened to the store and what to do."""
    text = str(exc)
    low = text.lower()
    code = getattr(exc, "sqlite_errorcode", None)
    if code == sqlite3.SQLITE_FULL or "disk is full" in low or "disk full" in low:
        return StoreError(
            f"{path}: the disk is full (or the store reached its size limit); the batch being "
            "written was rolled back and everything committed before it is kept. Free some "
            "space and run the same ingest again: stored files are skipped"
        )
    if "readonly" in low or "read-only" in low or code == getattr(sqlite3, "SQLITE_READONLY", -1):
        return StoreError(
            f"{path}: the store is read-only; make the file and its folder writable, "
            "or use --db to write to another store"
        )
    if "locked" in low or "busy" in low:
        return StoreError(
            f"{path}: the store stayed locked by another program for "
            f"{BUSY_TIMEOUT_MS // 1000} s; try again when it has finished"
        )
    if "unable to open" in low:
        return StoreError(
            f"{path}: cannot open or create the store; check that its folder exists and "
            "is writable, or use --db to pick another path"
        )
    return StoreError(f"{path}: not a usable talks store ({text})")


def _statements(script: str) -> Iterator[str]:
    """The complete SQL statements of `script` (trigger bodies hold semicolons)."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n\t;"):
                yield pending
            pending = ""
    if pending.strip(" \n\t;"):
        yield pending


class StoreBase:
    """The connection to a store at `path` and its batch (see `talks.store.Store`)."""

    def __init__(self, path: Path | str, *, create: bool = True) -> None:
        self.path = Path(path)
        memory = str(path) == ":memory:"
        if not memory and not create and not self.path.is_file():
            raise StoreError(f"{self.path}: no store here")
        if not memory and create:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot create the store's folder: {exc}") from None
        self._in_batch = False
        try:
            if create or memory:
                self.db = sqlite3.connect(str(path), isolation_level=None)
            else:  # mode=rw: opening never creates the file
                uri = self.path.resolve().as_uri() + "?mode=rw"
                self.db = sqlite3.connect(uri, uri=True, isolation_level=None)
        except sqlite3.Error as exc:
            raise explain(self.path, exc) from None
        try:
            self.db.row_factory = sqlite3.Row
            if self.db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] == 0:
                self.db.execute(f"PRAGMA page_size = {PAGE_SIZE}")  # before WAL fixes it
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.cache(CACHE_KIB)
            if str(path) != ":memory:":
                # Readers (queries, ingest workers) never wait for the writer; a
                # read-only store is still readable in its own journal mode.
                with contextlib.suppress(sqlite3.OperationalError):
                    self.db.execute("PRAGMA journal_mode = WAL")
            self._migrate()
            self.db.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as exc:
            self.db.close()
            raise explain(self.path, exc) from None

    # --- lifecycle ------------------------------------------------------------
    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.rollback()
        self.db.close()

    def cache(self, kib: int) -> None:
        """Bound SQLite's page cache of this connection to `kib` KiB (of whatever
        page size the store has); never fails (the bound is only a bound)."""
        with contextlib.suppress(sqlite3.Error):
            self.db.execute(f"PRAGMA cache_size = {-int(kib)}")

    def rollback(self) -> None:
        """Drop the open batch, if any (safe after SQLite rolled it back itself)."""
        self._in_batch = False
        if self.db.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("ROLLBACK")

    def _migrate(self) -> None:
        """Apply the migrations this store has not had, in one transaction (foreign
        keys are off meanwhile, so a migration can rebuild a table)."""
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(_store.MIGRATIONS):
            raise StoreError(
                f"{self.path}: store schema v{version} is newer than this talks "
                f"(v{len(_store.MIGRATIONS)}); upgrade talks"
            )
        if version < len(_store.MIGRATIONS):
            self.db.execute("PRAGMA foreign_keys = OFF")
            # Under the write lock, from the version read inside it: two programs
            # opening a new store at once migrate it once, one after the other.
            self.db.execute("BEGIN IMMEDIATE")
            try:
                version = self.db.execute("PRAGMA user_version").fetchone()[0]
                for number, script in enumerate(_store.MIGRATIONS[version:], start=version + 1):
                    for statement in _statements(script):
                        self.db.execute(statement)
                    self.db.execute(f"PRAGMA user_version = {number}")
                self.db.execute("COMMIT")
            except sqlite3.Error:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise

    # --- writing --------------------------------------------------------------
    def begin(self) -> None:
        """Start a batch: everything until `commit()` lands together or not at all."""
        if not self._in_batch:
            try:
                self.db.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise explain(self.path, exc) from None
            self._in_batch = True

    def commit(self) -> None:
        """Commit the batch; on failure (full disk) it is rolled back and StoreError raised."""
        if self._in_batch:
            try:
                self.db.execute("COMMIT")
            except sqlite3.Error as exc:
                self.rollback()
                raise explain(self.path, exc) from None
            self._in_batch = False

    def get_meta(self, key: str) -> str | None:
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            raise explain(self.path, exc) from None
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        try:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
        except sqlite3.Error as exc:
            raise explain(self.path, exc) from None
