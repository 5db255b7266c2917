"""Writers for every listing command: table, json, jsonl, csv, yaml.

stdout is data: tables only when asked for or on a terminal, machine formats
otherwise. Field names in json/jsonl/csv/yaml are the records' own field names
(the JSON contract); tables show a readable subset.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from typing import Any, TextIO

import yaml
from pydantic import BaseModel
from rich.console import Console
from rich.table import Table
from rich.text import Text


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
    if isinstance(record, BaseModel):
        return record.model_dump(mode="json")
    return dict(record)


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
    records: Sequence[BaseModel | Mapping[str, Any]],
    fmt: Format,
    *,
    out: TextIO,
    console: Console | None = None,
    columns: Sequence[str] = (),
    title: str | None = None,
    wrap: Sequence[str] = (),
) -> None:
    """Write `records` in `fmt`. `columns` picks the table's columns."""
    rows = [as_dict(r) for r in records]
    if fmt is Format.json:
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt is Format.jsonl:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt is Format.yaml:
        yaml.safe_dump(rows, out, allow_unicode=True, sort_keys=False, width=100)
    elif fmt is Format.csv:
        fields = list(rows[0]) if rows else list(columns)
        writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _csv_cell(v) for k, v in row.items()})
    else:
        console = console or Console(file=out)
        table = Table(title=title, show_lines=False, header_style="bold")
        cols = list(columns) or (list(rows[0]) if rows else [])
        cells = [[_cell(row.get(c)) for c in cols] for row in rows]
        natural = {c: max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(cols)}
        # Short columns (dates, sides, stances) keep their natural width; long ones
        # share what is left, so the table never runs past the terminal's edge.
        limit = 15
        while True:
            short = {c for c in cols if c not in wrap and natural[c] <= limit}
            rest = console.width - 3 * len(cols) - 1 - sum(natural[c] for c in short)
            flexible = len(cols) - len(short) + len(wrap)
            cap = max(6, rest // max(1, flexible))
            if cap >= 12 or limit <= 4:
                break
            limit -= 3
        for c in cols:
            if c in short:
                table.add_column(c, no_wrap=True)
            elif c in wrap:
                table.add_column(c, overflow="fold", ratio=2, min_width=min(16, 2 * cap))
            else:
                table.add_column(c, overflow="fold", ratio=1, max_width=cap)
        for r in cells:
            table.add_row(*r)
        console.print(table)


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_object(obj: BaseModel | Mapping[str, Any], fmt: Format, *, out: TextIO) -> None:
    """One object (eval report, diff result) in a machine format."""
    data = as_dict(obj)
    if fmt is Format.yaml:
        yaml.safe_dump(data, out, allow_unicode=True, sort_keys=False, width=100)
    elif fmt is Format.jsonl:
        out.write(json.dumps(data, ensure_ascii=False) + "\n")
    else:
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")


def highlighted(
    text: str,
    start: int,
    end: int,
    marks: Sequence[tuple[int, int, str]],
) -> Text:
    """`text[start:end]` with the given (start, end, style) ranges styled."""
    out = Text(text[start:end])
    for s, e, style in marks:
        if e > start and s < end:
            out.stylize(style, max(s, start) - start, min(e, end) - start)
    return out


STANCE_GLYPH = {"support": ("+", "green"), "oppose": ("−", "red")}


def timeline_chart(
    series: Mapping[str, Sequence[tuple[str, str, bool]]],
    *,
    width: int,
) -> Text:
    """A compact chart: one row per actor, one cell per date, + for support, − for
    oppose (dim when conditional). `series` maps actor → [(iso date, stance, conditional)]."""
    dates = sorted({d for points in series.values() for d, _, _ in points})
    if not dates:
        return Text("")
    label = max(len(a) for a in series) + 2
    room = max(1, (width - label) // 2)
    shown = dates[-room:]
    out = Text()
    for actor, points in series.items():
        out.append(actor.ljust(label), style="bold")
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
