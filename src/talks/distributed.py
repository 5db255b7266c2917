"""Extraction past one machine: Dask distributed → partitioned Parquet → a store.

`extract_to_parquet` cuts the inputs into parts (`talks.parts`: groups of files,
and byte ranges of web archives and JSON Lines files that workers find by one
streaming scan each, so the client never lists their records), maps the same pure
function as `talks ingest` (`talks.work.do_unit`) over the parts' units as a Dask
bag on a dask.distributed cluster, and has every partition write its own shard of
three Parquet datasets:
OUT/articles/, OUT/quotes/, OUT/positions/ (the JSON contract's fields). Workers
read the inputs and write the output themselves, so both must be on storage every
worker sees. `load_parquet` merges shards into a store, skipping articles it
already has. Dask's own engine does the scheduling; nothing here is a pool.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from talks import parquet
from talks.errors import InputError, UsageError
from talks.inputs import STDIN, collect
from talks.lexicon import Lexicon
from talks.parts import FILES_PER_PART, UNITS_PER_PART, Part, cut, group_files, is_archive, units
from talks.pipeline import IngestSummary, check_inputs
from talks.store import Store
from talks.work import Result, Settings, do_unit, lexicon_fingerprint

BATCH_SECONDS = 1.0


def require_cluster() -> None:
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        raise UsageError(
            "talks extract/load need the cluster extra: pip install 'talks[cluster]'"
        ) from None


@dataclass
class ExtractSummary:
    """What one `extract` run wrote."""

    files: int = 0
    articles: int = 0
    quotes: int = 0
    positions: int = 0
    skipped: int = 0
    failed: int = 0
    shards: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def line(self) -> str:
        line = (
            f"{self.files} file(s): {self.articles} articles, {self.quotes} quotes, "
            f"{self.positions} positions in {self.shards} shard(s), {self.failed} failed"
        )
        if self.skipped:
            line += f", {self.skipped} skipped (not about the negotiations; --all keeps them)"
        return line


def _shard_name(parts: Sequence[Part]) -> str:
    """A name from the partition's inputs: the same inputs rewrite the same shard."""
    h = hashlib.sha256()
    for part in parts:
        h.update(repr(part).encode("utf-8", "surrogatepass") + b"\x00")
    return f"part-{h.hexdigest()[:16]}.parquet"


def _partition(parts: list[Part], settings: Settings, out: str) -> list[dict[str, Any]]:
    """Extract one partition (read on this worker, unit by unit) and write its three
    shards; returns its counts."""
    articles: list[dict[str, Any]] = []
    quotes: list[dict[str, Any]] = []
    positions: list[dict[str, Any]] = []
    total = Result()
    lexicon = lexicon_fingerprint(settings.lexicon)
    for unit in (u for part in parts for u in units(part)):
        result = do_unit(unit, settings)
        total.errors.extend(result.errors)
        total.warnings.extend(result.warnings)
        total.skipped += result.skipped
        for e in result.extracted:
            articles.append({**e.article.model_dump(), "digest": e.digest, "lexicon": lexicon})
            quotes.extend(q.model_dump() for q in e.quotes)
            positions.extend(p.model_dump() for p in e.positions)
    name = _shard_name(parts)
    if parts:
        for table, rows in (("articles", articles), ("quotes", quotes), ("positions", positions)):
            parquet.write(Path(out) / table / name, table, rows)
    return [
        {
            "articles": len(articles),
            "quotes": len(quotes),
            "positions": len(positions),
            "skipped": total.skipped,
            "errors": total.errors,
            "warnings": total.warnings,
            "shards": 1 if parts else 0,
        }
    ]


@contextmanager
def _client(scheduler: str | None) -> Iterator[Any]:
    """A client on `scheduler`, or on a local cluster of one worker process per core."""
    from distributed import Client, LocalCluster

    try:
        if scheduler:
            with Client(scheduler, timeout="30s") as client:
                yield client
            return
        with (
            LocalCluster(
                n_workers=os.cpu_count() or 1,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
    except OSError as exc:  # cannot reach the scheduler
        raise UsageError(f"--scheduler {scheduler}: cannot connect ({exc})") from None


def extract_to_parquet(
    paths: Sequence[str | Path],
    out_dir: Path,
    *,
    lexicon: Lexicon,
    scheduler: str | None = None,
    date: dt.date | None = None,
    everything: bool = False,
    files_per_part: int = FILES_PER_PART,
    units_per_part: int = UNITS_PER_PART,
) -> ExtractSummary:
    """Extract `paths` on a Dask cluster (the one at `scheduler`, else a local one)
    into Parquet shards under `out_dir`; returns what was written. A shard holds at
    most `files_per_part` files or `units_per_part` × 16 records of one archive."""
    require_cluster()
    import dask.bag as db
    from dask.delayed import delayed

    if any(str(p) == STDIN for p in paths):
        raise UsageError("talks extract reads files and folders, not standard input")
    items = collect(paths)
    check_inputs(items)
    summary = ExtractSummary(files=len(items))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"--to {out_dir}: cannot create ({exc.strerror or exc})") from None
    archives = [str(i) for i in items if is_archive(i)]
    settings = Settings(lexicon=lexicon, date=date, everything=everything)
    with _client(scheduler) as client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        # small runs still give every worker a couple of parts
        plain = sum(1 for i in items if not is_archive(i))
        per_part = max(1, min(files_per_part, -(-plain // (2 * workers))))
        files, errors = group_files(items, per_part)
        summary.failed += len(errors)
        summary.errors.extend(errors)
        parts: list[Part] = list(files)
        if archives:  # cut on the workers, one streaming scan per file
            cuts = (
                db.from_sequence(archives, npartitions=len(archives))
                .map(cut, units_per_part)
                .compute()
            )
            for ranges, problems in cuts:
                parts.extend(ranges)
                summary.failed += len(problems)
                summary.errors.extend(problems)
        if not parts:
            return summary
        bag = db.from_sequence(parts, npartitions=len(parts))  # a part per partition
        counts = bag.map_partitions(_partition, delayed(settings), str(out_dir.resolve())).compute()
    for c in counts:
        summary.articles += c["articles"]
        summary.quotes += c["quotes"]
        summary.positions += c["positions"]
        summary.skipped += c["skipped"]
        summary.shards += c["shards"]
        summary.failed += len(c["errors"])
        summary.errors.extend(c["errors"])
        summary.warnings.extend(c["warnings"])
    return summary


def load_parquet(store: Store, out_dir: Path) -> IngestSummary:
    """Merge the shards under `out_dir` (from `extract_to_parquet`) into `store`:
    new articles are added, changed ones replace their source's records, and ones
    the store already has (same digest) are skipped. `files` counts shards."""
    require_cluster()
    shards = sorted((out_dir / "articles").glob("part-*.parquet"))
    if not shards:
        raise InputError(
            f"{out_dir}: no Parquet shards (expected {out_dir}/articles/part-*.parquet)"
        )
    summary = IngestSummary(files=len(shards))
    last_commit = time.monotonic()
    has_lexicon = store.get_meta("lexicon") is not None
    try:
        for shard in shards:
            try:
                rows = parquet.read(shard)
                quotes = parquet.models("quotes", parquet.read(out_dir / "quotes" / shard.name))
                positions = parquet.models(
                    "positions", parquet.read(out_dir / "positions" / shard.name)
                )
                articles = [
                    (parquet.models("articles", [r])[0], str(r["digest"]), r.get("lexicon"))
                    for r in rows
                ]
            except (OSError, ValueError) as exc:
                summary.failed += 1
                summary.errors.append(f"{shard}: cannot read the shard ({_reason(exc)})")
                continue
            by_article: dict[str, tuple[list[Any], list[Any]]] = {}
            for q in quotes:
                by_article.setdefault(q.article_id, ([], []))[0].append(q)
            for p in positions:
                by_article.setdefault(p.article_id, ([], []))[1].append(p)
            for article, digest, lexicon in articles:
                status = store.status_of(article, digest)
                if status == "unchanged":
                    summary.unchanged += 1
                    continue
                qs, ps = by_article.get(article.id, ([], []))
                store.begin()
                store.put(article, qs, ps, digest=digest, lexicon=lexicon)
                if lexicon and not has_lexicon:
                    store.set_meta("lexicon", lexicon)  # as `talks ingest` would have
                    has_lexicon = True
                if status == "new":
                    summary.new += 1
                else:
                    summary.updated += 1
            if time.monotonic() - last_commit >= BATCH_SECONDS:
                store.commit()
                last_commit = time.monotonic()
    finally:
        store.commit()
    return summary


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:160] or type(exc).__name__
