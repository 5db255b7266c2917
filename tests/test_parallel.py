"""One core, many, or a Dask cluster: the same inputs give the same records.

`--jobs 2` must build exactly the store `--jobs 1` builds, and `talks extract` on a
2-worker dask.distributed LocalCluster followed by `talks load` must give the
records `talks ingest` gives, with the Parquet readable by DuckDB as documented.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from talks import pipeline
from talks.extract import extract
from talks.lexicon import Lexicon, shipped
from talks.models import Position, Quote
from talks.pipeline import Progress, ingest_paths
from talks.store import Store
from web_fixtures import OFF_TOPIC, news_text, page, warc


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return shipped()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Text files, saved pages, a web archive with an off-topic page and a broken
    record, and a JSON Lines feed with one bad line."""
    root = tmp_path_factory.mktemp("inputs")
    for i in range(12):
        (root / f"{i:02d}.txt").write_text(news_text(i), encoding="utf-8")
    for i in range(12, 15):
        (root / f"page{i}.html").write_text(page(news_text(i)), encoding="utf-8")
    pages = [
        (f"https://daily.example/{i}", page(news_text(i), canonical=None)) for i in range(15, 27)
    ]
    pages.append(("https://daily.example/city", page(OFF_TOPIC, canonical=None)))
    offsets = warc(root / "crawl.warc.gz", pages)
    data = bytearray((root / "crawl.warc.gz").read_bytes())
    data[offsets[3] + 12 : offsets[3] + 40] = bytes(28)
    (root / "crawl.warc.gz").write_bytes(bytes(data))
    (root / "feed.jsonl").write_text(
        f'{{"text": "{news_text(40).replace(chr(10), " ")}", "id": "feed-40"}}\nnot json\n',
        encoding="utf-8",
    )
    return root


def _count(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05)
        try:
            return int(con.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def dump(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, without the ingest time, in a fixed order; the
    full-text index as (quote id, text)."""
    con = sqlite3.connect(str(db))
    try:
        out: dict[str, list[tuple[Any, ...]]] = {}
        tables = [
            r[0]
            for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
            if not r[0].startswith(("quotes_fts", "sqlite_"))
        ]
        for table in tables:
            cur = con.execute(f"SELECT * FROM {table}")
            # integer keys follow the order articles were committed in; the views
            # show what they link (each record with its article and speaker)
            keep = [
                i
                for i, d in enumerate(cur.description)
                if d[0] != "ingested_at" and d[0] != "rowid" and not d[0].endswith("_rowid")
            ]
            out[table] = sorted((tuple(row[i] for i in keep) for row in cur), key=lambda r: repr(r))
        out["fts"] = sorted(
            con.execute("SELECT q.id, f.text FROM quotes_fts f JOIN quotes q ON q.rowid = f.rowid")
        )
        return out
    finally:
        con.close()


@pytest.fixture(scope="module")
def one_core(inputs: Path, lex: Lexicon, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("one") / "talks.db"
    with Store(db) as store:
        summary = ingest_paths(store, [inputs], lexicon=lex, jobs=1)
    assert (summary.new, summary.skipped, summary.failed) == (27, 1, 2), summary.errors
    return db


def test_jobs_2_builds_the_same_store_as_jobs_1(
    one_core: Path, inputs: Path, lex: Lexicon, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pooled = []
    real = pipeline._pooled

    def spy(*args: Any, **kw: Any) -> Iterator[Any]:
        pooled.append(args[2])
        yield from real(*args, **kw)

    monkeypatch.setattr(pipeline, "_pooled", spy)
    db = tmp_path / "two.db"
    ticks: list[Progress] = []
    with Store(db) as store:
        summary = ingest_paths(store, [inputs], lexicon=lex, jobs=2, progress=ticks.append)
    assert pooled == [2]  # worker processes did the work
    assert (summary.new, summary.skipped, summary.failed) == (27, 1, 2)
    last = ticks[-1]  # every input file counted once: 12 + 3 + 1 + 1
    assert (last.files, last.files_total, last.articles_total) == (17, 17, None)
    # every article and record once: stored, skipped (1) or failed (2)
    assert last.articles == 27 + 1 + 2
    first, second = dump(one_core), dump(db)
    assert first.keys() == second.keys()
    for table in first:
        assert first[table] == second[table], table
    assert len(first["articles"]) == 27 and len(first["quotes"]) > 27


def test_progress_counts_the_records_of_one_archive_as_they_finish(
    lex: Lexicon, tmp_path: Path
) -> None:
    pages = [(f"https://daily.example/{i}", page(news_text(i), canonical=None)) for i in range(40)]
    warc(tmp_path / "crawl.warc.gz", pages)
    ticks: list[Progress] = []
    with Store(tmp_path / "w.db") as store:
        ingest_paths(store, [tmp_path / "crawl.warc.gz"], lexicon=lex, progress=ticks.append)
    counts = [t.articles for t in ticks]
    assert len(ticks) > 2 and counts == sorted(counts) and counts[-1] == 40
    assert all(t.files == 0 for t in ticks[:-1]) and ticks[-1].files == 1  # one file, done last
    assert {t.articles_total for t in ticks} == {None}  # not known without reading it twice


def test_progress_knows_the_total_when_every_file_is_one_article(
    lex: Lexicon, tmp_path: Path
) -> None:
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(news_text(i), encoding="utf-8")
    ticks: list[Progress] = []
    with Store(tmp_path / "t.db") as store:
        ingest_paths(store, [tmp_path], lexicon=lex, progress=ticks.append)
    assert ticks[-1] == Progress(articles=5, files=5, files_total=5, articles_total=5)


def test_jobs_2_skips_unchanged_articles_in_the_workers(
    inputs: Path, lex: Lexicon, tmp_path: Path
) -> None:
    db = tmp_path / "again.db"
    with Store(db) as store:
        ingest_paths(store, [inputs], lexicon=lex, jobs=1)
        again = ingest_paths(store, [inputs], lexicon=lex, jobs=2)
    assert (again.new, again.updated, again.unchanged, again.failed) == (0, 0, 27, 2)


# --- Dask ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as c:
        yield c.scheduler_address


def records(db: Path) -> tuple[list[Any], list[Quote], list[Position]]:
    with Store(db) as store:
        arts = sorted(store.articles(), key=lambda a: a.id)
        return (
            arts,
            sorted(store.quotes(), key=lambda q: q.id),
            sorted(store.positions(), key=lambda p: p.id),
        )


def test_dask_extract_then_load_equals_ingest(
    cluster: str, one_core: Path, inputs: Path, tmp_path: Path, run: Any
) -> None:
    out = tmp_path / "parquet"
    result = run("extract", inputs, "--to", out, "--scheduler", cluster)
    assert result.exit_code == 1, result.stderr  # the broken record and the bad JSON line
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("talks: 17 file(s): 27 articles, ")
    assert lines[-1].endswith("2 failed, 1 skipped (not about the negotiations; --all keeps them)")
    assert sum("error:" in line for line in lines) == 2
    for table in ("articles", "quotes", "positions"):
        assert list((out / table).glob("part-*.parquet")), table

    db = tmp_path / "loaded.db"
    result = run("load", out, "--db", db)
    assert result.exit_code == 0, result.stderr
    assert "27 new, 0 unchanged" in result.stderr
    assert records(db) == records(one_core)

    again = run("load", out, "--db", db)
    assert "0 new, 27 unchanged, 0 updated" in again.stderr
    with Store(db) as loaded, Store(one_core) as ingested:
        assert loaded.get_meta("lexicon") == ingested.get_meta("lexicon") is not None


def test_dask_cuts_one_big_archive_into_ranges_and_names_repeats_as_ingest_does(
    cluster: str, lex: Lexicon, tmp_path: Path
) -> None:
    from talks.distributed import extract_to_parquet, load_parquet
    from talks.parts import cut

    src = tmp_path / "in"
    src.mkdir()
    # 40 pages, URLs repeating across ranges (daily.example/0 comes back as #2, #3)
    pages = [
        (f"https://daily.example/{i % 15}", page(news_text(i), canonical=None)) for i in range(40)
    ]
    warc(src / "crawl.warc.gz", pages)
    lines = [f'{{"text": "{news_text(i).replace(chr(10), " ")}"}}' for i in range(50, 90)]
    (src / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ranges, problems = cut(str(src / "crawl.warc.gz"), 1)
    assert len(ranges) == 3 and not problems  # 16 + 16 + 8 records, offsets only
    # records 16-31: daily.example/0 met twice before (records 0 and 15), the others once
    before = {f"https://daily.example/{i}": 2 if i == 0 else 1 for i in range(15)}
    assert ranges[1].prior == tuple(sorted(before.items()))

    ingested = tmp_path / "ingest.db"
    with Store(ingested) as store:
        assert ingest_paths(store, [src], lexicon=lex).new == 80
    out = tmp_path / "pq"
    summary = extract_to_parquet([src], out, lexicon=lex, scheduler=cluster, units_per_part=1)
    assert (summary.articles, summary.shards, summary.failed) == (80, 6, 0), summary.errors
    loaded = tmp_path / "loaded.db"
    with Store(loaded) as store:
        assert load_parquet(store, out).new == 80
    assert records(loaded) == records(ingested)
    names = {a.article for a in records(loaded)[0]}
    assert {"https://daily.example/0#2", "https://daily.example/0#3", "feed.jsonl:40"} <= names


def test_parquet_has_the_json_fields_and_duckdb_reads_it(
    cluster: str, inputs: Path, lex: Lexicon, tmp_path: Path
) -> None:
    duckdb = pytest.importorskip("duckdb")
    from talks.distributed import extract_to_parquet

    out = tmp_path / "pq"
    summary = extract_to_parquet([inputs], out, lexicon=lex, scheduler=cluster)
    con = duckdb.connect()
    cols = [
        r[0] for r in con.execute(f"DESCRIBE SELECT * FROM '{out}/quotes/*.parquet'").fetchall()
    ]
    assert cols == list(Quote.model_fields)
    n = con.execute(f"SELECT count(*) FROM '{out}/quotes/*.parquet'").fetchone()
    assert n == (summary.quotes,)
    # spans are {start, end} structs, as in the JSON output
    span = con.execute(
        f"SELECT spans[1].start, spans[1]['end'], text FROM '{out}/quotes/*.parquet' LIMIT 1"
    ).fetchone()
    assert span is not None and span[0] < span[1]
    joined = con.execute(
        f"SELECT count(*) FROM '{out}/quotes/*.parquet' q "
        f"JOIN '{out}/articles/*.parquet' a ON a.id = q.article_id"
    ).fetchone()
    assert joined == (summary.quotes,)


# --- Ctrl-C with worker processes ------------------------------------------------------


def _alive(pgid: int) -> list[int]:
    """Processes still in the process group `pgid`."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                out.append(int(entry.name))
    return out


FILES = 1500


def _ingest_under_way(tmp_path: Path, **popen: Any) -> tuple[subprocess.Popen[bytes], Path]:
    """`talks ingest -j 2` of FILES articles started in its own process group (every
    process it starts is in it), returned once 20 articles are committed: the workers
    are running."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(FILES):
        (corpus / f"{i:05d}.txt").write_text(news_text(i) * 3, encoding="utf-8")
    db = tmp_path / "store.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "talks", "ingest", str(corpus), "--db", str(db), "-q", "-j", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        **popen,
    )
    try:
        deadline = time.monotonic() + 60
        while _count(db) < 20:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            assert time.monotonic() < deadline, "nothing committed within 60 s"
            time.sleep(0.02)
    except BaseException:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise
    return proc, db


def test_ctrl_c_with_workers_keeps_whole_articles_and_stops_every_process(
    tmp_path: Path, lex: Lexicon
) -> None:
    proc, db = _ingest_under_way(
        tmp_path,
        # as from a shell: Ctrl-C at its default. pytest itself may run with SIGINT
        # ignored (started as a background job of a script: `pytest &`), an ignored
        # SIGINT is inherited and Python keeps it, and the ingest would then finish
        # and exit 0. No test may change it (conftest's `signals_kept`).
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        # A terminal's Ctrl-C signals the whole process group: the writer and its workers.
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    err = proc.stderr.read().decode() if proc.stderr else ""
    assert proc.returncode != 0
    assert "Traceback" not in err, err
    deadline = time.monotonic() + 10
    while _alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _alive(proc.pid) == [], "worker processes outlived the interrupted ingest"
    with Store(db) as store:
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = store.articles()
        assert 20 <= len(stored) < FILES
        for article in stored[:40]:
            quotes, positions = extract(article, lexicon=lex)
            assert store.quotes(article=article.id) == quotes
            assert sorted(store.positions(article=article.id), key=lambda p: p.id) == sorted(
                positions, key=lambda p: p.id
            )


def test_workers_fork_server_and_tracker_exit_when_the_writer_is_killed(tmp_path: Path) -> None:
    proc, db = _ingest_under_way(tmp_path)
    try:
        started = [p for p in _alive(proc.pid) if p != proc.pid]
        # the fork server, two workers, the resource tracker
        assert len(started) >= 3, started
        proc.kill()  # the writer alone, as the OOM killer or `kill -9` would
        proc.wait(timeout=30)
        deadline = time.monotonic() + 60
        while _alive(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _alive(proc.pid) == [], "processes outlived their killed writer"
    finally:
        if _alive(proc.pid):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    with Store(db) as store:  # what was committed is intact
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert 20 <= len(store.articles()) < FILES


def test_load_without_shards_and_extract_without_the_extra_say_what_is_wrong(
    tmp_path: Path, run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run("load", tmp_path, "--db", tmp_path / "x.db")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"talks: error: {tmp_path}: no Parquet shards (expected {tmp_path}/articles/part-*.parquet)"
    )
    result = run("extract", "-", "--to", tmp_path / "out")
    assert result.exit_code == 2
    assert "reads files and folders, not standard input" in result.stderr
    (tmp_path / "a.txt").write_text(news_text(1), encoding="utf-8")
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    result = run("extract", tmp_path / "a.txt", "--to", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "talks: error: talks extract/load need the cluster extra: pip install 'talks[cluster]'"
    )


def test_the_progress_display_shows_a_running_count_and_the_files() -> None:
    from rich.console import Console

    from talks.cli.ingest import make_bar

    console = Console(record=True, width=120, force_terminal=False)
    bar, tick = make_bar(console, disable=False)

    def shown() -> str:
        console.print(bar.make_tasks_table(bar.tasks))
        return console.export_text()

    tick(Progress(articles=1234, files=0, files_total=1, articles_total=None))
    assert "1,234 articles · 0/1 files" in shown()
    tick(Progress(articles=7, files=7, files_total=9, articles_total=9))
    text = shown()
    assert "7/9 articles" in text and "files" not in text
