"""`talks eval`: score extraction against gold annotations."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from talks.cli.app import EPILOG, app, reporting
from talks.cli.options import OBJECT_FORMATS, LexOpt, formats, load_lexicon, output_format


@app.command("eval", epilog=EPILOG)
def eval_(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of *.gold.yaml files.")],
    articles_dir: Annotated[
        Path, typer.Option("--articles", help="Folder holding the articles the gold names.")
    ],
    fmt: Annotated[str | None, formats(*OBJECT_FORMATS, default="table")] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List misses and extras per article.")
    ] = False,
    lexicon: LexOpt = None,
) -> None:
    """Score extraction against gold annotations (precision, recall, F1).

    Example:

      talks eval ../shared/gold/seeds --articles data/seeds
    """
    from talks.errors import UsageError
    from talks.evaluate import format_report, run
    from talks.render import Format, write_object

    with reporting():
        f = output_format(fmt, default="table")
        for p, what in ((gold_dir, "gold folder"), (articles_dir, "--articles folder")):
            if not p.is_dir():
                raise UsageError(f"{p}: {what} not found")
        report = run(gold_dir, articles_dir, lexicon=load_lexicon(lexicon))
        if f is not Format.table:
            write_object(report, f, out=sys.stdout)
        else:
            typer.echo(format_report(report, verbose=verbose))
