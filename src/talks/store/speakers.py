"""Speakers: the lexicon's facts stored on them, and the `talks speakers` summary.

The summary (migration 7's `speaker_summary` table) is computed for the speakers
that lack a row and stored, so a listing counts only what changed since the last.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from talks.store.connection import StoreBase
from talks.store.rows import _iso, _json

if TYPE_CHECKING:
    from talks.lexicon import SpeakerEntry


class SpeakersMixin(StoreBase):
    """`Store`'s speaker methods."""

    def describe_speakers(self, entries: Iterable[SpeakerEntry]) -> None:
        """Record the lexicon's facts (kind, roles with dates, aliases) on the stored
        speakers of those names, so the store tells them without the lexicon."""
        rows = [
            (
                e.kind,
                json.dumps(
                    [
                        {"title": r.title, "since": _iso(r.since), "until": _iso(r.until)}
                        for r in e.roles
                    ],
                    ensure_ascii=False,
                ),
                json.dumps(list(e.aliases), ensure_ascii=False),
                e.name,
            )
            for e in entries
        ]
        own = not self._in_batch
        if own:
            self.begin()
        self.db.executemany(
            "UPDATE speakers SET kind = ?, roles = ?, aliases = ? WHERE name = ? "
            "AND (kind, roles, aliases) IS NOT (?1, ?2, ?3)",
            rows,
        )
        if own:
            self.commit()

    def refresh_speaker_summary(
        self, count_statements: Callable[[list[tuple[str, str]]], int]
    ) -> list[dict[str, Any]]:
        """Per speaker (name and side): quotes, statements and the mentions seen (most
        frequent first), most quoted first, from the `speaker_summary` table
        (migration 7) after its missing rows are computed and stored.

        `count_statements` gets one name's quotes as (id, text) pairs and returns its
        number of statements. Missing rows are computed inside one read transaction
        and written in it: if another program wrote meanwhile (or the store is
        read-only) nothing is stored, and the rows computed from the snapshot are
        returned all the same.
        """
        own = not self._in_batch and not self.db.in_transaction
        if own:
            self.db.execute("BEGIN")
        try:
            fresh = self._speaker_summary_missing(count_statements)
            if fresh and own:
                try:
                    self.db.executemany(
                        "INSERT OR REPLACE INTO speaker_summary VALUES (?, ?, ?, ?)",
                        [
                            (r["rowid"], r["quotes"], r["statements"], _json(r["spellings"]))
                            for r in fresh
                        ],
                    )
                    self.db.execute("COMMIT")
                except sqlite3.Error:  # read-only, or the store changed since the read
                    self.rollback()
            kept = self.db.execute(
                "SELECT m.speaker_rowid, s.name, s.side, m.quotes, m.statements, m.spellings "
                "FROM speaker_summary m JOIN speakers s ON s.rowid = m.speaker_rowid"
            ).fetchall()
        finally:
            if own and self.db.in_transaction:
                self.db.execute("ROLLBACK")
        out = {
            r[0]: {
                "rowid": r[0],
                "name": r[1],
                "side": r[2],
                "quotes": r[3],
                "statements": r[4],
                "spellings": json.loads(r[5]),
            }
            for r in kept
        }
        out.update((r["rowid"], r) for r in fresh)
        return sorted(out.values(), key=lambda r: (-r["quotes"], r["name"], r["side"]))

    def _speaker_summary_missing(
        self, count_statements: Callable[[list[tuple[str, str]]], int]
    ) -> list[dict[str, Any]]:
        """The summary rows of every speaker with quotes but no row; statements and
        mentions are counted per name (over all its sides)."""
        names = [
            r[0]
            for r in self.db.execute(
                "SELECT DISTINCT s.name FROM speakers s WHERE NOT EXISTS "
                "(SELECT 1 FROM speaker_summary m WHERE m.speaker_rowid = s.rowid) "
                "AND EXISTS (SELECT 1 FROM quotes q WHERE q.speaker_rowid = s.rowid) ORDER BY 1"
            )
        ]
        out: list[dict[str, Any]] = []
        for name in names:
            per_side: Counter[tuple[int, str]] = Counter()
            mentions: Counter[str] = Counter()
            texts: list[tuple[str, str]] = []
            # Mentions stored as NULL are the article's characters at their span.
            for rowid, side, qid, text, mention in self.db.execute(
                "SELECT s.rowid, s.side, q.id, q.text, coalesce(q.speaker_mention, "
                "substr(a.text, q.speaker_start + 1, q.speaker_end - q.speaker_start)) "
                "FROM speakers s JOIN quotes q ON q.speaker_rowid = s.rowid "
                "JOIN articles a ON a.rowid = q.article_rowid WHERE s.name = ? ORDER BY q.rowid",
                (name,),
            ):
                per_side[rowid, side] += 1
                mentions[mention] += 1
                texts.append((qid, text))
            statements = count_statements(texts)
            seen = [m for m, _ in sorted(mentions.items(), key=lambda kv: (-kv[1], kv[0]))]
            out += [
                {
                    "rowid": rowid,
                    "name": name,
                    "side": side,
                    "quotes": n,
                    "statements": statements,
                    "spellings": seen,
                }
                for (rowid, side), n in sorted(per_side.items())
            ]
        return out

    def speaker_names(self) -> list[str]:
        """Names of the speakers with quotes (one index probe per speaker, not a scan
        of every quote)."""
        return [
            r[0]
            for r in self.db.execute(
                "SELECT DISTINCT name FROM speakers s WHERE EXISTS "
                "(SELECT 1 FROM quotes q WHERE q.speaker_rowid = s.rowid)"
            )
        ]
