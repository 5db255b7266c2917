"""Option declarations shared by several commands, and the helpers that turn their
raw values into core arguments (store, lexicon, format, dates, filters).

Kept light on imports: `talks --version` and `talks --help` load only this, typer
and click; the store, lexicon and writers are imported when a command runs.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    import datetime as dt

    from talks.lexicon import Lexicon
    from talks.lexicon_cache import LexiconSummary
    from talks.render import Format
    from talks.store import Store

LISTING_FORMATS = ("table", "json", "jsonl", "csv", "yaml")
OBJECT_FORMATS = ("table", "json", "yaml")

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


def formats(*names: str, default: str = "table on a terminal, else json") -> Any:
    """A --format option that accepts exactly `names` (listed in --help); anything
    else is a usage error (exit 2)."""

    def parse(value: str) -> str:
        if value.lower() not in names:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(names)}")
        return value.lower()

    return typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        parser=parse,
        help=f"Output format: {', '.join(names)}. Default: {default}.",
    )


FormatOpt = Annotated[str | None, formats(*LISTING_FORMATS)]
RawOpt = Annotated[
    bool,
    typer.Option(
        "--raw",
        help=(
            "CSV cells exactly as stored. By default a cell starting with =, +, -, @, tab "
            "or CR gets a leading ' so a spreadsheet never runs it as a formula."
        ),
    ),
]
SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since", metavar="DATE", help="On or after this date (YYYY-MM-DD, YYYY-MM or YYYY)."
    ),
]
UntilOpt = Annotated[
    str | None,
    typer.Option(
        "--until", metavar="DATE", help="On or before this date (YYYY-MM-DD, YYYY-MM or YYYY)."
    ),
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
LimitOpt = Annotated[
    int | None, typer.Option("--limit", "-n", min=1, metavar="N", help="At most N rows.")
]
OffsetOpt = Annotated[
    int, typer.Option("--offset", min=0, metavar="N", help="Skip the first N rows.")
]
BomOpt = Annotated[
    bool,
    typer.Option(
        "--bom",
        help="With --format csv: start with a byte-order mark, so Excel reads the text "
        "as UTF-8 (accents, Cyrillic, curly quotes).",
    ),
]

DateOpt = Annotated[
    str | None,
    typer.Option("--date", metavar="DATE", help="Publication date for the files of this call."),
]
EverythingOpt = Annotated[
    bool,
    typer.Option(
        "--all", help="Keep articles that do not mention the negotiations (no prefilter)."
    ),
]


def check_bom(fmt: Format, bom: bool) -> None:
    """--bom goes with CSV only: anything else is a usage error."""
    from talks.errors import UsageError
    from talks.render import Format as F

    if bom and fmt is not F.csv:
        raise UsageError("--bom: only with --format csv")


def parse_date(value: str | None, option: str, *, end: bool = False) -> dt.date | None:
    """`value` as a date (partial dates allowed), or a usage error naming `option`."""
    from talks import filters

    return filters.parse_date(value, option, end=end)


def date_range(since: str | None, until: str | None) -> tuple[dt.date | None, dt.date | None]:
    from talks import filters

    return filters.date_range(since, until)


def open_store(db: Path | None, *, create: bool = False) -> Store:
    """The store --db / $TALKS_DB / the default names. Reading commands never create
    one: a missing store is an error naming the path, how it was chosen and how to
    make one."""
    from talks import config
    from talks.errors import StoreError
    from talks.store import Store

    path, how = config.db_choice(db)
    if not create and not path.is_file():
        hint = f" --db {path}" if how == "--db" else ""
        raise StoreError(
            f"no store at {path} (chosen by {how}); create it with "
            f"`talks ingest FILES{hint}`, or name another with --db or ${config.DB_ENV}"
        )
    return Store(path, create=create)


def load_lexicon(paths: list[Path] | None) -> Lexicon:
    """The shipped lexicon merged with the user's files (compiled once, cached)."""
    from talks import lexicon as lexicon_mod

    return lexicon_mod.load(lexicon_mod.user_lexicon_paths(paths or ()))


def lexicon_summary(paths: list[Path] | None) -> LexiconSummary:
    """Topics and parties of the lexicon, enough to check filter values, without
    loading the whole lexicon."""
    from talks import config, lexicon_cache

    return lexicon_cache.summary(config.user_lexicon_paths(paths or ()))


def output_format(fmt: str | None, *, default: str | None = None, bom: bool = False) -> Format:
    """The format asked for, else `default`, else a table on a terminal and JSON
    otherwise; `bom` (--bom) with any format but CSV is a usage error."""
    from talks.render import Format, resolve_format

    if fmt is None and default is not None:
        chosen = Format(default)
    else:
        chosen = resolve_format(
            Format(fmt.lower()) if fmt else None, is_terminal=sys.stdout.isatty()
        )
    check_bom(chosen, bom)
    return chosen


def check_topic(topic: str | None, lex: Lexicon | LexiconSummary) -> None:
    from talks import filters

    filters.check_topic(topic, lex)
