"""Option declarations shared by several commands, and the helpers that turn their
raw values into core arguments (store, lexicon, format, dates, topic)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from talks import config
from talks import lexicon as lexicon_mod
from talks.errors import UsageError
from talks.lexicon import Lexicon
from talks.render import Format, resolve_format
from talks.store import Store

DbOpt = Annotated[
    Path | None,
    typer.Option(
        "--db", help="The store (SQLite file). Default: $TALKS_DB, else the app directory."
    ),
]
LexOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--lexicon",
        "-L",
        metavar="FILE",
        help="Your lexicon YAML, merged over the shipped one (repeatable; or $TALKS_LEXICON).",
    ),
]
FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="Output format. Default: table on a terminal, else json.",
    ),
]
SinceOpt = Annotated[
    str | None, typer.Option("--since", metavar="DATE", help="On or after this date (YYYY-MM-DD).")
]
UntilOpt = Annotated[
    str | None, typer.Option("--until", metavar="DATE", help="On or before this date (YYYY-MM-DD).")
]
TopicOpt = Annotated[
    str | None, typer.Option(metavar="TEXT", help="A topic key (see `talks topics`).")
]
ArticleOpt = Annotated[str | None, typer.Option(metavar="TEXT", help="Article file name or id.")]
EventOpt = Annotated[
    str | None,
    typer.Option(
        metavar="TEXT",
        help="The negotiation round referred to: part of its name in events.yaml "
        '("Istanbul", "second round", "Alaska").',
    ),
]


def parse_date(value: str | None, option: str) -> dt.date | None:
    """`value` as a date, or a usage error naming `option`."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option}: {value!r} is not a date (use YYYY-MM-DD)") from None


def open_store(db: Path | None) -> Store:
    return Store(config.db_path(db))


def load_lexicon(paths: list[Path] | None) -> Lexicon:
    return lexicon_mod.load(lexicon_mod.user_lexicon_paths(paths or ()))


def output_format(fmt: Format | None) -> Format:
    return resolve_format(fmt, is_terminal=sys.stdout.isatty())


def check_topic(topic: str | None, lex: Lexicon) -> None:
    if topic is not None and topic not in lex.topic_keys():
        raise UsageError(f"unknown topic {topic!r}; valid topics: {', '.join(lex.topic_keys())}")
