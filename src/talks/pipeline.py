"""The end-to-end run: input files → articles → extracted records → the store.

Reading and extraction (`talks.work.do_unit`, a pure function) run here or in
worker processes (`jobs`); one writer, this process, stores what comes back in
order of completion. Each article lands with its quotes and positions under its
own savepoint; articles are committed in small batches so a long run is fast and
an interrupted one keeps everything committed before the interruption, and
nothing half-written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import BinaryIO

from talks import limits as limits_mod
from talks.errors import InputError, StoreError
from talks.inputs import Inputs, expand, kind
from talks.lexicon import Lexicon
from talks.limits import Limits
from talks.models import Article
from talks.readers import require_web
from talks.store import CACHE_KIB, Store
from talks.work import (
    Result,
    Settings,
    Unit,
    code_fingerprint,
    digest_of,
    do_unit,
    lexicon_fingerprint,
    plan,
    where,
)
from talks.work import fingerprint as fingerprint

BATCH_FILES = 200
BATCH_SECONDS = 1.0
POOL_MIN_FILES = 64  # fewer files than this are done here: starting workers costs more
IN_FLIGHT_PER_JOB = 4  # units queued per worker: keeps workers busy, memory bounded
WRITER_CACHE_KIB = 16384  # SQLite's page cache while ingesting (the rest of the time 2 MB)


@dataclass
class IngestSummary:
    """What one `ingest` run did, by article; `failed` counts inputs and records,
    `skipped` the articles the relevance prefilter turned away."""

    new: int = 0
    unchanged: int = 0
    updated: int = 0
    failed: int = 0
    files: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)  # one line each: "file: problem"
    warnings: list[str] = field(default_factory=list)
    stopped: str | None = None  # why the run stopped before its end (a store problem)

    @property
    def ok(self) -> bool:
        return self.failed == 0 and self.stopped is None

    def line(self) -> str:
        line = (
            f"{self.files} file(s): {self.new} new, {self.unchanged} unchanged, "
            f"{self.updated} updated, {self.failed} failed"
        )
        if self.skipped:
            line += f", {self.skipped} skipped (not about the negotiations; --all keeps them)"
        if self.stopped:
            line += "; stopped early"
        return line

    def add(self, result: Result) -> None:
        self.failed += len(result.errors)
        self.errors.extend(result.errors)
        self.warnings.extend(result.warnings)
        self.skipped += result.skipped
        self.unchanged += result.unchanged


@dataclass(frozen=True)
class Progress:
    """Where a run is, for a progress display: articles (archive and JSON Lines
    records included) finished so far, whatever became of them (stored, unchanged,
    skipped or failed), and input files finished. `articles_total` is known only
    when every input is one article; archives and JSON Lines files are not read
    twice to count their records, so then it is None (show a running count)."""

    articles: int
    files: int
    files_total: int
    articles_total: int | None


def countable(items: Iterable[Path | str]) -> bool:
    """True when every item is one article (no stdin, JSON Lines or web archive)."""
    if isinstance(items, Inputs):
        return items.countable
    return not {kind(i) for i in items} & {"stdin", "jsonl", "warc"}


def check_inputs(items: Iterable[Path | str]) -> None:
    """UsageError before anything is read when web inputs need the missing extra."""
    kinds = items.kinds if isinstance(items, Inputs) else {kind(i) for i in items}
    if "warc" in kinds:
        require_web("web archives (.warc, .warc.gz)")
    if "html" in kinds:
        require_web("web pages (.html, .htm)")


def describe_lexicon(files: Sequence[str | Path]) -> str:
    """How a lexicon was made, for messages: "shipped" or "shipped + a.yaml + b.yaml"."""
    return " + ".join(["shipped", *(str(f) for f in files)])


def ingest_paths(
    store: Store,
    paths: Sequence[str | Path],
    *,
    lexicon: Lexicon,
    date: dt.date | None = None,
    progress: Callable[[Progress], None] | None = None,
    stdin: BinaryIO | Callable[[], bytes] | None = None,
    jobs: int = 1,
    everything: bool = False,
    lexicon_files: Sequence[str | Path] = (),
    reextract: bool = False,
    limits: Limits | None = None,
) -> IngestSummary:
    """Ingest files and directories into `store`; returns the summary.

    `jobs` > 1 reads and extracts in that many worker processes (for runs of more
    than a few files); the store is the same whatever `jobs` is. `everything`
    turns the relevance prefilter off. Raises UsageError for missing paths and
    InputError when a directory holds no articles (before anything is written).
    Problems with single files or records are collected in the summary; every
    good article is stored.

    The store remembers the lexicon it was built with (`lexicon_files` name its
    user files). An unchanged file whose records came from another lexicon keeps
    them, with a warning, unless `reextract` asks to extract it again (which also
    makes this run's lexicon the store's).

    `progress` is called after every finished unit of work (a few files or
    records) with a `Progress`.

    `limits` bound what one input may cost (default: the current ones, with
    $TALKS_LIMITS). A store that cannot be written (full disk, read-only, locked)
    stops the run: `summary.stopped` says why, and everything committed before is
    kept. Articles are committed in batches, also within one JSON Lines file or
    archive, so an interrupted run keeps every batch committed before it.

    `stdin` is what "-" in `paths` reads: a binary stream (JSON Lines on it are
    read record by record, committed in batches like a file's; one article is read
    whole, up to the file limit) or a function returning its bytes.
    """
    limits = limits or limits_mod.current()
    with limits_mod.using(limits):
        return _ingest(
            store,
            paths,
            lexicon,
            date,
            progress,
            stdin,
            jobs,
            everything,
            lexicon_files,
            reextract,
            limits,
        )


def _ingest(
    store: Store,
    paths: Sequence[str | Path],
    lexicon: Lexicon,
    date: dt.date | None,
    progress: Callable[[Progress], None] | None,
    stdin: BinaryIO | Callable[[], bytes] | None,
    jobs: int,
    everything: bool,
    lexicon_files: Sequence[str | Path],
    reextract: bool,
    limits: Limits,
) -> IngestSummary:
    items = expand(paths)  # counted now, listed as the run takes them
    check_inputs(items)
    summary = IngestSummary(files=items.files)
    lex_fp = lexicon_fingerprint(lexicon)
    try:
        built = store.get_meta("lexicon")
        if built is None or reextract:
            store.set_meta("lexicon", lex_fp)
            store.set_meta("lexicon_files", describe_lexicon(lexicon_files))
    except StoreError as exc:
        summary.stopped = str(exc)
        return summary
    kept = 0
    settings = Settings(
        lexicon=lexicon,
        date=date,
        everything=everything,
        store=None if str(store.path) == ":memory:" else str(store.path),
        limits=limits,
    )
    units = plan(items, stdin=_stdin_stream(stdin) if "stdin" in items.kinds else None)
    pooled = jobs > 1 and (items.files >= POOL_MIN_FILES or "warc" in items.kinds)
    if pooled:
        results = _pooled(units, settings, jobs)
    else:
        # In this process the writer's own connection tells unchanged articles; a
        # second, read-only one would keep the WAL from being checkpointed on close.
        def known(article: Article, digest: str) -> bool:
            row = store.stored(article)
            return row is not None and row[0] == digest

        results = _here(units, replace(settings, store=None), known)
    done = articles = 0
    total = items.files if items.countable else None
    pending = 0
    last_commit = time.monotonic()
    # The pages the inserts touch (tables, indexes, full-text index) in a bounded
    # cache, the same for a new store and an existing one.
    store.cache(WRITER_CACHE_KIB)
    try:
        for result in results:
            summary.add(result)
            for e in result.extracted:
                row = store.stored(e.article)
                status = "new" if row is None else "updated"
                if row is not None and row[0] == e.digest:
                    summary.unchanged += 1
                    continue
                if (
                    row is not None
                    and not reextract
                    and row[1] not in (None, lex_fp)
                    and row[0] == digest_of(e.article, code_fingerprint(row[1] or ""))
                ):  # the same content, extracted with another lexicon: kept
                    summary.unchanged += 1
                    kept += 1
                    continue
                store.begin()
                store.put(
                    e.article, e.quotes, e.positions, digest=e.digest, lexicon=lex_fp, rows=e.rows
                )
                pending += 1
                if status == "new":
                    summary.new += 1
                else:
                    summary.updated += 1
                if pending >= BATCH_FILES:
                    store.commit()
                    pending = 0
                    last_commit = time.monotonic()
            if pending and time.monotonic() - last_commit >= BATCH_SECONDS:
                store.commit()
                pending = 0
                last_commit = time.monotonic()
            done += result.files_done
            articles += result.records
            if progress is not None:
                progress(Progress(articles, done, items.files, total))
    except StoreError as exc:
        summary.stopped = str(exc)
    finally:
        # Whole articles only (each one is written under a savepoint), so what is
        # pending is committed whether the run ended or was interrupted.
        try:
            store.commit()
            if summary.new or summary.updated:  # roles and aliases, for other tools
                store.describe_speakers(lexicon.speakers)
        except StoreError as exc:
            summary.stopped = summary.stopped or str(exc)
        store.cache(CACHE_KIB)
    if built is not None and built != lex_fp and not reextract:
        summary.warnings.append(
            f"this store was built with lexicon {built} "
            f"({store.get_meta('lexicon_files') or 'shipped'}); this run used {lex_fp} "
            f"({describe_lexicon(lexicon_files)}): {kept} unchanged article(s) kept their "
            "records; pass the same --lexicon files, or --reextract to extract again "
            "with this one"
        )
    return summary


def _stdin_stream(
    stdin: BinaryIO | Callable[[], bytes] | None,
) -> BinaryIO | InputError | None:
    if stdin is None or not callable(stdin):
        return stdin
    try:
        return io.BytesIO(stdin())
    except InputError as exc:  # over the size limit
        return exc


def _here(
    units: Iterable[Unit | InputError],
    settings: Settings,
    known: Callable[[Article, str], bool],
) -> Iterator[Result]:
    for unit in units:
        if isinstance(unit, InputError):
            yield Result(errors=[str(unit)])
        else:
            yield do_unit(unit, settings, known=known)


# --- worker processes -------------------------------------------------------------

_settings: Settings | None = None


def _init_worker(settings: Settings, writer: Connection) -> None:
    global _settings
    _settings = settings
    # Ctrl-C is the writer's to handle: it stops sending work and commits what it has.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(writer,), name="writer-watch", daemon=True).start()


def _exit_with(writer: Connection) -> None:
    """Wait for the writer's end of the pipe to close, then leave at once.

    The writer holds the only write end; the kernel closes it when the writer
    exits, however it dies (SIGKILL included). Without this, a worker whose writer
    was killed would wait forever for work on a queue it holds both ends of, and
    keep the fork server and the resource tracker alive with it (they exit when
    the last worker does)."""
    with contextlib.suppress(EOFError, OSError):
        writer.recv_bytes()  # nothing is ever sent: this returns only at EOF
    os._exit(1)


def _work(unit: Unit) -> Result:
    assert _settings is not None
    result = do_unit(unit, _settings)
    result.extracted = [e.as_rows() for e in result.extracted]  # cheap for the writer
    return result


class _Workers(ProcessPoolExecutor):
    """Worker processes that exit when this process dies, even by SIGKILL.

    forkserver: workers start from a clean server that has imported talks once,
    not from a fork of this process and whatever threads it runs (progress bar).
    The server, not this process, is the workers' parent, so a parent-death
    signal (prctl) would watch the wrong process; instead each worker gets the
    read end of a pipe whose write end stays here (`_exit_with`)."""

    def __init__(self, settings: Settings, jobs: int) -> None:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["talks.work"])
        self._watched, self._alive = ctx.Pipe(duplex=False)
        super().__init__(
            max_workers=jobs,
            mp_context=ctx,
            initializer=_init_worker,
            initargs=(settings, self._watched),
        )

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        super().shutdown(wait=wait, cancel_futures=cancel_futures)
        # workers still running after shutdown(wait=False) (a broken pool) exit now
        self._alive.close()
        self._watched.close()


def _pooled(units: Iterable[Unit | InputError], settings: Settings, jobs: int) -> Iterator[Result]:
    """Results of `units` done by `jobs` worker processes, in order of completion,
    with at most IN_FLIGHT_PER_JOB units per worker queued (memory stays flat).
    A worker that dies fails the units in flight (reported) and the pool restarts."""
    source = iter(units)
    executor = _Workers(settings, jobs)
    pending: dict[Future[Result], Unit] = {}
    exhausted = False
    try:
        while True:
            while not exhausted and len(pending) < jobs * IN_FLIGHT_PER_JOB:
                unit = next(source, None)
                if unit is None:
                    exhausted = True
                elif isinstance(unit, InputError):
                    yield Result(errors=[str(unit)])
                else:
                    pending[executor.submit(_work, unit)] = unit
            if not pending:
                return
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            broken = False
            for future in finished:
                unit = pending.pop(future)
                try:
                    result = future.result()
                except BrokenProcessPool:
                    broken = True
                    result = Result(
                        errors=[
                            f"{where(i)}: a worker process died while reading it"
                            for i in unit.items
                        ],
                        files_done=unit.files_done,
                    )
                yield result
            if broken:
                for future, unit in list(pending.items()):
                    del pending[future]
                    yield Result(
                        errors=[f"{where(i)}: a worker process died" for i in unit.items],
                        files_done=unit.files_done,
                    )
                executor.shutdown(wait=False, cancel_futures=True)
                executor = _Workers(settings, jobs)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
