"""The reading commands: articles, quotes, speakers, show, topics, positions, timeline.

Each parses its options, makes one core call (store or query) and renders the rows.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.markup import escape

from talks import query
from talks.cli.app import EPILOG, app, out_console, reporting
from talks.cli.options import (
    ArticleOpt,
    DbOpt,
    EventOpt,
    FormatOpt,
    LexOpt,
    SinceOpt,
    TopicOpt,
    UntilOpt,
    check_topic,
    load_lexicon,
    open_store,
    output_format,
    parse_date,
)
from talks.errors import TalksError, UsageError
from talks.render import Format, highlighted, timeline_chart, write_object, write_records


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
    with reporting(), open_store(db) as store:
        rows = store.articles(
            since=parse_date(since, "--since"),
            until=parse_date(until, "--until"),
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
            output_format(fmt),
            out=sys.stdout,
            console=out_console(),
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
    topic: TopicOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    article: ArticleOpt = None,
    contains: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Full-text search in the quote.")
    ] = None,
    limit: Annotated[
        int | None, typer.Option(min=1, metavar="N", help="At most this many quotes.")
    ] = None,
    group: Annotated[
        bool,
        typer.Option(
            "--group",
            "-g",
            help="One row per statement: copies of the same words in several articles "
            "grouped, with reports, outlets and first_seen.",
        ),
    ] = False,
    event: EventOpt = None,
    fmt: FormatOpt = None,
    db: DbOpt = None,
    lexicon: LexOpt = None,
) -> None:
    """List quotes: who said what, when, with exact character spans.

    With --group, one row per statement: the same words of one speaker reported by
    several articles are one statement (reports = articles, outlets, first_seen =
    earliest publication date, sources = every report). Filters pick statements;
    each statement keeps all its reports.

    Examples:

      talks quotes --speaker Medinsky

      talks quotes --speaker Medinsky --group

      talks quotes --speaker Zelenskyy --kind direct --since 2022-03-01

      talks quotes --topic neutrality --format csv > neutrality.csv

      talks quotes --event "Istanbul" --kind direct
    """
    with reporting(), open_store(db) as store:
        lex = load_lexicon(lexicon)
        if kind is not None and kind not in ("direct", "indirect"):
            raise UsageError(f"--kind: {kind!r} is not direct or indirect")
        check_topic(topic, lex)
        names = query.speaker_names(store, speaker, lexicon=lex) if speaker else None
        rows = store.quotes(
            speakers=names,
            side=side,
            kind=kind,
            topic=topic,
            since=parse_date(since, "--since"),
            until=parse_date(until, "--until"),
            article=article,
            contains=contains,
            limit=None if group else limit,
            event=event,
        )
        if group:
            statements = query.statements(store, rows)[:limit]
            write_records(
                statements,
                output_format(fmt),
                out=sys.stdout,
                console=out_console(),
                columns=("id", "first_seen", "speaker", "reports", "outlets", "text"),
                wrap=("text", "outlets"),
            )
            return
        write_records(
            rows,
            output_format(fmt),
            out=sys.stdout,
            console=out_console(),
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
    """List speakers with quotes: canonical name, side, roles, statements (the same
    words reported by several articles counted once), quotes (every report), spellings.

    Examples:

      talks speakers

      talks speakers --side Ukraine --format json
    """
    with reporting(), open_store(db) as store:
        rows = query.speakers(store, lexicon=load_lexicon(lexicon), side=side)
        write_records(
            rows,
            output_format(fmt),
            out=sys.stdout,
            console=out_console(),
            columns=("name", "side", "roles", "statements", "quotes", "spellings"),
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
    with reporting(), open_store(db) as store:
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
        out = out_console()
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
        lex = load_lexicon(lexicon)
        rows = [{"key": t.key, "proposition": t.proposition} for t in lex.topics]
        write_records(
            rows,
            output_format(fmt),
            out=sys.stdout,
            console=out_console(),
            columns=("key", "proposition"),
        )


@app.command(epilog=EPILOG)
def positions(
    topic: TopicOpt = None,
    actor: Annotated[
        str | None, typer.Option(metavar="TEXT", help="The party holding the view.")
    ] = None,
    stance: Annotated[str | None, typer.Option(metavar="TEXT", help="support or oppose.")] = None,
    holder: Annotated[
        str | None, typer.Option(metavar="TEXT", help="The person who voiced it.")
    ] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    article: ArticleOpt = None,
    event: EventOpt = None,
    fmt: FormatOpt = None,
    db: DbOpt = None,
    lexicon: LexOpt = None,
) -> None:
    """List positions: which party stands where on which topic, with evidence.

    `reports` counts the distinct articles in the store stating the same actor,
    topic, stance and date (corroboration).

    Examples:

      talks positions --topic neutrality

      talks positions --actor Ukraine --stance support --format json

      talks positions --event "second round" --topic ceasefire
    """
    with reporting(), open_store(db) as store:
        check_topic(topic, load_lexicon(lexicon))
        if stance is not None and stance not in ("support", "oppose"):
            raise UsageError(f"--stance: {stance!r} is not support or oppose")
        rows = store.positions(
            topic=topic,
            actor=actor,
            stance=stance,
            holder=holder,
            since=parse_date(since, "--since"),
            until=parse_date(until, "--until"),
            article=article,
            event=event,
        )
        write_records(
            query.with_reports(store, rows),
            output_format(fmt),
            out=sys.stdout,
            console=out_console(),
            columns=(
                "date",
                "actor",
                "topic",
                "stance",
                "conditional",
                "holder",
                "reports",
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

    with reporting(), open_store(db) as store:
        check_topic(topic, load_lexicon(lexicon))
        series = build_timeline(store.positions(topic=topic, actor=actor), topic=topic, actor=actor)
        rows = [p for points in series.values() for p in points]
        f = output_format(fmt)
        if f is not Format.table:
            write_records(rows, f, out=sys.stdout)
            return
        out = out_console()
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
