"""The `talks` command line: each command parses options, makes one core call and
renders the result. Errors from the core become one line on stderr."""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from talks import __version__, config, query
from talks import lexicon as lexicon_mod
from talks.errors import TalksError, UsageError
from talks.lexicon import Lexicon
from talks.render import (
    Format,
    highlighted,
    resolve_format,
    timeline_chart,
    write_object,
    write_records,
)
from talks.store import Store

EPILOG = "Docs and examples: README.md. Set TALKS_DEBUG=1 to see tracebacks."

app = typer.Typer(
    name="talks",
    help=(
        "Who said what, when, and which positions each party holds — from news coverage "
        "of peace negotiations.\n\n"
        "Typical run:\n\n"
        "  talks ingest data/seeds\n\n"
        "  talks quotes --speaker Medinsky\n\n"
        "  talks positions --topic neutrality\n\n"
        "  talks diff --from 2022-04-30 --to 2025-12-31 --topic nato"
    ),
    epilog=EPILOG,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

err = Console(stderr=True, highlight=False, soft_wrap=True)


def _out() -> Console:
    # On a terminal rich uses its real width; a table written to a pipe or file gets
    # room enough not to fold every column.
    width = None if sys.stdout.isatty() else int(os.environ.get("COLUMNS", "") or 140)
    return Console(highlight=False, width=width)


@contextmanager
def reporting() -> Iterator[None]:
    """Turn a TalksError into one line on stderr and its exit code."""
    try:
        yield
    except TalksError as exc:
        if config.debug():
            traceback.print_exc()
        typer.echo(f"talks: error: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from None


# --- shared options -------------------------------------------------------------

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


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option}: {value!r} is not a date (use YYYY-MM-DD)") from None


SinceOpt = Annotated[
    str | None, typer.Option("--since", metavar="DATE", help="On or after this date (YYYY-MM-DD).")
]
UntilOpt = Annotated[
    str | None, typer.Option("--until", metavar="DATE", help="On or before this date (YYYY-MM-DD).")
]


def _store(db: Path | None) -> Store:
    return Store(config.db_path(db))


def _lexicon(paths: list[Path] | None) -> Lexicon:
    return lexicon_mod.load(lexicon_mod.user_lexicon_paths(paths or ()))


def _fmt(fmt: Format | None) -> Format:
    return resolve_format(fmt, is_terminal=sys.stdout.isatty())


def _check_topic(topic: str | None, lex: Lexicon) -> None:
    if topic is not None and topic not in lex.topic_keys():
        raise UsageError(f"unknown topic {topic!r}; valid topics: {', '.join(lex.topic_keys())}")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"talks {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """talks: a verifiable record of peace-negotiation coverage."""


# --- ingest ---------------------------------------------------------------------


@app.command(epilog=EPILOG)
def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH...", help="Files, directories (recursive) or - for stdin."),
    ],
    date: Annotated[
        str | None,
        typer.Option("--date", metavar="DATE", help="Publication date for the files of this call."),
    ] = None,
    db: DbOpt = None,
    lexicon: LexOpt = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")
    ] = False,
) -> None:
    """Read news files into the store and extract quotes and positions.

    Takes plain text, Markdown/text with YAML front matter (title, published/date,
    outlet/source, url) and JSON Lines (one article per line, `text` required).
    A meta.yaml or meta.csv beside the files supplies metadata. Re-ingesting an
    unchanged file does nothing; a changed file replaces its records.

    Exit status: 0 all went in, 1 some files failed (the good ones are stored), 2 usage error.

    Examples:

      talks ingest data/seeds

      talks ingest today/*.txt --date 2022-03-30

      cat articles.jsonl | talks ingest -
    """
    from talks.pipeline import ingest_paths

    with reporting():
        published = _date(date, "--date")
        lex = _lexicon(lexicon)
        with _store(db) as store:
            show = not quiet and err.is_terminal
            progress = Progress(
                TextColumn("ingesting"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=err,
                transient=True,
                disable=not show,
            )
            with progress:
                task = progress.add_task("ingest", total=None)

                def tick(done: int, total: int) -> None:
                    progress.update(task, completed=done, total=total)

                summary = ingest_paths(
                    store,
                    paths,
                    lexicon=lex,
                    date=published,
                    progress=tick,
                    stdin=sys.stdin.buffer.read,
                )
        for w in summary.warnings:
            typer.echo(f"talks: warning: {w}", err=True)
        for e in summary.errors:
            typer.echo(f"talks: error: {e}", err=True)
        if not quiet:
            typer.echo(f"talks: {summary.line()}", err=True)
        if not summary.ok:
            raise typer.Exit(1)


# --- listings -------------------------------------------------------------------


@app.command(epilog=EPILOG)
def articles(
    since: SinceOpt = None,
    until: UntilOpt = None,
    outlet: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Outlet contains this text.")
    ] = None,
    fmt: FormatOpt = None,
    db: DbOpt = None,
) -> None:
    """List stored articles: id, file, title, outlet, publication date and its basis.

    Examples:

      talks articles

      talks articles --since 2022-03-01 --until 2022-04-30 --format json
    """
    with reporting(), _store(db) as store:
        rows = store.articles(
            since=_date(since, "--since"),
            until=_date(until, "--until"),
            outlet=outlet,
            with_text=False,
        )
        records = [
            {
                "id": a.id,
                "article": a.article,
                "path": a.path,
                "title": a.title,
                "outlet": a.outlet,
                "url": a.url,
                "published": a.published.isoformat() if a.published else None,
                "published_basis": a.published_basis,
            }
            for a in rows
        ]
        write_records(
            records,
            _fmt(fmt),
            out=sys.stdout,
            console=_out(),
            columns=("id", "article", "title", "outlet", "published", "published_basis"),
            wrap=("title",),
        )


@app.command(epilog=EPILOG)
def quotes(
    speaker: Annotated[
        str | None, typer.Option("--speaker", "-s", help="Any name, alias or spelling variant.")
    ] = None,
    side: Annotated[
        str | None, typer.Option(metavar="TEXT", help="The speaker's party: Russia, Ukraine, ...")
    ] = None,
    kind: Annotated[str | None, typer.Option(metavar="TEXT", help="direct or indirect.")] = None,
    topic: Annotated[
        str | None, typer.Option(metavar="TEXT", help="A topic key (see `talks topics`).")
    ] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    article: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Article file name or id.")
    ] = None,
    contains: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Full-text search in the quote.")
    ] = None,
    limit: Annotated[
        int | None, typer.Option(min=1, metavar="N", help="At most this many quotes.")
    ] = None,
    fmt: FormatOpt = None,
    db: DbOpt = None,
    lexicon: LexOpt = None,
) -> None:
    """List quotes: who said what, when, with exact character spans.

    Examples:

      talks quotes --speaker Medinsky

      talks quotes --speaker Zelenskyy --kind direct --since 2022-03-01

      talks quotes --topic neutrality --format csv > neutrality.csv
    """
    with reporting(), _store(db) as store:
        lex = _lexicon(lexicon)
        if kind is not None and kind not in ("direct", "indirect"):
            raise UsageError(f"--kind: {kind!r} is not direct or indirect")
        _check_topic(topic, lex)
        names = query.speaker_names(store, speaker, lexicon=lex) if speaker else None
        rows = store.quotes(
            speakers=names,
            side=side,
            kind=kind,
            topic=topic,
            since=_date(since, "--since"),
            until=_date(until, "--until"),
            article=article,
            contains=contains,
            limit=limit,
        )
        write_records(
            rows,
            _fmt(fmt),
            out=sys.stdout,
            console=_out(),
            columns=("id", "date", "speaker", "side", "kind", "text", "article"),
            wrap=("text",),
        )


@app.command(epilog=EPILOG)
def speakers(
    side: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Only speakers of this party.")
    ] = None,
    fmt: FormatOpt = None,
    db: DbOpt = None,
    lexicon: LexOpt = None,
) -> None:
    """List speakers with quotes: canonical name, side, roles, quote count, spellings seen.

    Examples:

      talks speakers

      talks speakers --side Ukraine --format json
    """
    with reporting(), _store(db) as store:
        rows = query.speakers(store, lexicon=_lexicon(lexicon), side=side)
        write_records(
            rows,
            _fmt(fmt),
            out=sys.stdout,
            console=_out(),
            columns=("name", "side", "roles", "quotes", "spellings"),
            wrap=("roles", "spellings"),
        )


@app.command(epilog=EPILOG)
def show(
    quote_id: Annotated[str, typer.Argument(metavar="ID", help="A quote id (or a unique prefix).")],
    fmt: FormatOpt = None,
    db: DbOpt = None,
) -> None:
    """Show a quote in its paragraph with its spans highlighted, plus article and date.

    Example:

      talks show q1a2b3c4d5e6f
    """
    with reporting(), _store(db) as store:
        quote = store.quote(quote_id)
        if quote is None:
            raise UsageError(f"no quote with id {quote_id!r} (ids are listed by `talks quotes`)")
        art = store.article(quote.article_id)
        if art is None:  # pragma: no cover - foreign keys keep this from happening
            raise TalksError(f"quote {quote.id}: its article is missing from the store")
        text = art.text
        first, last = quote.spans[0].start, quote.spans[-1].end
        start = text.rfind("\n", 0, first) + 1
        end_nl = text.find("\n", last)
        end = len(text) if end_nl == -1 else end_nl
        if fmt is not None and fmt is not Format.table:
            data = quote.model_dump(mode="json")
            data["paragraph"] = {"start": start, "end": end, "text": text[start:end]}
            data["article_title"] = art.title
            data["published"] = art.published.isoformat() if art.published else None
            write_object(data, fmt, out=sys.stdout)
            return
        marks = [(s.start, s.end, "bold yellow") for s in quote.spans]
        if quote.speaker_span:
            marks.append((quote.speaker_span.start, quote.speaker_span.end, "bold cyan"))
        if quote.cue_span:
            marks.append((quote.cue_span.start, quote.cue_span.end, "italic magenta"))
        out = _out()
        when = quote.date.isoformat() if quote.date else "date unknown"
        out.print(
            f"[bold]{escape(quote.speaker)}[/bold] ({escape(quote.side)}) · {quote.kind} · "
            f"{when} ({quote.date_basis})"
        )
        out.print(
            f"{art.title or art.article} — {art.outlet or 'outlet unknown'}, "
            f"{art.published or 'published ?'} [{art.article}]",
            markup=False,
        )
        out.print()
        out.print(highlighted(text, start, end, marks))
        out.print()
        spans = ", ".join(f"{s.start}-{s.end}" for s in quote.spans)
        out.print(f"[dim]quote {quote.id}  spans {spans}  cue {quote.cue or '-'}[/dim]")


@app.command(epilog=EPILOG)
def topics(fmt: FormatOpt = None, lexicon: LexOpt = None) -> None:
    """List the topic keys and the proposition each stands for.

    Examples:

      talks topics

      talks topics --lexicon my-topics.yaml --format yaml
    """
    with reporting():
        lex = _lexicon(lexicon)
        rows = [{"key": t.key, "proposition": t.proposition} for t in lex.topics]
        write_records(
            rows, _fmt(fmt), out=sys.stdout, console=_out(), columns=("key", "proposition")
        )


# --- positions ------------------------------------------------------------------


@app.command(epilog=EPILOG)
def positions(
    topic: Annotated[
        str | None, typer.Option(metavar="TEXT", help="A topic key (see `talks topics`).")
    ] = None,
    actor: Annotated[
        str | None, typer.Option(metavar="TEXT", help="The party holding the view.")
    ] = None,
    stance: Annotated[str | None, typer.Option(metavar="TEXT", help="support or oppose.")] = None,
    holder: Annotated[
        str | None, typer.Option(metavar="TEXT", help="The person who voiced it.")
    ] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    article: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Article file name or id.")
    ] = None,
    fmt: FormatOpt = None,
    db: DbOpt = None,
    lexicon: LexOpt = None,
) -> None:
    """List positions: which party stands where on which topic, with evidence.

    Examples:

      talks positions --topic neutrality

      talks positions --actor Ukraine --stance support --format json
    """
    with reporting(), _store(db) as store:
        _check_topic(topic, _lexicon(lexicon))
        if stance is not None and stance not in ("support", "oppose"):
            raise UsageError(f"--stance: {stance!r} is not support or oppose")
        rows = store.positions(
            topic=topic,
            actor=actor,
            stance=stance,
            holder=holder,
            since=_date(since, "--since"),
            until=_date(until, "--until"),
            article=article,
        )
        write_records(
            rows,
            _fmt(fmt),
            out=sys.stdout,
            console=_out(),
            columns=(
                "date",
                "actor",
                "topic",
                "stance",
                "conditional",
                "holder",
                "evidence",
                "article",
            ),
            wrap=("evidence",),
        )


@app.command(epilog=EPILOG)
def timeline(
    topic: Annotated[str, typer.Option(metavar="TEXT", help="A topic key (see `talks topics`).")],
    actor: Annotated[str | None, typer.Option(metavar="TEXT", help="Only this party.")] = None,
    fmt: FormatOpt = None,
    db: DbOpt = None,
    lexicon: LexOpt = None,
) -> None:
    """Each party's dated stances on one topic, in order, with evidence and source.

    Examples:

      talks timeline --topic nato

      talks timeline --topic neutrality --actor Russia --format json
    """
    from talks.diff import timeline as build_timeline

    with reporting(), _store(db) as store:
        _check_topic(topic, _lexicon(lexicon))
        series = build_timeline(store.positions(topic=topic, actor=actor), topic=topic, actor=actor)
        rows = [p for points in series.values() for p in points]
        f = _fmt(fmt)
        if f is not Format.table:
            write_records(rows, f, out=sys.stdout)
            return
        out = _out()
        write_records(
            rows,
            f,
            out=sys.stdout,
            console=out,
            columns=("actor", "date", "stance", "conditional", "evidence", "article"),
            title=f"timeline: {topic}",
            wrap=("evidence",),
        )
        chart = {
            a: [(p.date.isoformat(), p.stance, p.conditional) for p in points if p.date]
            for a, points in series.items()
        }
        if any(chart.values()) and out.width >= 50:
            out.print(timeline_chart(chart, width=out.width))


@app.command(epilog=EPILOG)
def diff(
    from_: Annotated[
        str, typer.Option("--from", metavar="DATE", help="The earlier date (YYYY-MM-DD).")
    ],
    to: Annotated[str, typer.Option("--to", metavar="DATE", help="The later date (YYYY-MM-DD).")],
    topic: Annotated[str | None, typer.Option(metavar="TEXT", help="Only this topic.")] = None,
    actor: Annotated[str | None, typer.Option(metavar="TEXT", help="Only this party.")] = None,
    fmt: FormatOpt = None,
    db: DbOpt = None,
    lexicon: LexOpt = None,
) -> None:
    """What changed, per party and topic, between two dates.

    The stance as of a date is the latest evidence on or before it. Each party ×
    topic is marked changed, new, dropped or same, with the evidence on both sides.
    Positions with unknown dates are left out and counted.

    Exit status (like diff): 0 nothing changed, 1 something changed, 2 error.

    Examples:

      talks diff --from 2022-04-30 --to 2025-12-31 --topic nato

      talks diff --from 2022-03-01 --to 2022-04-30 --format json | jq '.changes[]'
    """
    from talks.diff import compare, has_changes

    with reporting(), _store(db) as store:
        _check_topic(topic, _lexicon(lexicon))
        start, end = _date(from_, "--from"), _date(to, "--to")
        assert start is not None and end is not None
        if start > end:
            raise UsageError(f"--from {start} is after --to {end}")
        result = compare(
            store.positions(topic=topic, actor=actor),
            from_date=start,
            to_date=end,
            topic=topic,
            actor=actor,
        )
        f = _fmt(fmt)
        if f is Format.table:
            rows = [
                {
                    "actor": c.actor,
                    "topic": c.topic,
                    "status": c.status,
                    "from": _side_text(c.before),
                    "to": _side_text(c.after),
                }
                for c in result.changes
            ]
            write_records(
                rows,
                f,
                out=sys.stdout,
                console=_out(),
                columns=("actor", "topic", "status", "from", "to"),
                title=f"positions {start} → {end}",
                wrap=("from", "to"),
            )
            if result.undated:
                typer.echo(
                    f"note: {result.undated} position(s) with unknown dates left out", err=True
                )
        else:
            data = result.model_dump(mode="json")
            data = {"from": start.isoformat(), "to": end.isoformat(), **data}
            write_object(data, f, out=sys.stdout)
    if has_changes(result):
        raise typer.Exit(1)


def _side_text(p: object) -> str:
    from talks.models import Position

    if not isinstance(p, Position):
        return "—"
    cond = " (conditional)" if p.conditional else ""
    return f"{p.stance}{cond} · {p.date} · “{p.evidence}” [{p.article}]"


# --- eval -----------------------------------------------------------------------


@app.command("eval", epilog=EPILOG)
def eval_(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of *.gold.yaml files.")],
    articles_dir: Annotated[
        Path, typer.Option("--articles", help="Folder holding the articles the gold names.")
    ],
    fmt: FormatOpt = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List misses and extras per article.")
    ] = False,
    lexicon: LexOpt = None,
) -> None:
    """Score extraction against gold annotations (precision, recall, F1).

    Example:

      talks eval ../shared/gold/seeds --articles data/seeds
    """
    from talks.evaluate import format_report, run

    with reporting():
        for p, what in ((gold_dir, "gold folder"), (articles_dir, "--articles folder")):
            if not p.is_dir():
                raise UsageError(f"{p}: {what} not found")
        report = run(gold_dir, articles_dir, lexicon=_lexicon(lexicon))
        if fmt is not None and fmt is not Format.table:
            write_object(report, fmt, out=sys.stdout)
        else:
            typer.echo(format_report(report, verbose=verbose))


@app.command("lexicon", epilog=EPILOG)
def lexicon_check(
    files: Annotated[list[Path], typer.Argument(help="Your lexicon YAML file(s).")],
) -> None:
    """Check a lexicon file: it is read and merged exactly as ingest would, and
    any problem is reported as file:entry: problem.

    Example:

      talks lexicon my-speakers.yaml
    """
    with reporting():
        lex = lexicon_mod.load(files)
        typer.echo(
            f"ok: {len(lex.speakers)} speakers, {len(lex.parties)} parties, "
            f"{len(lex.topics)} topics, {len(lex.cues)} cues "
            f"after merging {', '.join(str(f) for f in files)}"
        )


def main() -> None:
    """Console-script entry point."""
    app()
