"""JSON Lines files read as a stream: one record at a time, each line bounded.

A JSON Lines archive may be far larger than any article, so it is not read whole:
lines are read one by one (at most `record_bytes` each; a longer line is reported
and skipped up to its end), each decoded and parsed on its own, and each good
record becomes an article as the pipeline asks for it. Memory stays that of one
record. For a run, `scan` cuts a file into `Chunk`s of a few records (byte ranges
found by one streaming pass), which the pipeline hands out as units of work like
web-archive records: the writer commits a long file's articles in batches, and
`--jobs` spreads one big file over the workers.

A file that starts with a UTF-16 byte-order mark is not line-addressable as bytes;
it is read whole (under the file limit) by `ingest.load_bytes` instead.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from talks import limits as limits_mod
from talks.errors import InputError
from talks.ingest import STDIN, Loaded, article_id, build_article, json_record, unexpected
from talks.lexicon import Lexicon
from talks.limits import file_kind, shown
from talks.models import Article


def open_stream(path: Path) -> int:
    """A descriptor on the regular file at `path`; FIFOs and devices refused by type."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError(f"{shown(path)}: file not found") from None
    except OSError as exc:
        raise InputError(f"{shown(path)}: cannot read: {exc.strerror or exc}") from None
    kind = file_kind(os.fstat(fd).st_mode)
    if kind is not None:
        os.close(fd)
        raise InputError(f"{shown(path)}: {kind}, not a file; skipped")
    return fd


def lines(fd: int, *, source: str, limit: int) -> Iterator[tuple[int, bytes | InputError]]:
    """(line number, bytes of the line without its newline) or (line number, error) for
    a line over `limit` bytes. Closes `fd` when done."""
    with os.fdopen(fd, "rb", buffering=1 << 16) as f:
        lineno = 0
        while True:
            line = f.readline(limit + 1)
            if not line:
                return
            lineno += 1
            if len(line) > limit and not line.endswith(b"\n"):
                size = len(line)
                while not line.endswith(b"\n"):  # skip the rest of the line, in pieces
                    line = f.readline(1 << 20)
                    if not line:
                        break
                    size += len(line)
                yield (
                    lineno,
                    InputError(
                        f"{source}:{lineno}: record of {size:,}+ bytes, over the limit of "
                        f"{limit:,} (raise it with --limit record_bytes=…)"
                    ),
                )
                continue
            yield lineno, line.rstrip(b"\r\n")


RECORDS_PER_CHUNK = 16
BYTES_PER_CHUNK = 4 << 20


@dataclass(frozen=True)
class Chunk:
    """Lines `first_line`.. of the JSON Lines file `path`, bytes [start, end); end -1:
    the whole file, read at once (UTF-16 text, which has no byte-addressable lines).
    `data` holds the lines themselves when they cannot be read again (standard input)."""

    path: str
    start: int
    end: int
    first_line: int
    name: str  # the file's name, for records without an id
    data: bytes | None = None


class _Readline(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


def scan(
    path: Path, *, start: int = 0, end: int | None = None, first_line: int = 1
) -> Iterator[Chunk | InputError]:
    """The chunks of a JSON Lines file, and an InputError for each line over the
    record limit (skipped) or for a file that cannot be read as JSON Lines.

    With `start` (the offset of a line, numbered `first_line`) and `end`, only the
    lines starting in [start, end): a range an earlier scan found (`talks extract`
    hands such ranges to its workers); the same lines give the same chunks."""
    source = shown(path)
    try:
        fd = open_stream(path)
    except InputError as exc:
        yield exc
        return
    try:
        head = os.pread(fd, 8192, 0)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: read whole, as one chunk
            os.close(fd)
            yield Chunk(source, 0, -1, 1, shown(path.name))
            return
        with os.fdopen(fd, "rb", buffering=1 << 16) as f:
            if b"\x00" in head and not _has_record(head):
                # (a NUL inside one record of a JSON Lines file costs that record only)
                yield InputError(f"{source}: binary file, not text")
                return
            if start or end is not None:
                f.seek(start)
                yield from _chunks(
                    f, source, shown(path.name), keep=False, at=(start, first_line - 1), end=end
                )
            else:
                yield from _chunks(f, source, shown(path.name), keep=False)
    except OSError as exc:
        yield InputError(f"{source}: cannot read: {exc.strerror or exc}")


def _has_record(head: bytes) -> bool:
    """Whether a line of the file's first bytes starts like a JSON Lines record."""
    return any(
        line.lstrip().removeprefix(b"\xef\xbb\xbf").startswith(b"{") for line in head.split(b"\n")
    )


def scan_stream(
    stream: _Readline, *, source: str, name: str, head: Sequence[bytes] = ()
) -> Iterator[Chunk | InputError]:
    """The chunks of JSON Lines read from a stream that cannot be read twice (standard
    input), each holding its lines' bytes: memory stays that of one chunk. `head` is
    what the caller already read of it, as the `readline(record_bytes + 1)` results."""
    replay = list(head)

    class Prefixed:
        def readline(self, size: int = -1, /) -> bytes:
            return replay.pop(0) if replay else stream.readline(size)

    try:
        yield from _chunks(Prefixed(), source, name, keep=True)
    except OSError as exc:
        yield InputError(f"{source}: cannot read: {exc.strerror or exc}")


def _chunks(
    f: _Readline,
    source: str,
    name: str,
    *,
    keep: bool,
    at: tuple[int, int] | None = None,
    end: int | None = None,
) -> Iterator[Chunk | InputError]:
    """Chunks of the lines of `f` (with their bytes when `keep`); an InputError for each
    line over the record limit, read to its end in pieces and skipped. `at` is (byte
    offset, lines before) where `f` stands when a range is read; `end` where it stops."""
    limit = limits_mod.current().record_bytes
    records = 0
    start = first = pos = count = 0
    lineno = 0
    if at is not None:
        start = first = pos = at[0]
        lineno = at[1]
    parts: list[bytes] = []

    def chunk() -> Chunk:
        data = b"".join(parts) if keep else None
        parts.clear()
        return Chunk(source, start, pos, first, name, data)

    while end is None or pos < end:
        line = f.readline(limit + 1)
        if not line:
            break
        lineno += 1
        if len(line) > limit and not line.endswith(b"\n"):
            if count:
                yield chunk()
                count = 0
            size = len(line)
            while not line.endswith(b"\n"):
                line = f.readline(1 << 20)
                if not line:
                    break
                size += len(line)
            pos += size
            records += 1
            yield InputError(
                f"{source}:{lineno}: record of {size:,} bytes, over the limit of "
                f"{limit:,} (raise it with --limit record_bytes=…)"
            )
            continue
        if not count:
            start, first = pos, lineno
            parts.clear()
        pos += len(line)
        if keep:
            parts.append(line)
        if line.strip():
            count += 1
            records += 1
        if count >= RECORDS_PER_CHUNK or pos - start >= BYTES_PER_CHUNK:
            yield chunk()
            count = 0
    if count:
        yield chunk()
    if not records and at is None:
        yield InputError(f"{source}: no JSON Lines records")


def read_chunk(chunk: Chunk, *, lexicon: Lexicon, date_override: dt.date | None) -> Loaded:
    """The articles of one chunk (its errors and warnings in the Loaded)."""
    if chunk.end < 0:
        from talks.ingest import load_bytes

        raw = limits_mod.read_file(Path(chunk.path))
        return load_bytes(
            raw,
            name=chunk.name,
            path=chunk.path,
            lexicon=lexicon,
            date_override=date_override,
            jsonl=True,
        )
    out = Loaded()
    if chunk.data is not None:
        return _read_data(chunk, chunk.data, lexicon, date_override, out)
    try:
        fd = open_stream(Path(chunk.path))
    except InputError as exc:
        out.errors.append(str(exc))
        return out
    try:
        os.lseek(fd, chunk.start, os.SEEK_SET)
        data = b""
        while len(data) < chunk.end - chunk.start:
            piece = os.read(fd, chunk.end - chunk.start - len(data))
            if not piece:
                break
            data += piece
    finally:
        os.close(fd)
    return _read_data(chunk, data, lexicon, date_override, out)


def _read_data(
    chunk: Chunk, data: bytes, lexicon: Lexicon, date_override: dt.date | None, out: Loaded
) -> Loaded:
    numbered = (
        (chunk.first_line + i, line.rstrip(b"\r")) for i, line in enumerate(data.split(b"\n"))
    )
    out.articles = list(_records(numbered, chunk.path, chunk.name, lexicon, date_override, out))
    return out


def _decode_line(raw: bytes, lineno: int) -> tuple[str, str]:
    if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "cp1252"


def stream(
    path: Path,
    *,
    name: str,
    lexicon: Lexicon,
    date_override: dt.date | None,
    out: Loaded,
) -> Iterator[Article]:
    """The articles of a JSON Lines file, one by one; problems go to `out.errors` (one
    per bad record, naming file and line) and `out.warnings` as they are met."""
    source = shown(path)
    limits = limits_mod.current()
    try:
        fd = open_stream(path)
    except InputError as exc:
        out.errors.append(str(exc))
        return
    try:
        yield from _articles(fd, source, name, lexicon, date_override, out, limits)
    except OSError as exc:
        out.errors.append(f"{source}: cannot read: {exc.strerror or exc}")


def _articles(
    fd: int,
    source: str,
    name: str,
    lexicon: Lexicon,
    date_override: dt.date | None,
    out: Loaded,
    limits: limits_mod.Limits,
) -> Iterator[Article]:
    numbered = lines(fd, source=source, limit=limits.record_bytes)
    if not (yield from _records(numbered, source, name, lexicon, date_override, out)):
        out.errors.append(f"{source}: no JSON Lines records")


def _unnamed(text: str, source: str, name: str, lineno: int) -> str:
    """The name of a record without an id: file and line, or for standard input
    (which has no name and is not read twice) one made from the record's text."""
    return f"stdin-{article_id(text)[:12]}" if source == STDIN else f"{name}:{lineno}"


def _records(
    numbered: Iterable[tuple[int, bytes | InputError]],
    source: str,
    name: str,
    lexicon: Lexicon,
    date_override: dt.date | None,
    out: Loaded,
) -> Generator[Article, None, int]:
    """Articles of numbered lines; returns how many records (non-blank lines) it saw."""
    seen = 0
    warned = False
    for lineno, raw in numbered:
        if isinstance(raw, InputError):
            out.errors.append(str(raw))
            continue
        if not raw.strip():
            continue
        seen += 1
        if b"\x00" in raw:
            out.errors.append(f"{source}:{lineno}: binary data, not a JSON record")
            continue
        line, encoding = _decode_line(raw, lineno)
        if encoding != "utf-8" and not warned:
            warned = True
            out.warnings.append(f"{source}:{lineno}: not valid UTF-8; decoded as cp1252")
        where = f"{source}:{lineno}"
        try:
            record, meta = json_record(line, where)
        except InputError as exc:
            out.errors.append(str(exc))
            continue
        try:
            article = build_article(
                record["text"],
                name=meta.id or _unnamed(record["text"], source, name, lineno),
                path=source,
                lexicon=lexicon,
                meta=meta,
                encoding=encoding,
                warnings=out.warnings[:1] if warned else (),
                date_override=date_override,
            )
        except InputError as exc:
            out.errors.append(str(exc))
            continue
        except Exception as exc:  # a bug must cost one record, not the file
            out.errors.append(str(unexpected(where, exc)))
            continue
        yield article
    return seen
