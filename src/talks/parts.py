"""Inputs cut into partitions for a cluster, without listing every record on the client.

`talks extract` never hands Dask single records. Plain files go in groups (their
paths only). Each web archive or JSON Lines file is first cut on a worker, in one
streaming pass, into `Records` ranges of a few hundred records: byte offsets of
their first record and of the next range's, nothing per record. The client holds
those ranges; the worker doing a range reads it again record by record and does
the same units of work as `talks ingest` (`talks.work.plan` and `do_unit`), so
the records are the same whatever the cut.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from talks.errors import InputError
from talks.ingest import STDIN, read_index
from talks.jsonl import Chunk
from talks.readers import kind_of
from talks.work import RECORDS_PER_UNIT, LinesItem, RecordItem, Unit, plan

FILES_PER_PART = 128
UNITS_PER_PART = 16  # units of 16 web-archive records or JSON Lines records each


@dataclass(frozen=True)
class Files:
    """Plain files (one article each) done together."""

    paths: tuple[str, ...]


@dataclass(frozen=True)
class Records:
    """The records of a web archive or JSON Lines file that start in [start, end)
    (end None: to the end of the file)."""

    path: str
    start: int
    end: int | None
    first_line: int = 1  # JSON Lines: the number of the line at `start`
    # Web archives: how often URLs recurring in the range were met before `start`
    # (a repeated URL is named url#2, url#3 ... as the whole scan names it).
    prior: tuple[tuple[str, int], ...] = ()
    whole: Chunk | None = None  # a JSON Lines file read whole (UTF-16 text)


Part = Files | Records


def is_archive(item: Path | str) -> bool:
    """A file of many records (cut on a worker) rather than one article."""
    return item != STDIN and (kind_of(item) == "warc" or str(item).lower().endswith(".jsonl"))


def group_files(
    items: Sequence[Path | str], per_part: int = FILES_PER_PART
) -> tuple[list[Files], list[str]]:
    """The plain files among `items` in groups of `per_part`, and the problems with
    the metadata indexes beside them (each folder's index read once, here)."""
    paths = [str(i) for i in items if i != STDIN and not is_archive(i)]
    errors: list[str] = []
    for folder in dict.fromkeys(Path(p).parent for p in paths):
        try:
            read_index(folder)
        except InputError as exc:
            errors.append(str(exc))
    groups = [Files(tuple(paths[i : i + per_part])) for i in range(0, len(paths), per_part)]
    return groups, errors


def cut(path: str, units_per_part: int = UNITS_PER_PART) -> tuple[list[Records], list[str]]:
    """The ranges of the archive or JSON Lines file at `path`, `units_per_part` units of
    work each, and its problems (broken records, over-limit lines), from one scan."""
    parts: list[Records] = []
    errors: list[str] = []
    group: list[Unit] = []

    def close() -> None:
        first, last = group[0].items[0], group[-1].items[-1]
        if isinstance(first, LinesItem) and isinstance(last, LinesItem):
            chunk = first.chunk
            if chunk.end < 0:
                parts.append(Records(path, 0, None, whole=chunk))
            else:
                parts.append(Records(path, chunk.start, last.chunk.end, chunk.first_line))
        elif isinstance(first, RecordItem):
            if parts and parts[-1].end is None and parts[-1].whole is None:
                parts[-1] = replace(parts[-1], end=_offset(first))
            parts.append(Records(path, _offset(first), None, prior=_prior(group)))
        group.clear()

    for unit in plan([Path(path)]):
        if isinstance(unit, InputError):
            errors.append(str(unit))
        elif unit.items:
            group.append(unit)
            if len(group) >= units_per_part:
                close()
    if group:
        close()
    return parts, errors


def _offset(item: RecordItem) -> int:
    offset = getattr(item.ref, "offset", None)
    assert isinstance(offset, int)
    return offset


def _prior(group: Sequence[Unit]) -> tuple[tuple[str, int], ...]:
    """For each URL of the range that the scan had met before it: how often."""
    prior: dict[str, int] = {}
    met: set[str] = set()
    for unit in group:
        for item in unit.items:
            ref = item.ref if isinstance(item, RecordItem) else None
            url, name = getattr(ref, "url", ""), getattr(ref, "name", "")
            if url in met:
                continue
            met.add(url)
            if name != url and name.startswith(url + "#"):
                prior[url] = int(name[len(url) + 1 :]) - 1
    return tuple(sorted(prior.items()))


def units(part: Part) -> Iterator[Unit]:
    """The units of work of one part, read on the worker that does it. Problems of
    the scan itself were reported when the part was cut (or, for files, the
    metadata indexes, when they were grouped) and are not repeated here."""
    if isinstance(part, Files):
        for unit in plan([Path(p) for p in part.paths]):
            if isinstance(unit, Unit):
                yield unit
        return
    if part.whole is not None:
        yield Unit((LinesItem(part.whole),))
        return
    if kind_of(part.path) == "warc":
        from talks.readers.warc import scan

        batch: list[RecordItem] = []
        for ref in scan(part.path, start=part.start, end=part.end, seen=dict(part.prior)):
            if isinstance(ref, InputError):
                continue
            batch.append(RecordItem(ref))
            if len(batch) >= RECORDS_PER_UNIT:
                yield Unit(tuple(batch))
                batch = []
        if batch:
            yield Unit(tuple(batch))
        return
    from talks import jsonl

    for chunk in jsonl.scan(
        Path(part.path), start=part.start, end=part.end, first_line=part.first_line
    ):
        if isinstance(chunk, Chunk):
            yield Unit((LinesItem(chunk),))
