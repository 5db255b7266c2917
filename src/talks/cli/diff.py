"""`talks diff`: what changed, per party and topic, between two dates."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from talks.cli.app import EPILOG, app, reporting, write_listing
from talks.cli.options import (
    DbOpt,
    FormatOpt,
    LexOpt,
    RawOpt,
    check_topic,
    lexicon_summary,
    open_store,
    output_format,
    parse_date,
)


@app.command(epilog=EPILOG)
def diff(
    from_: Annotated[
        str,
        typer.Option(
            "--from", metavar="DATE", help="The earlier date (YYYY-MM-DD, YYYY-MM, YYYY)."
        ),
    ],
    to: Annotated[
        str,
        typer.Option("--to", metavar="DATE", help="The later date (YYYY-MM-DD, YYYY-MM, YYYY)."),
    ],
    topic: Annotated[str | None, typer.Option(metavar="TEXT", help="Only this topic.")] = None,
    actor: Annotated[str | None, typer.Option(metavar="TEXT", help="Only this party.")] = None,
    fmt: FormatOpt = None,
    raw: RawOpt = False,
    db: DbOpt = None,
    lexicon: LexOpt = None,
) -> None:
    """What changed, per party and topic, between two dates.

    The stance as of a date is the latest evidence on or before it (a partial
    date means its last day). Each party × topic is marked changed, new, dropped
    or same, with the evidence on both sides. json and yaml write one object
    (from, to, changes, undated); csv, jsonl and table one row per party × topic.
    Positions with unknown dates are left out and counted.

    Exit status (like diff): 0 nothing changed, 1 something changed, 2 error.

    Examples:

      talks diff --from 2022-04-30 --to 2025-12-31 --topic nato

      talks diff --from 2022-03 --to 2022-04 --format json | jq '.changes[]'

      talks diff --from 2022 --to 2025 --actor Kyiv --format csv
    """
    from talks import filters
    from talks.diff import change_rows, compare_store, has_changes
    from talks.errors import UsageError
    from talks.render import Format, write_object, write_records

    with reporting():
        f = output_format(fmt)
        lex = lexicon_summary(lexicon)
        check_topic(topic, lex)
        actor = filters.resolve_party(actor, lex, "--actor")
        start, end = parse_date(from_, "--from", end=True), parse_date(to, "--to", end=True)
        assert start is not None and end is not None
        if start > end:
            raise UsageError(f"--from {start} is after --to {end}")
        with open_store(db) as store:
            result = compare_store(store, from_date=start, to_date=end, topic=topic, actor=actor)
        if f in (Format.json, Format.yaml):
            data = {"from": start.isoformat(), "to": end.isoformat()}
            write_object({**data, **result.model_dump(mode="json")}, f, out=sys.stdout)
        elif f is Format.table:
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
            write_listing(
                rows,
                f,
                raw=raw,
                columns=("actor", "topic", "status", "from", "to"),
                title=f"positions {start} → {end}",
                wrap=("from", "to"),
            )
        else:
            write_records(
                change_rows(result, from_date=start, to_date=end), f, out=sys.stdout, raw=raw
            )
        if result.undated:
            typer.echo(f"note: {result.undated} position(s) with unknown dates left out", err=True)
    if has_changes(result):
        raise typer.Exit(1)


def _side_text(p: object) -> str:
    from talks.models import Position

    if not isinstance(p, Position):
        return "—"
    cond = " (conditional)" if p.conditional else ""
    return f"{p.stance}{cond} · {p.date} · “{p.evidence}” [{p.article}]"
