"""Bounds on what one input may cost, and the guarded readers that enforce them.

Every reader of untrusted input (article files, stdin, JSON Lines records, front
matter, metadata indexes, lexicons, and the HTML/WARC readers) goes through these
helpers, so a hostile or broken file is refused with a one-line InputError before
it can take unbounded time or memory: special files (FIFOs, devices) by type
before any read, files and records by size, YAML by nesting depth and by the size
it would expand to through aliases (a 500-byte "billion laughs" document), JSON by
nesting depth and by the length of a number.

The defaults are far above any real article (the longest news article in the
test corpora is under 100 KB); change them per run with `talks ingest --limit
NAME=VALUE` or for every run with `TALKS_LIMITS="NAME=VALUE,..."`. Sizes take a
K, M or G suffix (powers of 1024). The limits of a run are a context variable, so
readers anywhere below `ingest_paths` see them without an extra argument.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import os
import re
import stat
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from talks.errors import InputError, UsageError

LIMITS_ENV = "TALKS_LIMITS"

KiB = 1024
MiB = 1024 * KiB


@dataclass(frozen=True)
class Limits:
    """What one input may cost. Sizes are in bytes."""

    file_bytes: int = 64 * MiB  # one article file, page or stdin (not a JSON Lines file)
    record_bytes: int = 64 * MiB  # one JSON Lines line or archive record
    index_bytes: int = 64 * MiB  # a metadata index (meta.yaml, meta.csv)
    front_matter_bytes: int = 1 * MiB  # the YAML block at the top of a file
    yaml_depth: int = 64  # nesting of YAML collections (front matter, index, lexicon)
    yaml_nodes: int = 1_000_000  # YAML nodes counted with every alias expanded
    json_depth: int = 128  # nesting of arrays/objects in one JSON Lines record
    number_digits: int = 400  # the longest number written in a JSON record

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in dataclasses.fields(cls)]

    def with_spec(self, spec: str, *, where: str) -> Limits:
        """These limits with `spec` ("name=value,name=value") applied; UsageError if bad."""
        changes: dict[str, int] = {}
        for item in filter(None, (s.strip() for s in re.split(r"[,\s]+", spec))):
            name, sep, value = item.partition("=")
            name = name.strip().replace("-", "_")
            if not sep or name not in self.names():
                known = ", ".join(self.names())
                raise UsageError(f"{where}: {item!r} is not NAME=VALUE with NAME one of {known}")
            changes[name] = _size(value.strip(), where=f"{where}: {name}")
        return dataclasses.replace(self, **changes)


def _size(value: str, *, where: str) -> int:
    m = re.fullmatch(r"(\d+)\s*([kKmMgG]?)[iI]?[bB]?", value)
    if not m:
        raise UsageError(f"{where}: {value!r} is not a whole number (K, M, G suffixes allowed)")
    n = int(m.group(1)) * {"": 1, "k": KiB, "m": MiB, "g": 1024 * MiB}[m.group(2).lower()]
    if n < 1:
        raise UsageError(f"{where}: must be at least 1")
    return n


def from_env(base: Limits | None = None) -> Limits:
    """`base` (default limits) with $TALKS_LIMITS applied."""
    limits = base or Limits()
    spec = os.environ.get(LIMITS_ENV, "")
    return limits.with_spec(spec, where=LIMITS_ENV) if spec.strip() else limits


_CURRENT: ContextVar[Limits | None] = ContextVar("talks_limits", default=None)


def current() -> Limits:
    """The limits of the running ingest (or the defaults with $TALKS_LIMITS)."""
    limits = _CURRENT.get()
    return limits if limits is not None else from_env()


@contextlib.contextmanager
def using(limits: Limits) -> Iterator[Limits]:
    """Make `limits` the current ones inside the block."""
    token = _CURRENT.set(limits)
    try:
        yield limits
    finally:
        _CURRENT.reset(token)


def _hint(name: str) -> str:
    return f"raise it with --limit {name}=… or ${LIMITS_ENV}"


# --- files ------------------------------------------------------------------------


def file_kind(mode: int) -> str | None:
    """What a non-regular file is ("a FIFO", "a device", ...), or None for a regular one."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_file(path: Path, *, limit: int | None = None, name: str = "file_bytes") -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them.

    The file is opened without blocking and checked by type on the open descriptor,
    so a FIFO or a device (/dev/zero) is refused before anything is read, and a file
    that grows while it is read is cut off at the limit rather than read for ever.
    """
    limit = current().file_bytes if limit is None else limit
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise InputError(f"{shown(path)}: file not found") from None
    except IsADirectoryError:
        raise InputError(f"{shown(path)}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{shown(path)}: cannot read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        kind = file_kind(info.st_mode)
        if kind is not None:
            raise InputError(f"{shown(path)}: {kind}, not a file; skipped")
        if info.st_size > limit:
            raise InputError(
                f"{shown(path)}: {info.st_size:,} bytes, over the limit of {limit:,} "
                f"({_hint(name)})"
            )
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise InputError(f"{shown(path)}: over the limit of {limit:,} bytes ({_hint(name)})")
        return b"".join(chunks)
    except OSError as exc:
        if exc.errno == errno.EISDIR:
            raise InputError(f"{shown(path)}: is a directory") from None
        raise InputError(f"{shown(path)}: cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def read_stream(read: Any, *, what: str = "stdin", limit: int | None = None) -> bytes:
    """At most `limit` bytes from a `read(n)` callable; InputError when there are more."""
    limit = current().file_bytes if limit is None else limit
    data = read(limit + 1)
    if len(data) > limit:
        raise InputError(f"{what}: over the limit of {limit:,} bytes ({_hint('file_bytes')})")
    return bytes(data)


def shown(path: Path | str) -> str:
    """A path as it can be printed and stored: bytes that are not valid UTF-8 in a
    file name (kept by Python as lone surrogates) are written as \\xNN escapes."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text


def bad_unicode(text: str) -> int | None:
    """The offset of the first lone surrogate in `text` (not valid Unicode), or None."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None


# --- YAML -------------------------------------------------------------------------


class YAMLLimitError(yaml.YAMLError):
    """A YAML document over the depth or expansion bound."""

    def __init__(self, problem: str, mark: Any) -> None:
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark


class _GuardedLoader(yaml.SafeLoader):
    """SafeLoader that counts, while composing, how deep collections nest and how many
    nodes the document holds with every alias expanded; over either bound it stops
    with YAMLLimitError before anything is constructed."""

    max_depth = 64
    max_nodes = 1_000_000

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._sizes: dict[int, int] = {}
        self._total = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        alias = self.check_event(yaml.AliasEvent)
        mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
        if not alias:
            self._depth += 1
            if self._depth > self.max_depth:
                raise YAMLLimitError(f"nested deeper than {self.max_depth} levels", mark)
        try:
            node = super().compose_node(parent, index)
        finally:
            if not alias:
                self._depth -= 1
        if alias:
            size = self._sizes.get(id(node), 1)
        else:
            size = 1
            if isinstance(node, yaml.SequenceNode):
                size += sum(self._sizes.get(id(c), 1) for c in node.value)
            elif isinstance(node, yaml.MappingNode):
                size += sum(
                    self._sizes.get(id(k), 1) + self._sizes.get(id(v), 1) for k, v in node.value
                )
            self._sizes[id(node)] = size
        if alias:
            self._total += size
            if self._total > self.max_nodes:
                raise YAMLLimitError(f"aliases expand to more than {self.max_nodes:,} nodes", mark)
        if size > self.max_nodes:
            raise YAMLLimitError(f"aliases expand to more than {self.max_nodes:,} nodes", mark)
        return node


_NOT_FLOW = re.compile(r"[^\[\]{}]+")


def _flow_depth(text: str) -> int:
    """An upper bound on how deep flow collections ([...], {...}) nest in a YAML text:
    brackets counted wherever they stand (in quotes too; too high is only stricter)."""
    depth = top = 0
    for ch in _NOT_FLOW.sub("", text):
        depth = depth + 1 if ch in "[{" else max(0, depth - 1)
        top = max(top, depth)
    return top


def load_yaml(text: str, limits: Limits | None = None) -> Any:
    """`yaml.safe_load` with the depth and expansion guards of `limits`.

    Raises yaml.YAMLError (with `problem` and `problem_mark`) for invalid or
    over-limit documents, and ValueError for values YAML cannot build (2022-02-30).
    """
    limits = limits or current()
    depth = _flow_depth(text)
    if depth > limits.yaml_depth:
        # (PyYAML's scanner is quadratic in flow nesting, before any node is composed)
        raise YAMLLimitError(f"nested deeper than {limits.yaml_depth} levels", None)
    loader = _GuardedLoader(text)
    loader.max_depth = limits.yaml_depth
    loader.max_nodes = limits.yaml_nodes
    try:
        return loader.get_single_data()
    except RecursionError:
        raise YAMLLimitError("nested too deep", None) from None
    finally:
        loader.dispose()


# --- JSON -------------------------------------------------------------------------


_BRACKETS = re.compile(r'"(?:[^"\\]|\\.)*"|[^\[\]{}"]+')


def json_depth(line: str) -> int:
    """How deep arrays and objects nest in one JSON text (strings skipped)."""
    marks = _BRACKETS.sub("", line)
    depth = top = 0
    for ch in marks:
        if ch in "[{":
            depth += 1
            top = max(top, depth)
        elif ch in "]}":
            depth -= 1
    return top


def check_json(line: str, limits: Limits | None = None) -> str | None:
    """The problem with a JSON text that would be too costly to parse, or None."""
    limits = limits or current()
    if line.count("[") + line.count("{") > limits.json_depth:
        depth = json_depth(line)
        if depth > limits.json_depth:
            return f"nested {depth} levels deep, over the limit of {limits.json_depth}"
    return None


def checked_int(limits: Limits | None = None) -> Any:
    """A `parse_int` for json.loads that refuses numbers longer than the limit."""
    digits = (limits or current()).number_digits

    def parse(text: str) -> int:
        if len(text) > digits:
            raise ValueError(f"a number of {len(text):,} digits, over the limit of {digits}")
        return int(text)

    return parse
