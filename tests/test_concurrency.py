"""Two ingests into one store at once, with a reader holding a transaction open:
WAL mode and the busy timeout make the writers queue and the reader harmless."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import sql


def _articles(folder: Path, prefix: str, n: int) -> None:
    folder.mkdir(parents=True)
    for i in range(n):
        (folder / f"{prefix}{i:03}.txt").write_text(
            f"{prefix} article {i}\n\n“We want peace now,” Medinsky said in round {i}. "
            f"Kyiv said talks on neutrality went on ({prefix}{i}).\n",
            encoding="utf-8",
        )


def test_two_ingests_and_a_reader_at_once(tmp_path: Path) -> None:
    _articles(tmp_path / "a", "a", 40)
    _articles(tmp_path / "b", "b", 40)
    lines = [
        json.dumps(
            {"id": f"c{i}", "text": f"Round {i}\n\nMedinsky said peace talks resumed in round {i}."}
        )
        for i in range(40)
    ]
    (tmp_path / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "store" / "talks.db"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TALKS_")}
    env["TALKS_DB"] = str(db)

    def ingest(*paths: Path) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "talks", "ingest", "--all", "--jobs", "1", *map(str, paths)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    first = ingest(tmp_path / "a", tmp_path / "c.jsonl")
    second = ingest(tmp_path / "b")
    seen: list[int] = []
    problems: list[BaseException] = []
    stop = threading.Event()

    def reader() -> None:
        # A reader that keeps a read transaction open for a while, again and again.
        try:
            while not stop.is_set():
                if not db.exists():
                    time.sleep(0.01)
                    continue
                con = sqlite3.connect(str(db), timeout=30)
                try:
                    con.execute("BEGIN")
                    try:
                        seen.append(con.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
                    except sqlite3.OperationalError as exc:  # schema not there yet
                        if "no such table" not in str(exc):
                            raise
                    time.sleep(0.05)
                    con.execute("COMMIT")
                finally:
                    con.close()
        except BaseException as exc:
            problems.append(exc)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        out1 = first.communicate(timeout=600)
        out2 = second.communicate(timeout=600)
    finally:
        stop.set()
        thread.join()
    assert first.returncode == 0, out1[1]
    assert second.returncode == 0, out2[1]
    assert "Traceback" not in out1[1] + out2[1]
    assert not problems, problems
    assert sql(db, "SELECT COUNT(*) FROM articles") == [(120,)]
    assert seen == sorted(seen)  # the reader only ever saw whole batches come in
    # the talks reader command works while nothing else runs, and in WAL mode
    assert sql(db, "PRAGMA journal_mode") == [("wal",)]
