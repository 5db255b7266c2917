"""JSON Lines files read as a stream: one record at a time, each line bounded.

A JSON Lines archive may be far larger than any article, so it is not read whole:
lines are read one by one (at most `record_bytes` each; a longer line is reported
and skipped up to its end), each decoded and parsed on its own, and each good
record becomes an article as the pipeline asks for it. Memory stays that of one
record, and the pipeline can commit the articles of a long file in batches.

A file that starts with a UTF-16 byte-order mark is not line-addressable as bytes;
it is read whole (under the file limit) by `ingest.load_bytes` instead.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

from talks import limits as limits_mod
from talks.errors import InputError
from talks.ingest import Loaded, build_article, json_record, unexpected
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
    seen = 0
    warned = False
    for lineno, raw in lines(fd, source=source, limit=limits.record_bytes):
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
                name=meta.id or f"{name}:{lineno}",
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
    if not seen:
        out.errors.append(f"{source}: no JSON Lines records")
