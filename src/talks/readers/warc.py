"""Web archives (.warc, .warc.gz) → the HTML pages they hold, record by record.

An archive is never loaded whole. `scan` streams through it once and yields a
`RecordRef` (byte offset, URL, crawl time) for every HTML response record; a
record that cannot be parsed is reported as an InputError with its byte offset
and the scan picks up again at the next record (the next gzip member, or the next
`WARC/1.` header), so one broken record costs one record. `read_page` later seeks
to one offset and reads that record's payload: the slow part (HTML extraction)
can then run in any process that sees the file.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from talks.errors import InputError
from talks.limits import current, file_kind

_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."
_HTML_TYPES = ("text/html", "application/xhtml")
_SEARCH_BLOCK = 1 << 20


@dataclass(frozen=True)
class RecordRef:
    """Where one HTML response record starts in an archive, and what it says it is."""

    path: str
    offset: int
    url: str
    crawled: dt.datetime | None
    name: str  # the article name: the URL (with #2, #3 ... when the archive repeats it)


# warcio reports garbage with whatever exception its parser meets first
# (ArchiveLoadFailed, zlib.error, EOFError, but also AttributeError on a header it
# cannot read): any exception while parsing one record means that record is broken.
_BROKEN = (Exception,)


def _crawl_time(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def _is_html(record: Any) -> bool:
    if record.rec_type not in ("response", "resource"):
        return False
    headers = record.http_headers
    ctype = headers.get_header("Content-Type") if headers is not None else None
    if ctype is None:
        ctype = record.rec_headers.get_header("Content-Type") or ""
        if record.rec_type == "response":  # the WARC's type is application/http here
            return False
    return ctype.split(";")[0].strip().lower().startswith(_HTML_TYPES)


def _find(fh: IO[bytes], magic: bytes, start: int) -> int | None:
    """The offset of the next `magic` at or after `start`, reading in blocks."""
    fh.seek(start)
    carry = b""
    base = start
    while True:
        block = fh.read(_SEARCH_BLOCK)
        if not block:
            return None
        data = carry + block
        hit = data.find(magic)
        if hit >= 0:
            return base - len(carry) + hit
        carry = data[-(len(magic) - 1) :]
        base += len(block)


def scan(
    path: str, *, start: int = 0, end: int | None = None, seen: dict[str, int] | None = None
) -> Iterator[RecordRef | InputError]:
    """Every HTML response record of the archive at `path`, in order; broken
    stretches as InputError (once per stretch), after which the scan goes on.

    With `start` (the offset of a record) and `end`, only the records starting in
    [start, end): a range an earlier scan found (`talks extract` hands such ranges
    to its workers). `seen` counts the URLs met before `start` that recur in the
    range, so that repeats are named as a whole scan names them (#2, #3 ...)."""
    from warcio.archiveiterator import ArchiveIterator

    gz = path.lower().endswith(".gz")
    magic = _GZIP_MAGIC if gz else _WARC_MAGIC
    seen = dict(seen or {})
    try:
        kind = file_kind(os.stat(path).st_mode)
        if kind is not None:  # a FIFO would block the open, a device never end
            yield InputError(f"{path}: {kind}, not a file; skipped")
            return
        fh = open(path, "rb")  # noqa: SIM115 - closed in finally, the generator may pause
    except OSError as exc:
        yield InputError(f"{path}: cannot read: {exc.strerror or exc}")
        return
    try:
        pos = start
        broken = False  # inside a broken stretch: report it once
        while end is None or pos < end:
            fh.seek(pos)
            last: int | None = None
            it = ArchiveIterator(fh, check_digests=False)
            try:
                for record in it:
                    last = it.get_record_offset()  # absolute: warcio asks the file
                    if end is not None and last >= end:
                        return
                    broken = False
                    if not _is_html(record):
                        continue
                    url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip("<> ")
                    crawled = _crawl_time(record.rec_headers.get_header("WARC-Date"))
                    if not url:
                        url = f"{path}@{last}"
                    seen[url] = seen.get(url, 0) + 1
                    name = url if seen[url] == 1 else f"{url}#{seen[url]}"
                    yield RecordRef(path, last, url, crawled, name)
                return
            except _BROKEN as exc:
                # Where the broken record starts: here, or where the last good one ended.
                ended = getattr(it, "offset", None)
                at = (
                    pos
                    if last is None
                    else ended
                    if isinstance(ended, int) and ended > last
                    else last + 1
                )
                if not broken:
                    broken = True
                    yield InputError(f"{path}: broken record at byte {at}: {_reason(exc)}; skipped")
                nxt = _find(fh, magic, at + 1)
                if nxt is None:
                    return
                pos = nxt
    finally:
        fh.close()


def _reason(exc: BaseException) -> str:
    """The parser's complaint on one line, binary garbage shown as one '…'."""
    text = re.sub(r"[^ -~]+", "…", " ".join(str(exc).split()))
    if "…" in text:  # "Invalid WARC record, first line: <bytes>"
        text = text.split(": ")[0] + ": unreadable bytes"
    return (text[:100] + "…") if len(text) > 100 else (text or type(exc).__name__)


def read_page(ref: RecordRef) -> bytes:
    """The HTTP payload (the page's bytes, content-encoding undone) of one record."""
    from warcio.archiveiterator import ArchiveIterator

    where = f"{ref.path}: record at byte {ref.offset}"
    limit = current().record_bytes
    try:
        with open(ref.path, "rb") as fh:
            fh.seek(ref.offset)
            record = next(iter(ArchiveIterator(fh, check_digests=False)))
            payload: bytes = record.content_stream().read(limit + 1)
    except StopIteration:
        raise InputError(f"{where}: no record there") from None
    except _BROKEN as exc:
        raise InputError(f"{where}: broken record: {_reason(exc)}") from None
    if len(payload) > limit:
        raise InputError(
            f"{where}: page over the limit of {limit:,} bytes "
            "(raise it with --limit record_bytes=…)"
        )
    return payload
