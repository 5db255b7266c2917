"""The SQLite store: one plain file that sqlite3, Datasette or sqlite-utils can open.

All SQL lives here. The schema is created and upgraded by numbered migrations
applied on open. Each article is written with its quotes and positions in one
transaction, so an interrupted ingest never leaves half an article behind.

`Store` is assembled from one class per concern, each in its own module:

    connection.py  opening (pragmas, WAL, busy timeout), migrating, batches, meta
    schema.py      MIGRATIONS 1-5 (tables, views, full-text index and triggers)
    schema_v6.py   MIGRATIONS from 6 on, and CODES (words stored as integers)
    rows.py        models -> rows (RecordRows, record_rows) and value encodings
    records.py     rows -> models or JSON-ready dicts (the listings' output)
    sql.py         WHERE and LIMIT clause builders shared by the listings
    writing.py     putting articles with their records; what is stored already
    articles.py    reading and removing articles; store-wide counts
    quotes.py      the quote listing and lookups
    walk.py        a search page found by walking quotes in listing order
    positions.py   the position listing
    timeline.py    positions as of a date, per period (`talks diff`, `timeline`)
    speakers.py    speakers' lexicon facts and the `speaker_summary` table
    queries.py     canned queries for `talks serve`

MIGRATIONS, `fts_query` and `_walk_cap` are read from this package when used, so
replacing them here (a test's older schema or raw search syntax) takes effect.
"""

from __future__ import annotations

from talks.search import fts_query as fts_query
from talks.store.articles import ArticlesMixin
from talks.store.connection import BUSY_TIMEOUT_MS, CACHE_KIB, PAGE_SIZE, explain
from talks.store.positions import PositionsMixin
from talks.store.queries import QUERIES
from talks.store.quotes import QuotesMixin
from talks.store.rows import RecordRows, record_rows
from talks.store.schema import MIGRATIONS
from talks.store.schema_v6 import CODES
from talks.store.speakers import SpeakersMixin
from talks.store.timeline import TimelineMixin
from talks.store.walk import WALK_PER_QUOTE, WALK_SLACK
from talks.store.walk import _prefix_search as _prefix_search
from talks.store.walk import _walk_cap as _walk_cap
from talks.store.walk import _walk_floor as _walk_floor
from talks.store.writing import Status, WritingMixin, stored_digest

__all__ = [
    "BUSY_TIMEOUT_MS",
    "CACHE_KIB",
    "CODES",
    "MIGRATIONS",
    "PAGE_SIZE",
    "QUERIES",
    "WALK_PER_QUOTE",
    "WALK_SLACK",
    "RecordRows",
    "Status",
    "Store",
    "explain",
    "fts_query",
    "record_rows",
    "stored_digest",
]


class Store(WritingMixin, ArticlesMixin, QuotesMixin, PositionsMixin, TimelineMixin, SpeakersMixin):
    """A talks store at `path`: created with its schema when missing, unless
    `create=False` (read commands), which raises StoreError instead and never
    creates a file or folder.

    The store is opened in WAL mode: readers never block a writer or each other,
    and a second writer waits (up to BUSY_TIMEOUT_MS) instead of failing. Every
    SQLite error of opening and writing is a one-line StoreError (`explain`).
    """
