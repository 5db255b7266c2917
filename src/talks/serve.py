"""`talks serve`: the store in Datasette, described for people who browse it.

Datasette (the `web` extra) serves the SQLite file as it is: tables, views, JSON
API, the full-text search box. This module adds what the file cannot say by
itself: what each table, view and column means and where each record comes from
(metadata), and canned queries for the questions analysts ask (`store.QUERIES`).
It binds to 127.0.0.1 unless told otherwise: the store holds whatever was
ingested, and exposing it is the user's decision.
"""

from __future__ import annotations

import importlib.util
import json
import tempfile
from pathlib import Path
from typing import Any

from talks.errors import UsageError
from talks.store import QUERIES

SOURCE = (
    "Extracted by talks from news articles: every quote and position names the "
    "article it comes from (file, title, outlet, URL, publication date) and its exact "
    "character span in that article's text."
)

_SPAN = "Character offset into the article's text (0-based, half-open: text[start:end])."

_ARTICLE_COLUMNS = {
    "published": "The article's publication date (YYYY-MM-DD), when known.",
    "title": "The article's title.",
    "outlet": "The outlet that published the article.",
    "url": "The article's URL, when known: the source to check a record against.",
    "article": "The article's file name (or its JSON Lines record id).",
    "article_id": "The article's id: a hash of its text.",
    "path": "The path the article was read from.",
}

_QUOTE_COLUMNS = {
    "id": "The quote's id (talks show ID prints it in its paragraph).",
    "date": "When the statement was made (YYYY-MM-DD), when known.",
    "speaker": "The speaker's canonical name, or the article's wording for a group.",
    "side": "The speaker's party (Russia, Ukraine, ...) or none.",
    "kind": "direct (quoted words) or indirect (reported speech).",
    "text": "The quoted words: the spans' characters joined by one space.",
    "topics": "Negotiation topics the quote touches (JSON list of topic keys).",
    "speaker_mention": "The words naming the speaker in the article (may be 'he').",
    "cue": "The reporting verb or phrase as written (said, told, according to).",
    "date_basis": "How the date was found: explicit, relative, published or unknown.",
    "start": _SPAN + " Start of the first span.",
    "end": _SPAN + " End of the last span.",
    "spans": "Every span of the quote as a JSON list of [start, end].",
    "speaker_start": _SPAN,
    "speaker_end": _SPAN,
    "cue_start": _SPAN,
    "cue_end": _SPAN,
    "event": "The negotiation round the sentence names, when it names one.",
    **_ARTICLE_COLUMNS,
}

_POSITION_COLUMNS = {
    "id": "The position's id.",
    "date": "When the stance was stated (YYYY-MM-DD), when known.",
    "actor": "The party that holds the view.",
    "topic": "The topic key (see `talks topics`).",
    "stance": "support or oppose.",
    "conditional": "1 when the stance holds only under a condition.",
    "holder": "The person who voiced it, when there is one.",
    "evidence": "The sentence part the stance rests on (the article's characters).",
    "date_basis": "How the date was found: explicit, relative, published or unknown.",
    "start": _SPAN,
    "end": _SPAN,
    "quote_id": "The quote the position was read from, when it was one.",
    "event": "The negotiation round the sentence names, when it names one.",
    **_ARTICLE_COLUMNS,
}

_SPEAKER_COLUMNS = {
    "name": "The speaker's canonical name.",
    "side": "The speaker's party, or none.",
    "kind": "person or group (from the lexicon; empty when the lexicon has no entry).",
    "roles": "Roles with dates (JSON list of {title, since, until}) from the lexicon.",
    "aliases": "Other names and spellings the lexicon knows (JSON list).",
    "quotes": "Quotes attributed to the speaker (every report counted).",
    "statements": "Distinct wordings (case ignored); `talks speakers` also merges near-duplicates.",
    "articles": "Articles that quote the speaker.",
    "first_quoted": "Date of the earliest dated quote.",
    "last_quoted": "Date of the latest dated quote.",
}

_INTERNAL = "Internal key (integer rowid); the views show what it links to."


def metadata(database: str) -> dict[str, Any]:
    """Datasette metadata for a store served under the name `database`."""
    tables: dict[str, Any] = {
        "quote_list": {
            "description": "Every quote with its article's title, outlet, URL and date: "
            "start here. The search box searches the quoted words (word forms, "
            'prefix*, OR, "phrases").',
            "columns": {
                **_QUOTE_COLUMNS,
                "quote_rowid": _INTERNAL,
                "article_rowid": _INTERNAL,
                "speaker_rowid": _INTERNAL,
            },
            "facets": ["speaker", "side", "kind"],
            "fts_table": "quotes_fts",
            "fts_pk": "quote_rowid",
            "source": SOURCE,
        },
        "position_list": {
            "description": "Every position (a party's stance on a topic) with its "
            "evidence and its article's title, outlet, URL and date.",
            "columns": {
                **_POSITION_COLUMNS,
                "position_rowid": _INTERNAL,
                "article_rowid": _INTERNAL,
            },
            "facets": ["actor", "topic", "stance"],
            "source": SOURCE,
        },
        "speaker_list": {
            "description": "Every quoted speaker: side, roles with dates, aliases and "
            "how often they are quoted.",
            "columns": _SPEAKER_COLUMNS,
            "facets": ["side"],
        },
        "articles": {
            "description": "The articles read, with their full text (the spans of every "
            "record index into it).",
            "columns": {
                **_ARTICLE_COLUMNS,
                "id": "The article's id: a hash of its text.",
                "published_basis": "How the date was found: metadata, page, dateline, "
                "filename, inferred or unknown.",
                "text": "The article's text exactly as decoded.",
            },
            "label_column": "title",
            "source": SOURCE,
        },
        "quotes": {
            "description": "Quotes as stored (one copy of every text: mention and cue "
            "are empty when they are the article's characters at their spans). "
            "quote_list shows them whole.",
            "columns": _QUOTE_COLUMNS,
        },
        "positions": {
            "description": "Positions as stored (evidence empty when it is the article's "
            "characters at its span). position_list shows them whole.",
            "columns": _POSITION_COLUMNS,
        },
        "speakers": {
            "description": "Speakers as stored: name, side and the lexicon's facts.",
            "columns": _SPEAKER_COLUMNS,
            "label_column": "name",
        },
        "quote_topics": {"description": "Which quotes touch which topic (kept by triggers)."},
    }
    return {
        "title": "talks: who said what, when",
        "description": "Quotes and positions from news coverage of peace negotiations. "
        "Each record links to the article it was read from; check any answer "
        "against the source.",
        "source": SOURCE,
        "databases": {
            database: {
                "tables": tables,
                "queries": {name: dict(q) for name, q in QUERIES.items()},
            }
        },
    }


def arguments(db: Path, *, host: str, port: int, metadata_file: Path) -> list[str]:
    """Datasette's command-line arguments that serve `db` with its metadata."""
    return [
        "serve",
        str(db),
        "--host",
        host,
        "--port",
        str(port),
        "--metadata",
        str(metadata_file),
        "--setting",
        "sql_time_limit_ms",
        "5000",
    ]


def require_datasette() -> None:
    if importlib.util.find_spec("datasette") is None:
        raise UsageError("talks serve needs the web extra: pip install 'talks[web]'")


def serve(db: Path, *, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Run Datasette on `db` in this process until Ctrl-C or SIGTERM."""
    require_datasette()
    cli = importlib.import_module("datasette.cli").cli
    with tempfile.TemporaryDirectory(prefix="talks-serve-") as tmp:
        meta = Path(tmp) / "metadata.json"
        meta.write_text(json.dumps(metadata(db.stem), indent=2), encoding="utf-8")
        cli.main(
            args=arguments(db, host=host, port=port, metadata_file=meta),
            prog_name="talks serve",
            standalone_mode=False,
        )
