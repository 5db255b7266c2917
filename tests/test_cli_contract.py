"""The command line never answers wrong in silence: missing stores, formats each
command can write, filter values it does not know, empty ranges, paging, tables
that never break a token, `talks info`, and the streamed writers' output."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import SEEDS, Run
from talks.lexicon import shipped
from talks.pipeline import ingest_paths
from talks.render import Format, fit_columns, write_records
from talks.store import Store


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("seeded") / "talks.db"
    with Store(db) as store:
        assert ingest_paths(store, [SEEDS], lexicon=shipped()).ok
    return db


def rows(run: Run, db: Path, *args: str) -> list[dict[str, object]]:
    result = run(*args, "--db", db, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    return data


# --- formats -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "bad"),
    [
        (["show", "q0"], "csv"),
        (["show", "q0"], "jsonl"),
        (["info"], "csv"),
        (["eval", "gold", "--articles", "arts"], "csv"),
        (["quotes"], "xml"),
    ],
)
def test_a_format_a_command_cannot_write_is_a_usage_error(
    run: Run, seeded: Path, command: list[str], bad: str
) -> None:
    result = (
        run(*command, "--db", seeded, "--format", bad)
        if command[0] != "eval"
        else run(*command, "--format", bad)
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    assert bad in result.stderr


@pytest.mark.parametrize(
    ("command", "listed"),
    [
        ("quotes", "table, json, jsonl, csv, yaml"),
        ("diff", "table, json, jsonl, csv, yaml"),
        ("show", "table, json, yaml"),
        ("eval", "table, json, yaml"),
        ("info", "table, json, yaml"),
    ],
)
def test_help_lists_the_formats(run: Run, command: str, listed: str) -> None:
    out = " ".join(run(command, "--help").stdout.split())
    assert listed in out


def test_diff_writes_one_row_per_change_in_csv_and_jsonl(run: Run, seeded: Path) -> None:
    args = ["diff", "--from", "2022-04-30", "--to", "2025-12-31", "--topic", "nato", "--db"]
    whole = json.loads(run(*args, seeded, "-f", "json").stdout)
    assert [set(whole)] == [{"from", "to", "changes", "undated"}]
    lines = run(*args, seeded, "-f", "jsonl").stdout.splitlines()
    table = list(csv.DictReader(io.StringIO(run(*args, seeded, "-f", "csv").stdout)))
    assert len(lines) == len(table) == len(whole["changes"]) >= 2
    for line, row, change in zip(lines, table, whole["changes"], strict=True):
        record = json.loads(line)
        assert record["actor"] == row["actor"] == change["actor"]
        assert record["status"] == row["status"] == change["status"]
        assert record["after_evidence"] == row["after_evidence"] == change["after"]["evidence"]
        assert record["from"] == "2022-04-30" and record["to"] == "2025-12-31"
    changed = run(*args, seeded, "-f", "csv")
    assert changed.exit_code == 1  # like diff: something changed
    assert "unknown dates left out" in changed.stderr


def test_show_writes_yaml_when_asked(run: Run, seeded: Path) -> None:
    quote = rows(run, seeded, "quotes", "--limit", "1")[0]
    out = run("show", quote["id"], "--db", seeded, "-f", "yaml")
    assert out.exit_code == 0, out.stderr
    assert yaml.safe_load(out.stdout)["id"] == quote["id"]


# --- streamed writers ----------------------------------------------------------------


def test_streamed_rows_equal_the_models(seeded: Path) -> None:
    with Store(seeded) as store:
        assert list(store.quote_rows()) == [q.model_dump(mode="json") for q in store.quotes()]
        assert list(store.position_rows()) == [p.model_dump(mode="json") for p in store.positions()]


@pytest.mark.parametrize("n", [0, 1, 3])
def test_streamed_json_and_yaml_equal_the_whole_dump(n: int) -> None:
    records = [{"id": f"q{i}", "text": "Мир “now”\nnext", "n": i, "ok": None} for i in range(n)]
    buf = io.StringIO()
    write_records(records, Format.json, out=buf)
    assert buf.getvalue() == json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    buf = io.StringIO()
    write_records(records, Format.yaml, out=buf)
    assert yaml.safe_load(buf.getvalue()) == records


# --- filters -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [("US", "United States"), ("U.S.", "United States"), ("usa", "United States"),
     ("Kyiv", "Ukraine"), ("Kiev", "Ukraine"), ("Moscow", "Russia"), ("EU", "European Union")],
)  # fmt: skip
def test_parties_accept_their_aliases(run: Run, seeded: Path, alias: str, canonical: str) -> None:
    by_alias = rows(run, seeded, "positions", "--actor", alias)
    by_name = rows(run, seeded, "positions", "--actor", canonical)
    assert by_alias == by_name
    assert all(p["actor"] == canonical for p in by_alias)
    quotes = rows(run, seeded, "quotes", "--side", alias)
    assert all(q["side"] == canonical for q in quotes)


def test_seed_aliases_find_something(run: Run, seeded: Path) -> None:
    assert rows(run, seeded, "positions", "--actor", "Kyiv")
    assert rows(run, seeded, "quotes", "--side", "Moscow")


@pytest.mark.parametrize(
    ("args", "expect"),
    [
        (["quotes", "--side", "Rusia"], "did you mean Russia"),
        (["positions", "--actor", "Atlantis"], "valid values: Russia, Ukraine"),
        (["quotes", "--kind", "drect"], "did you mean direct"),
        (["positions", "--stance", "supports"], "did you mean support"),
        (["quotes", "--topic", "natoo"], "did you mean nato"),
        (["timeline", "--topic", "nato", "--by", "year"], "--by"),
        (["quotes", "--speaker", "Xyzzy Qwerty"], "no speaker matches"),
        (["quotes", "--since", "2025", "--until", "2022"], "range is empty"),
        (["articles", "--since", "2022-13"], "not a date"),
    ],
)
def test_unknown_filter_values_are_usage_errors(
    run: Run, seeded: Path, args: list[str], expect: str
) -> None:
    result = run(*args, "--db", seeded, "--format", "json")
    assert result.exit_code == 2, result.stdout
    assert result.stdout == ""
    assert expect in result.stderr


def test_an_ambiguous_speaker_says_whom_it_matched(run: Run, seeded: Path) -> None:
    result = run("quotes", "--speaker", "Vladimir", "--db", seeded, "-f", "json")
    assert result.exit_code == 0
    speakers = {q["speaker"] for q in json.loads(result.stdout)}
    assert len(speakers) >= 2 and all(s.startswith("Vladimir ") for s in speakers)
    assert "matched" in result.stderr
    assert all(s in result.stderr for s in speakers)


@pytest.mark.parametrize("spelling", ["Зеленский", "Зеленський", "Selenskyj", "Zelenskyy"])
def test_speakers_match_across_scripts(run: Run, seeded: Path, spelling: str) -> None:
    found = rows(run, seeded, "quotes", "--speaker", spelling)
    assert found and {q["speaker"] for q in found} == {"Volodymyr Zelensky"}


def test_partial_dates_cover_their_period(run: Run, seeded: Path) -> None:
    everything = rows(run, seeded, "quotes")
    in_2022 = rows(run, seeded, "quotes", "--since", "2022", "--until", "2022")
    march = rows(run, seeded, "quotes", "--since", "2022-03", "--until", "2022-03")
    assert in_2022 == [q for q in everything if q["date"] and q["date"].startswith("2022")]
    assert march == [q for q in everything if q["date"] and q["date"].startswith("2022-03")]
    assert march and len(march) < len(everything)


@pytest.mark.parametrize("command", [["articles"], ["quotes"], ["positions"], ["speakers"]])
def test_limit_and_offset_page_through_every_listing(
    run: Run, seeded: Path, command: list[str]
) -> None:
    everything = rows(run, seeded, *command)
    assert len(everything) >= 4
    assert rows(run, seeded, *command, "--limit", "2") == everything[:2]
    assert rows(run, seeded, *command, "--limit", "2", "--offset", "2") == everything[2:4]
    assert rows(run, seeded, *command, "--offset", "3") == everything[3:]


# --- info and the lexicon a store was built with ---------------------------------------


def test_info_says_which_store_and_how_it_was_chosen(
    run: Run, seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = json.loads(run("info", "--db", seeded, "-f", "json").stdout)
    assert data["store"] == str(seeded) and data["chosen_by"] == "--db"
    with Store(seeded) as store:
        assert {k: data[k] for k in ("articles", "quotes", "positions")} == store.counts()
    assert data["size_bytes"] == seeded.stat().st_size
    assert data["lexicon"] == data["lexicon_now"] and not data["lexicon_differs"]
    assert data["last_ingest"]
    monkeypatch.setenv("TALKS_DB", str(seeded))
    assert json.loads(run("info", "-f", "json").stdout)["chosen_by"] == "$TALKS_DB"


def test_a_store_remembers_its_lexicon(run: Run, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    mine = tmp_path / "mine.yaml"
    mine.write_text("speakers:\n  - name: Anna Example\n    aliases: [Example]\n", "utf-8")
    src = tmp_path / "a.txt"
    src.write_text("A\n\n“We want peace now,” Medinsky said.\n", "utf-8")
    assert run("ingest", src, "--db", db, "-L", mine).exit_code == 0
    forgot = run("ingest", src, "--db", db)
    assert forgot.exit_code == 0
    assert "built with lexicon" in forgot.stderr and "mine.yaml" in forgot.stderr
    info = json.loads(run("info", "--db", db, "-f", "json").stdout)
    assert info["lexicon_differs"] and "mine.yaml" in info["lexicon_files"]
    assert info["articles_other_lexicon"] == 1
    same = json.loads(run("info", "--db", db, "-L", mine, "-f", "json").stdout)
    assert not same["lexicon_differs"]
    again = run("ingest", src, "--db", db, "--reextract")
    assert "1 updated" in again.stderr and "built with" not in again.stderr
    assert not json.loads(run("info", "--db", db, "-f", "json").stdout)["lexicon_differs"]


# --- tables ----------------------------------------------------------------------------

TOKEN = re.compile(r"^(q[0-9a-f]{12}|p[0-9a-f]{12}|\d{4}-\d{2}-\d{2}|direct|indirect)$")


@pytest.mark.parametrize("width", [80, 100, 132])
@pytest.mark.parametrize(
    "command",
    [["quotes"], ["positions"], ["speakers"], ["articles"], ["timeline", "--topic", "nato"]],
)
def test_tables_never_break_a_token(run: Run, seeded: Path, command: list[str], width: int) -> None:
    data = rows(run, seeded, *command)
    table = run(*command, "--db", seeded, "-f", "table", env={"COLUMNS": str(width)})
    assert table.exit_code == 0, table.stderr
    lines = table.stdout.splitlines()
    assert max(len(line) for line in lines) <= width
    words = set(table.stdout.split())
    shown = [
        k for k in ("id", "date", "kind", "side", "actor", "stance", "published") if k in words
    ]
    assert shown
    for row in data:
        for key in shown:
            value = row.get(key)
            for token in value.split() if isinstance(value, str) else ():
                assert token in words, (key, token)


def test_fit_columns_leaves_columns_out_rather_than_break_words() -> None:
    cells = [["q" + "0" * 12, "2022-03-16", "Vladimir Medinsky", "a long quote " * 10]]
    kept, widths = fit_columns(cells, ["id", "date", "speaker", "text"], wrap=["text"], width=40)
    assert kept[0] == "id" and "text" in kept
    assert widths["id"] == 13
    for c in kept:
        if c != "text":
            assert widths[c] >= max(
                len(w) for w in cells[0][["id", "date", "speaker"].index(c)].split()
            )
    assert sum(widths.values()) + 2 * (len(kept) - 1) <= 40


def test_streamed_reports_equal_the_statements_count(seeded: Path) -> None:
    from talks.query import with_reports

    with Store(seeded) as store:
        assert list(store.position_rows(reports=True)) == with_reports(store, store.positions())


# --- decoding ---------------------------------------------------------------------------

RUSSIAN = (
    "Переговоры в Стамбуле продолжатся в среду\n\n"
    "Мы готовы обсуждать нейтральный статус, но только с гарантиями безопасности, "
    "заявил Владимир Мединский журналистам во вторник. Делегации встретились во дворце "
    "Долмабахче, где обсуждали прекращение огня и обмен пленными.\n"
)


@pytest.mark.parametrize("codec", ["cp1251", "koi8_r"])
def test_a_russian_legacy_file_is_decoded_and_its_encoding_recorded(
    run: Run, tmp_path: Path, codec: str
) -> None:
    src = tmp_path / "ru.txt"
    src.write_bytes(RUSSIAN.encode(codec))
    db = tmp_path / "t.db"
    result = run("ingest", src, "--db", db, "--all")
    assert result.exit_code == 0, result.stderr
    assert "not valid UTF-8" in result.stderr and "detected" in result.stderr
    (article,) = rows(run, db, "articles")
    assert article["title"] == RUSSIAN.splitlines()[0]
    assert article["encoding"].replace("_", "-") == codec.replace("_", "-")


# --- rm and completion -------------------------------------------------------------------


def test_rm_removes_articles_and_their_records_all_or_nothing(run: Run, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    with Store(db) as store:
        assert ingest_paths(store, [SEEDS], lexicon=shipped()).ok
    before = rows(run, db, "articles")
    gone, kept = before[0], before[1:]
    refused = run("rm", gone["article"], "no-such-article.txt", "--db", db)
    assert refused.exit_code == 2 and "no-such-article.txt" in refused.stderr
    assert rows(run, db, "articles") == before  # nothing removed
    quotes = [q for q in rows(run, db, "quotes") if q["article_id"] == gone["id"]]
    assert quotes
    done = run("rm", gone["article"], "--db", db)
    assert done.exit_code == 0, done.stderr
    assert f"{len(quotes)} quote(s)" in done.stderr
    assert rows(run, db, "articles") == kept
    assert not [q for q in rows(run, db, "quotes") if q["article_id"] == gone["id"]]
    assert not [p for p in rows(run, db, "positions") if p["article_id"] == gone["id"]]
    text = quotes[0]["text"].split()[0]
    found = rows(run, db, "quotes", "--contains", text)
    assert all(q["article_id"] != gone["id"] for q in found)  # search index cleaned too


def test_shell_completion_completes_commands_and_options(run: Run) -> None:
    env = {"_TALKS_COMPLETE": "complete_bash", "COMP_WORDS": "talks quo", "COMP_CWORD": "1"}
    from typer.testing import CliRunner

    from talks.cli import app

    result = CliRunner().invoke(app, [], env=env, prog_name="talks")
    assert result.stdout.split() == ["quotes"]
    env.update(COMP_WORDS="talks quotes --spe", COMP_CWORD="2")
    result = CliRunner().invoke(app, [], env=env, prog_name="talks")
    assert result.stdout.split() == ["--speaker"]
    assert "--install-completion" in run("--help").stdout


@pytest.mark.parametrize("by", ["day", "month", "week", None])
@pytest.mark.parametrize("topic", ["nato", "neutrality"])
def test_timeline_grouped_in_sql_equals_grouped_in_python(
    seeded: Path, by: str | None, topic: str
) -> None:
    from talks.diff import timeline_rows, timeline_store

    with Store(seeded) as store:
        fast = timeline_store(store, topic=topic, by=by)  # type: ignore[arg-type]
        slow = timeline_rows(store.position_rows(topic=topic), by=by)  # type: ignore[arg-type]
    assert fast == slow
    assert fast[0]  # the seeds have dated positions on these topics


def test_a_long_timeline_is_grouped_and_says_so(run: Run, seeded: Path) -> None:
    result = run("timeline", "--topic", "nato", "--by", "month", "--db", seeded, "-f", "json")
    assert result.exit_code == 0, result.stderr
    rows_ = json.loads(result.stdout)
    assert rows_ and all({"period", "support", "oppose", "stance"} <= set(r) for r in rows_)
    assert "unknown dates left out" in result.stderr


@pytest.mark.parametrize("filters", [{}, {"topic": "nato"}, {"stance": "oppose"}])
def test_every_page_of_positions_is_a_slice_of_the_whole(
    seeded: Path, filters: dict[str, str]
) -> None:
    with Store(seeded) as store:
        whole = list(store.position_rows(**filters))
        assert whole
        for offset in range(len(whole) + 1):
            for limit in (1, 2, 5):
                page = list(store.position_rows(limit=limit, offset=offset, **filters))
                assert page == whole[offset : offset + limit], (offset, limit)
