"""Statements: copies of one quote across articles grouped; different quotes kept apart."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
import yaml

from conftest import Run
from talks import query
from talks.lexicon import load
from talks.models import Article, Position, Quote, Span
from talks.statements import count_by_speaker, group, normalise, position_reports, same_words
from talks.store import Store

D = dt.date

PEACE = (
    "The talks are hard and slow-going. Of course, we would like them to proceed much "
    "faster. We want to achieve peace as soon as possible"
)


def art(aid: str, outlet: str | None, published: dt.date | None) -> Article:
    return Article(
        id=aid, article=f"{aid}.txt", path=f"{aid}.txt", outlet=outlet, published=published, text=""
    )


def quote(qid: str, aid: str, text: str, speaker: str = "Vladimir Medinsky") -> Quote:
    return Quote(
        id=qid,
        article=f"{aid}.txt",
        article_id=aid,
        path=f"{aid}.txt",
        speaker=speaker,
        speaker_mention=speaker.split()[-1],
        side="Russia",
        kind="direct",
        text=text,
        spans=(Span(start=0, end=len(text)),),
        topics=("ceasefire",),
    )


ARTS = {
    "a1": art("a1", "TASS", D(2022, 3, 30)),
    "a2": art("a2", "Reuters", D(2022, 3, 29)),
    "a3": art("a3", "AFP", D(2022, 4, 2)),
    "a4": art("a4", None, None),
}


def test_one_quote_syndicated_by_three_outlets_is_one_statement_with_three_reports() -> None:
    quotes = [
        quote("q1", "a1", PEACE),
        # another outlet: curly apostrophes, different dash, trimmed at the start
        quote(
            "q2",
            "a2",
            "Of course, we would like them to proceed much faster. We want to "
            "achieve peace as soon as possible",
        ),
        # a third with a small edit ("slow going", "would like it") and a full stop
        quote(
            "q3",
            "a3",
            "The talks are hard and slow going. Of course, we would like it to "
            "proceed much faster. We want to achieve peace as soon as possible.",
        ),
    ]
    [s] = group(quotes, ARTS)
    assert s.reports == 3
    assert set(s.outlets) == {"TASS", "Reuters", "AFP"}
    assert s.outlets[0] == "Reuters"  # first-seen order
    assert s.first_seen == D(2022, 3, 29)
    assert s.speaker == "Vladimir Medinsky"
    assert {src.quote_id for src in s.sources} == {"q1", "q2", "q3"}
    assert s.text in {q.text for q in quotes}
    assert len(s.text) == max(len(q.text) for q in quotes)


def test_two_different_quotes_by_one_speaker_stay_two() -> None:
    quotes = [
        quote("q1", "a1", PEACE),
        quote(
            "q2",
            "a1",
            "Ukraine is offering an Austrian or Swedish version of a neutral "
            "demilitarized state, but a state with its own army and navy",
        ),
        quote("q3", "a2", PEACE.upper()),
    ]
    statements = group(quotes, ARTS)
    assert len(statements) == 2
    assert sorted(s.reports for s in statements) == [1, 2]


def test_same_words_by_two_speakers_are_two_statements() -> None:
    quotes = [quote("q1", "a1", PEACE), quote("q2", "a2", PEACE, speaker="Dmitry Peskov")]
    assert len(group(quotes, ARTS)) == 2


def test_a_report_joining_two_sentences_takes_both_copies() -> None:
    first = "Russia will drastically scale back military activity near Kyiv and Chernihiv"
    second = "this is done to increase mutual trust and create conditions for further talks"
    quotes = [
        quote("q1", "a1", f"{first}. {second}"),
        quote("q2", "a2", first),
        quote("q3", "a3", second),
    ]
    [s] = group(quotes, ARTS)
    assert s.reports == 3 and s.text == f"{first}. {second}"


def test_short_phrase_inside_a_long_statement_is_not_the_same_statement() -> None:
    quotes = [quote("q1", "a1", PEACE), quote("q2", "a2", "as soon as possible")]
    assert len(group(quotes, ARTS)) == 2
    assert not same_words(normalise("as soon as possible"), normalise(PEACE))
    assert same_words(normalise("as soon as possible"), normalise("As soon as possible!"))


def test_two_copies_in_one_article_are_one_report() -> None:
    quotes = [quote("q1", "a4", PEACE), quote("q2", "a4", PEACE + ".")]
    [s] = group(quotes, ARTS)
    assert s.reports == 1 and len(s.sources) == 2
    assert s.first_seen is None and s.outlets == ()


def test_normalise_folds_case_quotes_and_punctuation() -> None:
    assert normalise("“We’re READY,” he—said…") == "we're ready he said"


def pos(pid: str, aid: str, stance: str, date: dt.date | None) -> Position:
    return Position(
        id=pid,
        article=f"{aid}.txt",
        article_id=aid,
        path=f"{aid}.txt",
        actor="Russia",
        topic="neutrality",
        stance=stance,  # type: ignore[arg-type]
        date=date,
        evidence="x",
        span=Span(start=0, end=1),
    )


def test_position_reports_count_distinct_articles_per_actor_topic_stance_date() -> None:
    positions = [
        pos("p1", "a1", "support", D(2022, 3, 29)),
        pos("p2", "a2", "support", D(2022, 3, 29)),
        pos("p3", "a2", "support", D(2022, 3, 29)),  # same article again
        pos("p4", "a3", "oppose", D(2022, 3, 29)),
        pos("p5", "a3", "support", D(2022, 3, 30)),
        pos("p6", "a1", "support", None),  # undated: its own article only
        pos("p7", "a2", "support", None),
    ]
    counts = position_reports(positions)
    assert counts == {"p1": 2, "p2": 2, "p3": 2, "p4": 1, "p5": 1, "p6": 1, "p7": 1}


def test_store_statements_and_speaker_counts_on_syndicated_articles(tmp_path: Path) -> None:
    """Three outlets' articles carrying one quote, ingested for real: one statement."""
    from talks.pipeline import ingest_paths

    body = (
        "Russian negotiator Vladimir Medinsky said: “The talks are hard and slow-going. "
        "We want to achieve peace as soon as possible.”\n"
    )
    folder = tmp_path / "in"
    folder.mkdir()
    for i, outlet in enumerate(("TASS", "Reuters", "AFP")):
        (folder / f"{i}.md").write_text(
            f"---\ntitle: Talks {outlet}\noutlet: {outlet}\npublished: 2022-03-{28 + i}\n---\n"
            + body,
            encoding="utf-8",
        )
    (folder / "3.md").write_text(
        "---\ntitle: Other\noutlet: AP\npublished: 2022-04-01\n---\n"
        "Vladimir Medinsky said: “Ukraine has handed over its written proposals for a "
        "treaty with guarantees.”\n",
        encoding="utf-8",
    )
    lex = load()
    with Store(tmp_path / "s.db") as store:
        assert ingest_paths(store, [folder], lexicon=lex).ok
        quotes = store.quotes(speakers=["Vladimir Medinsky"])
        assert len(quotes) == 4
        statements = query.statements(store, quotes)
        assert sorted(s.reports for s in statements) == [1, 3]
        three = next(s for s in statements if s.reports == 3)
        assert three.outlets == ("TASS", "Reuters", "AFP")
        assert three.first_seen == D(2022, 3, 28)
        # a filter that selects one copy still shows the statement with all its reports
        [only] = query.statements(store, quotes[1:2])
        assert only.reports == 3
        [medinsky] = [s for s in query.speakers(store, lexicon=lex) if "Medinsky" in s.name]
        assert (medinsky.quotes, medinsky.statements) == (4, 2)


def _syndicated(tmp_path: Path) -> Path:
    folder = tmp_path / "syndicated"
    folder.mkdir()
    for i, outlet in enumerate(("TASS", "Reuters", "AFP")):
        (folder / f"{i}.md").write_text(
            f"---\noutlet: {outlet}\npublished: 2022-04-0{i + 1}\n---\n"
            "Russian negotiator Vladimir Medinsky said: “The talks are hard and slow-going. "
            "We want to achieve peace as soon as possible.”\n"
            "Medinsky said Russia supports Ukraine's neutral status.\n",
            encoding="utf-8",
        )
    return folder


@pytest.mark.parametrize("fmt", ["json", "jsonl", "yaml", "csv", "table"])
def test_cli_quotes_group_in_every_format(tmp_path: Path, run: Run, fmt: str) -> None:
    db = tmp_path / "s.db"
    assert run("ingest", _syndicated(tmp_path), "--db", db).exit_code == 0
    result = run("quotes", "--speaker", "Medinsky", "--group", "--db", db, "-f", fmt)
    assert result.exit_code == 0, result.stderr
    if fmt == "json":
        rows = json.loads(result.stdout)
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in result.stdout.splitlines()]
    elif fmt == "yaml":
        rows = yaml.safe_load(result.stdout)
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        for r in rows:
            r["outlets"] = json.loads(r["outlets"])
            r["reports"] = int(r["reports"])
    else:
        assert "reports" in result.stdout and "first_seen" in result.stdout
        assert "2022-04-01" in result.stdout and "TASS, Reuters, AFP" in result.stdout
        return
    assert len(rows) == 2  # the quote and the indirect "said Russia supports ..."
    [row] = [r for r in rows if "slow-going" in r["text"]]
    assert row["reports"] == 3
    assert row["outlets"] == ["TASS", "Reuters", "AFP"]
    assert row["first_seen"] == "2022-04-01"
    assert row["speaker"] == "Vladimir Medinsky"
    # without --group every copy is its own row
    plain = json.loads(run("quotes", "--speaker", "Medinsky", "--db", db, "-f", "json").stdout)
    assert len(plain) == 6


def test_cli_speakers_and_positions_count_reports(tmp_path: Path, run: Run) -> None:
    db = tmp_path / "s.db"
    assert run("ingest", _syndicated(tmp_path), "--db", db).exit_code == 0
    speakers = json.loads(run("speakers", "--db", db, "-f", "json").stdout)
    [medinsky] = [s for s in speakers if s["name"] == "Vladimir Medinsky"]
    assert (medinsky["statements"], medinsky["quotes"]) == (2, 6)
    rows = json.loads(run("positions", "--topic", "neutrality", "--db", db, "-f", "json").stdout)
    assert len(rows) == 3
    assert {r["date"] for r in rows} == {"2022-04-01", "2022-04-02", "2022-04-03"}
    assert [r["reports"] for r in rows] == [1, 1, 1]  # three different dates


def test_count_by_speaker_agrees_with_group() -> None:
    quotes = [
        quote("q1", "a1", PEACE),
        quote("q2", "a2", PEACE.lower()),
        quote("q3", "a3", "as soon as possible"),
        quote("q4", "a1", PEACE, speaker="Dmitry Peskov"),
    ]
    grouped = group(quotes, ARTS)
    counts = count_by_speaker((q.id, q.speaker, q.text) for q in quotes)
    assert counts == {"Vladimir Medinsky": 2, "Dmitry Peskov": 1}
    assert counts == {s: sum(1 for g in grouped if g.speaker == s) for s in counts}
