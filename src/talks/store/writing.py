"""Writing articles with their quotes and positions, and what a store holds already.

Each article is written in a savepoint (all or nothing, even inside a batch) after
whatever its source had before is deleted (its records go by cascade).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal

from talks.store.connection import StoreBase, explain
from talks.store.rows import RecordRows, _iso, _source, _spans, record_rows

if TYPE_CHECKING:
    from talks.models import Article, Position, Quote

Status = Literal["new", "unchanged", "updated"]


class WritingMixin(StoreBase):
    """`Store`'s writing methods."""

    def stored(self, article: Article) -> tuple[str, str | None] | None:
        """(digest, lexicon fingerprint) of what the store holds for `article`'s
        source (or its id), None when it holds nothing."""
        try:
            return self._stored(article)
        except sqlite3.Error as exc:
            raise explain(self.path, exc) from None

    def _stored(self, article: Article) -> tuple[str, str | None] | None:
        row = self.db.execute(
            "SELECT digest, lexicon FROM articles WHERE source = ? AND article = ?",
            (_source(article.path), article.article),
        ).fetchone()
        if row is None:
            row = self.db.execute(
                "SELECT digest, lexicon FROM articles WHERE id = ?", (article.id,)
            ).fetchone()
        return None if row is None else (row["digest"], row["lexicon"])

    def status_of(self, article: Article, digest: str) -> Status:
        """What storing `article` would be: new, unchanged (same content and
        extraction), or updated (the same source with other content)."""
        try:
            row = self.stored(article)
        except sqlite3.Error as exc:
            raise explain(self.path, exc) from None
        if row is None:
            return "new"
        return "unchanged" if row[0] == digest else "updated"

    def put(
        self,
        article: Article,
        quotes: Sequence[Quote],
        positions: Sequence[Position],
        *,
        digest: str,
        lexicon: str | None = None,
        rows: RecordRows | None = None,
    ) -> None:
        """Store an article with its records, replacing what its source had before.
        `lexicon` is the fingerprint of the lexicon the records were extracted with.
        `rows` (from `record_rows`) stand for `quotes` and `positions` when given.

        Raises StoreError. The article is rolled back; so is the batch when SQLite
        dropped it (a full disk), otherwise the batch's other articles stay."""
        if rows is None:
            rows = record_rows(article, quotes, positions)
        own = not self._in_batch
        if own:
            self.begin()
        try:
            self._put(article, rows, digest, lexicon)
        except sqlite3.Error as exc:
            if not self.db.in_transaction:  # SQLite rolled the batch back (SQLITE_FULL)
                self._in_batch = False
            elif own:
                self.rollback()
            raise explain(self.path, exc) from None
        if own:
            self.commit()

    def _put(self, article: Article, rows: RecordRows, digest: str, lexicon: str | None) -> None:
        # A savepoint makes each article all-or-nothing even inside a larger batch.
        self.db.execute("SAVEPOINT put_article")
        try:
            # Its quotes and positions go by cascade; triggers clean the search index.
            self.db.execute(
                "DELETE FROM articles WHERE (source = ? AND article = ?) OR id = ?",
                (_source(article.path), article.article, article.id),
            )
            self._insert(article, rows, digest, lexicon)
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK TO put_article")
                self.db.execute("RELEASE put_article")
            raise
        self.db.execute("RELEASE put_article")

    def _speaker_rowids(self, speakers: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
        pairs = sorted(set(speakers))
        self.db.executemany("INSERT OR IGNORE INTO speakers (name, side) VALUES (?, ?)", pairs)
        return {
            pair: self.db.execute(
                "SELECT rowid FROM speakers WHERE name = ? AND side = ?", pair
            ).fetchone()[0]
            for pair in pairs
        }

    def _insert(self, a: Article, rows: RecordRows, digest: str, lexicon: str | None) -> None:
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        title = a.title_span
        cursor = self.db.execute(
            "INSERT INTO articles (id, article, path, title, outlet, url, published, "
            "published_basis, encoding, title_start, title_end, noise, warnings, text, digest, "
            "ingested_at, source, crawled, lexicon) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                a.id,
                a.article,
                a.path,
                a.title,
                a.outlet,
                a.url,
                _iso(a.published),
                a.published_basis,
                a.encoding,
                None if title is None else title.start,
                None if title is None else title.end,
                _spans(a.noise),
                json.dumps(list(a.warnings), ensure_ascii=False),
                a.text,
                digest,
                now,
                _source(a.path),
                None if a.crawled is None else a.crawled.isoformat(),
                lexicon,
            ),
        )
        article_rowid = cursor.lastrowid
        speakers = self._speaker_rowids(rows.speakers)
        self.db.executemany(
            "INSERT INTO quotes (id, article_rowid, speaker_rowid, speaker_mention, "
            "speaker_start, speaker_end, kind, text, start, end, spans, cue, cue_start, cue_end, "
            "date, date_basis, topics, event) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (row[0], article_rowid, speakers[who], *row[1:])
                for row, who in zip(rows.quotes, rows.speakers, strict=True)
            ],
        )
        self.db.executemany(
            "INSERT INTO positions (id, article_rowid, actor, topic, stance, conditional, "
            "holder, date, date_basis, evidence, start, end, quote_id, event) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(row[0], article_rowid, *row[1:]) for row in rows.positions],
        )


def stored_digest(db: sqlite3.Connection, article: Article) -> str | None:
    """The digest stored for `article` (by source and name, else by id), on any
    connection to a store: workers ask it read-only to skip unchanged articles."""
    row = db.execute(
        "SELECT digest FROM articles WHERE source = ? AND article = ?",
        (_source(article.path), article.article),
    ).fetchone()
    if row is None:
        row = db.execute("SELECT digest FROM articles WHERE id = ?", (article.id,)).fetchone()
    return None if row is None else str(row[0])
