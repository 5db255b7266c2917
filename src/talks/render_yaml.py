"""A YAML list written row by row, byte for byte as `yaml.dump([row])` writes each row.

PyYAML's representer and resolver are Python even under libyaml's C emitter, and
cost about 0.1 ms per listing row: 36,000 quotes took six seconds. The listings
write rows of a few shapes (a flat dict of strings, numbers, booleans and None;
small dicts of numbers such as spans; lists of those), and most of their
strings can be written plain. This module writes those parts itself, following
libyaml's rules for the block style PyYAML uses (`default_flow_style=False`):

- a string is plain when libyaml would write it plain: not empty, printable
  characters of the Basic Multilingual Plane without line breaks, no leading
  or trailing space, no indicator as its first character, no ": " or " #" or
  final ":", and read back as a string (not `yes`, `null`, `12`, `2022-03-01`:
  PyYAML's own resolver decides, its answers for short strings remembered);
- a long plain value folds where libyaml folds it: at a single space once the
  line is past 100 columns, continuing at the value's indentation.

Every other key and value (quoted or escaped strings, nested shapes, floats,
a list or dict appearing twice in a row, which PyYAML writes as an alias) is
written by PyYAML itself, as one `key: value` pair in the same place of the
document, so the output stays the same bytes; tests compare the two on random
rows. Memory stays flat: one row at a time, and a bounded cache.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

import yaml
from yaml.nodes import ScalarNode

STR = "tag:yaml.org,2002:str"
WIDTH = 100  # the dump width of every YAML writer in talks
OPTIONS: dict[str, Any] = {"allow_unicode": True, "sort_keys": False, "width": WIDTH}
"""The dump options of every YAML writer in talks."""

CACHED_LENGTH = 64  # strings up to this long have their resolution remembered
CACHE_SIZE = 8192  # entries before the cache starts over (flat memory)
_FIRST = frozenset("-?:,[]{}#&*!|>'\"%@` \t")


def _printable(value: str) -> bool:
    """Every character is one libyaml writes as it is (no break, no escape)."""
    if value.isascii():
        return value.isprintable()
    for c in value:
        o = ord(c)
        if not (
            0x20 <= o <= 0x7E
            or (0xA0 <= o <= 0xD7FF and o not in (0x2028, 0x2029))
            or (0xE000 <= o <= 0xFFFD and o != 0xFEFF)
        ):
            return False
    return True


PLAIN, QUOTED, OTHER = 0, 1, 2
_resolver = yaml.resolver.Resolver()
_styles: dict[str, int] = {}


def _analyse(value: str) -> int:
    if (
        not value
        or value[0] in _FIRST
        or value[-1] in " :"
        or ": " in value
        or " #" in value
        or value.startswith("...")
        or not _printable(value)
    ):
        return OTHER
    if _resolver.resolve(ScalarNode, value, (True, False)) == STR:  # type: ignore[no-untyped-call]
        return PLAIN
    # read back as another type (a date, a number, `yes`): libyaml single-quotes it
    return OTHER if "'" in value else QUOTED


def style(value: str) -> int:
    """PLAIN when libyaml writes `value` plain in block context; QUOTED when it
    writes it as 'value' (nothing to escape); OTHER: PyYAML decides."""
    if len(value) > CACHED_LENGTH:
        return _analyse(value)
    hit = _styles.get(value)
    if hit is None:
        if len(_styles) >= CACHE_SIZE:
            _styles.clear()
        hit = _styles[value] = _analyse(value)
    return hit


def plain(value: str) -> bool:
    """True when libyaml writes `value` plain in block context."""
    return style(value) == PLAIN


def _fold(value: str, column: int, indent: int) -> str:
    """`value` written plain from `column`, folded as libyaml folds it."""
    if column + len(value) <= WIDTH:
        return value
    out: list[str] = []
    spaces = False
    n = len(value)
    for i, c in enumerate(value):
        if c == " ":
            if not spaces and column > WIDTH and i + 1 < n and value[i + 1] != " ":
                out.append("\n" + " " * indent)
                column = indent
            else:
                out.append(c)
                column += 1
            spaces = True
        else:
            out.append(c)
            column += 1
            spaces = False
    return "".join(out)


def _scalar(value: Any) -> str | None:
    """A non-string scalar as PyYAML writes it, None for other values."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return str(value)
    return None


def _short(value: Any, column: int) -> str | None:
    """A scalar that fits on its line from `column`, as libyaml writes it, else None."""
    if type(value) is str:
        if column + len(value) + 2 > WIDTH:
            return None
        kind = style(value)
        return value if kind == PLAIN else f"'{value}'" if kind == QUOTED else None
    return _scalar(value)


def _flat_map(value: dict[Any, Any], indent: int, dash: bool) -> str | None:
    """A dict of short scalars as block mapping lines at `indent` (the first behind
    "- " when `dash`), or None."""
    lines = []
    for i, (k, v) in enumerate(value.items()):
        if type(k) is not str or not plain(k) or len(k) > 100:
            return None
        text = _short(v, indent + len(k) + 2)
        if text is None:
            return None
        pad = " " * (indent - 2) + "- " if dash and i == 0 else " " * indent
        lines.append(f"{pad}{k}: {text}\n")
    return "".join(lines)


def _pair(key: str, value: Any) -> str | None:
    """`key: value` of a row (the key at column 2), or None for PyYAML to write."""
    if type(value) is str:
        kind = style(value)
        if kind == PLAIN:
            return f"{key}: {_fold(value, len(key) + 4, 4)}\n"
        if kind == QUOTED and len(key) + len(value) + 6 <= WIDTH:
            return f"{key}: '{value}'\n"
        return None
    text = _scalar(value)
    if text is not None:
        return f"{key}: {text}\n"
    if type(value) is dict:
        if not value:
            return f"{key}: {{}}\n"
        body = _flat_map(value, 4, dash=False)
        return None if body is None else f"{key}:\n{body}"
    if type(value) is list:
        if not value:
            return f"{key}: []\n"
        parts = [f"{key}:\n"]
        for item in value:
            if type(item) is dict:
                body = _flat_map(item, 4, dash=True) if item else "  - {}\n"
            else:
                text = _short(item, 4)
                body = None if text is None else f"  - {text}\n"
            if body is None:
                return None
            parts.append(body)
        return "".join(parts)
    return None


def _no_alias(row: dict[Any, Any]) -> bool:
    """False when a list or dict appears twice in `row` (PyYAML writes an alias)."""
    seen: set[int] = set()
    stack = [v for v in row.values() if type(v) is dict or type(v) is list]
    while stack:
        value = stack.pop()
        if id(value) in seen:
            return False
        seen.add(id(value))
        items = value.values() if type(value) is dict else value
        stack.extend(v for v in items if type(v) is dict or type(v) is list)
    return True


def _row(row: dict[str, Any], dumper: type[Any]) -> str:
    parts = []
    for key, value in row.items():
        text = _pair(key, value) if type(key) is str and plain(key) and len(key) <= 100 else None
        if text is None:  # PyYAML writes this pair, in the same place of the document
            text = yaml.dump([{key: value}], Dumper=dumper, **OPTIONS)[2:]
        parts.append(text)
    return "- " + "  ".join(parts) if parts else "- {}\n"


def write_list(rows: Iterable[Any], out: TextIO, dumper: type[Any]) -> None:
    """Write `rows` as one YAML list, one row at a time (so memory stays flat)."""
    fast = dumper is getattr(yaml, "CSafeDumper", None)
    empty = True
    for row in rows:
        empty = False
        if fast and type(row) is dict and _no_alias(row):
            out.write(_row(row, dumper))
        else:
            yaml.dump([row], out, Dumper=dumper, **OPTIONS)
    if empty:
        out.write("[]\n")
