"""The writers behind every listing: each machine format parses back to the same fields."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import pytest
import yaml
from rich.console import Console

from talks.models import Position, Quote, Span
from talks.render import (
    Format,
    as_dict,
    highlighted,
    resolve_format,
    timeline_chart,
    to_text,
    write_object,
    write_records,
)

QUOTES = [
    Quote(
        id="q000000000001",
        article="003.txt",
        article_id="a" * 16,
        path="data/seeds/003.txt",
        speaker="Vladimir Medinsky",
        speaker_mention="Medinsky",
        speaker_span=Span(start=40, end=48),
        side="Russia",
        kind="direct",
        text="We want peace, now, “really” — Ω",
        spans=(Span(start=0, end=10), Span(start=20, end=35)),
        cue="said",
        cue_span=Span(start=49, end=53),
        date=dt.date(2022, 3, 30),
        date_basis="relative",
        topics=("neutrality", "nato"),
    ),
    Quote(
        id="q000000000002",
        article="004.txt",
        article_id="b" * 16,
        path="data/seeds/004.txt",
        speaker="Ukrainian officials",
        speaker_mention="officials",
        side="Ukraine",
        kind="indirect",
        text='line one\nline "two"',
        spans=(Span(start=5, end=24),),
    ),
]

DICTS: list[dict[str, Any]] = [
    {"id": "x1", "title": "Talks, progress", "published": "2022-03-30", "outlet": None},
    {"id": "x2", "title": "Ünïcode “quotes”", "published": None, "outlet": "Xinhua"},
]


def _render(records: Any, fmt: Format, **kw: Any) -> str:
    return to_text(lambda out: write_records(records, fmt, out=out, **kw))


@pytest.mark.parametrize("records", [QUOTES, DICTS], ids=["models", "dicts"])
def test_json_round_trips(records: Any) -> None:
    assert json.loads(_render(records, Format.json)) == [as_dict(r) for r in records]


@pytest.mark.parametrize("records", [QUOTES, DICTS], ids=["models", "dicts"])
def test_jsonl_round_trips_one_record_per_line(records: Any) -> None:
    text = _render(records, Format.jsonl)
    lines = text.splitlines()
    assert len(lines) == len(records)
    assert [json.loads(line) for line in lines] == [as_dict(r) for r in records]


@pytest.mark.parametrize("records", [QUOTES, DICTS], ids=["models", "dicts"])
def test_yaml_round_trips(records: Any) -> None:
    assert yaml.safe_load(_render(records, Format.yaml)) == [as_dict(r) for r in records]


def test_csv_round_trips_with_nested_values_as_json() -> None:
    rows = list(csv.DictReader(io.StringIO(_render(QUOTES, Format.csv))))
    assert len(rows) == len(QUOTES)
    for row, quote in zip(rows, QUOTES, strict=True):
        expected = quote.model_dump(mode="json")
        assert list(row) == list(expected)
        for key, value in expected.items():
            if isinstance(value, list | dict):
                assert json.loads(row[key]) == value, key
            elif value is None:
                assert row[key] == "", key
            else:
                assert row[key] == str(value), key


def test_csv_dicts_round_trip() -> None:
    rows = list(csv.DictReader(io.StringIO(_render(DICTS, Format.csv))))
    assert rows == [{k: "" if v is None else v for k, v in d.items()} for d in DICTS]


def test_empty_listings_are_valid_in_every_machine_format() -> None:
    assert json.loads(_render([], Format.json)) == []
    assert _render([], Format.jsonl) == ""
    assert yaml.safe_load(_render([], Format.yaml)) == []
    text = _render([], Format.csv, columns=("id", "title"))
    assert text.splitlines() == ["id,title"]


def test_table_shows_the_chosen_columns_and_values() -> None:
    buf = io.StringIO()
    console = Console(file=buf, width=200, highlight=False)
    write_records(QUOTES, Format.table, out=buf, console=console, columns=("id", "speaker", "kind"))
    text = buf.getvalue()
    for value in ("id", "speaker", "kind", "q000000000001", "Vladimir Medinsky", "indirect"):
        assert value in text
    assert "path" not in text  # only the chosen columns
    assert "data/seeds" not in text


def test_resolve_format() -> None:
    assert resolve_format(None, is_terminal=True) is Format.table
    assert resolve_format(None, is_terminal=False) is Format.json
    assert resolve_format(Format.csv, is_terminal=True) is Format.csv


@pytest.mark.parametrize("fmt", [Format.json, Format.jsonl, Format.yaml])
def test_write_object_round_trips(fmt: Format) -> None:
    obj = {"from": "2022-03-01", "changes": [{"actor": "Russia", "status": "same"}], "n": 2}
    text = to_text(lambda out: write_object(obj, fmt, out=out))
    parsed = yaml.safe_load(text) if fmt is Format.yaml else json.loads(text)
    assert parsed == obj


def test_model_records_use_their_json_field_names() -> None:
    position = Position(
        id="p1",
        article="a.txt",
        article_id="a" * 16,
        path="a.txt",
        actor="Ukraine",
        topic="neutrality",
        stance="support",
        evidence="ready to be neutral",
        span=Span(start=3, end=22),
    )
    data = json.loads(_render([position], Format.json))[0]
    assert data["span"] == {"start": 3, "end": 22}
    assert set(data) == set(Position.model_fields)


def test_highlighted_marks_only_inside_the_window() -> None:
    text = "Before. We want peace now. After."
    start, end = 8, 26
    out = highlighted(text, start, end, [(11, 15, "bold"), (0, 3, "red"), (20, 40, "blue")])
    assert out.plain == text[start:end]
    spans = {(s.start, s.end, str(s.style)) for s in out.spans}
    assert (3, 7, "bold") in spans
    assert (12, 18, "blue") in spans
    assert all(style != "red" for _, _, style in spans)


def test_timeline_chart_has_one_row_per_actor() -> None:
    chart = timeline_chart(
        {
            "Russia": [("2022-03-01", "oppose", False), ("2022-03-29", "support", True)],
            "Ukraine": [("2022-03-29", "support", False)],
        },
        width=80,
    )
    lines = chart.plain.splitlines()
    assert lines[0].startswith("Russia") and lines[1].startswith("Ukraine")
    assert "−" in lines[0] and "+" in lines[0]
    assert "2022-03-01" in lines[-1] and "2022-03-29" in lines[-1]
    assert timeline_chart({}, width=80).plain == ""
