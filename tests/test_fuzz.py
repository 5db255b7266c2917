"""A seeded fuzz run in the suite (issue 11): a few hundred hostile inputs beside good
ones through `talks ingest`, then every listing format over what was stored.

It asserts the promises: no traceback and no internal error ("a bug in talks"),
exit status 0 or 1, every good file and record stored, every span exact; also
for the corpus' JSON Lines files piped into `talks ingest -` as one stream. The
10,000-input run is `python tests/fuzz/run_fuzz.py` (same generator, more seeds).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import Run
from fuzz.hostile_inputs import check_store, json_lines_stream, make_corpus

SEED = int(os.environ.get("TALKS_FUZZ_SEED", "20261206"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    folder = tmp_path_factory.mktemp("fuzz") / "in"
    return folder, make_corpus(folder, 300, SEED)


def test_fuzzed_inputs_never_crash_and_good_files_are_stored(
    run: Run, db: Path, corpus: tuple[Path, object]
) -> None:
    folder, expected = corpus
    result = run("ingest", folder, "--db", db, "--all", "--jobs", "1")
    assert result.exit_code in (0, 1), result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert "a bug in talks" not in result.stderr, [
        line for line in result.stderr.splitlines() if "a bug in talks" in line
    ]
    assert "file(s):" in result.stderr.strip().splitlines()[-1]
    for line in result.stderr.splitlines():  # one line each, escaped
        assert "\x1b" not in line and "\r" not in line
    checked = check_store(db, expected)  # type: ignore[arg-type]
    assert checked.missing == []
    assert checked.span_mismatches == []
    assert checked.records > 100 and checked.articles >= len(expected.good)  # type: ignore[attr-defined]
    for fmt in ("table", "csv", "yaml", "jsonl"):
        listed = run("quotes", "--db", db, "--format", fmt)
        assert listed.exit_code == 0 and "Traceback" not in listed.stderr
        if fmt == "table":
            assert "\x1b" not in listed.stdout
    again = run("ingest", folder, "--db", db, "--all", "--jobs", "1")
    assert again.exit_code == result.exit_code and "Traceback" not in again.stderr


def test_fuzzed_json_lines_on_stdin_never_crash_and_good_records_are_stored(
    run: Run, db: Path, corpus: tuple[Path, object]
) -> None:
    folder, expected = corpus
    stream, head = json_lines_stream(folder)
    want = expected.records | head  # type: ignore[attr-defined]
    assert len(want) > 20
    result = run("ingest", "-", "--db", db, "--all", input=stream)
    assert result.exit_code in (0, 1), result.stderr[-2000:]
    assert "Traceback" not in result.stderr and "a bug in talks" not in result.stderr
    assert "1 file(s):" in result.stderr.strip().splitlines()[-1]
    checked = check_store(db, expected, good=want)  # type: ignore[arg-type]
    assert checked.missing == []
    assert checked.span_mismatches == []
