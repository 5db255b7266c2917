"""Writers for every listing command: table, json, jsonl, csv, yaml.

stdout is data: tables only when asked for or on a terminal, machine formats
otherwise. Field names in json/jsonl/csv/yaml are the records' own field names
(the JSON contract); tables show a readable subset.

Article text is untrusted, so every writer keeps it inert: table cells and `talks
show` print control, escape and bidi characters as visible escapes (`printable`)
and never read text as rich markup ("[sic]" stays); CSV cells that a spreadsheet
would run as a formula (starting with =, +, -, @, tab or CR) get a leading "'"
unless `raw` is asked for (`--raw`, for scripts); YAML round-trips every character.
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TextIO

try:  # optional speed-up: orjson for JSON
    import orjson as _orjson
except ImportError:  # pragma: no cover - orjson is a dependency, but stay correct without
    _orjson = None  # type: ignore[assignment]

if TYPE_CHECKING:  # imported where used: a JSON listing never loads rich, yaml or pydantic
    import yaml
    from pydantic import BaseModel
    from rich.console import Console
    from rich.text import Text


@functools.cache
def _yaml_dumper() -> type[yaml.SafeDumper]:
    """libyaml's C dumper where present (several times faster; it escapes NEL, LS
    and PS itself), else `_python_dumper`."""
    import yaml

    return getattr(yaml, "CSafeDumper", None) or _python_dumper()


@functools.cache
def _python_dumper() -> type[yaml.SafeDumper]:
    """The pure-Python dumper with strings holding NEL, LS or PS double-quoted:
    written plainly they are line breaks and come back as spaces."""
    import yaml

    class _SafeDumper(yaml.SafeDumper):
        pass

    def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        if any(c in value for c in "\x85\u2028\u2029"):
            return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
        return dumper.represent_str(value)

    _SafeDumper.add_representer(str, _represent_str)
    return _SafeDumper


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    yaml = "yaml"


def resolve_format(fmt: Format | None, *, is_terminal: bool) -> Format:
    """The format to use: the one asked for, else a table on a terminal, else JSON."""
    if fmt is not None:
        return fmt
    return Format.table if is_terminal else Format.json


def as_dict(record: BaseModel | Mapping[str, Any]) -> dict[str, Any]:
    dump = getattr(record, "model_dump", None)
    if dump is not None:  # a pydantic model
        return dump(mode="json")  # type: ignore[no-any-return]
    return dict(record)


# C0 and C1 controls but newline and tab (ESC starts colours, clear-screen, window
# titles, hyperlinks), DEL, and the bidi overrides that reorder what a reader sees.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` safe to show on a terminal: control characters as \\xNN escapes."""
    return _UNSAFE.sub(_escape, text)


def plain(text: str) -> Text:
    """A rich Text of `text` shown as it is: escaped, never parsed as markup."""
    from rich.text import Text

    return Text(printable(text))


# A cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def neutral_csv(value: str) -> str:
    """`value` as a spreadsheet shows it but never runs it: a leading "'" before a
    formula lead (OWASP's advice; Excel, LibreOffice and Sheets hide the quote)."""
    return "'" + value if value.startswith(FORMULA_LEADS) else value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        if value and isinstance(value[0], dict):
            return json.dumps(value, ensure_ascii=False)
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def write_records(
    records: Iterable[BaseModel | Mapping[str, Any]],
    fmt: Format,
    *,
    out: TextIO,
    console: Console | None = None,
    columns: Sequence[str] = (),
    title: str | None = None,
    wrap: Sequence[str] = (),
    raw: bool = False,
) -> None:
    """Write `records` in `fmt`. `columns` picks the table's columns. `raw` writes
    CSV cells as they are (no formula neutralising).

    Machine formats stream: one record at a time is converted and written, so an
    export of every row of a large store runs in flat memory. Only a table needs
    all rows at once (its column widths depend on them).
    """
    rows: Iterator[dict[str, Any]] = (as_dict(r) for r in records)
    if fmt is Format.json:
        _write_json_array(rows, out)
    elif fmt is Format.jsonl:
        for row in rows:
            out.write(dumps_json(row) + "\n")
    elif fmt is Format.yaml:
        _write_yaml_list(rows, out)
    elif fmt is Format.csv:
        first = next(rows, None)
        fields = list(first) if first is not None else list(columns)
        writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        for row in itertools.chain([first] if first is not None else [], rows):
            writer.writerow({k: _csv_cell(v, raw=raw) for k, v in row.items()})
    else:
        rows_list = list(rows)
        _write_table(rows_list, out=out, console=console, columns=columns, title=title, wrap=wrap)


def dumps_json(obj: Any, *, indent: bool = False) -> str:
    """JSON text of `obj` (UTF-8 characters kept), with orjson when it is installed
    (several times faster on large exports), else the standard library."""
    if _orjson is not None:
        try:
            option = _orjson.OPT_INDENT_2 if indent else 0
            return _orjson.dumps(obj, option=option).decode("utf-8")
        except TypeError:  # e.g. an integer beyond 64 bits: the standard library copes
            pass
    return json.dumps(obj, ensure_ascii=False, indent=2 if indent else None)


def _write_json_array(rows: Iterable[Any], out: TextIO) -> None:
    """Exactly `json.dump(list(rows), indent=2)`, written one element at a time."""
    first = True
    for row in rows:
        out.write("[\n  " if first else ",\n  ")
        out.write(dumps_json(row, indent=True).replace("\n", "\n  "))
        first = False
    out.write("[]\n" if first else "\n]\n")


def _write_yaml_list(rows: Iterable[Any], out: TextIO) -> None:
    """A YAML list written one element at a time with the C dumper where present."""
    from talks.render_yaml import write_list

    write_list(rows, out, _yaml_dumper())


# Room a wrapped text column keeps at the least; a word longer than this folds.
TEXT_MIN = 16
GAP = 2  # columns are separated by two characters (borderless table)


def _longest_word(text: str) -> int:
    return max((len(w) for w in text.split()), default=0)


def fit_columns(
    cells: Sequence[Sequence[str]],
    cols: Sequence[str],
    *,
    wrap: Sequence[str],
    width: int,
) -> tuple[list[str], dict[str, int]]:
    """Which columns fit in `width` characters, and how wide each one is.

    No column is ever narrower than its longest word (ids, dates, kinds, sides
    and names are never broken inside a word); a `wrap` column (long text) keeps
    at least TEXT_MIN characters and wraps between words. When even that does not
    fit, columns are left out from the right (never the first, never a `wrap`
    one). Spare room goes first to the short columns up to their natural width,
    then to the text columns.
    """
    natural = {c: max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(cols)}
    least = {
        c: min(natural[c], max(TEXT_MIN, len(c)))
        if c in wrap
        else max([len(c)] + [_longest_word(r[i]) for r in cells])
        for i, c in enumerate(cols)
    }
    kept = list(cols)

    def room() -> int:
        return width - GAP * (len(kept) - 1) - sum(least[c] for c in kept)

    droppable = [c for c in reversed(cols[1:]) if c not in wrap]
    while room() < 0 and droppable:
        kept.remove(droppable.pop(0))
    widths = {c: least[c] for c in kept}
    spare = max(0, room())
    wide = [c for c in kept if c in wrap]
    for c in wide:  # text first gets a readable share of the line
        extra = min(spare, max(0, min(natural[c], width // (2 * len(wide))) - widths[c]))
        widths[c] += extra
        spare -= extra
    for c in kept:  # then short columns, up to their natural width
        if c not in wrap:
            extra = min(spare, natural[c] - widths[c])
            widths[c] += extra
            spare -= extra
    while spare > 0 and wide:
        hungry = [c for c in wide if widths[c] < natural[c]]
        if not hungry:
            break
        share = max(1, spare // len(hungry))
        for c in hungry:
            extra = min(share, natural[c] - widths[c], spare)
            widths[c] += extra
            spare -= extra
    return kept, widths


def _write_table(
    rows: list[dict[str, Any]],
    *,
    out: TextIO,
    console: Console | None,
    columns: Sequence[str],
    title: str | None,
    wrap: Sequence[str],
) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    console = console or Console(file=out)
    cols = list(columns) or (list(rows[0]) if rows else [])
    cells = [[_cell(row.get(c)) for c in cols] for row in rows]
    kept, widths = fit_columns(cells, cols, wrap=wrap, width=console.width)
    table = Table(
        title=None if title is None else plain(title),
        header_style="bold",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        collapse_padding=True,
    )
    for c in kept:
        # every word of the column fits its width: rich wraps between words only
        table.add_column(plain(c), width=widths[c], overflow="fold")
    index = [cols.index(c) for c in kept]
    for r in cells:
        table.add_row(*[plain(r[i]) for i in index])
    console.print(table)
    left_out = [c for c in cols if c not in kept]
    if left_out:
        console.file.flush()
        print(
            f"note: {', '.join(left_out)} left out at width {console.width} "
            "(widen the terminal, set COLUMNS, or use --format json/csv)",
            file=sys.stderr,
        )


def _csv_cell(value: Any, *, raw: bool = False) -> Any:
    """One CSV cell: true/false for flags, JSON for lists and mappings, and text
    that a spreadsheet would run as a formula neutralised unless `raw`. Every cell
    passes through here."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and not raw:
        return neutral_csv(value)
    return value


def write_object(obj: BaseModel | Mapping[str, Any], fmt: Format, *, out: TextIO) -> None:
    """One object (eval report, diff result) in a machine format."""
    data = as_dict(obj)
    if fmt is Format.yaml:
        import yaml

        yaml.dump(data, out, Dumper=_yaml_dumper(), allow_unicode=True, sort_keys=False, width=100)
    elif fmt is Format.jsonl:
        out.write(dumps_json(data) + "\n")
    else:
        out.write(dumps_json(data, indent=True) + "\n")


def highlighted(
    text: str,
    start: int,
    end: int,
    marks: Sequence[tuple[int, int, str]],
) -> Text:
    """`text[start:end]` with the given (start, end, style) ranges styled, control
    characters escaped (`printable`: the styles follow the escaped text)."""
    cuts = sorted(
        {start, end}
        | {min(max(p, start), end) for s, e, _ in marks for p in (s, e) if e > start and s < end}
    )
    from rich.text import Text

    out = Text()
    for a, b in itertools.pairwise(cuts):
        styles = [st for s, e, st in marks if s <= a and b <= e]
        out.append(printable(text[a:b]), style=" ".join(styles) or None)
    return out


STANCE_GLYPH = {"support": ("+", "green"), "oppose": ("−", "red")}


def timeline_chart(
    series: Mapping[str, Sequence[tuple[str, str, bool]]],
    *,
    width: int,
) -> Text:
    """A compact chart: one row per actor, one cell per date, + for support, − for
    oppose (dim when conditional). `series` maps actor → [(iso date, stance, conditional)]."""
    from rich.text import Text

    dates = sorted({d for points in series.values() for d, _, _ in points})
    if not dates:
        return Text("")
    label = max(len(a) for a in series) + 2
    room = max(1, (width - label) // 2)
    shown = dates[-room:]
    out = Text()
    for actor, points in series.items():
        out.append(printable(actor).ljust(label), style="bold")
        by_date = {d: (s, c) for d, s, c in points}
        for d in shown:
            if d in by_date:
                glyph, color = STANCE_GLYPH[by_date[d][0]]
                out.append(glyph + " ", style=color + (" dim" if by_date[d][1] else ""))
            else:
                out.append("· ", style="dim")
        out.append("\n")
    out.append(" " * label + f"{shown[0]} … {shown[-1]}  (+ support, − oppose)", style="dim")
    return out


def to_text(write: Callable[[TextIO], None]) -> str:
    """Run a writer into a string (tests, examples)."""
    buf = io.StringIO()
    write(buf)
    return buf.getvalue()
