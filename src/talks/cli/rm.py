"""`talks rm`: remove articles and everything extracted from them."""

from __future__ import annotations

from typing import Annotated

import typer

from talks.cli.app import EPILOG, app, reporting
from talks.cli.options import DbOpt, open_store


@app.command(epilog=EPILOG)
def rm(
    articles: Annotated[
        list[str],
        typer.Argument(
            metavar="ARTICLE...", help="Article ids or file names (see `talks articles`)."
        ),
    ],
    db: DbOpt = None,
) -> None:
    """Remove articles from the store with their quotes and positions.

    All or nothing: if one of the names is not in the store, nothing is removed
    (exit 2). Ingesting the file again brings it back.

    Examples:

      talks rm 000_c1f927a11f48778a.txt

      talks rm a1d603680d74acac e337a4c035f1a2ea --db talks.db
    """
    with reporting(), open_store(db) as store:
        counts = store.remove(articles)
    typer.echo(
        f"talks: removed {counts['articles']} article(s), {counts['quotes']} quote(s), "
        f"{counts['positions']} position(s)",
        err=True,
    )
