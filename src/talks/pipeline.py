"""The end-to-end run: input files → articles → extracted records → the store.

Each article lands with its quotes and positions in one transaction; files are
committed in small batches so a long run is fast and an interrupted one keeps
everything committed before the interruption, and nothing half-written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from talks import __version__, config
from talks import limits as limits_mod
from talks.errors import InputError, StoreError
from talks.extract import extract
from talks.ingest import collect, iter_loaded
from talks.lexicon import Lexicon
from talks.limits import Limits
from talks.models import Article
from talks.store import Store

BATCH_FILES = 200
BATCH_SECONDS = 1.0


@dataclass
class IngestSummary:
    """What one `ingest` run did, by article; `failed` counts inputs and records."""

    new: int = 0
    unchanged: int = 0
    updated: int = 0
    failed: int = 0
    files: int = 0
    errors: list[str] = field(default_factory=list)  # one line each: "file: problem"
    warnings: list[str] = field(default_factory=list)
    stopped: str | None = None  # why the run stopped before its end (store problem)

    @property
    def ok(self) -> bool:
        return self.failed == 0 and self.stopped is None

    def line(self) -> str:
        return (
            f"{self.files} file(s): {self.new} new, {self.unchanged} unchanged, "
            f"{self.updated} updated, {self.failed} failed"
            + ("; stopped early" if self.stopped else "")
        )


def fingerprint(lexicon: Lexicon) -> str:
    """What the extraction depends on besides the text: code version and lexicon."""
    blob = __version__ + lexicon.model_dump_json()
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


class _Batches:
    """Commits every BATCH_FILES articles or BATCH_SECONDS, whichever comes first."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.pending = 0
        self.since = time.monotonic()

    def added(self) -> None:
        self.pending += 1
        self.due()

    def due(self) -> None:
        if self.pending and (
            self.pending >= BATCH_FILES or time.monotonic() - self.since >= BATCH_SECONDS
        ):
            self.store.commit()
            self.pending = 0
            self.since = time.monotonic()


def ingest_paths(
    store: Store,
    paths: Sequence[str | Path],
    *,
    lexicon: Lexicon,
    date: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
    stdin: Callable[[], bytes] | None = None,
    limits: Limits | None = None,
) -> IngestSummary:
    """Ingest files and directories into `store`; returns the summary.

    Raises UsageError for missing paths and InputError when a directory holds no
    articles (before anything is written). Problems with single files or records
    are collected in the summary; every good file is stored. A store that cannot
    be written (full disk, read-only, locked) stops the run: `summary.stopped`
    says why, and everything committed before is kept. Articles are committed in
    batches (also within one JSON Lines file), so an interrupted run keeps every
    article of every batch committed before the interruption.
    """
    items = collect(paths)
    summary = IngestSummary(files=len(items))
    fp = fingerprint(lexicon)
    batches = _Batches(store)
    with limits_mod.using(limits or limits_mod.current()):
        try:
            for done, (_source, loaded) in enumerate(
                iter_loaded(items, lexicon=lexicon, date_override=date, stdin=stdin), start=1
            ):
                if isinstance(loaded, InputError):
                    summary.failed += 1
                    summary.errors.append(str(loaded))
                else:
                    for article in loaded.all_articles():
                        _one(store, article, fp, lexicon, summary, batches)
                    summary.warnings.extend(loaded.warnings)
                    summary.failed += len(loaded.errors)
                    summary.errors.extend(loaded.errors)
                batches.due()
                if progress is not None:
                    progress(done, len(items))
        except StoreError as exc:
            summary.stopped = str(exc)
        finally:
            # Whole articles only (each one is written under a savepoint), so what is
            # pending is committed whether the run ended or was interrupted.
            try:
                store.commit()
            except StoreError as exc:
                summary.stopped = summary.stopped or str(exc)
    return summary


def _one(
    store: Store,
    article: Article,
    fp: str,
    lexicon: Lexicon,
    summary: IngestSummary,
    batches: _Batches,
) -> None:
    """Extract and store one article (unless stored unchanged); count it."""
    digest = hashlib.sha256(
        (fp + article.model_dump_json(exclude={"text", "path"})).encode("utf-8")
    ).hexdigest()[:16]
    status = store.status_of(article, digest)
    if status == "unchanged":
        summary.unchanged += 1
        return
    batches.due()  # (not holding the write lock through a long extraction)
    try:
        quotes, positions = extract(article, lexicon=lexicon)
    except Exception as exc:  # a bug must cost one article, not the run
        if config.debug():
            raise
        summary.failed += 1
        summary.errors.append(
            f"{article.path}: {article.article}: extraction failed "
            f"({type(exc).__name__}: {str(exc)[:200]}); this is a bug in talks, please report it"
        )
        return
    store.begin()
    store.put(article, quotes, positions, digest=digest)
    if status == "new":
        summary.new += 1
    else:
        summary.updated += 1
    batches.added()
