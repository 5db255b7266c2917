"""The streaming YAML writer writes exactly what `yaml.dump([row])` writes, row by row."""

from __future__ import annotations

import io
import random
from typing import Any

import pytest
import yaml

from talks import render
from talks.render_yaml import OPTIONS, write_list

FRAGMENTS = (
    "yes",
    "no",
    "null",
    "~",
    "true",
    "2022-03-01",
    "12",
    "1e3",
    "0x1F",
    "3.5",
    ".inf",
    ": ",
    " #",
    "#",
    "- ",
    "-",
    "?",
    "? ",
    "'",
    '"',
    "«",
    "»",
    "“",
    "”",
    "’",
    "\n",
    "\t",
    "\x85",
    "\u2028",
    "\u2029",
    "  ",
    " ",
    "Зеленский",
    "Selenskyj",
    "---",
    "...",
    "<<",
    "=",
    "&a",
    "*b",
    "!t",
    "|",
    ">",
    "%",
    "@",
    "`",
    "{",
    "}",
    "[",
    "]",
    ",",
    "\ufeff",
    "\x07",
    "\x1b[31m",
    "\u202e",
    "é",
    "—",
    "🙂",
    "key:",
    "a:b",
    "http://x.org/a#b",
)
WORDS = ("peace", "talks", "Medinsky", "said", "security", "guarantees", "neutral", "NATO")


def _text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.choice((0, 1, 2, 3, 8, 30))):
        parts.append(rng.choice(FRAGMENTS) if rng.random() < 0.25 else rng.choice(WORDS))
        parts.append(rng.choice((" ", " ", " ", "", ", ")))
    return "".join(parts)


def _row(rng: random.Random) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": f"q{rng.getrandbits(48):012x}",
        "speaker": _text(rng),
        "speaker_span": {"start": rng.randrange(5000), "end": rng.randrange(5000)},
        "kind": rng.choice(("direct", "indirect")),
        "text": _text(rng),
        "spans": [{"start": i, "end": i + 9} for i in range(rng.randrange(3))],
        "cue": rng.choice((None, "said", _text(rng))),
        "date": rng.choice((None, "2022-03-01")),
        "topics": [_text(rng) for _ in range(rng.randrange(3))],
        "flag": rng.choice((True, False)),
        "count": rng.choice((0, -3, 10**20)),
        "nested": {"a": [{"b": _text(rng)}], "c": {}},
    }
    if rng.random() < 0.05:
        row["share"] = row["spans"]  # one list twice: PyYAML writes an alias
    if rng.random() < 0.05:
        row["score"] = 0.5
    return row


def _expected(rows: list[Any], dumper: Any) -> str:
    return "".join(yaml.dump([r], Dumper=dumper, **OPTIONS) for r in rows) or "[]\n"


@pytest.mark.parametrize("seed", range(4))
def test_same_bytes_as_pyyaml(seed: int) -> None:
    rng = random.Random(seed)
    rows = [_row(rng) for _ in range(400)]
    dumper = render._yaml_dumper()
    out = io.StringIO()
    write_list(rows, out, dumper)
    assert out.getvalue() == _expected(rows, dumper)
    plain = [r for r in rows if "share" not in r]  # aliases repeat their anchor per row
    out = io.StringIO()
    write_list(plain, out, dumper)
    assert yaml.safe_load(out.getvalue()) == plain


def test_empty_list() -> None:
    out = io.StringIO()
    write_list([], out, render._yaml_dumper())
    assert out.getvalue() == "[]\n"
