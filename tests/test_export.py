"""Exports a spreadsheet opens cleanly (flat CSV columns, every row with its article's
source, --bom for Excel) and the `--contains` query language at the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import Run
from talks.store import Store


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_quotes_csv_is_flat_and_carries_the_source(run: Run, seeded_db: Path) -> None:
    result = run("quotes", "--db", seeded_db, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    got = rows(result.stdout)
    with Store(seeded_db) as store:
        quotes = store.quotes()
        articles = {a.id: a for a in store.articles()}
    assert [r["id"] for r in got] == [q.id for q in quotes]
    assert any(len(q.spans) > 1 for q in quotes)  # the seeds hold split quotes
    for r, q in zip(got, quotes, strict=True):
        a = articles[q.article_id]
        assert (r["title"], r["outlet"], r["url"], r["published"]) == (
            a.title or "",
            a.outlet or "",
            a.url or "",
            a.published.isoformat() if a.published else "",
        )
        assert int(r["start"]) == q.spans[0].start and int(r["end"]) == q.spans[-1].end
        assert r["spans"] == "; ".join(f"{s.start}-{s.end}" for s in q.spans)
        if q.speaker_span is not None:
            assert a.text[int(r["speaker_start"]) : int(r["speaker_end"])] == q.speaker_mention
        assert r["topics"] == "; ".join(q.topics)
        for value in r.values():  # one plain value per cell
            assert not value.startswith(("{", "["))


def test_positions_csv_has_true_false_and_the_source(run: Run, seeded_db: Path) -> None:
    result = run("positions", "--db", seeded_db, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    got = rows(result.stdout)
    with Store(seeded_db) as store:
        positions = store.positions()
        articles = {a.id: a for a in store.articles()}
    assert [r["id"] for r in got] == [p.id for p in positions] and got
    assert {r["conditional"] for r in got} <= {"true", "false"}
    assert "true" in {r["conditional"] for r in got} or not any(p.conditional for p in positions)
    for r, p in zip(got, positions, strict=True):
        a = articles[p.article_id]
        assert a.text[int(r["start"]) : int(r["end"])] == r["evidence"] == p.evidence
        assert r["outlet"] == (a.outlet or "") and r["title"] == (a.title or "")
        assert int(r["reports"]) >= 1


def test_bom_for_excel(run: Run, seeded_db: Path) -> None:
    plain = run("quotes", "--db", seeded_db, "--format", "csv").stdout
    marked = run("quotes", "--db", seeded_db, "--format", "csv", "--bom").stdout
    assert marked == "\ufeff" + plain
    assert not plain.startswith("\ufeff")
    refused = run("quotes", "--db", seeded_db, "--format", "json", "--bom")
    assert refused.exit_code == 2 and "--bom" in refused.stderr
    assert refused.stdout == ""


def test_json_keeps_the_contract_shape(run: Run, seeded_db: Path) -> None:
    data = json.loads(run("quotes", "--db", seeded_db, "--format", "json").stdout)
    assert data and set(data[0]) >= {"speaker_span", "spans", "cue_span", "topics"}
    assert "title" not in data[0]


def test_contains_at_the_command_line(run: Run, db: Path, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Talks\n\n“We want security guarantees for Ukraine,” Volodymyr Zelensky said.\n",
        encoding="utf-8",
    )
    assert run("ingest", tmp_path / "a.txt", "--db", db).exit_code == 0

    def texts(query: str) -> list[str]:
        result = run("quotes", "--db", db, "--contains", query, "--format", "json")
        assert result.exit_code == 0, result.stderr
        return [q["text"] for q in json.loads(result.stdout)]

    found = ["We want security guarantees for Ukraine"]
    assert texts("guarantee") == found
    assert texts("guarant*") == found
    assert texts('"security guarantees"') == found
    assert texts("ceasefire OR guarantee") == found
    assert texts('"guarantees security"') == []
    bad = run("quotes", "--db", db, "--contains", '"security guarantees')
    assert bad.exit_code == 2
    assert "Traceback" not in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
    assert "not closed" in bad.stderr
