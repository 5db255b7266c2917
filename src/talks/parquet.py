"""The record models as Parquet: Arrow schemas read off the pydantic models, rows
in and out.

The columns are the models' fields, so Parquet output carries the same names as
the JSON contract (spans as `{start, end}` structs, dates as dates); a field added
to a model appears here without a change. `articles` also keeps each article's
`digest` (which `talks load` uses to skip what a store already has) and the
fingerprint of the lexicon its records were extracted with.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from talks.models import Article, Position, Quote, Span

TABLES: dict[str, type[BaseModel]] = {"articles": Article, "quotes": Quote, "positions": Position}


def _arrow_type(annotation: Any) -> Any:
    import pyarrow as pa

    span = pa.struct([("start", pa.int64()), ("end", pa.int64())])
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin in (typing.Union, types.UnionType) and len(args) == 1:
        return _arrow_type(args[0])
    if origin is typing.Literal:
        return pa.string()
    if origin is tuple and args:
        return pa.list_(_arrow_type(args[0]))
    simple = {
        str: pa.string(),
        int: pa.int64(),
        bool: pa.bool_(),
        dt.date: pa.date32(),
        dt.datetime: pa.timestamp("us", tz="UTC"),
        Span: span,
    }
    if annotation in simple:
        return simple[annotation]
    raise TypeError(f"no Parquet column type for {annotation!r}")


def schema(table: str) -> Any:
    """The Arrow schema of one table (`articles` with `digest` and `lexicon`)."""
    import pyarrow as pa

    model = TABLES[table]
    fields = [
        pa.field(name, _arrow_type(info.annotation), nullable=True)
        for name, info in model.model_fields.items()
    ]
    if table == "articles":
        fields.append(pa.field("digest", pa.string()))
        fields.append(pa.field("lexicon", pa.string()))
    return pa.schema(fields)


def write(path: Path, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """Write rows (model dumps) as one Parquet file, atomically (temp file, rename)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(pa.Table.from_pylist(list(rows), schema=schema(table)), tmp)
    tmp.replace(path)


def read(path: Path) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    rows: list[dict[str, Any]] = pq.read_table(path).to_pylist()
    return rows


def models(table: str, rows: Iterable[dict[str, Any]]) -> list[Any]:
    model = TABLES[table]
    extra = ("digest", "lexicon")
    return [model.model_validate({k: v for k, v in r.items() if k not in extra}) for r in rows]
