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

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def line(self) -> str:
        return (
            f"{self.files} file(s): {self.new} new, {self.unchanged} unchanged, "
            f"{self.updated} updated, {self.failed} failed"
        )


def lexicon_fingerprint(lexicon: Lexicon) -> str:
    """A short fingerprint of the lexicon's content (entries, not file layout)."""
    return hashlib.sha256(lexicon.model_dump_json().encode("utf-8")).hexdigest()[:16]


def fingerprint(lexicon: Lexicon) -> str:
    """What the extraction depends on besides the text: code version and lexicon."""
    return _code_fingerprint(lexicon_fingerprint(lexicon))


def _code_fingerprint(lexicon_fp: str) -> str:
    return hashlib.sha256((__version__ + lexicon_fp).encode("utf-8")).hexdigest()[:16]


def _digest(code_fp: str, article: Article) -> str:
    blob = code_fp + article.model_dump_json(exclude={"text", "path"})
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def describe_lexicon(files: Sequence[str | Path]) -> str:
    """How a lexicon was made, for messages: "shipped" or "shipped + a.yaml + b.yaml"."""
    return " + ".join(["shipped", *(str(f) for f in files)])


def ingest_paths(
    store: Store,
    paths: Sequence[str | Path],
    *,
    lexicon: Lexicon,
    date: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
    stdin: Callable[[], bytes] | None = None,
    lexicon_files: Sequence[str | Path] = (),
    reextract: bool = False,
) -> IngestSummary:
    """Ingest files and directories into `store`; returns the summary.

    Raises UsageError for missing paths and InputError when a directory holds no
    articles (before anything is written). Problems with single files are
    collected in the summary; every good file is stored.

    The store remembers the lexicon it was built with (`lexicon_files` name its
    user files). An unchanged file whose records came from another lexicon keeps
    them, with a warning, unless `reextract` asks to extract it again (which also
    makes this run's lexicon the store's).
    """
    items = collect(paths)
    summary = IngestSummary(files=len(items))
    lex_fp = lexicon_fingerprint(lexicon)
    fp = _code_fingerprint(lex_fp)
    built = store.get_meta("lexicon")
    if built is None or reextract:
        store.set_meta("lexicon", lex_fp)
        store.set_meta("lexicon_files", describe_lexicon(lexicon_files))
    kept = 0
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
                    digest = _digest(fp, article)
                    row = store.stored(article)
                    status = "new" if row is None else "updated"
                    if row is not None and row[0] == digest:
                        summary.unchanged += 1
                        continue
                    if (
                        row is not None
                        and row[1] not in (None, lex_fp)
                        and row[0] == _digest(_code_fingerprint(row[1] or ""), article)
                        and not reextract
                    ):  # same content, extracted with another lexicon: kept
                        summary.unchanged += 1
                        kept += 1
                        continue
                    quotes, positions = extract(article, lexicon=lexicon)
                    store.begin()
                    store.put(article, quotes, positions, digest=digest, lexicon=lex_fp)
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
    if built is not None and built != lex_fp and not reextract:
        summary.warnings.append(
            f"this store was built with lexicon {built} "
            f"({store.get_meta('lexicon_files') or 'shipped'}); this run used {lex_fp} "
            f"({describe_lexicon(lexicon_files)}): {kept} unchanged article(s) kept their "
            "records; pass the same --lexicon files, or --reextract to extract again "
            "with this one"
        )
    return summary
