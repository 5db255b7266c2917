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
    gold_dirs: Annotated[
        list[Path],
        typer.Argument(
            metavar="GOLD_DIR...", help="Folder of *.gold.yaml files; several for several sets."
        ),
    ],
    articles_dirs: Annotated[
        list[Path],
        typer.Option(
            "--articles",
            metavar="DIR",
            help="Folder holding the articles the gold names: once, or once per gold "
            "folder in the same order.",
        ),
    ],
    fmt: Annotated[str | None, formats(*OBJECT_FORMATS, default="table")] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List misses and extras per article.")
    ] = False,
    lexicon: LexOpt = None,
) -> None:
    """Score extraction against gold annotations (precision, recall, F1).

    With several gold folders, each set's figures are printed under its own
    heading, then the headline figures of all sets side by side (JSON: `sets`, a
    list of {gold, articles, report}).

    Examples:

      talks eval ../shared/gold/seeds --articles data/seeds

      talks eval gold/seeds gold/dev --articles data/seeds --articles data/dev
    """
    from talks.errors import UsageError
    from talks.evaluate import format_report, run
    from talks.evaluate_report import format_sets
    from talks.render import Format, write_object

    with reporting():
        f = output_format(fmt, default="table")
        if len(articles_dirs) not in (1, len(gold_dirs)):
            raise UsageError(
                f"{len(gold_dirs)} gold folders but {len(articles_dirs)} --articles: "
                "give --articles once, or once per gold folder"
            )
        pairs = list(zip(gold_dirs, articles_dirs * len(gold_dirs), strict=False))
        for g, a in pairs:
            for p, what in ((g, "gold folder"), (a, "--articles folder")):
                if not p.is_dir():
                    raise UsageError(f"{p}: {what} not found")
        lex = load_lexicon(lexicon)
        reports = [(g, a, run(g, a, lexicon=lex)) for g, a in pairs]
        if len(reports) == 1:
            report = reports[0][2]
            if f is not Format.table:
                write_object(report, f, out=sys.stdout)
            else:
                typer.echo(format_report(report, verbose=verbose))
            return
        if f is not Format.table:
            sets = [
                {"gold": str(g), "articles": str(a), "report": r.model_dump(mode="json")}
                for g, a, r in reports
            ]
            write_object({"sets": sets}, f, out=sys.stdout)
        else:
            typer.echo(format_sets([(str(g), r) for g, _, r in reports], verbose=verbose))
