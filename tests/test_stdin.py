"""`talks ingest -`: JSON Lines on standard input are read record by record (never
whole) and committed in batches like a JSON Lines file; one article is read whole,
up to the file limit (issue 11)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import IO, Any

import pytest

from talks import lexicon as lexicon_mod
from talks import pipeline
from talks.lexicon import Lexicon
from talks.limits import Limits
from talks.pipeline import IngestSummary, Progress, ingest_paths
from talks.store import Store


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return lexicon_mod.load()


def record(i: int, **extra: object) -> bytes:
    text = f"Article {i}\n\n“We want peace, number {i},” Medinsky said. " + "Talks went on. " * 60
    return (json.dumps({"id": f"r{i}", "text": text, **extra}) + "\n").encode("utf-8")


def from_stdin(store: Store, stdin: IO[bytes], lex: Lexicon, **options: Any) -> IngestSummary:
    """`talks ingest -` (every article kept, `options` as `ingest_paths` takes them)
    with `stdin` as standard input."""
    return ingest_paths(store, ["-"], lexicon=lex, everything=True, stdin=stdin, **options)


class Pipe(io.RawIOBase):
    """Standard input as a pipe delivers it: a few KB per read, never seekable;
    it counts the bytes handed out."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        piece = self.data[self.given : self.given + min(len(buffer), 4096)]
        buffer[: len(piece)] = piece
        self.given += len(piece)
        return len(piece)


def test_json_lines_on_stdin_are_streamed_and_committed_in_batches(
    db: Path, lex: Lexicon, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "BATCH_FILES", 20)  # batches by count, not by the clock
    data = b"\n" + b"".join(record(i) for i in range(200))
    pipe = Pipe(data)
    seen: list[tuple[int, int]] = []  # (bytes read from stdin, articles committed) per unit
    counted: list[int] = []  # articles the progress display was told of

    def progress(now: Progress) -> None:
        counted.append(now.articles)
        with Store(db, create=False) as reader:  # what another process sees meanwhile
            seen.append((pipe.given, reader.counts()["articles"]))

    with Store(db) as store:
        summary = from_stdin(store, io.BufferedReader(pipe), lex, progress=progress)
        assert sorted(a.article for a in store.articles()) == sorted(f"r{i}" for i in range(200))
    assert summary.ok and summary.new == 200 and summary.files == 1
    assert len(seen) > 5  # several units, not one
    first_read, _ = seen[0]
    assert first_read < len(data) / 4  # the first records went in before stdin was read whole
    assert any(0 < committed < 200 for _, committed in seen), seen  # batches, not one commit
    assert counted == sorted(counted) and counted[-1] == 200  # records counted as they finish


def test_bad_records_on_stdin_cost_one_record_each_and_name_their_line(
    db: Path, lex: Lexicon
) -> None:
    lines = [record(1), b"{broken\n", record(2), b"x" * 5000 + b"\n", record(3), b'{"text": 5}\n']
    with Store(db) as store:
        stdin = io.BufferedReader(Pipe(b"".join(lines)))
        summary = from_stdin(store, stdin, lex, limits=Limits(record_bytes=4000))
        assert sorted(a.article for a in store.articles()) == ["r1", "r2", "r3"]
    assert summary.failed == 3 and summary.new == 3
    by_line = {int(e.split(":")[1]): e for e in summary.errors if e.startswith("-:")}
    assert sorted(by_line) == [2, 4, 6]
    assert "record_bytes" in by_line[4] and "invalid JSON" in by_line[2]


def test_stdin_records_without_an_id_are_named_by_their_text(db: Path, lex: Lexicon) -> None:
    lines = [json.dumps({"text": f"Article {i}.\nBody {i}.\n"}).encode() + b"\n" for i in (1, 2)]
    with Store(db) as store:
        for _ in range(2):  # the same records again: unchanged, not new
            summary = from_stdin(store, io.BytesIO(b"".join(lines)), lex)
        names = sorted(a.article for a in store.articles())
    assert summary.unchanged == 2 and summary.new == 0
    assert len(names) == 2 and all(n.startswith("stdin-") for n in names)


def test_one_article_on_stdin_is_read_whole_up_to_the_file_limit(db: Path, lex: Lexicon) -> None:
    text = b"Peace talks\n\n{not JSON} " + b"Talks went on. " * 100
    with Store(db) as store:
        over = from_stdin(store, io.BytesIO(text), lex, limits=Limits(file_bytes=1000))
        assert store.counts()["articles"] == 0
        ok = from_stdin(store, io.BytesIO(text), lex)
        (article,) = store.articles()
    assert over.failed == 1 and over.errors[0].startswith("stdin: over the limit of 1,000")
    assert ok.ok and ok.new == 1 and article.title == "Peace talks"
    assert article.text == text.decode()
