"""The `talks` command line: inputs, summaries and exit codes, bad input, the store's
location, `talks articles` and its formats, help and version, span integrity."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml

import talks
from conftest import Run, sql
from talks import config
from talks import lexicon as lexicon_mod
from talks.cli import app
from talks.extract import record_id
from talks.models import Article, Quote, Span
from talks.store import Store

ARTICLE_FIELDS = [
    "id",
    "article",
    "path",
    "title",
    "outlet",
    "url",
    "published",
    "published_basis",
    "crawled",
    "encoding",
]
SUMMARY = re.compile(r"(\d+) new, (\d+) unchanged, (\d+) updated, (\d+) failed")


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def summary(stderr: str) -> tuple[int, int, int, int]:
    """(new, unchanged, updated, failed) from the summary, which must be the last line."""
    last = stderr.strip().splitlines()[-1]
    m = SUMMARY.search(last)
    assert m, f"no summary on the last stderr line: {stderr!r}"
    return int(m[1]), int(m[2]), int(m[3]), int(m[4])


def stored(db: Path) -> list[str]:
    return sorted(r[0] for r in sql(db, "SELECT article FROM articles"))


def listing(run: Run, db: Path, *args: str) -> list[dict[str, object]]:
    result = run("articles", "--db", db, "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    return data


def article_text(n: int) -> str:
    return f"Article {n}\n\n“We want peace now,” Medinsky said. Round {n} ended.\n"


# --- inputs ------------------------------------------------------------------------


def test_ingest_files_directories_and_several_paths(run: Run, db: Path, tmp_path: Path) -> None:
    write(tmp_path / "dir" / "a.txt", article_text(1))
    write(tmp_path / "dir" / "sub" / "b.md", "---\ntitle: Bee\n---\n" + article_text(2))
    write(
        tmp_path / "dir" / "sub" / "deep" / "c.jsonl",
        json.dumps({"id": "c-1", "text": article_text(3)})
        + "\n"
        + json.dumps({"id": "c-2", "text": article_text(4)})
        + "\n",
    )
    write(tmp_path / "dir" / "ignored.csv", "not,an,article\n")
    single = write(tmp_path / "single.txt", article_text(5))
    result = run("ingest", tmp_path / "dir", single, "--db", db)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert summary(result.stderr) == (5, 0, 0, 0)
    assert stored(db) == ["a.txt", "b.md", "c-1", "c-2", "single.txt"]
    titles = {r["article"]: r["title"] for r in listing(run, db)}
    assert titles["b.md"] == "Bee"


def test_ingest_plain_text_from_stdin(run: Run, db: Path) -> None:
    result = run("ingest", "-", "--db", db, input=article_text(1))
    assert result.exit_code == 0, result.stderr
    assert summary(result.stderr) == (1, 0, 0, 0)
    (row,) = listing(run, db)
    assert (row["path"], row["title"]) == ("-", "Article 1")
    assert sql(db, "SELECT text FROM articles") == [(article_text(1),)]


def test_ingest_json_lines_from_stdin(run: Run, db: Path) -> None:
    lines = [
        {"id": "s1", "text": article_text(1), "published": "2022-03-29", "outlet": "Reuters"},
        {"id": "s2", "text": article_text(2), "title": "Two"},
    ]
    result = run("ingest", "-", "--db", db, input="".join(json.dumps(x) + "\n" for x in lines))
    assert result.exit_code == 0, result.stderr
    rows = {r["article"]: r for r in listing(run, db)}
    assert set(rows) == {"s1", "s2"}
    assert (rows["s1"]["published"], rows["s1"]["published_basis"], rows["s1"]["outlet"]) == (
        "2022-03-29",
        "metadata",
        "Reuters",
    )
    assert rows["s2"]["title"] == "Two"


def test_ingest_date_option(run: Run, db: Path, tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", article_text(1))
    b = write(tmp_path / "b.txt", article_text(2))
    assert run("ingest", a, "--date", "2022-03-30", "--db", db).exit_code == 0
    assert run("ingest", b, "--db", db).exit_code == 0
    rows = {r["article"]: (r["published"], r["published_basis"]) for r in listing(run, db)}
    assert rows == {"a.txt": ("2022-03-30", "metadata"), "b.txt": (None, "unknown")}


def test_ingest_bad_date_option_is_a_usage_error(run: Run, db: Path, tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", article_text(1))
    result = run("ingest", a, "--date", "30/03/2022", "--db", db)
    assert result.exit_code == 2
    assert "--date" in result.stderr and "30/03/2022" in result.stderr


def test_reingest_says_unchanged_and_changes_say_updated(
    run: Run, db: Path, tmp_path: Path
) -> None:
    a = write(tmp_path / "in" / "a.txt", article_text(1))
    write(tmp_path / "in" / "b.txt", article_text(2))
    assert summary(run("ingest", tmp_path / "in", "--db", db).stderr) == (2, 0, 0, 0)
    ids = sql(db, "SELECT id FROM articles ORDER BY article")
    again = run("ingest", tmp_path / "in", "--db", db)
    assert again.exit_code == 0
    assert summary(again.stderr) == (0, 2, 0, 0)
    assert sql(db, "SELECT id FROM articles ORDER BY article") == ids
    write(a, article_text(1) + "One more line.\n")
    changed = run("ingest", tmp_path / "in", "--db", db)
    assert summary(changed.stderr) == (0, 1, 1, 0)
    assert stored(db) == ["a.txt", "b.txt"]


def test_quiet_ingest_prints_no_summary(run: Run, db: Path, tmp_path: Path) -> None:
    result = run("ingest", write(tmp_path / "a.txt", article_text(1)), "--db", db, "-q")
    assert result.exit_code == 0
    assert result.stderr == "" and result.stdout == ""


# --- bad input: one test each --------------------------------------------------------


def test_missing_path(run: Run, db: Path, tmp_path: Path) -> None:
    good = write(tmp_path / "a.txt", article_text(1))
    result = run("ingest", good, tmp_path / "nope.txt", "--db", db)
    assert result.exit_code == 2
    assert "nope.txt" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not db.exists() or stored(db) == []


def test_directory_without_articles(run: Run, db: Path, tmp_path: Path) -> None:
    write(tmp_path / "empty" / "notes.csv", "a,b\n")
    result = run("ingest", tmp_path / "empty", "--db", db)
    assert result.exit_code != 0
    assert "empty" in result.stderr and "no articles" in result.stderr


def test_binary_file_is_skipped(run: Run, db: Path, tmp_path: Path) -> None:
    write(tmp_path / "in" / "good.txt", article_text(1))
    write(tmp_path / "in" / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = run("ingest", tmp_path / "in", "--db", db)
    assert result.exit_code == 1
    assert re.search(r"photo\.txt: .*binary", result.stderr)
    assert summary(result.stderr) == (1, 0, 0, 1)
    assert stored(db) == ["good.txt"]


def test_empty_file_is_skipped(run: Run, db: Path, tmp_path: Path) -> None:
    write(tmp_path / "in" / "good.txt", article_text(1))
    write(tmp_path / "in" / "blank.md", "")
    result = run("ingest", tmp_path / "in", "--db", db)
    assert result.exit_code == 1
    assert re.search(r"blank\.md: .*empty", result.stderr)
    assert stored(db) == ["good.txt"]


def test_undecodable_bytes_fall_back_to_cp1252(run: Run, db: Path, tmp_path: Path) -> None:
    raw = "Caf\u00e9 diplomacy\n\n\u201cWe want peace,\u201d Medinsky said.\n".encode("cp1252")
    write(tmp_path / "legacy.txt", raw)
    result = run("ingest", tmp_path / "legacy.txt", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert re.search(r"warning: .*legacy\.txt.*cp1252", result.stderr)
    assert summary(result.stderr) == (1, 0, 0, 0)
    assert sql(db, "SELECT encoding, text, title FROM articles") == [
        ("cp1252", raw.decode("cp1252"), "Café diplomacy")
    ]


def test_broken_front_matter_skips_that_file(run: Run, db: Path, tmp_path: Path) -> None:
    write(tmp_path / "in" / "good.txt", article_text(1))
    write(tmp_path / "in" / "bad.md", "---\ntitle: Fine\nurl: x\n  oops: indent\n---\nBody.\n")
    result = run("ingest", tmp_path / "in", "--db", db)
    assert result.exit_code == 1
    assert re.search(r"bad\.md:4: .*front matter", result.stderr), result.stderr
    assert stored(db) == ["good.txt"]


def test_broken_metadata_index(run: Run, db: Path, tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", article_text(1))
    write(tmp_path / "in" / "b.txt", article_text(2))
    write(tmp_path / "in" / "meta.yaml", "- file: a.txt\n  published: 2022-03-29\n- file: [b.txt\n")
    result = run("ingest", tmp_path / "in", "--db", db)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if "meta.yaml" in line]
    assert len(errors) == 1, result.stderr  # reported once, as one problem
    assert re.search(r"meta\.yaml:\d+: ", errors[0])
    assert summary(result.stderr)[3] >= 1  # counted
    assert stored(db) == ["a.txt", "b.txt"]  # the articles still go in


def test_impossible_date_in_metadata_index_is_reported_not_a_crash(
    run: Run, db: Path, tmp_path: Path
) -> None:
    write(tmp_path / "in" / "a.txt", article_text(1))
    write(tmp_path / "in" / "meta.yaml", "- file: a.txt\n  published: 2022-02-30\n")
    result = run("ingest", tmp_path / "in", "--db", db)  # run() re-raises a crash
    assert result.exit_code == 1
    assert "meta.yaml" in result.stderr


def test_dangling_symlink_is_reported(run: Run, db: Path, tmp_path: Path) -> None:
    write(tmp_path / "in" / "good.txt", article_text(1))
    (tmp_path / "in" / "x.txt").symlink_to(tmp_path / "gone.txt")
    result = run("ingest", tmp_path / "in", "--db", db)
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if "x.txt" in line]
    assert len(lines) == 1 and lines[0].startswith("talks: error:")
    assert stored(db) == ["good.txt"]


def test_unreadable_file_is_reported(
    run: Run, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "in" / "good.txt", article_text(1))
    locked = write(tmp_path / "in" / "locked.txt", article_text(2))
    real = os.open

    def fake_open(path: Any, flags: int, *args: Any, **kw: Any) -> int:
        if Path(path).name == locked.name:  # (tests may run as root: chmod would not do)
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, flags, *args, **kw)

    monkeypatch.setattr(os, "open", fake_open)
    result = run("ingest", tmp_path / "in", "--db", db)
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if "locked.txt" in line]
    assert len(lines) == 1 and "Permission denied" in lines[0]
    assert summary(result.stderr) == (1, 0, 0, 1)
    assert stored(db) == ["good.txt"]


# --- malformed lexicon ----------------------------------------------------------------

BAD_LEXICON = "speakers:\n  - name: Ivan Example\n    sied: Russia\n"


def test_lexicon_command_reports_a_malformed_file(run: Run, tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.yaml", BAD_LEXICON)
    result = run("lexicon", bad)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert re.fullmatch(
        rf"talks: error: {re.escape(str(bad))}:speakers\[0\][^:]*: sied: .+", lines[0]
    )


def test_lexicon_command_accepts_a_good_file(run: Run, tmp_path: Path) -> None:
    good = write(tmp_path / "good.yaml", "speakers:\n  - {name: Ivan Example, side: Russia}\n")
    result = run("lexicon", good)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("ok:")


def test_ingest_with_a_malformed_lexicon_stores_nothing(
    run: Run, db: Path, seeds_dir: Path, tmp_path: Path
) -> None:
    bad = write(tmp_path / "bad.yaml", BAD_LEXICON)
    result = run("ingest", "--lexicon", bad, seeds_dir, "--db", db)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"{bad}:speakers[0]" in lines[0]
    assert not db.exists() or stored(db) == []


def test_ingest_with_a_malformed_lexicon_from_env(
    run: Run, db: Path, seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = write(tmp_path / "bad.yaml", "topics: {not: a list}\n")
    monkeypatch.setenv("TALKS_LEXICON", str(bad))
    result = run("ingest", seeds_dir, "--db", db)
    assert result.exit_code == 1
    assert f"{bad}:topics:" in result.stderr
    assert not db.exists() or stored(db) == []


# --- unknown topic ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["positions", "--topic", "nope"],
        ["quotes", "--topic", "nope"],
        ["timeline", "--topic", "nope"],
        ["diff", "--from", "2022-01-01", "--to", "2022-12-31", "--topic", "nope"],
    ],
)
def test_unknown_topic_lists_the_valid_ones(run: Run, db: Path, command: list[str]) -> None:
    result = run(*command, "--db", db)
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert "\n" not in line
    assert line.startswith("talks: error: ") and "'nope'" in line, line
    m = re.search(r"valid topics: (.*)$", line)
    assert m, line
    listed = [t for t in m.group(1).split(", ") if t]
    assert listed == lexicon_mod.load().topic_keys()


# --- version and help -------------------------------------------------------------------


def test_version(run: Run) -> None:
    for flag in ("--version", "-V"):
        result = run(flag)
        assert result.exit_code == 0
        assert result.stdout.strip() == f"talks {version('talks')}"
    assert talks.__version__ == version("talks")


def test_main_help_shows_an_example(run: Run) -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert re.search(r"^\s+talks ingest \S+", result.stdout, re.M)
    for name in COMMANDS:
        assert name in result.stdout


COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_help_shows_an_example(run: Run, command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    body = result.stdout.split("\n", 1)[1]  # past the Usage line
    assert re.search(rf"^\s+talks {command}\b", body, re.M), f"no example in {command} --help"


def test_no_arguments_shows_help(run: Run) -> None:
    result = run()
    assert "Usage" in result.stdout + result.stderr


def test_unknown_option_is_a_usage_error(run: Run, db: Path) -> None:
    assert run("articles", "--bogus", "--db", db).exit_code == 2


# --- where the store lives --------------------------------------------------------------


def _store_commands() -> list[list[str]]:
    topic = (lexicon_mod.load().topic_keys() or ["nato"])[0]
    return [
        ["articles"],
        ["quotes"],
        ["speakers"],
        ["positions"],
        ["timeline", "--topic", topic],
        ["diff", "--from", "2022-01-01", "--to", "2022-12-31"],
        ["show", "q0000000000"],
    ]


@pytest.mark.parametrize("command", [*_store_commands(), ["info"]], ids=lambda c: c[0])
def test_every_store_command_takes_db(run: Run, tmp_path: Path, command: list[str]) -> None:
    db = tmp_path / "elsewhere" / "mine.db"
    Store(db).close()  # an empty store of the current schema
    result = run(*command, "--db", db, "--format", "json")
    expected = 2 if command[0] == "show" else 0  # show: no such quote is a usage error
    assert result.exit_code == expected, result.stderr
    assert sql(db, "PRAGMA user_version")[0][0] >= 1
    assert not config.default_db_path().exists()


@pytest.mark.parametrize("how", ["--db", "env", "default"])
@pytest.mark.parametrize("command", [*_store_commands(), ["info"]], ids=lambda c: c[0])
def test_reading_a_missing_store_is_an_error_and_creates_nothing(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], how: str
) -> None:
    db = tmp_path / "typo" / "mine.db"
    args: list[str | Path] = [*command, "--format", "json"]
    if how == "--db":
        args += ["--db", db]
    elif how == "env":
        monkeypatch.setenv("TALKS_DB", str(db))
    else:
        db = config.default_db_path()
    result = run(*args)
    assert result.exit_code == 1, result.stdout
    assert result.stdout == ""
    chosen = {"--db": "--db", "env": "$TALKS_DB", "default": "default"}[how]
    assert f"no store at {db} (chosen by {chosen})" in result.stderr
    assert "talks ingest" in result.stderr
    assert not db.exists() and not db.parent.exists()


def test_talks_db_env(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = write(tmp_path / "in" / "a.txt", article_text(1))
    env_db = tmp_path / "env" / "talks.db"
    monkeypatch.setenv("TALKS_DB", str(env_db))
    assert run("ingest", src).exit_code == 0
    assert stored(env_db) == ["a.txt"]
    assert [r["article"] for r in listing(run, env_db)] == ["a.txt"]
    assert json.loads(run("articles").stdout)[0]["article"] == "a.txt"  # read from TALKS_DB
    Store(tmp_path / "other.db").close()
    assert listing(run, tmp_path / "other.db") == []  # --db beats TALKS_DB
    assert not config.default_db_path().exists()


def test_default_store_is_in_the_user_data_dir(
    run: Run, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    src = write(tmp_path / "in" / "a.txt", article_text(1))
    default = config.default_db_path()
    # the autouse fixture points the user data dir into a tmp folder: never the real one
    assert str(default).startswith(str(tmp_path_factory.getbasetemp()))
    assert not default.exists()
    assert run("ingest", src).exit_code == 0
    assert default.is_file()
    assert stored(default) == ["a.txt"]


# --- talks articles --------------------------------------------------------------------


SEED_DATES = {
    "000": ("2022-03-16", "metadata"),
    "001": (None, "unknown"),
    "002": ("2025-06-03", "metadata"),
    "003": ("2022-03-30", "dateline"),
    "004": (None, "unknown"),
}


def test_seeds_are_listed_with_their_dates(run: Run, seeded_db: Path) -> None:
    rows = listing(run, seeded_db)
    assert all(list(r) == ARTICLE_FIELDS for r in rows)
    got = {str(r["article"])[:3]: (r["published"], r["published_basis"]) for r in rows}
    assert got == SEED_DATES
    by = {str(r["article"])[:3]: r for r in rows}
    assert by["004"]["outlet"] == "Xinhua"
    assert all(r["title"] for r in rows)
    assert all(re.fullmatch(r"[0-9a-f]{16}", str(r["id"])) for r in rows)
    # in date order, undated last
    assert [str(r["article"])[:3] for r in rows][:3] == ["000", "003", "002"]


def test_article_listing_formats_agree(run: Run, seeded_db: Path) -> None:
    expected = listing(run, seeded_db)

    def out(fmt: str) -> str:
        result = run("articles", "--db", seeded_db, "--format", fmt)
        assert result.exit_code == 0, result.stderr
        return result.stdout

    assert [json.loads(line) for line in out("jsonl").splitlines()] == expected
    assert yaml.safe_load(out("yaml")) == expected
    rows = list(csv.DictReader(io.StringIO(out("csv"))))
    assert [list(r) for r in rows] == [ARTICLE_FIELDS] * len(expected)
    assert rows == [{k: "" if v is None else str(v) for k, v in r.items()} for r in expected]
    default = run("articles", "--db", seeded_db)  # not a terminal: JSON
    assert json.loads(default.stdout) == expected


def test_article_table(run: Run, seeded_db: Path) -> None:
    result = run("articles", "--db", seeded_db, "--format", "table")
    assert result.exit_code == 0
    assert not result.stdout.lstrip().startswith("[")  # a table, not JSON
    for header in ("id", "article", "title", "outlet"):
        assert re.search(rf"\b{header}\b", result.stdout), header
    for prefix in SEED_DATES:
        assert re.search(rf"\b{prefix}_", result.stdout), prefix
    assert "Xinhua" in result.stdout


def test_article_filters(run: Run, seeded_db: Path) -> None:
    def names(*args: str) -> list[str]:
        return [str(r["article"])[:3] for r in listing(run, seeded_db, *args)]

    assert names("--since", "2022-03-20") == ["003", "002"]
    assert names("--until", "2022-03-20") == ["000"]
    assert names("--since", "2022-03-01", "--until", "2022-03-31") == ["000", "003"]
    assert names("--outlet", "xinhua") == ["004"]
    assert names("--outlet", "nobody") == []


def test_article_filter_bad_date(run: Run, seeded_db: Path) -> None:
    result = run("articles", "--db", seeded_db, "--since", "March")
    assert result.exit_code == 2
    assert "--since" in result.stderr


def test_bad_format_is_a_usage_error(run: Run, seeded_db: Path) -> None:
    assert run("articles", "--db", seeded_db, "--format", "xml").exit_code == 2


# --- show --------------------------------------------------------------------------------


def test_show_a_quote_in_its_paragraph(run: Run, db: Path) -> None:
    text = "Headline\nFirst line.\nTalks went on. “We want peace now,” Medinsky said.\nLast."
    article = Article(id="f" * 16, article="s.txt", path="s.txt", text=text)
    start = text.index("We want")
    quote = Quote(
        id=record_id("q", article.id, start),
        article="s.txt",
        article_id=article.id,
        path="s.txt",
        speaker="Vladimir Medinsky",
        speaker_mention="Medinsky",
        side="Russia",
        kind="direct",
        text="We want peace now",
        spans=(Span(start=start, end=start + 17),),
    )
    with Store(db) as store:
        store.put(article, [quote], [], digest="x")
    table = run("show", quote.id[:8], "--db", db)
    assert table.exit_code == 0, table.stderr
    assert "Vladimir Medinsky" in table.stdout and "We want peace now" in table.stdout
    data = json.loads(run("show", quote.id, "--db", db, "--format", "json").stdout)
    assert data["id"] == quote.id
    para = data["paragraph"]
    assert para["text"] == "Talks went on. “We want peace now,” Medinsky said."
    assert text[para["start"] : para["end"]] == para["text"]
    missing = run("show", "qnothing", "--db", db)
    assert missing.exit_code == 2 and "qnothing" in missing.stderr


# --- span integrity ------------------------------------------------------------------------


def test_every_span_in_the_store_indexes_into_its_article(seeded_db: Path) -> None:
    with Store(seeded_db) as store:
        articles = {a.id: a for a in store.articles()}
        assert len(articles) == 5
        for a in articles.values():
            for span in (*a.noise, *([a.title_span] if a.title_span else [])):
                assert 0 <= span.start <= span.end <= len(a.text)
            if a.title_span is not None:
                assert a.title == a.title_span.of(a.text)
        for q in store.quotes():
            text = articles[q.article_id].text
            assert q.spans, q.id
            for span in q.spans:
                assert 0 <= span.start < span.end <= len(text), q.id
            assert q.text == " ".join(s.of(text) for s in q.spans), q.id
            for extra in (q.speaker_span, q.cue_span):
                if extra is not None:
                    assert 0 <= extra.start < extra.end <= len(text), q.id
            if q.speaker_span is not None:
                assert q.speaker_span.of(text) == q.speaker_mention, q.id
            if q.cue_span is not None and q.cue is not None:
                assert q.cue_span.of(text) == q.cue, q.id
        for p in store.positions():
            text = articles[p.article_id].text
            assert 0 <= p.span.start < p.span.end <= len(text), p.id
            assert p.evidence == p.span.of(text), p.id


def test_store_is_readable_by_plain_sqlite(seeded_db: Path) -> None:
    con = sqlite3.connect(seeded_db)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"articles", "quotes", "positions"} <= tables
        assert con.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 5
        text = con.execute("SELECT text FROM articles WHERE article LIKE '003%'").fetchone()[0]
    finally:
        con.close()
    seed = next((Path(__file__).parents[1] / "data" / "seeds").glob("003_*.txt"))
    assert text == seed.read_bytes().decode("utf-8")
