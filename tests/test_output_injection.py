"""Output injection (issue 11): text from articles stays inert in every output.

CSV cells a spreadsheet would run as formulas are neutralised (unless --raw);
control and escape characters reach a terminal only as visible escapes; table
cells and `talks show` never read text as rich markup; YAML round-trips every
character.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
import yaml
from rich.console import Console

from conftest import Run
from talks import render
from talks.extract import record_id
from talks.ingest import article_id
from talks.models import Article, Quote, Span
from talks.render import Format, neutral_csv, printable, to_text, write_records
from talks.store import Store

HOSTILE = [
    '=HYPERLINK("http://x","y")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\tcell",
    "\rcell",
    "colour \x1b[31mred\x1b[0m",
    "clear \x1b[2J\x1b[H screen",
    "title \x1b]0;pwned\x07 bar",
    "link \x1b]8;;http://evil\x1b\\here\x1b]8;;\x1b\\",
    "C1 \x9b31m csi",
    "bidi \u202egnp.exe",
    "peace [sic] now",
    "odd [/] markup [bold]x[/bold] [link=http://evil]y[/link]",
]


def store_with(db: Path, fragments: list[str]) -> list[str]:
    """A store holding one article whose quotes are exactly `fragments`; their ids."""
    text = "Talks. " + " ".join(f"“{f}” he said." for f in fragments)
    art = Article(
        id=article_id(text),
        article="evil\x1b[31m.txt",
        path="in/evil.txt",
        title="=cmd|' /C calc'!A0",
        outlet="Outlet \x1b[5m",
        url=None,
        published=dt.date(2022, 3, 30),
        published_basis="metadata",
        text=text,
        encoding="utf-8",
        title_span=None,
        noise=(),
        warnings=(),
    )
    quotes = []
    for i, f in enumerate(fragments):
        start = text.index(f)
        quotes.append(
            Quote(
                id=record_id("q", art.id, i),
                article=art.article,
                article_id=art.id,
                path=art.path,
                speaker="Medinsky \x1b[2J",
                speaker_mention="Medinsky",
                speaker_span=None,
                side="Russia",
                kind="direct",
                text=f,
                spans=(Span(start=start, end=start + len(f)),),
                cue="said",
                cue_span=None,
                date=art.published,
                date_basis="published",
                topics=(),
            )
        )
    with Store(db) as store:
        store.put(art, quotes, [], digest="d")
    return [q.id for q in quotes]


def test_csv_cells_that_are_formulas_are_neutralised(run: Run, db: Path) -> None:
    store_with(db, HOSTILE)
    result = run("quotes", "--db", db, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    texts = [r["text"] for r in rows]
    assert len(texts) == len(HOSTILE)
    for t in texts:
        assert not t.startswith(render.FORMULA_LEADS), t
    assert '\'=HYPERLINK("http://x","y")' in texts and "'+1+1" in texts
    assert "'\tcell" in texts and "'-2+3" in texts and "'@SUM(A1)" in texts
    assert "peace [sic] now" in texts  # nothing else touched
    raw = run("quotes", "--db", db, "--format", "csv", "--raw")
    raw_texts = [r["text"] for r in csv.DictReader(io.StringIO(raw.stdout))]
    assert sorted(raw_texts) == sorted(HOSTILE)
    listing = run("articles", "--db", db, "--format", "csv")
    (article,) = list(csv.DictReader(io.StringIO(listing.stdout)))
    assert article["title"] == "'=cmd|' /C calc'!A0"


def test_neutral_csv_cases() -> None:
    for lead in ("=", "+", "-", "@", "\t", "\r"):
        assert neutral_csv(lead + "x") == "'" + lead + "x"
    assert neutral_csv("plain -x") == "plain -x"
    assert neutral_csv("") == ""
    out = to_text(lambda f: write_records([{"n": -3, "s": "-3"}], Format.csv, out=f))
    assert out.splitlines()[1] == "-3,'-3"  # numbers stay numbers


def _table(run: Run, db: Path, *args: str) -> str:
    result = run(*args, "--db", db, "--format", "table")
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_tables_escape_control_characters_and_never_parse_markup(run: Run, db: Path) -> None:
    store_with(db, HOSTILE)
    out = _table(run, db, "quotes")
    assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out and "\x07" not in out
    assert "\\x1b" in out and "\\u202e" in out
    assert "[sic]" in out and "[/]" in out and "[link=http://evil]" in out
    out = _table(run, db, "articles")
    assert "\x1b" not in out and "\\x1b" in out


def test_show_escapes_control_characters_and_keeps_brackets(run: Run, db: Path) -> None:
    ids = store_with(db, HOSTILE)
    for qid, fragment in zip(ids, HOSTILE, strict=True):
        result = run("show", qid, "--db", db)
        assert result.exit_code == 0, result.stderr
        out = result.stdout
        assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out
        assert "\r" not in out and "\u202e" not in out
        assert " ".join(printable(fragment).split()) in " ".join(out.split())  # (folded)


def test_markup_text_in_a_table_is_kept_verbatim() -> None:
    out = to_text(
        lambda f: write_records(
            [{"text": "[sic] [/] [bold]b[/bold] [link=http://e]l[/link]"}],
            Format.table,
            out=f,
            console=Console(file=f, width=200, force_terminal=True),
        )
    )
    assert "[sic] [/] [bold]b[/bold] [link=http://e]l[/link]" in out
    assert "\x1b]8;" not in out  # no live hyperlink


@pytest.mark.parametrize("dumper", ["c", "python"])
def test_yaml_round_trips_every_character(dumper: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if dumper == "python":
        monkeypatch.setattr(render, "_yaml_dumper", render._python_dumper)
    elif not hasattr(yaml, "CSafeDumper"):
        pytest.skip("no libyaml")
    texts = [
        "a\x85b",
        "x\u2028y",
        "p\u2029q",
        "\ufeffz",
        "tab\there",
        "cr\rx",
        "nul\x00",
        "e\x1b[1m",
        " lead",
        "trail ",
        "a\n\nb\n",
        "\ud7ff\ue000\ufffe",
        "\U0001f600",
        "'quoted'",
        '"dq"',
        "- dash",
        "key: value",
        "# hash",
        "yes",
        "null",
        "~",
        "1e3",
        "".join(chr(c) for c in range(1, 0x250) if not 0xD800 <= c < 0xE000),
    ]
    rows = [{"text": t} for t in texts]
    out = to_text(lambda f: write_records(rows, Format.yaml, out=f))
    assert [r["text"] for r in yaml.safe_load(out)] == texts
    one = to_text(lambda f: render.write_object({"t": texts}, Format.yaml, out=f))
    assert yaml.safe_load(one) == {"t": texts}
    assert json.loads(to_text(lambda f: write_records(rows, Format.json, out=f))) == rows
