"""Reading and removing stored articles, and the store-wide counts `talks info` shows."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from talks.store.connection import StoreBase, explain
from talks.store.rows import _date, _iso, _pair, _unspans
from talks.store.sql import _page, _where

if TYPE_CHECKING:
    from talks.models import Article

_ARTICLE_NO_TEXT = (
    "rowid, id, article, path, title, outlet, url, published, published_basis, encoding, "
    "title_start, title_end, noise, warnings, '' AS text, digest, ingested_at, source, crawled, "
    "lexicon"
)

_ARTICLE_LISTED = (
    "id, article, path, title, outlet, url, published, published_basis, crawled, encoding"
)


class ArticleFilters(TypedDict, total=False):
    """The filters of the article listings (`Store.articles`, `Store.article_rows`),
    all optional and combined: published in [`since`, `until`], the outlet containing
    `outlet`, the article named `article` (file name or id); `limit` and `offset`
    pick a page."""

    since: dt.date | None
    until: dt.date | None
    outlet: str | None
    article: str | None
    limit: int | None
    offset: int


def _article_query(
    columns: str,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    outlet: str | None = None,
    article: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[str, list[Any]]:
    """The SQL and arguments of an article listing of `columns`, in publication order
    (undated last); its keywords are `ArticleFilters`."""
    where, args = _where(
        [
            ("published >= ?", _iso(since)),
            ("published <= ?", _iso(until)),
            ("outlet LIKE ?", f"%{outlet}%" if outlet else None),
            ("(article = ? OR id = ?)", article),
        ]
    )
    order = "ORDER BY published IS NULL, published, article"
    return f"SELECT {columns} FROM articles {where} {order}" + _page(limit, offset), args


class ArticlesMixin(StoreBase):
    """`Store`'s article methods."""

    @staticmethod
    def _article(row: sqlite3.Row, *, with_text: bool = True) -> Article:
        from talks.models import Article

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
            title_span=_pair(row["title_start"], row["title_end"]),
            noise=_unspans(row["noise"]),
            warnings=tuple(json.loads(row["warnings"])),
            crawled=None if row["crawled"] is None else dt.datetime.fromisoformat(row["crawled"]),
        )

    def articles(
        self, *, with_text: bool = True, **filters: Unpack[ArticleFilters]
    ) -> list[Article]:
        """Articles in publication order (undated last), filtered (`ArticleFilters`);
        without `with_text`, their text is left out (empty)."""
        sql, args = _article_query("*" if with_text else _ARTICLE_NO_TEXT, **filters)
        return [self._article(r, with_text=with_text) for r in self.db.execute(sql, args)]

    def article_rows(self, **filters: Unpack[ArticleFilters]) -> Iterator[dict[str, Any]]:
        """The `talks articles` listing: articles' metadata (no text), streamed."""
        sql, args = _article_query(_ARTICLE_LISTED, **filters)
        return (dict(r) for r in self.db.execute(sql, args))

    def remove(self, refs: Sequence[str]) -> dict[str, int]:
        """Remove articles (by id or file name) with their quotes and positions, all
        or nothing: a reference that names no stored article is a UsageError and
        nothing is removed. Returns how many articles, quotes and positions went."""
        from talks.errors import UsageError

        ids: list[str] = []
        missing: list[str] = []
        for ref in refs:
            found = [
                r[0]
                for r in self.db.execute(
                    "SELECT id FROM articles WHERE id = ? OR article = ?", (ref, ref)
                )
            ]
            if found:
                ids.extend(i for i in found if i not in ids)
            else:
                missing.append(ref)
        if missing:
            raise UsageError(
                f"no article {', '.join(map(repr, missing))} in {self.path} "
                "(ids and file names are listed by `talks articles`); nothing removed"
            )
        marks = ",".join("?" * len(ids))
        counts = {
            "articles": len(ids),
            "quotes": self.db.execute(
                "SELECT COUNT(*) FROM quotes WHERE article_rowid IN "
                f"(SELECT rowid FROM articles WHERE id IN ({marks}))",
                ids,
            ).fetchone()[0],
            "positions": self.db.execute(
                "SELECT COUNT(*) FROM positions WHERE article_rowid IN "
                f"(SELECT rowid FROM articles WHERE id IN ({marks}))",
                ids,
            ).fetchone()[0],
        }
        self.begin()
        try:
            self.db.execute(f"DELETE FROM articles WHERE id IN ({marks})", ids)
        except sqlite3.Error as exc:
            self.rollback()
            raise explain(self.path, exc) from None
        self.commit()
        return counts

    def article(self, id_or_name: str) -> Article | None:
        """One article by id, else by file name. Two lookups, so the id one uses the
        primary key (an OR of both would scan the table on every call)."""
        row = self.db.execute("SELECT * FROM articles WHERE id = ?", (id_or_name,)).fetchone()
        if row is None:
            row = self.db.execute(
                "SELECT * FROM articles WHERE article = ? LIMIT 1", (id_or_name,)
            ).fetchone()
        return None if row is None else self._article(row)

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

    def counts(self) -> dict[str, int]:
        return {
            t: self.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("articles", "quotes", "positions")
        }
