"""Files → Article records: decoding, front matter, metadata index, dates, debris.

The decoded text is kept exactly as it was, front matter and all, so that every
span of every later record indexes into it; what is not article content (front
matter, comment forms, share prompts) is recorded as `noise` spans instead of
being cut out.

The end-to-end run (files → extraction → store) is `talks.pipeline.ingest_paths`.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import hashlib
import io
import itertools
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from dateutil import parser as dateparser

from talks import limits as limits_mod
from talks.errors import InputError
from talks.extract.dates import dateline, filename_date, inferred_date, yearless_dateline
from talks.extract.events import Calendar, calendar
from talks.inputs import ARTICLE_SUFFIXES as ARTICLE_SUFFIXES  # (re-exported)
from talks.inputs import STDIN as STDIN
from talks.inputs import collect as collect
from talks.lexicon import Lexicon
from talks.limits import bad_unicode, load_yaml, read_file, shown
from talks.models import Article, PublishedBasis, Span

INDEX_NAMES = ("meta.yaml", "meta.yml", "meta.csv")


# --- decoding ------------------------------------------------------------------


def decode(raw: bytes, source: str) -> tuple[str, str, list[str]]:
    """Bytes → (text, encoding, warnings). UTF-8 (BOM or not), UTF-16 with BOM;
    anything else is decoded in the encoding charset-normalizer detects (cp1252
    when it cannot tell), with a warning naming it; the encoding is stored. Binary and empty input
    raise InputError."""
    if not raw.strip():
        raise InputError(f"{source}: empty file")
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8"), "utf-8-sig", []
        except UnicodeDecodeError as exc:
            warning = (
                f"{source}: UTF-8 byte-order mark but invalid UTF-8 "
                f"(byte 0x{raw[3 + exc.start]:02x} at offset {3 + exc.start}); decoded as cp1252"
            )
            return raw[3:].decode("cp1252", errors="replace"), "cp1252", [warning]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16", []
        except UnicodeDecodeError as exc:
            raise InputError(f"{source}: broken UTF-16 text ({exc.reason})") from None
    if b"\x00" in raw[:8192]:
        raise InputError(f"{source}: binary file, not text")
    try:
        return raw.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as exc:
        encoding = detect_encoding(raw)
        warning = (
            f"{source}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            f"decoded as {encoding}" + (" (detected)" if encoding != "cp1252" else "")
        )
        return raw.decode(encoding, errors="replace"), encoding, [warning]


def detect_encoding(raw: bytes) -> str:
    """The most likely 8-bit encoding of text that is not UTF-8 (Windows-1251 for
    Russian, KOI8-R, Latin-1, ...), by charset-normalizer's language-aware
    detection; cp1252 when it cannot tell."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a dependency, but decoding must not fail
        return "cp1252"
    import codecs

    best = from_bytes(raw[:200_000]).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return "cp1252"
    try:
        name = codecs.lookup(best.encoding).name
    except LookupError:
        return "cp1252"
    # Short Latin-script text is where detectors guess wildly (cp1250, cp775, ...):
    # trust the guess only for another script (Cyrillic, Greek, ...); Latin text
    # that is valid cp1252, by far the commonest legacy encoding, stays cp1252.
    letters = [c for c in str(best) if c.isalpha()]
    latin = sum(1 for c in letters if c < "\u0250")
    if letters and latin / len(letters) > 0.5:
        try:
            raw.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:
            pass
    return name


# --- metadata ------------------------------------------------------------------


@dataclass(frozen=True)
class Meta:
    """Metadata from front matter, a JSON Lines record or a metadata index."""

    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    id: str | None = None


def _as_date(value: Any, where: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str | int | float) or len(str(value)) > 100:
        raise InputError(f"{where}: not a date: {_short(value)}")
    try:
        # Parsed twice with different defaults: a date missing its day or month
        # ("March 2022", "2022") comes out differently and is not taken as a day.
        a = dateparser.parse(str(value), default=dt.datetime(1901, 1, 1)).date()
        b = dateparser.parse(str(value), default=dt.datetime(1904, 2, 2)).date()
    except (ValueError, OverflowError, TypeError):
        raise InputError(f"{where}: not a date: {_short(value)}") from None
    return a if a == b else None


def _short(value: Any) -> str:
    """A value for a message: its repr, cut short."""
    if isinstance(value, dict | list | tuple | set):
        return f"a {type(value).__name__}"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _meta_from_mapping(data: dict[str, Any], where: str) -> Meta:
    def text(*keys: str) -> str | None:
        for k in keys:
            v = data.get(k)
            if isinstance(v, dict | list | tuple | set):
                raise InputError(f"{where}: '{k}' must be text, not {_short(v)}")
            if isinstance(v, str) and (bad := bad_unicode(v)) is not None:
                raise InputError(
                    f"{where}: '{k}' holds a lone surrogate at character {bad} (not valid Unicode)"
                )
            if v is not None and str(v).strip():
                return str(v).strip()
        return None

    published = data.get("published", data.get("date"))
    return Meta(
        title=text("title"),
        published=_as_date(published, where),
        outlet=text("outlet", "source"),
        url=text("url"),
        id=text("id"),
    )


_FRONT = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")
_FRONT_END = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$\n?", re.M)


def _broken_yaml(exc: yaml.YAMLError, where: str, what: str, *, first_line: int) -> InputError:
    """`where:LINE: broken WHAT: problem` for a YAML error in a block that starts on
    line `first_line` of the file (line 1 when YAML gives no position)."""
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + first_line if mark is not None else 1
    problem = getattr(exc, "problem", None) or "invalid YAML"
    return InputError(f"{where}:{line}: broken {what}: {problem}")


def split_front_matter(text: str, source: str) -> tuple[Meta, int]:
    """(metadata, offset where the body starts); (Meta(), 0) when there is none."""
    if not _FRONT.match(text):
        return Meta(), 0
    end = _FRONT_END.search(text, _FRONT.match(text).end())  # type: ignore[union-attr]
    if end is None:
        raise InputError(f"{source}:1: front matter opened with '---' is never closed")
    block = text[_FRONT.match(text).end() : end.start()]  # type: ignore[union-attr]
    limit = limits_mod.current().front_matter_bytes
    if len(block) > limit:
        raise InputError(
            f"{source}:1: front matter of {len(block):,} characters, over the limit of "
            f"{limit:,} (raise it with --limit front_matter_bytes=…)"
        )
    try:
        data = load_yaml(block)
    except yaml.YAMLError as exc:
        raise _broken_yaml(exc, source, "front matter", first_line=2) from None
    except RecursionError:
        raise InputError(f"{source}:2: broken front matter: nested too deep") from None
    except ValueError as exc:  # e.g. "published: 2022-02-30"
        raise InputError(f"{source}: broken front matter: {exc}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(f"{source}:2: broken front matter: expected 'key: value' lines")
    return _meta_from_mapping(data, f"{source}: front matter"), end.end()


def read_index(directory: Path) -> dict[str, Meta]:
    """The metadata index beside the article files (meta.yaml or meta.csv), by file name."""
    for name in INDEX_NAMES:
        path = directory / name
        if path.is_file():
            return _load_index_cached(path, path.stat().st_mtime_ns)
    return {}


@lru_cache(maxsize=64)
def _load_index_cached(path: Path, _mtime: int) -> dict[str, Meta]:
    limit = limits_mod.current().index_bytes
    try:
        raw = read_file(path, limit=limit, name="index_bytes").decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{shown(path)}: cannot read metadata index: {exc}") from None
    rows: list[tuple[int, Any]] = []
    if path.suffix == ".csv":
        # A field may be as long as the file may be (the csv module's own bound is 128 KB).
        csv.field_size_limit(max(csv.field_size_limit(), limit))
        reader = csv.DictReader(io.StringIO(raw))
        try:
            if not reader.fieldnames or "file" not in reader.fieldnames:
                raise InputError(f"{shown(path)}:1: metadata index needs a 'file' column")
            rows = [(i + 2, dict(r)) for i, r in enumerate(reader)]
        except csv.Error as exc:
            raise InputError(
                f"{shown(path)}:{reader.line_num}: broken metadata index: {exc}"
            ) from None
    else:
        try:
            data = load_yaml(raw)
        except yaml.YAMLError as exc:
            raise _broken_yaml(exc, shown(path), "metadata index", first_line=1) from None
        except ValueError as exc:  # e.g. "published: 2022-02-30"
            raise InputError(f"{shown(path)}: broken metadata index: {exc}") from None
        if isinstance(data, dict):  # {file: {published: ...}}
            keys = _key_lines(raw)
            for k, v in data.items():
                if v is not None and not isinstance(v, dict):
                    line = keys.get(str(k), 1)
                    raise InputError(
                        f"{shown(path)}:{line}: index entry {_short(k)} must be a mapping "
                        f"(published: …, title: …), not {_short(v)}"
                    )
            data = [{"file": k, **(v or {})} for k, v in data.items()]
        if not isinstance(data, list):
            raise InputError(
                f"{shown(path)}:1: metadata index must be a list of entries with 'file'"
            )
        lines = _entry_lines(raw)
        rows = [(lines[i] if i < len(lines) else 1, e) for i, e in enumerate(data)]
    index: dict[str, Meta] = {}
    for line, entry in rows:
        where = f"{shown(path)}:{line}"
        if not isinstance(entry, dict) or not entry.get("file"):
            raise InputError(f"{where}: index entry without 'file'")
        index[str(entry["file"])] = _meta_from_mapping(entry, where)
    return index


def _key_lines(raw: str) -> dict[str, int]:
    """Line numbers of top-level mapping keys ("a.txt:"), for messages."""
    out: dict[str, int] = {}
    for i, line in enumerate(raw.splitlines()):
        if line[:1] not in ("", " ", "\t", "#", "-") and ":" in line:
            out.setdefault(line.split(":", 1)[0].strip().strip("'\""), i + 1)
    return out


def _entry_lines(raw: str) -> list[int]:
    """Line numbers where top-level YAML list entries start, for messages."""
    return [i + 1 for i, line in enumerate(raw.splitlines()) if line.startswith("- ")]


# --- text facts: title, outlet, debris ------------------------------------------


@lru_cache(maxsize=8)
def _debris_pattern(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?:" + "|".join(f"(?:{p})" for p in patterns) + r")", re.I)


def debris_spans(text: str, lexicon: Lexicon, *, start: int = 0) -> list[Span]:
    """Lines of scraping debris, plus very short lines caught between two of them."""
    pattern = _debris_pattern(tuple(d.pattern for d in lexicon.debris))
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.start() >= start]
    flags = []
    for s, e in lines:
        stripped = text[s:e].strip().replace("\xa0", " ")
        flags.append(bool(stripped) and pattern.fullmatch(stripped) is not None)
    for i in range(1, len(lines) - 1):
        short = len(text[lines[i][0] : lines[i][1]].split()) <= 2
        if short and flags[i - 1] and flags[i + 1]:
            flags[i] = True
    return [Span(start=s, end=e) for (s, e), f in zip(lines, flags, strict=True) if f]


_LINE = re.compile(r"[^\n]+")
_OUTLET_TAIL = re.compile(r"(?:^|\s)[-–—]\s?(?P<name>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?)\s*$")
_OUTLET_PAREN = re.compile(r"\((?P<name>[A-Z][A-Za-z&.' ]{1,28})\)\s*[-–—]")
_OUTLET_SLASH = re.compile(r"/(?P<name>[A-Z][A-Za-z]{1,15})/")


def outlet_hint(text: str, body: int, noise: Sequence[Span]) -> str | None:
    """An outlet named by the text itself: "(Reuters) -", "/TASS/", a closing "-Xinhua"."""
    head = text[body : body + 400]
    for pat in (_OUTLET_PAREN, _OUTLET_SLASH):
        m = pat.search(head)
        if m:
            return m.group("name").strip()
    covered = _Covered(noise)
    content_lines = [m for m in _LINE.finditer(text, body) if not covered(m.start())]
    for line in reversed(content_lines[-3:]):
        m = _OUTLET_TAIL.search(line.group().rstrip())
        if m:
            return m.group("name")
    return None


def _covered(pos: int, spans: Sequence[Span]) -> bool:
    return any(s.start <= pos < s.end for s in spans)


class _Covered:
    """`_covered` for many positions at once: a binary search over the noise spans
    (sorted, not overlapping: front matter, then debris lines in text order), so a
    page of thousands of debris lines is not checked line by line against each."""

    def __init__(self, spans: Sequence[Span]) -> None:
        ordered = sorted((s.start, s.end) for s in spans)
        self.starts = [a for a, _ in ordered]
        self.ends = list(itertools.accumulate((b for _, b in ordered), max))

    def __call__(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]


def first_content_line(text: str, body: int, noise: Sequence[Span]) -> Span | None:
    for m in _LINE.finditer(text, body):
        if m.group().strip() and not _covered(m.start(), noise):
            lead = len(m.group()) - len(m.group().lstrip())
            return Span(start=m.start() + lead, end=m.start() + len(m.group().rstrip()))
    return None


# --- building articles -----------------------------------------------------------


def article_id(text: str) -> str:
    """Content-derived id: the same text always gets the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _inferred(text: str, body: int, cal: Calendar) -> dt.date | None:
    """A date inferred from a known round and its weekday, unless a yearless dateline
    names another day (a dateline that could not be given a year still says the day)."""
    found = inferred_date(text, content_start=body, calendar=cal)
    if found is None:
        return None
    day = yearless_dateline(text, content_start=body)
    if day is not None and day != (found[0].month, found[0].day):
        return None
    return found[0]


def build_article(
    text: str,
    *,
    name: str,
    path: str,
    lexicon: Lexicon,
    meta: Meta = Meta(),
    index_meta: Meta | None = None,
    body: int = 0,
    encoding: str = "utf-8",
    warnings: Sequence[str] = (),
    date_override: dt.date | None = None,
    page_date: dt.date | None = None,
    crawled: dt.datetime | None = None,
) -> Article:
    """An Article from decoded text and whatever metadata is known.

    Date precedence: `--date` and the file's own metadata (front matter, JSON
    Lines fields), then a web page's own date metadata (`page_date`), then a
    dateline in the text, then the metadata index, then a date in the file name,
    then a date inferred from a known negotiation round and its weekday in the
    opening paragraphs; otherwise unknown.
    """
    noise = ([Span(start=0, end=body)] if body else []) + debris_spans(text, lexicon, start=body)
    index_meta = index_meta or Meta()
    from_name = filename_date(name)
    outside = date_override or meta.published  # the file's own metadata wins
    hint = outside or page_date or index_meta.published or from_name
    cal = calendar(lexicon)
    found = dateline(text, content_start=body, year_hint=hint.year if hint else None, calendar=cal)
    published: dt.date | None
    basis: PublishedBasis
    if outside is not None:
        published, basis = outside, "metadata"
    elif page_date is not None:
        published, basis = page_date, "page"
    elif found is not None:
        published, basis = found[0], "dateline"
    elif index_meta.published is not None:
        published, basis = index_meta.published, "metadata"
    elif from_name is not None:
        published, basis = from_name, "filename"
    elif (inferred := _inferred(text, body, cal)) is not None:
        published, basis = inferred, "inferred"
    else:
        published, basis = None, "unknown"

    title_span = first_content_line(text, body, noise)
    title = meta.title or index_meta.title
    if title is None and title_span is not None:
        title = title_span.of(text)
    if title_span is not None and meta.title and title_span.of(text) != meta.title:
        title_span = None  # the front matter's title is not the first line of the body
    return Article(
        id=article_id(text),
        article=name,
        path=path,
        title=title,
        outlet=meta.outlet or index_meta.outlet or outlet_hint(text, body, noise),
        url=meta.url or index_meta.url,
        published=published,
        published_basis=basis,
        text=text,
        encoding=encoding,
        title_span=title_span,
        noise=tuple(noise),
        warnings=tuple(warnings),
        crawled=crawled,
    )


@dataclass
class Loaded:
    """What one input file gave: articles, plus per-record problems (JSON Lines)."""

    articles: list[Article] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Articles still to come from a file read as a stream (JSON Lines): errors and
    # warnings of its records are added above as the stream is consumed.
    more: Iterator[Article] | None = None

    def all_articles(self) -> Iterator[Article]:
        yield from self.articles
        if self.more is not None:
            yield from self.more


def load_bytes(
    raw: bytes,
    *,
    name: str,
    path: str,
    lexicon: Lexicon,
    index: dict[str, Meta] | None = None,
    date_override: dt.date | None = None,
    jsonl: bool | None = None,
) -> Loaded:
    """Parse one input's bytes into articles. Raises InputError when the whole input is bad."""
    text, encoding, warnings = decode(raw, path)
    from_stdin = path == STDIN
    is_jsonl = jsonl if jsonl is not None else name.endswith(".jsonl")
    out = Loaded(warnings=list(warnings))
    if is_jsonl:
        for lineno, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                record, meta = json_record(line, where)
            except InputError as exc:
                out.errors.append(str(exc))
                continue
            out.articles.append(
                build_article(
                    record["text"],
                    name=meta.id
                    or (f"stdin-{article_id(record['text'])[:12]}" if from_stdin else None)
                    or f"{name}:{lineno}",
                    path=path,
                    lexicon=lexicon,
                    meta=meta,
                    encoding=encoding,
                    warnings=warnings,
                    date_override=date_override,
                )
            )
        if not out.articles and not out.errors:
            raise InputError(f"{path}: no JSON Lines records")
        return out
    meta, body = split_front_matter(text, path)
    if not text[body:].strip():
        raise InputError(f"{path}: no article text after the front matter")
    if from_stdin:  # stdin has no file name: its content names it
        name = f"stdin-{article_id(text)[:12]}"
    out.articles.append(
        build_article(
            text,
            name=name,
            path=path,
            lexicon=lexicon,
            meta=meta,
            index_meta=(index or {}).get(name),
            body=body,
            encoding=encoding,
            warnings=warnings,
            date_override=date_override,
        )
    )
    return out


def json_record(line: str, where: str) -> tuple[dict[str, Any], Meta]:
    """One JSON Lines record and its metadata; InputError naming `where` (file:line)
    for a record that is not a usable article: invalid or over-limit JSON (nesting,
    number length, size), no text, a field that is not text, a lone surrogate."""
    limits = limits_mod.current()
    if len(line) > limits.record_bytes:
        raise InputError(
            f"{where}: record of {len(line):,} characters, over the limit of "
            f"{limits.record_bytes:,} (raise it with --limit record_bytes=…)"
        )
    problem = limits_mod.check_json(line, limits)
    if problem is not None:
        raise InputError(f"{where}: invalid JSON: {problem}")
    try:
        record = json.loads(line, parse_int=limits_mod.checked_int(limits))
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: invalid JSON: {exc.msg}") from None
    except RecursionError:
        raise InputError(f"{where}: invalid JSON: nested too deep") from None
    except ValueError as exc:  # a number over the limit
        raise InputError(f"{where}: invalid JSON: {exc}") from None
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object per line")
    if not isinstance(record.get("text"), str) or not record["text"].strip():
        raise InputError(f"{where}: record has no 'text'")
    bad = bad_unicode(record["text"])
    if bad is not None:
        raise InputError(
            f"{where}: 'text' holds a lone surrogate at character {bad} (not valid Unicode)"
        )
    return record, _meta_from_mapping(record, where)


def load_path(
    path: Path,
    *,
    lexicon: Lexicon,
    date_override: dt.date | None = None,
    index: dict[str, Meta] | None = None,
) -> Loaded:
    """Read one file into articles, with the metadata index beside it (read here
    unless the caller passes it)."""
    if path.suffix.lower() == ".jsonl":
        from talks import jsonl

        with open(path, "rb") if path.is_file() else io.BytesIO() as probe:
            head = probe.read(2)
        if head not in (b"\xff\xfe", b"\xfe\xff"):  # (UTF-16 is read whole, below)
            out = Loaded()
            out.more = jsonl.stream(
                path, name=shown(path.name), lexicon=lexicon, date_override=date_override, out=out
            )
            return out
    raw = read_file(path)
    if index is None:
        index = read_index(path.parent)
    return load_bytes(
        raw,
        name=shown(path.name),
        path=shown(path),
        lexicon=lexicon,
        index=index,
        date_override=date_override,
    )


def unexpected(where: str, exc: Exception) -> InputError:
    """An error no check foresaw, as one line for the summary (re-raised under TALKS_DEBUG)."""
    from talks import config

    if config.debug():
        raise exc
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    return InputError(
        f"{where}: could not be read ({type(exc).__name__}{': ' + detail if detail else ''}); "
        "this is a bug in talks, please report it"
    )
