"""The reading commands: articles, quotes, speakers, show, topics.

Each parses and checks its options (unknown values are usage errors with a
suggestion), makes one core call (store or query) and renders the rows. Heavy
modules are imported inside the commands so `talks --help` stays fast.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from talks.cli.app import EPILOG, app, out_console, reporting, write_listing
from talks.cli.options import (
    OBJECT_FORMATS,
    ArticleOpt,
    BomOpt,
    DbOpt,
    EventOpt,
    FormatOpt,
    LexOpt,
    LimitOpt,
    OffsetOpt,
    RawOpt,
    SinceOpt,
    TopicOpt,
    UntilOpt,
    check_topic,
    date_range,
    formats,
    lexicon_summary,
    load_lexicon,
    open_store,
    output_format,
)


@app.command(epilog=EPILOG)
def articles(
    since: SinceOpt = None,
    until: UntilOpt = None,
    outlet: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Outlet contains this text.")
    ] = None,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
    fmt: FormatOpt = None,
    raw: RawOpt = False,
    db: DbOpt = None,
) -> None:
    """List stored articles: id, file, title, outlet, publication date and its basis.

    Examples:

      talks articles

      talks articles --since 2022-03 --until 2022-04 --format json

      talks articles --since 2025 --limit 20 --offset 20
    """

    with reporting():
        f = output_format(fmt)
        start, stop = date_range(since, until)
        with open_store(db) as store:
            rows = store.article_rows(
                since=start, until=stop, outlet=outlet, limit=limit, offset=offset
            )
            write_listing(
                rows,
                f,
                raw=raw,
                columns=("id", "article", "title", "outlet", "published", "published_basis"),
                wrap=("title",),
            )


@app.command(epilog=EPILOG)
def quotes(
    speaker: Annotated[
        str | None,
        typer.Option("--speaker", "-s", help="Any name, alias or spelling, in either script."),
    ] = None,
    side: Annotated[
        str | None,
        typer.Option(metavar="TEXT", help="The speaker's party: Russia, Ukraine, US, EU, none ..."),
    ] = None,
    kind: Annotated[str | None, typer.Option(metavar="TEXT", help="direct or indirect.")] = None,
    topic: TopicOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    article: ArticleOpt = None,
    contains: Annotated[
        str | None,
        typer.Option(
            metavar="QUERY",
            help="Search the quoted words: a word finds its forms (guarantee: guarantees), "
            'prefix*, "exact phrase", a OR b; words side by side must all match.',
        ),
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
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
    fmt: FormatOpt = None,
    raw: RawOpt = False,
    bom: BomOpt = False,
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

      talks quotes --speaker Zelenskyy --kind direct --since 2022-03

      talks quotes --side US --limit 20

      talks quotes --speaker Medinsky --group

      talks quotes --topic neutrality --format csv --bom > neutrality.csv

      talks quotes --contains 'guarantee* OR "neutral status"'

      talks quotes --event "Istanbul" --kind direct
    """
    from talks import filters
    from talks.errors import UsageError
    from talks.render import Format

    with reporting():
        f = output_format(fmt, bom=bom)
        start, stop = date_range(since, until)
        lex = lexicon_summary(lexicon)
        kind = filters.check_choice(kind, "--kind", ("direct", "indirect"))
        check_topic(topic, lex)
        side = filters.resolve_party(side, lex, "--side", none_ok=True)
        with open_store(db) as store:
            names = None
            if speaker:
                from talks import query

                match = query.match_speakers(store, speaker, lexicon=load_lexicon(lexicon))
                names = match.names
                if not names and not match.known:
                    hint = (
                        f"; did you mean {' or '.join(match.suggestions[:2])}?"
                        if match.suggestions
                        else " (see `talks speakers`)"
                    )
                    raise UsageError(f"--speaker: no speaker matches {speaker!r}{hint}")
                if len(names) > 1:
                    typer.echo(
                        f"note: --speaker {speaker} matched {len(names)} speakers: "
                        + ", ".join(names),
                        err=True,
                    )
            filters_: dict[str, Any] = dict(
                speakers=names,
                side=side,
                kind=kind,
                topic=topic,
                since=start,
                until=stop,
                article=article,
                contains=contains,
                event=event,
            )
            if group:
                from talks import query

                selected = store.quotes(**filters_)
                stop_at = None if limit is None else offset + limit
                write_listing(
                    query.statements(store, selected)[offset:stop_at],
                    f,
                    raw=raw,
                    bom=bom,
                    columns=("id", "first_seen", "speaker", "reports", "outlets", "text"),
                    wrap=("text", "outlets"),
                )
                return
            rows = store.quote_rows(
                **filters_,
                limit=limit,
                offset=offset,
                flat=f is Format.csv,  # one value per cell, with the article's source
            )
            write_listing(
                rows,
                f,
                raw=raw,
                bom=bom,
                columns=("id", "date", "speaker", "side", "kind", "text", "article"),
                wrap=("text",),
            )


@app.command(epilog=EPILOG)
def speakers(
    side: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Only speakers of this party.")
    ] = None,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
    fmt: FormatOpt = None,
    raw: RawOpt = False,
    db: DbOpt = None,
    lexicon: LexOpt = None,
) -> None:
    """List speakers with quotes: canonical name, side, roles, statements (the same
    words reported by several articles counted once), quotes (every report), spellings.

    Examples:

      talks speakers

      talks speakers --side Ukraine --format json

      talks speakers --limit 10
    """
    from talks import filters, speaker_list

    with reporting():
        f = output_format(fmt)
        lex = lexicon_summary(lexicon)
        side = filters.resolve_party(side, lex, "--side", none_ok=True)
        with open_store(db) as store:
            rows = speaker_list.rows(store, lex.speakers, side=side)
        stop = None if limit is None else offset + limit
        write_listing(
            rows[offset:stop],
            f,
            raw=raw,
            columns=("name", "side", "roles", "statements", "quotes", "spellings"),
            wrap=("roles", "spellings"),
        )


@app.command(epilog=EPILOG)
def show(
    quote_id: Annotated[str, typer.Argument(metavar="ID", help="A quote id (or a unique prefix).")],
    fmt: Annotated[str | None, formats(*OBJECT_FORMATS, default="table")] = None,
    db: DbOpt = None,
) -> None:
    """Show a quote in its paragraph with its spans highlighted, plus article and date.

    Examples:

      talks show q1a2b3c4d5e6f

      talks show q1a2b3 --format json
    """
    from rich.text import Text

    from talks.errors import TalksError, UsageError
    from talks.render import Format, highlighted, plain, printable, write_object

    with reporting():
        f = output_format(fmt, default="table")
        with open_store(db) as store:
            quote = store.quote(quote_id)
            if quote is None:
                raise UsageError(
                    f"no quote with id {quote_id!r} (ids are listed by `talks quotes`)"
                )
            art = store.article(quote.article_id)
        if art is None:  # pragma: no cover - foreign keys keep this from happening
            raise TalksError(f"quote {quote.id}: its article is missing from the store")
        text = art.text
        first, last = quote.spans[0].start, quote.spans[-1].end
        start = text.rfind("\n", 0, first) + 1
        end_nl = text.find("\n", last)
        end = len(text) if end_nl == -1 else end_nl
        if f is not Format.table:
            data = quote.model_dump(mode="json")
            data["paragraph"] = {"start": start, "end": end, "text": text[start:end]}
            data["article_title"] = art.title
            data["published"] = art.published.isoformat() if art.published else None
            write_object(data, f, out=sys.stdout)
            return
        marks = [(s.start, s.end, "bold yellow") for s in quote.spans]
        if quote.speaker_span:
            marks.append((quote.speaker_span.start, quote.speaker_span.end, "bold cyan"))
        if quote.cue_span:
            marks.append((quote.cue_span.start, quote.cue_span.end, "italic magenta"))
        out = out_console()
        when = quote.date.isoformat() if quote.date else "date unknown"
        # (stored text is untrusted: escaped, never read as markup)
        out.print(
            Text.assemble(
                (printable(quote.speaker), "bold"),
                f" ({printable(quote.side)}) · {quote.kind} · {when} ({quote.date_basis})",
            )
        )
        out.print(
            plain(
                f"{art.title or art.article} — {art.outlet or 'outlet unknown'}, "
                f"{art.published or 'published ?'} [{art.article}]"
            )
        )
        out.print()
        out.print(highlighted(text, start, end, marks))
        out.print()
        spans = ", ".join(f"{s.start}-{s.end}" for s in quote.spans)
        out.print(
            Text(f"quote {quote.id}  spans {spans}  cue {printable(quote.cue or '-')}", style="dim")
        )


@app.command(epilog=EPILOG)
def topics(fmt: FormatOpt = None, raw: RawOpt = False, lexicon: LexOpt = None) -> None:
    """List the topic keys and the proposition each stands for.

    Examples:

      talks topics

      talks topics --lexicon my-topics.yaml --format yaml
    """

    with reporting():
        f = output_format(fmt)
        lex = lexicon_summary(lexicon)
        rows = [{"key": t.key, "proposition": t.proposition} for t in lex.topics]
        write_listing(rows, f, raw=raw, columns=("key", "proposition"))
