"""`talks report`: the analyst's HTML report (core: `talks.report`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from talks.cli.app import EPILOG, app, reporting
from talks.cli.options import (
    DbOpt,
    LexOpt,
    SinceOpt,
    UntilOpt,
    load_lexicon,
    open_store,
    parse_date,
)


@app.command(epilog=EPILOG)
def report(
    topic: Annotated[
        list[str] | None,
        typer.Option(metavar="TEXT", help="Only this topic (repeatable; see `talks topics`)."),
    ] = None,
    actor: Annotated[
        list[str] | None,
        typer.Option(metavar="TEXT", help="Only this party: its positions, its speakers."),
    ] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    from_: Annotated[
        str | None,
        typer.Option("--from", metavar="DATE", help="'What changed' from this date (with --to)."),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option("--to", metavar="DATE", help="'What changed' up to this date (with --from)."),
    ] = None,
    max_statements: Annotated[
        int,
        typer.Option(
            min=0,
            metavar="N",
            help="Per speaker, at most N statements (most reported first); 0 = all.",
        ),
    ] = 25,
    max_undated: Annotated[
        int,
        typer.Option(
            min=0,
            metavar="N",
            help="Per topic, list at most N undated positions (all are counted); 0 = all.",
        ),
    ] = 100,
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="FILE", help="The HTML file to write.")
    ] = Path("report.html"),
    db: DbOpt = None,
    lexicon: LexOpt = None,
) -> None:
    """Write one self-contained HTML report (no network needed to view or mail it).

    Per topic a timeline (one lane per party, one mark per dated position; circle =
    support, square = oppose, hollow = conditional; undated positions counted
    beside), the positions with the number of articles stating each, what changed
    between --from and --to, each speaker's statements with how many outlets
    reported them, and the evidence behind every mark and row (sentence in its
    paragraph, span highlighted, outlet, date, URL).

    Examples:

      talks report -o report.html

      talks report --topic nato --topic neutrality --from 2022-03-01 --to 2025-12-31 -o nato.html

      talks report --actor Russia --since 2025-01-01 -o russia-2025.html
    """
    from talks.report import ReportOptions, write_report

    with reporting(), open_store(db) as store:
        options = ReportOptions(
            topics=tuple(topic or ()),
            actors=tuple(actor or ()),
            since=parse_date(since, "--since"),
            until=parse_date(until, "--until"),
            from_date=parse_date(from_, "--from"),
            to_date=parse_date(to, "--to"),
            max_statements=max_statements,
            max_undated=max_undated,
        )
        data = write_report(store, load_lexicon(lexicon), options, output)
        typer.echo(
            f"talks: wrote {output}: {data.positions} positions on {len(data.topics)} topic(s), "
            f"{data.statements} statements by {len(data.speakers)} speaker(s)",
            err=True,
        )
