"""`talks serve`: Datasette on the store with its metadata and canned queries. The
metadata and queries are checked in-process; the command itself is started on a
free loopback port in a subprocess and read through its JSON API (bounded wait,
always stopped)."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from datasette import app as datasette_app  # the web extra: a missing one fails, never skips

from conftest import REPO
from talks.lexicon import shipped
from talks.pipeline import ingest_paths
from talks.serve import metadata
from talks.store import QUERIES, Store

ARTICLES = {
    "a.txt": (
        "Talks resume in Istanbul\n\nISTANBUL, March 29, 2022 (Reuters) -\n\n"
        "“We need security guarantees from our partners,” Volodymyr Zelensky said.\n\n"
        "Russia opposes Ukraine joining NATO, Kremlin spokesman Dmitry Peskov said.\n"
    ),
    "b.txt": (
        "Kremlin sets out terms\n\nMOSCOW, April 30, 2022 (TASS) -\n\n"
        "“Sanctions must stay in place,” Vladimir Medinsky told reporters.\n\n"
        "Ukraine will never join NATO, Vladimir Medinsky said.\n"
    ),
}


@pytest.fixture(scope="module")
def store_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("in")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = tmp_path_factory.mktemp("store") / "talks.db"
    with Store(db) as s:
        ingest_paths(s, [folder], lexicon=shipped())
        assert s.counts()["quotes"] >= 2
    return db


def get(db: Path, path: str) -> Any:
    async def fetch() -> Any:
        ds = datasette_app.Datasette([str(db)], metadata=metadata(db.stem))
        response = await ds.client.get(path)
        assert response.status_code == 200, response.text
        return response.json()

    return asyncio.run(fetch())


def columns(db: Path, view: str) -> set[str]:
    con = sqlite3.connect(db)
    try:
        return {r[1] for r in con.execute(f"PRAGMA table_info({view})")}
    finally:
        con.close()


def test_every_column_of_the_browse_views_is_described(store_db: Path) -> None:
    tables = metadata("talks")["databases"]["talks"]["tables"]
    for view in ("quote_list", "position_list", "speaker_list", "quotes", "positions"):
        described = set(tables[view]["columns"])
        missing = columns(store_db, view) - described - {"rowid", "article_rowid", "speaker_rowid"}
        assert not missing, (view, missing)
    assert "source" in metadata("talks")


def test_search_box_on_the_quote_view(store_db: Path) -> None:
    rows = get(store_db, "/talks/quote_list.json?_search=guarantee&_shape=array")
    with Store(store_db) as s:
        expected = [q.id for q in s.quotes(contains="guarantee")]
    assert expected and sorted(r["id"] for r in rows) == sorted(expected)
    assert {r["outlet"] for r in rows} == {"Reuters"}


def test_canned_queries(store_db: Path) -> None:
    statements = get(store_db, "/talks/speaker_statements.json?speaker=medinsky&_shape=array")
    assert statements and {r["speaker"] for r in statements} == {"Vladimir Medinsky"}
    assert {r["outlet"] for r in statements} == {"TASS"}
    nato = get(store_db, "/talks/topic_positions.json?topic=nato&_shape=array")
    with Store(store_db) as s:
        assert [r["id"] for r in nato] == [p.id for p in s.positions(topic="nato")]
        dates = [r["date"] for r in nato]
        assert dates == sorted(dates)
        changed = get(
            store_db,
            "/talks/what_changed.json?topic=nato&from=2022-04-01&to=2022-12-31&_shape=array",
        )
        latest = {p.actor: p.stance for p in s.positions(topic="nato", until=dt.date(2022, 12, 31))}
    assert {r["actor"]: r["stance_after"] for r in changed} == latest
    for r in changed:
        assert r["status"] in ("new", "changed", "same")
        assert r["date_after"] <= "2022-12-31"
        if r["date_before"] is not None:
            assert r["date_before"] <= "2022-04-01"
    assert set(QUERIES) == {"speaker_statements", "topic_positions", "what_changed"}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=5) as response:  # loopback only
        return json.loads(response.read().decode("utf-8"))


def test_talks_serve_answers_on_loopback(store_db: Path, tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "talks", "serve", "--port", str(port), "--db", str(store_db)],
        stdout=subprocess.DEVNULL,
        stderr=open(tmp_path / "serve.log", "wb"),  # noqa: SIM115 - closed with the process
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        versions = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                versions = fetch_json(f"{base}/-/versions.json")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        log = (tmp_path / "serve.log").read_text(errors="replace")
        assert versions is not None, f"talks serve did not answer within 60 s: {log}"
        assert "datasette" in versions
        rows = fetch_json(f"{base}/talks/quote_list.json?_search=sanctions&_shape=array")
        assert [r["speaker"] for r in rows] == ["Vladimir Medinsky"]
        meta = fetch_json(f"{base}/-/metadata.json")
        assert "what_changed" in meta["databases"]["talks"]["queries"]
        assert f"http://127.0.0.1:{port}" in log
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)  # its own session: talks and nothing else
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=15)
    assert proc.returncode is not None


def test_serve_without_a_store_is_a_clean_error(run: Any, tmp_path: Path) -> None:
    result = run("serve", "--db", tmp_path / "missing.db")
    assert result.exit_code == 1
    assert "no store at" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "missing.db").exists()
