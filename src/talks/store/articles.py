"""Reading and removing stored articles, and the store-wide counts `talks info` shows."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

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
        columns = "*" if with_text else _ARTICLE_NO_TEXT
        rows = self.db.execute(
            f"SELECT {columns} FROM articles {where} "
            "ORDER BY published IS NULL, published, article" + _page(limit, offset),
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
            "SELECT id, article, path, title, outlet, url, published, published_basis, crawled, "
            f"encoding FROM articles {where} ORDER BY published IS NULL, published, article"
            + _page(limit, offset),
            args,
        )
        return (dict(r) for r in rows)

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
