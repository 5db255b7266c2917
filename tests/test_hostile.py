"""Hostile and broken input (issue 11): one test per crash class seen in the wild.

Each test feeds one bad input beside good ones through the CLI and checks the
promises: no traceback, a one-line error naming the file (and line), the bad
file or record skipped, every good one stored, the summary last, exit 1.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from conftest import Run, sql
from talks import limits as limits_mod
from talks.errors import InputError, UsageError
from talks.lexicon import shipped
from talks.limits import Limits, load_yaml
from talks.pipeline import ingest_paths
from talks.store import Store


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def article(n: int) -> str:
    return f"Article {n}\n\n“We want peace now,” Medinsky said. Round {n} ended.\n"


def stored(db: Path) -> list[str]:
    return sorted(r[0] for r in sql(db, "SELECT article FROM articles"))


def errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("talks: error:")]


def check_clean(result: Any, *, exit_code: int = 1) -> None:
    """No traceback, the summary last, the expected exit status."""
    assert "Traceback" not in result.stderr
    assert result.exit_code == exit_code, result.stderr
    assert "file(s):" in result.stderr.strip().splitlines()[-1]


def jsonl(*records: str) -> str:
    good = json.dumps({"id": "good-1", "text": article(1)})
    good2 = json.dumps({"id": "good-2", "text": article(2)})
    return "\n".join([good, *records, good2]) + "\n"


# --- JSON Lines ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("record", "problem"),
    [
        ('{"text": "x y z", "n": ' + "9" * 5000 + "}", "digits"),
        ('{"text": "Peace \\ud800 talks resumed today."}', "surrogate"),
        ('{"id": "bad\\udfff", "text": "Peace talks resumed today."}', "surrogate"),
        ('{"title": "\\ud83d", "text": "Peace talks resumed today."}', "surrogate"),
        ('{"text": "x", "deep": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested"),
        ('{"text": "x", "deep": ' + "[" * 100_000 + "}", "nested"),
        ('{"text": "x", "title": {"a": 1}}', "must be text"),
        ('{"text": "Peace talks.", "published": "' + "2022 " * 1000 + '"}', "not a date"),
    ],
    ids=[
        "long-int",
        "surrogate-text",
        "surrogate-id",
        "surrogate-title",
        "deep",
        "deep-bad",
        "title-mapping",
        "long-date",
    ],
)
def test_bad_json_lines_record_is_skipped_and_the_rest_stored(
    run: Run, db: Path, tmp_path: Path, record: str, problem: str
) -> None:
    write(tmp_path / "in" / "feed.jsonl", jsonl(record))
    write(tmp_path / "in" / "other.txt", article(3))
    result = run("ingest", tmp_path / "in", "--db", db)
    check_clean(result)
    (line,) = errors(result.stderr)
    assert "feed.jsonl:2:" in line and problem in line
    assert stored(db) == ["good-1", "good-2", "other.txt"]


def test_json_lines_record_over_the_size_limit(run: Run, db: Path, tmp_path: Path) -> None:
    big = json.dumps({"text": "word " * 50_000})
    write(tmp_path / "feed.jsonl", jsonl(big))
    result = run("ingest", tmp_path / "feed.jsonl", "--db", db, "--limit", "record_bytes=100K")
    check_clean(result)
    (line,) = errors(result.stderr)
    assert "feed.jsonl:2:" in line and "record_bytes" in line
    assert stored(db) == ["good-1", "good-2"]


def test_json_lines_are_committed_in_batches(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A JSON Lines file is not one transaction: a run stopped halfway keeps every
    article committed before the stop."""
    from talks import jsonl, pipeline, work

    lines = [json.dumps({"id": f"r{i}", "text": article(i)}) for i in range(10)]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    monkeypatch.setattr(pipeline, "BATCH_FILES", 3)
    monkeypatch.setattr(jsonl, "RECORDS_PER_CHUNK", 2)
    real = work.extract
    calls = 0

    def stop_at_eighth(art: Any, **kw: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == 8:
            raise KeyboardInterrupt
        return real(art, **kw)

    monkeypatch.setattr(work, "extract", stop_at_eighth)
    with Store(db) as store, pytest.raises(KeyboardInterrupt):
        ingest_paths(store, [path], lexicon=shipped(), everything=True)
    # chunks of two records; the eighth extraction (r7) stops the run inside the
    # fourth chunk: the three chunks before it were stored and committed
    assert stored(db) == [f"r{i}" for i in range(6)]


# --- front matter and indexes ----------------------------------------------------------


def test_front_matter_nested_thousands_deep(run: Run, db: Path, tmp_path: Path) -> None:
    write(tmp_path / "in" / "deep.md", "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\nBody.\n")
    write(
        tmp_path / "in" / "deep2.md",
        "---\n" + "".join(" " * i + "a:\n" for i in range(3000)) + "---\nBody text here.\n",
    )
    write(tmp_path / "in" / "good.txt", article(1))
    result = run("ingest", tmp_path / "in", "--db", db)
    check_clean(result)
    lines = errors(result.stderr)
    assert len(lines) == 2 and all("front matter" in x and "nested" in x for x in lines)
    assert stored(db) == ["good.txt"]


BOMB = """---
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
title: [*h,*h,*h,*h,*h,*h,*h,*h,*h]
---
Body of the article.
"""


def test_yaml_alias_bomb_in_front_matter_is_refused(run: Run, db: Path, tmp_path: Path) -> None:
    write(tmp_path / "in" / "bomb.md", BOMB)
    write(tmp_path / "in" / "good.txt", article(1))
    result = run("ingest", tmp_path / "in", "--db", db)
    check_clean(result)
    (line,) = errors(result.stderr)
    assert "bomb.md" in line and "aliases expand" in line
    assert stored(db) == ["good.txt"]


def test_yaml_guard_allows_ordinary_aliases_and_counts_expansion() -> None:
    assert load_yaml("a: &x [1, 2]\nb: *x\n") == {"a": [1, 2], "b": [1, 2]}
    with pytest.raises(limits_mod.YAMLLimitError):
        load_yaml("a: &x [1, 2, 3]\nb: [*x, *x, *x]\n", Limits(yaml_nodes=10))
    with pytest.raises(limits_mod.YAMLLimitError):
        load_yaml("a: [[[[1]]]]\n", Limits(yaml_depth=3))


def test_meta_yaml_entry_that_is_not_a_mapping(run: Run, db: Path, tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", article(1))
    write(tmp_path / "in" / "b.txt", article(2))
    write(tmp_path / "in" / "meta.yaml", "a.txt:\n  outlet: Reuters\nb.txt: just a string\n")
    result = run("ingest", tmp_path / "in", "--db", db)
    check_clean(result)
    (line,) = errors(result.stderr)
    assert "meta.yaml:3:" in line and "mapping" in line
    assert stored(db) == ["a.txt", "b.txt"]


def test_meta_csv_field_over_128_kb(run: Run, db: Path, tmp_path: Path) -> None:
    title = "T" * 200_000
    write(tmp_path / "in" / "a.txt", article(1))
    write(tmp_path / "in" / "b.txt", article(2))
    write(tmp_path / "in" / "meta.csv", f"file,title,outlet\na.txt,{title},Reuters\n")
    result = run("ingest", tmp_path / "in", "--db", db)
    check_clean(result, exit_code=0)
    assert stored(db) == ["a.txt", "b.txt"]
    assert sql(db, "SELECT length(title), outlet FROM articles WHERE article='a.txt'") == [
        (200_000, "Reuters")
    ]


def test_broken_meta_csv_names_its_line(run: Run, db: Path, tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", article(1))
    write(tmp_path / "in" / "meta.csv", 'file,title\na.txt,ok\nb.txt,"x" y\x00\n')
    result = run("ingest", tmp_path / "in", "--db", db, "--limit", "index_bytes=1M")
    assert "Traceback" not in result.stderr
    assert stored(db) == ["a.txt"]


# --- files ------------------------------------------------------------------------------


def test_file_name_not_valid_utf8_is_stored_with_an_escaped_name(
    run: Run, db: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    raw = os.path.join(os.fsencode(folder), b"caf\xe9.txt")
    with open(raw, "wb") as f:
        f.write(article(1).encode())
    write(folder / "good.txt", article(2))
    result = run("ingest", folder, "--db", db)
    check_clean(result, exit_code=0)
    assert stored(db) == ["caf\\xe9.txt", "good.txt"]
    assert "not valid UTF-8" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_is_refused_by_type_without_blocking(run: Run, db: Path, tmp_path: Path) -> None:
    write(tmp_path / "in" / "good.txt", article(1))
    os.mkfifo(tmp_path / "in" / "pipe.txt")
    result = run("ingest", tmp_path / "in", "--db", db)
    check_clean(result)
    (line,) = errors(result.stderr)
    assert "pipe.txt" in line and "FIFO" in line
    assert stored(db) == ["good.txt"]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_device_is_refused_by_type(run: Run, db: Path, tmp_path: Path) -> None:
    write(tmp_path / "good.txt", article(1))
    result = run("ingest", "/dev/zero", tmp_path / "good.txt", "--db", db)
    check_clean(result)
    (line,) = errors(result.stderr)
    assert "/dev/zero" in line and "device" in line
    assert stored(db) == ["good.txt"]


def test_file_over_the_size_limit(run: Run, db: Path, tmp_path: Path) -> None:
    write(tmp_path / "in" / "big.txt", "Title\n\n" + "Peace talks resumed. " * 10_000)
    write(tmp_path / "in" / "good.txt", article(1))
    result = run("ingest", tmp_path / "in", "--db", db, "--limit", "file_bytes=64K")
    check_clean(result)
    (line,) = errors(result.stderr)
    assert "big.txt" in line and "over the limit of 65,536" in line and "file_bytes" in line
    assert stored(db) == ["good.txt"]
    # the same from the environment; the default takes the file
    result = run("ingest", tmp_path / "in", "--db", db, env={"TALKS_LIMITS": "file_bytes=64K"})
    assert result.exit_code == 1
    assert run("ingest", tmp_path / "in", "--db", db).exit_code == 0


def test_stdin_over_the_size_limit(run: Run, db: Path) -> None:
    result = run("ingest", "-", "--db", db, "--limit", "file_bytes=1K", input="x " * 2000)
    check_clean(result)
    (line,) = errors(result.stderr)
    assert line.startswith("talks: error: stdin:") and "file_bytes" in line


def test_bad_limit_is_a_usage_error(run: Run, db: Path, tmp_path: Path) -> None:
    write(tmp_path / "a.txt", article(1))
    for spec in ("nope=3", "file_bytes", "file_bytes=lots", "yaml_depth=0"):
        result = run("ingest", tmp_path / "a.txt", "--db", db, "--limit", spec)
        assert result.exit_code == 2 and "--limit" in result.stderr
    with pytest.raises(UsageError):
        Limits().with_spec("json_depth=-1", where="x")
    assert Limits().with_spec("file_bytes=2M, yaml_depth=9", where="x") == Limits(
        file_bytes=2 * 1024 * 1024, yaml_depth=9
    )


# --- lexicon ----------------------------------------------------------------------------

BAD_REGEX = """topics:
  - key: nato
    proposition: Ukraine joins NATO
    signals:
      - pattern: "join (NATO"
"""


@pytest.mark.parametrize("pattern", ["join (NATO", "(?P<x>a)", "a{2,1}"])
def test_lexicon_with_a_bad_regex_fails_validation_and_ingest(
    run: Run, db: Path, tmp_path: Path, pattern: str
) -> None:
    lex = write(tmp_path / "mine.yaml", BAD_REGEX.replace("join (NATO", pattern))
    result = run("lexicon", lex)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    (line,) = errors(result.stderr)
    assert "mine.yaml:topics[0] (nato)" in line and "pattern" in line
    write(tmp_path / "in" / "a.txt", article(1))
    result = run("ingest", tmp_path / "in", "--db", db, "--lexicon", lex)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert errors(result.stderr) == [line]


# --- the store ----------------------------------------------------------------------------


def test_read_only_store_is_a_clean_error(
    run: Run, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "a.txt", article(1))
    assert run("ingest", tmp_path / "a.txt", "--db", db).exit_code == 0
    write(tmp_path / "b.txt", article(2))
    real = sqlite3.connect

    def read_only(path: str, *args: Any, **kw: Any) -> sqlite3.Connection:
        # (tests may run as root, for whom chmod does not make a file read-only)
        if kw.get("uri"):
            return real(path, *args, **kw)
        return real(f"file:{path}?mode=ro", *args, uri=True, **kw)

    monkeypatch.setattr(sqlite3, "connect", read_only)
    result = run("ingest", tmp_path / "b.txt", "--db", db)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    (line,) = errors(result.stderr)
    assert "read-only" in line and "--db" in line
    # reading still works
    listed = run("articles", "--db", db, "--format", "json")
    assert listed.exit_code == 0 and len(json.loads(listed.stdout)) == 1


def test_full_disk_stops_the_run_cleanly_and_keeps_committed_files(
    run: Run, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLITE_FULL, simulated with PRAGMA max_page_count: one line saying what happened
    and what to do, the files committed before it kept, the store still usable."""
    from talks import pipeline

    write(tmp_path / "in" / "a1.txt", article(1))
    write(tmp_path / "in" / "a2.txt", article(2))
    write(tmp_path / "in" / "z.txt", "Big\n\n" + "“We want peace now,” Medinsky said. " * 3000)
    monkeypatch.setattr(pipeline, "BATCH_FILES", 1)
    real_init = Store.__init__

    def small(self: Store, path: Path | str, **kw: Any) -> None:
        real_init(self, path, **kw)
        pages = self.db.execute("PRAGMA page_count").fetchone()[0]
        size = self.db.execute("PRAGMA page_size").fetchone()[0]
        self.db.execute(f"PRAGMA max_page_count = {pages + max(1, 32768 // size)}")  # +32 KB

    monkeypatch.setattr(Store, "__init__", small)
    result = run("ingest", tmp_path / "in", "--db", db)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "cannot rollback" not in result.stderr
    (line,) = errors(result.stderr)
    assert "disk is full" in line and "run the same ingest again" in line
    assert "stopped early" in result.stderr.strip().splitlines()[-1]
    monkeypatch.undo()
    assert stored(db) == ["a1.txt", "a2.txt"]
    assert run("ingest", tmp_path / "in", "--db", db).exit_code == 0
    assert stored(db) == ["a1.txt", "a2.txt", "z.txt"]


def test_unopenable_store_path_is_a_clean_error(run: Run, tmp_path: Path) -> None:
    write(tmp_path / "a.txt", article(1))
    blocker = write(tmp_path / "file", "not a folder")
    result = run("ingest", tmp_path / "a.txt", "--db", blocker / "talks.db")
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert len(errors(result.stderr)) == 1


def test_limits_reach_readers_through_the_context() -> None:
    with limits_mod.using(Limits(file_bytes=10)):
        assert limits_mod.current().file_bytes == 10
        with pytest.raises(InputError, match="over the limit"):
            limits_mod.read_stream(lambda n: b"x" * n, what="stdin")
    assert limits_mod.current().file_bytes == Limits().file_bytes


def test_a_nul_in_one_json_lines_record_costs_that_record_only(
    run: Run, db: Path, tmp_path: Path
) -> None:
    good = [json.dumps({"id": f"r{i}", "text": article(i)}) for i in range(2)]
    path = write(tmp_path / "f.jsonl", f'{good[0]}\n{{"id": "x", "text": "a\x00b"}}\n{good[1]}\n')
    result = run("ingest", path, "--db", db, "--all")
    check_clean(result)
    (line,) = errors(result.stderr)
    assert "f.jsonl:2:" in line and "binary" in line
    assert stored(db) == ["r0", "r1"]


def test_a_nul_in_a_json_lines_file_whose_first_record_is_broken(
    run: Run, db: Path, tmp_path: Path
) -> None:
    """Found by the fuzz run (seed 2): a NUL in the first bytes of a JSON Lines file
    whose first line is no object refused the whole file as binary."""
    good = [json.dumps({"id": f"r{i}", "text": article(i)}) for i in range(2)]
    path = write(tmp_path / "f.jsonl", f'[1, 2]\n{good[0]}\n{{"text": "a\x00b"}}\n{good[1]}\n')
    result = run("ingest", path, "--db", db, "--all")
    check_clean(result)
    first, third = errors(result.stderr)
    assert "f.jsonl:1: expected a JSON object" in first and "f.jsonl:3: binary" in third
    assert stored(db) == ["r0", "r1"]
    # bytes that hold no line of JSON at all are still one "binary file" error
    write(tmp_path / "g.jsonl", b"\x00\x01garbage\n\x00more\n")
    result = run("ingest", tmp_path / "g.jsonl", "--db", db)
    (line,) = errors(result.stderr)
    assert "g.jsonl: binary file" in line


def test_a_one_sentence_article_ending_in_an_attribution(run: Run, db: Path) -> None:
    """Found by the fuzz run: a closing attribution within six tokens of the text's
    end made the clause check read past the last token."""
    result = run("ingest", "-", "--db", db, "--all", input="Peace talks, Medinsky said.")
    check_clean(result, exit_code=0)
    assert "a bug in talks" not in result.stderr
