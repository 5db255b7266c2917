"""`talks speakers` from the stored per-speaker summary (migration 7) says exactly what
grouping every quote at query time said, and stays right through ingest, rm and an
old store's migration."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from conftest import SEEDS, Run, sql
from talks import statements
from talks import store as store_mod
from talks.lexicon import shipped
from talks.pipeline import ingest_paths
from talks.query import article_index, speakers
from talks.store import MIGRATIONS, Store

QUOTE = (
    "We are ready to discuss a neutral status for Ukraine, but only with real security "
    "guarantees from the partners"
)


def _syndicated(folder: Path) -> Path:
    """Three outlets reporting one Medinsky statement (one trimmed, one re-punctuated),
    plus his second statement once."""
    folder.mkdir(parents=True, exist_ok=True)
    bodies = [
        f"Istanbul talks resumed on Tuesday. “{QUOTE},” Medinsky said after the meeting.",
        f"Istanbul, 29 March. “{QUOTE[:80]},” Medinsky told reporters on Tuesday evening.",
        f"Talks in Istanbul. “{QUOTE.replace(',', ' -')},” Medinsky said. "
        "“The documents on neutrality will now go to the presidents,” Medinsky added.",
    ]
    for i, body in enumerate(bodies):
        (folder / f"2022-03-29-{i}.txt").write_text(body, "utf-8")
    return folder


def _reference(store: Store) -> dict[tuple[str, str], dict[str, Any]]:
    """What `talks speakers` counted before migration 7: every quote grouped now."""
    quotes = store.quotes()
    grouped = statements.group(quotes, article_index(store))
    per_name = Counter(s.speaker for s in grouped)
    mentions: dict[str, Counter[str]] = {}
    for q in quotes:
        mentions.setdefault(q.speaker, Counter())[q.speaker_mention] += 1
    sides = Counter((q.speaker, q.side) for q in quotes)
    return {
        (name, side): {
            "quotes": n,
            "statements": per_name[name],
            "spellings": [
                m for m, _ in sorted(mentions[name].items(), key=lambda kv: (-kv[1], kv[0]))
            ],
        }
        for (name, side), n in sides.items()
    }


def _summary(store: Store) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (r["name"], r["side"]): {k: r[k] for k in ("quotes", "statements", "spellings")}
        for r in store.refresh_speaker_summary(statements.count_statements)
    }


def _kept(db: Path) -> int:
    return int(sql(db, "SELECT COUNT(*) FROM speaker_summary")[0][0])


def test_summary_equals_grouping_at_query_time(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    with Store(db) as store:
        assert ingest_paths(store, [SEEDS, _syndicated(tmp_path / "syn")], lexicon=shipped()).ok
        expected = _reference(store)
        medinsky = expected[("Vladimir Medinsky", "Russia")]
        assert medinsky["statements"] <= medinsky["quotes"] - 2  # the copies are grouped
        assert _summary(store) == expected
        assert _kept(db) == len(expected)  # stored
        assert _summary(store) == expected  # read back
        listed = speakers(store, lexicon=shipped())
    assert {(s.name, s.side): (s.quotes, s.statements) for s in listed} == {
        k: (v["quotes"], v["statements"]) for k, v in expected.items()
    }
    order = [(-s.statements, -s.quotes, s.name) for s in listed]
    assert order == sorted(order)


def test_ingest_and_rm_drop_only_the_touched_speakers(run: Run, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    assert run("ingest", SEEDS, "--db", db).exit_code == 0
    with Store(db) as store:
        before = _summary(store)
    total = _kept(db)
    assert total == len(before)
    assert run("ingest", _syndicated(tmp_path / "syn"), "--db", db).exit_code == 0
    medinsky = sql(
        db,
        "SELECT COUNT(*) FROM speaker_summary m JOIN speakers s ON s.rowid = m.speaker_rowid "
        "WHERE s.name = 'Vladimir Medinsky'",
    )
    assert medinsky == [(0,)]  # dropped by the triggers, recomputed on the next read
    assert 0 < _kept(db) < total
    with Store(db) as store:
        after = _summary(store)
        assert after == _reference(store)
    assert (
        after[("Vladimir Medinsky", "Russia")]["quotes"]
        > before[("Vladimir Medinsky", "Russia")]["quotes"]
    )
    gone = run("rm", "2022-03-29-0.txt", "2022-03-29-2.txt", "--db", db)
    assert gone.exit_code == 0, gone.stderr
    with Store(db) as store:
        assert _summary(store) == _reference(store)
    listed = json.loads(run("speakers", "-f", "json", "--db", db).stdout)
    with Store(db) as store:
        expected = _reference(store)
    assert {(s["name"], s["side"]): s["statements"] for s in listed} == {
        k: v["statements"] for k, v in expected.items()
    }


def test_an_old_store_gets_its_summary_on_first_read(
    seeded_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "old.db"
    with monkeypatch.context() as mp:
        mp.setattr(store_mod, "MIGRATIONS", MIGRATIONS[:6])  # the schema before this work
        with Store(db) as store:
            assert ingest_paths(store, [SEEDS], lexicon=shipped()).ok
    assert sql(db, "PRAGMA user_version") == [(6,)]
    with Store(db) as store:  # migrates
        assert _kept(db) == 0
        assert _summary(store) == _reference(store)
    assert _kept(db) > 0
    assert sql(db, "PRAGMA user_version") == [(len(MIGRATIONS),)]


def test_inside_a_batch_the_summary_is_computed_not_stored(seeded_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(seeded_db, db)
    with Store(db) as store:
        store.db.execute("DELETE FROM speaker_summary")
        store.begin()
        assert _summary(store) == _reference(store)
        store.commit()
    assert _kept(db) == 0


def test_cli_rows_equal_the_library_models(run: Run, seeded_db: Path) -> None:
    from talks.render import as_dict

    listed = json.loads(run("speakers", "-f", "json", "--db", seeded_db).stdout)
    with Store(seeded_db) as store:
        models = [as_dict(s) for s in speakers(store, lexicon=shipped())]
    assert listed == models
    assert any(s["roles"] for s in listed) and any(s["aliases"] for s in listed)
    ukraine = json.loads(run("speakers", "--side", "Kyiv", "-f", "json", "--db", seeded_db).stdout)
    assert ukraine == [s for s in listed if s["side"] == "Ukraine"]


def test_speakers_reads_no_full_lexicon(seeded_db: Path, tmp_path: Path) -> None:
    """With the lexicon summary cached, `speakers` loads neither pydantic nor the
    compiled lexicon (an older summary without speakers is rewritten once)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from talks.cli import main\n"
        f"sys.argv = ['talks', 'speakers', '-f', 'json', '--db', {str(seeded_db)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('pydantic' in sys.modules, 'talks.lexicon' in sys.modules, file=sys.stderr)\n"
    )

    def run_it() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True
        )

    first = run_it()
    cache = max(Path.home().rglob("lexicons/*.json"), key=lambda p: p.stat().st_mtime)
    data = json.loads(cache.read_text())
    data.pop("speakers")
    cache.write_text(json.dumps(data))  # as an older talks wrote it
    again = run_it()
    assert json.loads(again.stdout) == json.loads(first.stdout)
    assert "speakers" in json.loads(cache.read_text())
    warm = run_it()
    assert warm.stderr.strip() == "False False"
    assert json.loads(warm.stdout) == json.loads(first.stdout)
