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

from talks import __version__
from talks.errors import InputError
from talks.extract import extract
from talks.ingest import collect, iter_loaded
from talks.lexicon import Lexicon
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

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def line(self) -> str:
        return (
            f"{self.files} file(s): {self.new} new, {self.unchanged} unchanged, "
            f"{self.updated} updated, {self.failed} failed"
        )


def fingerprint(lexicon: Lexicon) -> str:
    """What the extraction depends on besides the text: code version and lexicon."""
    blob = __version__ + lexicon.model_dump_json()
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def ingest_paths(
    store: Store,
    paths: Sequence[str | Path],
    *,
    lexicon: Lexicon,
    date: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
    stdin: Callable[[], bytes] | None = None,
) -> IngestSummary:
    """Ingest files and directories into `store`; returns the summary.

    Raises UsageError for missing paths and InputError when a directory holds no
    articles (before anything is written). Problems with single files are
    collected in the summary; every good file is stored.
    """
    items = collect(paths)
    summary = IngestSummary(files=len(items))
    fp = fingerprint(lexicon)
    last_commit = time.monotonic()
    pending = 0
    try:
        for done, (_source, loaded) in enumerate(
            iter_loaded(items, lexicon=lexicon, date_override=date, stdin=stdin), start=1
        ):
            if isinstance(loaded, InputError):
                summary.failed += 1
                summary.errors.append(str(loaded))
            else:
                summary.warnings.extend(loaded.warnings)
                summary.failed += len(loaded.errors)
                summary.errors.extend(loaded.errors)
                for article in loaded.articles:
                    digest = hashlib.sha256(
                        (fp + article.model_dump_json(exclude={"text", "path"})).encode("utf-8")
                    ).hexdigest()[:16]
                    status = store.status_of(article, digest)
                    if status == "unchanged":
                        summary.unchanged += 1
                        continue
                    quotes, positions = extract(article, lexicon=lexicon)
                    store.begin()
                    store.put(article, quotes, positions, digest=digest)
                    pending += 1
                    if status == "new":
                        summary.new += 1
                    else:
                        summary.updated += 1
            if pending and (
                pending >= BATCH_FILES or time.monotonic() - last_commit >= BATCH_SECONDS
            ):
                store.commit()
                pending = 0
                last_commit = time.monotonic()
            if progress is not None:
                progress(done, len(items))
    finally:
        # Whole articles only (each one is written under a savepoint), so what is
        # pending is committed whether the run ended or was interrupted.
        store.commit()
    if summary.new or summary.updated:
        store.describe_speakers(lexicon.speakers)  # roles and aliases, for other tools
    return summary
