"""The SQLite store: one plain file that sqlite3, Datasette or sqlite-utils can open.

All SQL lives here. The schema is created and upgraded by numbered migrations
applied on open. Each article is written with its quotes and positions in one
transaction, so an interrupted ingest never leaves half an article behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from talks.errors import StoreError
from talks.models import Article, Position, Quote, Span

Status = Literal["new", "unchanged", "updated"]

MIGRATIONS: list[str] = [
    # 1: articles, quotes, positions
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        article TEXT NOT NULL,
        path TEXT NOT NULL,
        title TEXT,
        outlet TEXT,
        url TEXT,
        published TEXT,
        published_basis TEXT NOT NULL,
        encoding TEXT NOT NULL,
        title_span TEXT,
        noise TEXT NOT NULL,
        warnings TEXT NOT NULL,
        text TEXT NOT NULL,
        digest TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        source TEXT NOT NULL
    );
    CREATE UNIQUE INDEX articles_source ON articles(source, article);
    CREATE INDEX articles_published ON articles(published);
    CREATE TABLE quotes (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        article TEXT NOT NULL,
        path TEXT NOT NULL,
        speaker TEXT NOT NULL,
        speaker_mention TEXT NOT NULL,
        speaker_span TEXT,
        side TEXT NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        spans TEXT NOT NULL,
        cue TEXT,
        cue_span TEXT,
        date TEXT,
        date_basis TEXT NOT NULL,
        topics TEXT NOT NULL
    );
    CREATE INDEX quotes_article ON quotes(article_id, seq);
    CREATE INDEX quotes_speaker ON quotes(speaker COLLATE NOCASE);
    CREATE INDEX quotes_date ON quotes(date);
    CREATE TABLE quote_topics (
        quote_id TEXT NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
        topic TEXT NOT NULL,
        PRIMARY KEY (topic, quote_id)
    );
    CREATE INDEX quote_topics_quote ON quote_topics(quote_id);
    CREATE TABLE positions (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        article TEXT NOT NULL,
        path TEXT NOT NULL,
        actor TEXT NOT NULL,
        topic TEXT NOT NULL,
        stance TEXT NOT NULL,
        conditional INTEGER NOT NULL,
        holder TEXT,
        date TEXT,
        date_basis TEXT NOT NULL,
        evidence TEXT NOT NULL,
        span TEXT NOT NULL,
        quote_id TEXT
    );
    CREATE INDEX positions_topic ON positions(topic, actor);
    CREATE INDEX positions_article ON positions(article_id, seq);
    """,
    # 2: the negotiation round a quote or position refers to (events.yaml name)
    """
    ALTER TABLE quotes ADD COLUMN event TEXT;
    ALTER TABLE positions ADD COLUMN event TEXT;
    CREATE INDEX quotes_event ON quotes(event);
    CREATE INDEX positions_event ON positions(event);
    """,
    # 3: when a web archive's crawler fetched the page (ISO date-time; NULL for files)
    """
    ALTER TABLE articles ADD COLUMN crawled TEXT;
    """,
    # 4: what the store was built with (lexicon fingerprint, ...) and, per article,
    # the lexicon its records were extracted with
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    ALTER TABLE articles ADD COLUMN lexicon TEXT;
    CREATE INDEX positions_topic_actor_date ON positions(topic, actor, date);
    CREATE INDEX positions_actor_date ON positions(actor, date);
    CREATE INDEX positions_date ON positions(date);
    CREATE INDEX quotes_side ON quotes(side COLLATE NOCASE);
    CREATE INDEX articles_order ON articles(published IS NULL, published, article);
    """,
]

_FTS = """
CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(
    text, tokenize = 'unicode61 remove_diacritics 2'
);
"""


def _span(value: Span | None) -> str | None:
    return None if value is None else json.dumps([value.start, value.end])


def _unspan(value: str | None) -> Span | None:
    if value is None:
        return None
    start, end = json.loads(value)
    return Span(start=start, end=end)


def _spans(values: Iterable[Span]) -> str:
    return json.dumps([[s.start, s.end] for s in values])


def _unspans(value: str) -> tuple[Span, ...]:
    return tuple(Span(start=a, end=b) for a, b in json.loads(value))


def _source(path: str) -> str:
    """A file's identity: its absolute path, whichever folder the command ran from."""
    return path if path == "-" else os.path.abspath(path)


def _iso(d: dt.date | None) -> str | None:
    return None if d is None else d.isoformat()


def _date(v: str | None) -> dt.date | None:
    return None if v is None else dt.date.fromisoformat(v)


# How long a writer waits for another one to finish its batch before giving up (ms):
# concurrent ingests into one store queue behind each other's short transactions.
BUSY_TIMEOUT_MS = 60_000


def explain(path: Path, exc: sqlite3.Error) -> StoreError:
    """A one-line StoreError saying what happened to the store and what to do."""
    text = str(exc)
    low = text.lower()
    code = getattr(exc, "sqlite_errorcode", None)
    if code == sqlite3.SQLITE_FULL or "disk is full" in low or "disk full" in low:
        return StoreError(
            f"{path}: the disk is full (or the store reached its size limit); the batch being "
            "written was rolled back and everything committed before it is kept. Free some "
            "space and run the same ingest again: stored files are skipped"
        )
    if "readonly" in low or "read-only" in low or code == getattr(sqlite3, "SQLITE_READONLY", -1):
        return StoreError(
            f"{path}: the store is read-only; make the file and its folder writable, "
            "or use --db to write to another store"
        )
    if "locked" in low or "busy" in low:
        return StoreError(
            f"{path}: the store stayed locked by another program for "
            f"{BUSY_TIMEOUT_MS // 1000} s; try again when it has finished"
        )
    if "unable to open" in low:
        return StoreError(
            f"{path}: cannot open or create the store; check that its folder exists and "
            "is writable, or use --db to pick another path"
        )
    return StoreError(f"{path}: not a usable talks store ({text})")


class Store:
    """A talks store at `path`: created with its schema when missing, unless
    `create=False` (read commands), which raises StoreError instead and never
    creates a file or folder.

    The store is opened in WAL mode: readers never block a writer or each other,
    and a second writer waits (up to BUSY_TIMEOUT_MS) instead of failing. Every
    SQLite error of opening and writing is a one-line StoreError (`explain`).
    """

    def __init__(self, path: Path | str, *, create: bool = True) -> None:
        self.path = Path(path)
        memory = str(path) == ":memory:"
        if not memory and not create and not self.path.is_file():
            raise StoreError(f"{self.path}: no store here")
        if not memory and create:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot create the store's folder: {exc}") from None
        self._in_batch = False
        try:
            if create or memory:
                self.db = sqlite3.connect(str(path), isolation_level=None)
            else:  # mode=rw: opening never creates the file
                uri = self.path.resolve().as_uri() + "?mode=rw"
                self.db = sqlite3.connect(uri, uri=True, isolation_level=None)
        except sqlite3.Error as exc:
            raise explain(self.path, exc) from None
        try:
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if str(path) != ":memory:":
                # Readers (queries, ingest workers) never wait for the writer; a
                # read-only store is still readable in its own journal mode.
                with contextlib.suppress(sqlite3.OperationalError):
                    self.db.execute("PRAGMA journal_mode = WAL")
            self._migrate()
        except sqlite3.Error as exc:
            self.db.close()
            raise explain(self.path, exc) from None

    # --- lifecycle ------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.rollback()
        self.db.close()

    def rollback(self) -> None:
        """Drop the open batch, if any (safe after SQLite rolled it back itself)."""
        self._in_batch = False
        if self.db.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("ROLLBACK")

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise StoreError(
                f"{self.path}: store schema v{version} is newer than this talks "
                f"(v{len(MIGRATIONS)}); upgrade talks"
            )
        if version < len(MIGRATIONS):
            # Under the write lock, from the version read inside it: two programs
            # opening a new store at once migrate it once, one after the other.
            self.db.execute("BEGIN IMMEDIATE")
            try:
                version = self.db.execute("PRAGMA user_version").fetchone()[0]
                for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                    for statement in script.split(";"):
                        if statement.strip():
                            self.db.execute(statement)
                    self.db.execute(f"PRAGMA user_version = {number}")
                self.db.execute("COMMIT")
            except sqlite3.Error:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise
        try:
            self.db.execute(_FTS)
            self.fts = True
        except sqlite3.OperationalError:  # SQLite built without FTS5: fall back to LIKE
            self.fts = False

    # --- writing --------------------------------------------------------------

    def begin(self) -> None:
        """Start a batch: everything until `commit()` lands together or not at all."""
        if not self._in_batch:
            try:
                self.db.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise explain(self.path, exc) from None
            self._in_batch = True

    def commit(self) -> None:
        """Commit the batch; on failure (full disk) it is rolled back and StoreError raised."""
        if self._in_batch:
            try:
                self.db.execute("COMMIT")
            except sqlite3.Error as exc:
                self.rollback()
                raise explain(self.path, exc) from None
            self._in_batch = False

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

    def get_meta(self, key: str) -> str | None:
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            raise explain(self.path, exc) from None
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        try:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
        except sqlite3.Error as exc:
            raise explain(self.path, exc) from None

    def put(
        self,
        article: Article,
        quotes: Sequence[Quote],
        positions: Sequence[Position],
        *,
        digest: str,
        lexicon: str | None = None,
    ) -> None:
        """Store an article with its records, replacing what its source had before.
        `lexicon` is the fingerprint of the lexicon the records were extracted with.

        Raises StoreError. The article is rolled back; so is the batch when SQLite
        dropped it (a full disk), otherwise the batch's other articles stay."""
        own = not self._in_batch
        if own:
            self.begin()
        try:
            self._put(article, quotes, positions, digest, lexicon)
        except sqlite3.Error as exc:
            if not self.db.in_transaction:  # SQLite rolled the batch back (SQLITE_FULL)
                self._in_batch = False
            elif own:
                self.rollback()
            raise explain(self.path, exc) from None
        if own:
            self.commit()

    def _put(
        self,
        article: Article,
        quotes: Sequence[Quote],
        positions: Sequence[Position],
        digest: str,
        lexicon: str | None,
    ) -> None:
        # A savepoint makes each article all-or-nothing even inside a larger batch.
        self.db.execute("SAVEPOINT put_article")
        try:
            source = (_source(article.path), article.article, article.id)
            if self.fts:
                # The search table shares the quotes' rowids: deleting by rowid is indexed.
                self.db.execute(
                    "DELETE FROM quotes_fts WHERE rowid IN (SELECT q.rowid FROM quotes q "
                    "JOIN articles a ON a.id = q.article_id "
                    "WHERE (a.source = ? AND a.article = ?) OR a.id = ?)",
                    source,
                )
            self.db.execute(
                "DELETE FROM articles WHERE (source = ? AND article = ?) OR id = ?", source
            )
            self._insert(article, quotes, positions, digest, lexicon)
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK TO put_article")
                self.db.execute("RELEASE put_article")
            raise
        self.db.execute("RELEASE put_article")

    def _insert(
        self,
        a: Article,
        quotes: Sequence[Quote],
        positions: Sequence[Position],
        digest: str,
        lexicon: str | None,
    ) -> None:
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self.db.execute(
            "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
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
                _span(a.title_span),
                _spans(a.noise),
                json.dumps(list(a.warnings)),
                a.text,
                digest,
                now,
                _source(a.path),
                None if a.crawled is None else a.crawled.isoformat(),
                lexicon,
            ),
        )
        self.db.executemany(
            "INSERT OR REPLACE INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    q.id,
                    a.id,
                    i,
                    q.article,
                    q.path,
                    q.speaker,
                    q.speaker_mention,
                    _span(q.speaker_span),
                    q.side,
                    q.kind,
                    q.text,
                    _spans(q.spans),
                    q.cue,
                    _span(q.cue_span),
                    _iso(q.date),
                    q.date_basis,
                    json.dumps(list(q.topics)),
                    q.event,
                )
                for i, q in enumerate(quotes)
            ],
        )
        self.db.executemany(
            "INSERT OR IGNORE INTO quote_topics VALUES (?, ?)",
            [(q.id, t) for q in quotes for t in q.topics],
        )
        if self.fts:
            self.db.execute(
                "INSERT INTO quotes_fts (rowid, text) "
                "SELECT rowid, text FROM quotes WHERE article_id = ?",
                (a.id,),
            )
        self.db.executemany(
            "INSERT OR REPLACE INTO positions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    p.id,
                    a.id,
                    i,
                    p.article,
                    p.path,
                    p.actor,
                    p.topic,
                    p.stance,
                    int(p.conditional),
                    p.holder,
                    _iso(p.date),
                    p.date_basis,
                    p.evidence,
                    _span(p.span),
                    p.quote_id,
                    p.event,
                )
                for i, p in enumerate(positions)
            ],
        )

    # --- reading --------------------------------------------------------------

    @staticmethod
    def _article(row: sqlite3.Row, *, with_text: bool = True) -> Article:
        return Article(
            id=row["id"],
            article=row["article"],
            path=row["path"],
            title=row["title"],
            outlet=row["outlet"],
            url=row["url"],
            published=_date(row["published"]),
            published_basis=row["published_basis"],
            text=row["text"] if with_text else "",
            encoding=row["encoding"],
            title_span=_unspan(row["title_span"]),
            noise=_unspans(row["noise"]),
            warnings=tuple(json.loads(row["warnings"])),
            crawled=None if row["crawled"] is None else dt.datetime.fromisoformat(row["crawled"]),
        )

    def articles(
        self,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        outlet: str | None = None,
        article: str | None = None,
        with_text: bool = True,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Article]:
        """Articles in publication order (undated last), filtered."""
        where, args = _where(
            [
                ("published >= ?", _iso(since)),
                ("published <= ?", _iso(until)),
                ("outlet LIKE ?", f"%{outlet}%" if outlet else None),
                ("(article = ? OR id = ?)", article),
            ]
        )
        rows = self.db.execute(
            f"SELECT * FROM articles {where} ORDER BY published IS NULL, published, article"
            + _page(limit, offset),
            args,
        )
        return [self._article(r, with_text=with_text) for r in rows]

    def article_rows(
        self,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        outlet: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[dict[str, Any]]:
        """The `talks articles` listing: articles' metadata (no text), streamed."""
        where, args = _where(
            [
                ("published >= ?", _iso(since)),
                ("published <= ?", _iso(until)),
                ("outlet LIKE ?", f"%{outlet}%" if outlet else None),
            ]
        )
        rows = self.db.execute(
            "SELECT id, article, path, title, outlet, url, published, published_basis, crawled "
            f"FROM articles {where} ORDER BY published IS NULL, published, article"
            + _page(limit, offset),
            args,
        )
        return (dict(r) for r in rows)

    def article(self, id_or_name: str) -> Article | None:
        """One article by id, else by file name. Two lookups, so the id one uses the
        primary key (an OR of both would scan the table on every call)."""
        row = self.db.execute("SELECT * FROM articles WHERE id = ?", (id_or_name,)).fetchone()
        if row is None:
            row = self.db.execute(
                "SELECT * FROM articles WHERE article = ? LIMIT 1", (id_or_name,)
            ).fetchone()
        return None if row is None else self._article(row)

    @staticmethod
    def _quote(r: sqlite3.Row) -> Quote:
        return Quote(
            id=r["id"],
            article=r["article"],
            article_id=r["article_id"],
            path=r["path"],
            speaker=r["speaker"],
            speaker_mention=r["speaker_mention"],
            speaker_span=_unspan(r["speaker_span"]),
            side=r["side"],
            kind=r["kind"],
            text=r["text"],
            spans=_unspans(r["spans"]),
            cue=r["cue"],
            cue_span=_unspan(r["cue_span"]),
            date=_date(r["date"]),
            date_basis=r["date_basis"],
            topics=tuple(json.loads(r["topics"])),
            event=r["event"],
        )

    def _quote_query(
        self,
        *,
        speakers: Sequence[str] | None = None,
        side: str | None = None,
        kind: str | None = None,
        topic: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        article: str | None = None,
        contains: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        event: str | None = None,
    ) -> tuple[str, list[Any]]:
        conds: list[tuple[str, Any]] = [
            ("q.side = ? COLLATE NOCASE", side),
            ("q.kind = ?", kind),
            ("q.id IN (SELECT quote_id FROM quote_topics WHERE topic = ?)", topic),
            ("q.date >= ?", _iso(since)),
            ("q.date <= ?", _iso(until)),
            ("(q.article = ? OR q.article_id = ?)", article),
            ("q.event LIKE ?", f"%{event}%" if event else None),
        ]
        if contains:
            if self.fts:
                phrase = '"' + contains.replace('"', '""') + '"'
                conds.append(
                    ("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)", phrase)
                )
            else:
                conds.append(("q.text LIKE ?", f"%{contains}%"))
        where, args = _where(conds)
        if speakers is not None:
            marks = ",".join("?" * len(speakers)) or "NULL"
            where += (" AND " if where else "WHERE ") + (f"q.speaker COLLATE NOCASE IN ({marks})")
            args.extend(speakers)
        sql = (
            "SELECT q.* FROM quotes q JOIN articles a ON a.id = q.article_id "
            f"{where} ORDER BY a.published IS NULL, a.published, a.article, q.seq"
        )
        return sql + _page(limit, offset), args

    def quotes(
        self,
        *,
        speakers: Sequence[str] | None = None,
        side: str | None = None,
        kind: str | None = None,
        topic: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        article: str | None = None,
        contains: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        event: str | None = None,
    ) -> list[Quote]:
        """Quotes in article date order, then text order. `speakers` are exact names
        (any case); `contains` is a full-text phrase search; `event` matches part of
        the name of the round a quote refers to ("Istanbul", "second round")."""
        sql, args = self._quote_query(
            speakers=speakers,
            side=side,
            kind=kind,
            topic=topic,
            since=since,
            until=until,
            article=article,
            contains=contains,
            limit=limit,
            offset=offset,
            event=event,
        )
        return [self._quote(r) for r in self.db.execute(sql, args)]

    def quote_rows(self, **filters: Any) -> Iterator[dict[str, Any]]:
        """`quotes(**filters)` as JSON-ready dicts (the same fields), streamed from the
        cursor without building a model per row."""
        sql, args = self._quote_query(**filters)
        return (_quote_dict(r) for r in self.db.execute(sql, args))

    def quote(self, quote_id: str) -> Quote | None:
        """One quote by id (a unique prefix of at least 6 characters is enough)."""
        rows = self.db.execute(
            "SELECT * FROM quotes WHERE id = ? OR (length(?) >= 6 AND id LIKE ? || '%') LIMIT 2",
            (quote_id, quote_id, quote_id),
        ).fetchall()
        exact = [r for r in rows if r["id"] == quote_id]
        if exact:
            return self._quote(exact[0])
        return self._quote(rows[0]) if len(rows) == 1 else None

    def _position_query(
        self,
        *,
        topic: str | None = None,
        actor: str | None = None,
        stance: str | None = None,
        holder: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        article: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        event: str | None = None,
    ) -> tuple[str, list[Any]]:
        where, args = _where(
            [
                ("p.topic = ?", topic),
                ("p.actor = ? COLLATE NOCASE", actor),
                ("p.stance = ?", stance),
                ("p.holder LIKE ?", f"%{holder}%" if holder else None),
                ("p.date >= ?", _iso(since)),
                ("p.date <= ?", _iso(until)),
                ("(p.article = ? OR p.article_id = ?)", article),
                ("p.event LIKE ?", f"%{event}%" if event else None),
            ]
        )
        sql = (
            f"SELECT p.* FROM positions p {where} "
            "ORDER BY p.date IS NULL, p.date, p.article, p.seq" + _page(limit, offset)
        )
        return sql, args

    def positions(
        self,
        *,
        topic: str | None = None,
        actor: str | None = None,
        stance: str | None = None,
        holder: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        article: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        event: str | None = None,
    ) -> list[Position]:
        """Positions in date order (undated last), then article and text order; `event`
        matches part of the name of the round a position refers to."""
        sql, args = self._position_query(
            topic=topic,
            actor=actor,
            stance=stance,
            holder=holder,
            since=since,
            until=until,
            article=article,
            limit=limit,
            offset=offset,
            event=event,
        )
        return [_position(r) for r in self.db.execute(sql, args)]

    def position_rows(self, *, reports: bool = False, **filters: Any) -> Iterator[dict[str, Any]]:
        """`positions(**filters)` as JSON-ready dicts, streamed from the cursor. With
        `reports`, each also has `reports`: how many distinct articles in the store
        state the same actor, topic, stance and date (1 when undated), counted by an
        indexed subquery per row."""
        sql, args = self._position_query(**filters)
        if reports:
            sql = sql.replace(
                "SELECT p.* FROM positions p",
                "SELECT p.*, CASE WHEN p.date IS NULL THEN 1 ELSE (SELECT COUNT(DISTINCT "
                "r.article_id) FROM positions r WHERE r.topic = p.topic AND r.actor = p.actor "
                "AND r.date = p.date AND r.stance = p.stance) END AS reports FROM positions p",
                1,
            )
            return (
                {**_position_dict(r), "reports": r["reports"]} for r in self.db.execute(sql, args)
            )
        return (_position_dict(r) for r in self.db.execute(sql, args))

    def positions_as_of(
        self, when: dt.date, *, topic: str | None = None, actor: str | None = None
    ) -> list[Position]:
        """Per actor × topic, the positions on its latest date on or before `when`
        (the candidates `talks.diff` picks the stance as of `when` from)."""
        where, args = _where(
            [("date <= ?", _iso(when)), ("topic = ?", topic), ("actor = ?", actor)]
        )
        sql = (
            "SELECT p.* FROM positions p JOIN (SELECT actor, topic, MAX(date) AS d "
            f"FROM positions {where} GROUP BY actor, topic) m "
            "ON p.actor = m.actor AND p.topic = m.topic AND p.date = m.d "
            "ORDER BY p.date, p.article, p.seq"
        )
        return [_position(r) for r in self.db.execute(sql, args)]

    def count_undated(self, *, topic: str | None = None, actor: str | None = None) -> int:
        """How many positions (of this topic and actor) have no date."""
        where, args = _where([("topic = ?", topic), ("actor = ?", actor)])
        where = (where + " AND" if where else "WHERE") + " date IS NULL"
        return int(self.db.execute(f"SELECT COUNT(*) FROM positions {where}", args).fetchone()[0])

    def speaker_stats(self) -> list[dict[str, Any]]:
        """Per speaker: side, quote count, and the mentions seen (most frequent first)."""
        rows = self.db.execute(
            "SELECT speaker, side, COUNT(*) AS n FROM quotes GROUP BY speaker, side "
            "ORDER BY n DESC, speaker"
        ).fetchall()
        mentions = self.db.execute(
            "SELECT speaker, speaker_mention, COUNT(*) AS n FROM quotes "
            "GROUP BY speaker, speaker_mention ORDER BY n DESC, speaker_mention"
        ).fetchall()
        seen: dict[str, list[str]] = {}
        for m in mentions:
            seen.setdefault(m["speaker"], []).append(m["speaker_mention"])
        return [
            {
                "name": r["speaker"],
                "side": r["side"],
                "quotes": r["n"],
                "spellings": seen.get(r["speaker"], []),
            }
            for r in rows
        ]

    def speaker_names(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT speaker FROM quotes")]

    def quote_texts(self) -> list[tuple[str, str, str]]:
        """Every quote as a light (id, speaker, text) row: what statement counts need."""
        return [tuple(r) for r in self.db.execute("SELECT id, speaker, text FROM quotes")]

    def summary(self) -> dict[str, Any]:
        """Dates, last ingest and per-lexicon article counts, for `talks info`."""
        row = self.db.execute(
            "SELECT MIN(published), MAX(published), MAX(ingested_at) FROM articles"
        ).fetchone()
        by_lexicon = {
            r[0]: r[1]
            for r in self.db.execute(
                "SELECT lexicon, COUNT(*) FROM articles GROUP BY lexicon ORDER BY 2 DESC"
            )
        }
        return {
            "schema": self.db.execute("PRAGMA user_version").fetchone()[0],
            "first_published": row[0],
            "last_published": row[1],
            "last_ingest": row[2],
            "articles_by_lexicon": by_lexicon,
        }

    def actors(self) -> list[str]:
        """The parties that hold positions in the store, sorted."""
        return [r[0] for r in self.db.execute("SELECT DISTINCT actor FROM positions ORDER BY 1")]

    def topics(self) -> list[str]:
        """The topics positions in the store are about, sorted."""
        return [r[0] for r in self.db.execute("SELECT DISTINCT topic FROM positions ORDER BY 1")]

    def counts(self) -> dict[str, int]:
        return {
            t: self.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("articles", "quotes", "positions")
        }


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


def _where(conds: Sequence[tuple[str, Any]]) -> tuple[str, list[Any]]:
    parts: list[str] = []
    args: list[Any] = []
    for sql, value in conds:
        if value is None:
            continue
        parts.append(sql)
        args.extend([value] * sql.count("?"))
    return ("WHERE " + " AND ".join(parts)) if parts else "", args


def _page(limit: int | None, offset: int) -> str:
    """A LIMIT/OFFSET clause (empty when neither is given)."""
    if limit is None and not offset:
        return ""
    return f" LIMIT {-1 if limit is None else int(limit)} OFFSET {int(offset)}"


def _span_dict(value: str | None) -> dict[str, int] | None:
    if value is None:
        return None
    start, end = json.loads(value)
    return {"start": start, "end": end}


def _quote_dict(r: sqlite3.Row) -> dict[str, Any]:
    """A quotes row as `Quote.model_dump(mode="json")` would give it."""
    return {
        "id": r["id"],
        "article": r["article"],
        "article_id": r["article_id"],
        "path": r["path"],
        "speaker": r["speaker"],
        "speaker_mention": r["speaker_mention"],
        "speaker_span": _span_dict(r["speaker_span"]),
        "side": r["side"],
        "kind": r["kind"],
        "text": r["text"],
        "spans": [{"start": a, "end": b} for a, b in json.loads(r["spans"])],
        "cue": r["cue"],
        "cue_span": _span_dict(r["cue_span"]),
        "date": r["date"],
        "date_basis": r["date_basis"],
        "topics": json.loads(r["topics"]),
        "event": r["event"],
    }


def _position(r: sqlite3.Row) -> Position:
    return Position(
        id=r["id"],
        article=r["article"],
        article_id=r["article_id"],
        path=r["path"],
        actor=r["actor"],
        topic=r["topic"],
        stance=r["stance"],
        conditional=bool(r["conditional"]),
        holder=r["holder"],
        date=_date(r["date"]),
        date_basis=r["date_basis"],
        evidence=r["evidence"],
        span=_unspan(r["span"]) or Span(start=0, end=0),
        quote_id=r["quote_id"],
        event=r["event"],
    )


def _position_dict(r: sqlite3.Row) -> dict[str, Any]:
    """A positions row as `Position.model_dump(mode="json")` would give it."""
    return {
        "id": r["id"],
        "article": r["article"],
        "article_id": r["article_id"],
        "path": r["path"],
        "actor": r["actor"],
        "topic": r["topic"],
        "stance": r["stance"],
        "conditional": bool(r["conditional"]),
        "holder": r["holder"],
        "date": r["date"],
        "date_basis": r["date_basis"],
        "evidence": r["evidence"],
        "span": _span_dict(r["span"]) or {"start": 0, "end": 0},
        "quote_id": r["quote_id"],
        "event": r["event"],
    }
