"""`talks positions` and `talks timeline`: which party stands where on which topic,
and how that moved over time."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from talks.cli.app import EPILOG, app, out_console, reporting, write_listing
from talks.cli.options import (
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
    lexicon_summary,
    open_store,
    output_format,
)


@app.command(epilog=EPILOG)
def positions(
    topic: TopicOpt = None,
    actor: Annotated[
        str | None,
        typer.Option(metavar="TEXT", help="The party holding the view (Russia, Kyiv, US, EU ...)."),
    ] = None,
    stance: Annotated[str | None, typer.Option(metavar="TEXT", help="support or oppose.")] = None,
    holder: Annotated[
        str | None, typer.Option(metavar="TEXT", help="The person who voiced it.")
    ] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    article: ArticleOpt = None,
    event: EventOpt = None,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
    fmt: FormatOpt = None,
    raw: RawOpt = False,
    bom: BomOpt = False,
    db: DbOpt = None,
    lexicon: LexOpt = None,
) -> None:
    """List positions: which party stands where on which topic, with evidence.

    `reports` counts the distinct articles in the store stating the same actor,
    topic, stance and date (corroboration).

    Examples:

      talks positions --topic neutrality

      talks positions --actor Kyiv --stance support --format json

      talks positions --topic nato --since 2025 --limit 50

      talks positions --event "second round" --topic ceasefire

      talks positions --topic nato --format csv --bom > nato.csv
    """
    from talks import filters
    from talks.render import Format

    with reporting():
        f = output_format(fmt, bom=bom)
        start, stop = date_range(since, until)
        lex = lexicon_summary(lexicon)
        check_topic(topic, lex)
        stance = filters.check_choice(stance, "--stance", ("support", "oppose"))
        actor = filters.resolve_party(actor, lex, "--actor")
        with open_store(db) as store:
            rows = store.position_rows(
                topic=topic,
                actor=actor,
                stance=stance,
                holder=holder,
                since=start,
                until=stop,
                article=article,
                event=event,
                limit=limit,
                offset=offset,
                reports=True,
                flat=f is Format.csv,  # one value per cell, with the article's source
            )
            write_listing(
                rows,
                f,
                raw=raw,
                bom=bom,
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
    by: Annotated[
        str | None,
        typer.Option(
            metavar="PERIOD",
            help="Group points per day, week or month (default: each point, or months "
            "when there are more than 60).",
        ),
    ] = None,
    fmt: FormatOpt = None,
    raw: RawOpt = False,
    db: DbOpt = None,
    lexicon: LexOpt = None,
) -> None:
    """Each party's dated stances on one topic, in order, with evidence and source.

    Positions whose date is unknown cannot be placed: they are left out and
    counted in a note on stderr. Grouped rows give, per party and period, how
    many statements supported and opposed, and the period's last stance.

    Examples:

      talks timeline --topic nato

      talks timeline --topic neutrality --actor Russia --format json

      talks timeline --topic nato --by week
    """
    from talks import filters
    from talks.diff import timeline_store
    from talks.render import Format, timeline_chart, write_records

    with reporting():
        f = output_format(fmt)
        lex = lexicon_summary(lexicon)
        check_topic(topic, lex)
        actor = filters.resolve_party(actor, lex, "--actor")
        period = filters.check_choice(by, "--by", ("day", "week", "month"))
        with open_store(db) as store:
            rows, undated, used = timeline_store(
                store,
                topic=topic,
                actor=actor,
                by=period,  # type: ignore[arg-type]
            )
        if used is not None and period is None:
            typer.echo(
                f"note: more than 60 points: grouped by {used} (--by day|week|month)", err=True
            )
        if f is not Format.table:
            write_records(rows, f, out=sys.stdout, raw=raw)
        else:
            out = out_console()
            columns = ("actor", "date", "stance", "conditional", "evidence", "article")
            if used is not None:
                columns = ("actor", "period", "support", "oppose", "stance", "evidence")
            write_records(
                rows,
                f,
                out=sys.stdout,
                raw=raw,
                console=out,
                columns=columns,
                title=f"timeline: {topic}",
                wrap=("evidence",),
            )
            chart: dict[str, list[tuple[str, str, bool]]] = {}
            for r in rows:
                key = r["period"] if used is not None else r["date"]
                chart.setdefault(r["actor"], []).append((key, r["stance"], r["conditional"]))
            if chart and out.width >= 50:
                out.print(timeline_chart(chart, width=out.width))
        if undated:
            typer.echo(f"note: {undated} position(s) with unknown dates left out", err=True)
