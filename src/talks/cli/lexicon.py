"""`talks lexicon`: check a personal lexicon file the way ingest would read it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from talks.cli.app import EPILOG, app, reporting


@app.command("lexicon", epilog=EPILOG)
def lexicon_check(
    files: Annotated[list[Path], typer.Argument(help="Your lexicon YAML file(s).")],
) -> None:
    """Check a lexicon file: it is read and merged exactly as ingest would, and
    any problem is reported as file:entry: problem.

    Example:

      talks lexicon my-speakers.yaml
    """
    from talks import lexicon as lexicon_mod

    with reporting():
        lex = lexicon_mod.load(files)
        typer.echo(
            f"ok: {len(lex.speakers)} speakers, {len(lex.parties)} parties, "
            f"{len(lex.topics)} topics, {len(lex.cues)} cues "
            f"after merging {', '.join(str(f) for f in files)}"
        )
