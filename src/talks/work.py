"""Units of work and the pure function that does one: inputs → extracted articles.

A run is cut into `Unit`s: a few article files, standard input, or a chunk of
web-archive records (byte offsets found by one streaming scan). `do_unit` reads a
unit, builds its Articles, applies the relevance prefilter, and extracts quotes
and positions: no store writes, no printing, so it runs the same in this process,
in a worker process (`talks ingest --jobs N`) or on a Dask worker (`talks
extract`). Its result is plain data, cheap to pickle back to the one writer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from talks import __version__, jsonl
from talks import limits as limits_mod
from talks.errors import InputError
from talks.extract import extract
from talks.ingest import STDIN, Loaded, Meta, load_bytes, load_path, read_index, unexpected
from talks.jsonl import Chunk
from talks.lexicon import Lexicon
from talks.limits import Limits, read_file, shown
from talks.models import Article, Position, Quote
from talks.readers import kind_of
from talks.relevance import prefilter
from talks.store import RecordRows, record_rows, stored_digest

FILES_PER_UNIT = 8  # small files travel in groups: less per-task overhead
RECORDS_PER_UNIT = 16  # web-archive records per unit


@dataclass(frozen=True)
class FileItem:
    path: str


@dataclass(frozen=True)
class StdinItem:
    raw: bytes


@dataclass(frozen=True)
class RecordItem:
    ref: object  # readers.warc.RecordRef (kept opaque so the web extra stays optional)


@dataclass(frozen=True)
class LinesItem:
    chunk: Chunk  # a few records of a JSON Lines file


Item = FileItem | StdinItem | RecordItem | LinesItem


@dataclass(frozen=True)
class Unit:
    """Items to do together; `files_done` input files are finished when it is."""

    items: tuple[Item, ...]
    files_done: int = 0


@dataclass(frozen=True)
class Settings:
    """Everything a unit's work depends on besides its items (pickled once per worker)."""

    lexicon: Lexicon
    date: dt.date | None = None
    everything: bool = False  # --all: no relevance prefilter
    store: str | None = None  # a store file to skip unchanged articles early (read-only)
    limits: Limits | None = None  # what one input may cost (None: the current limits)


@dataclass
class Extracted:
    article: Article
    digest: str
    quotes: list[Quote]
    positions: list[Position]
    # The records as store rows instead of `quotes` and `positions` (emptied): what
    # a worker process sends the writer, a fraction of the models' unpickling cost.
    rows: RecordRows | None = None

    def as_rows(self) -> Extracted:
        return Extracted(
            self.article,
            self.digest,
            [],
            [],
            record_rows(self.article, self.quotes, self.positions),
        )


@dataclass
class Result:
    """What one unit gave; `unchanged` were already stored with the same digest."""

    extracted: list[Extracted] = field(default_factory=list)
    unchanged: int = 0
    skipped: int = 0  # not about the negotiations (prefilter)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files_done: int = 0

    @property
    def records(self) -> int:
        """Articles (or records) this unit finished, whatever became of them."""
        return len(self.extracted) + self.unchanged + self.skipped + len(self.errors)


def lexicon_fingerprint(lexicon: Lexicon) -> str:
    """A short fingerprint of the lexicon's content (entries, not file layout); the
    store records the one it was built with."""
    return hashlib.sha256(lexicon.model_dump_json().encode("utf-8")).hexdigest()[:16]


def code_fingerprint(lexicon_fp: str) -> str:
    """What the extraction depends on besides the text: code version and lexicon."""
    return hashlib.sha256((__version__ + lexicon_fp).encode("utf-8")).hexdigest()[:16]


def fingerprint(lexicon: Lexicon) -> str:
    """What the extraction depends on besides the text: code version and lexicon."""
    return code_fingerprint(lexicon_fingerprint(lexicon))


def digest_of(article: Article, fp: str) -> str:
    return hashlib.sha256(
        (fp + article.model_dump_json(exclude={"text", "path"})).encode("utf-8")
    ).hexdigest()[:16]


# --- planning ------------------------------------------------------------------


def plan(
    items: Iterable[Path | str], *, stdin: BinaryIO | InputError | None = None
) -> Iterator[Unit | InputError]:
    """The units for `items` (as `inputs.expand` lists them), lazily: items are
    taken, and web archives and JSON Lines files (also on standard input) read
    record by record, as the units are taken. Broken archive records, over-limit
    JSON Lines records and unreadable metadata indexes come out as InputError,
    once each."""
    batch: list[Item] = []
    indexes: set[Path] = set()
    for item in items:
        if item == STDIN:
            if batch:
                yield Unit(tuple(batch), files_done=len(batch))
                batch = []
            if isinstance(stdin, InputError):
                yield stdin
                yield Unit((), files_done=1)
            else:
                yield from _plan_stdin(stdin or io.BytesIO())
            continue
        path = Path(item)
        if kind_of(path) == "warc" or path.suffix.lower() == ".jsonl":
            if batch:
                yield Unit(tuple(batch), files_done=len(batch))
                batch = []
            if kind_of(path) == "warc":
                yield from _plan_archive(str(path))
            else:
                yield from _plan_lines(path)
            continue
        if path.parent not in indexes:
            indexes.add(path.parent)
            try:
                read_index(path.parent)
            except InputError as exc:
                yield exc
        batch.append(FileItem(str(path)))
        if len(batch) >= FILES_PER_UNIT:
            yield Unit(tuple(batch), files_done=len(batch))
            batch = []
    if batch:
        yield Unit(tuple(batch), files_done=len(batch))


def _plan_stdin(stream: BinaryIO) -> Iterator[Unit | InputError]:
    """Standard input is JSON Lines when its first line that is not blank starts with
    "{": then it is read in chunks of records, like a JSON Lines file (memory stays
    that of one chunk, and the writer commits them in batches). Otherwise it is one
    article, read whole up to the file limit."""
    limits = limits_mod.current()
    head: list[bytes] = []
    size = 0
    try:
        while size <= limits.file_bytes:
            line = stream.readline(limits.record_bytes + 1)
            head.append(line)
            size += len(line)
            if not line or line.strip():
                break
        first = head[-1].lstrip().removeprefix(b"\xef\xbb\xbf")
        if first.startswith(b"{"):
            found = jsonl.scan_stream(stream, source=STDIN, name="stdin", head=head)
            yield from _lines_units(found)
            return
        raw = b"".join(head) + stream.read(limits.file_bytes + 1 - size)
    except OSError as exc:
        yield InputError(f"stdin: cannot read: {exc.strerror or exc}")
        yield Unit((), files_done=1)
        return
    if len(raw) > limits.file_bytes:
        yield InputError(
            f"stdin: over the limit of {limits.file_bytes:,} bytes "
            "(raise it with --limit file_bytes=…)"
        )
        yield Unit((), files_done=1)
        return
    yield Unit((StdinItem(raw),), files_done=1)


def _plan_lines(path: Path) -> Iterator[Unit | InputError]:
    return _lines_units(jsonl.scan(path))


def _lines_units(scanned: Iterator[Chunk | InputError]) -> Iterator[Unit | InputError]:
    chunks: list[Item] = []
    for found in scanned:
        if isinstance(found, InputError):
            yield found
            continue
        if chunks:
            yield Unit(tuple(chunks))
        chunks = [LinesItem(found)]
    yield Unit(tuple(chunks), files_done=1)  # the file is done with its last chunk


def _plan_archive(path: str) -> Iterator[Unit | InputError]:
    from talks.readers.warc import scan

    chunk: list[Item] = []
    for found in scan(path):
        if isinstance(found, InputError):
            yield found
            continue
        chunk.append(RecordItem(found))
        if len(chunk) >= RECORDS_PER_UNIT:
            yield Unit(tuple(chunk))
            chunk = []
    yield Unit(tuple(chunk), files_done=1)  # the archive is done with its last chunk


# --- doing ---------------------------------------------------------------------


class _Known:
    """Read-only look-ups in the store: is this article stored with this digest?"""

    def __init__(self, store: str | None) -> None:
        self.db: sqlite3.Connection | None = None
        if store and store != ":memory:" and Path(store).exists():
            try:
                self.db = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=1.0)
            except sqlite3.Error:
                self.db = None

    def unchanged(self, article: Article, digest: str) -> bool:
        if self.db is None:
            return False
        try:
            return stored_digest(self.db, article) == digest
        except sqlite3.Error:  # busy or not a store yet: the writer decides
            return False


_state: dict[int, tuple[Settings, str, _Known]] = {}


def _context(settings: Settings) -> tuple[str, _Known]:
    hit = _state.get(id(settings))
    if hit is not None and hit[0] is settings:
        return hit[1], hit[2]
    _state.clear()
    fp, known = fingerprint(settings.lexicon), _Known(settings.store)
    _state[id(settings)] = (settings, fp, known)
    return fp, known


def _index(path: Path) -> dict[str, Meta]:
    try:
        return read_index(path.parent)
    except InputError:  # reported once when the run was planned
        return {}


def _load(item: Item, settings: Settings) -> Loaded:
    lex = settings.lexicon
    if isinstance(item, StdinItem):
        return load_bytes(
            item.raw,
            name="stdin",
            path=STDIN,
            lexicon=lex,
            date_override=settings.date,
            jsonl=False,  # JSON Lines on stdin come as LinesItems (`_plan_stdin`)
        )
    if isinstance(item, LinesItem):
        return jsonl.read_chunk(item.chunk, lexicon=lex, date_override=settings.date)
    if isinstance(item, RecordItem):
        from talks.readers.warc import RecordRef, read_page

        ref = item.ref
        assert isinstance(ref, RecordRef)
        raw = read_page(ref)
        where = f"{ref.path}: {ref.url}"
        return Loaded(articles=[_page(raw, ref, where, settings)])
    path = Path(item.path)
    if kind_of(path) == "html":
        from talks.readers.html import page_article

        raw = read_file(path)
        article = page_article(
            raw,
            name=shown(path.name),
            path=shown(path),
            lexicon=lex,
            index_meta=_index(path).get(path.name),
            date_override=settings.date,
        )
        return Loaded(articles=[article])
    return load_path(path, lexicon=lex, date_override=settings.date, index=_index(path))


def _page(raw: bytes, ref: object, where: str, settings: Settings) -> Article:
    """An archived page's Article; raises _Skip when the raw page already fails the
    prefilter (then its main text is never extracted: the cheap way out)."""
    from talks.readers.html import decode_page, page_article
    from talks.readers.warc import RecordRef

    assert isinstance(ref, RecordRef)
    markup, encoding = decode_page(raw, where)
    if not settings.everything and not prefilter(settings.lexicon)(markup):
        raise _Skip
    return page_article(
        raw,
        name=ref.name,
        path=ref.path,
        lexicon=settings.lexicon,
        source=where,
        url=ref.url,
        crawled=ref.crawled,
        date_override=settings.date,
        markup=markup,
        encoding=encoding,
    )


def _is_web(item: Item) -> bool:
    return isinstance(item, RecordItem) or (
        isinstance(item, FileItem) and kind_of(item.path) == "html"
    )


def where(item: Item) -> str:
    """How messages name an item."""
    if isinstance(item, FileItem):
        return shown(item.path)
    if isinstance(item, LinesItem):
        return f"{item.chunk.path}:{item.chunk.first_line}"
    if isinstance(item, RecordItem):
        return (
            f"{getattr(item.ref, 'path', '?')}: record at byte {getattr(item.ref, 'offset', '?')}"
        )
    return STDIN


class _Skip(Exception):
    """A page the prefilter turned away before its main text was extracted."""


def do_unit(
    unit: Unit,
    settings: Settings,
    *,
    known: Callable[[Article, str], bool] | None = None,
) -> Result:
    """Read, filter and extract one unit. Never raises for bad input: problems go
    into the result, one line each, and the unit's good articles are kept.
    `known(article, digest)` tells an article already stored unchanged (default:
    a read-only look into `settings.store`); those are counted, not extracted."""
    with limits_mod.using(settings.limits or limits_mod.current()):
        return _do_unit(unit, settings, known)


def _do_unit(
    unit: Unit, settings: Settings, known: Callable[[Article, str], bool] | None
) -> Result:
    fp, side = _context(settings)
    unchanged = known or side.unchanged
    relevant = None if settings.everything else prefilter(settings.lexicon)
    out = Result(files_done=unit.files_done)
    for item in unit.items:
        try:
            loaded = _load(item, settings)
        except _Skip:
            out.skipped += 1
            continue
        except InputError as exc:
            out.errors.append(str(exc))
            continue
        except Exception as exc:
            if _is_web(item):
                out.errors.append(f"{where(item)}: cannot read the page ({type(exc).__name__})")
            else:  # a bug must cost one input, not the run
                out.errors.append(str(unexpected(where(item), exc)))
            continue
        if isinstance(item, FileItem) and shown(item.path) != item.path:
            out.warnings.append(
                f"{shown(item.path)}: file name is not valid UTF-8; stored with \\x escapes"
            )
        for article in loaded.all_articles():
            if relevant is not None and not relevant(article.text):
                out.skipped += 1
                continue
            digest = digest_of(article, fp)
            if unchanged(article, digest):
                out.unchanged += 1
                continue
            try:
                quotes, positions = extract(article, lexicon=settings.lexicon)
            except Exception as exc:  # a bug must cost one article, not the run
                out.errors.append(str(unexpected(f"{article.path}: {article.article}", exc)))
                continue
            out.extracted.append(Extracted(article, digest, quotes, positions))
        out.warnings.extend(loaded.warnings)
        out.errors.extend(loaded.errors)
    return out
