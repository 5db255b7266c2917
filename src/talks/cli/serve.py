"""`talks serve`: the store in Datasette (the `web` extra), on 127.0.0.1 by default."""

from __future__ import annotations

from typing import Annotated

import typer

from talks.cli.app import EPILOG, app, reporting
from talks.cli.options import DbOpt, open_store


@app.command(epilog=EPILOG)
def serve(
    port: Annotated[
        int, typer.Option(min=1, max=65535, metavar="PORT", help="The port to listen on.")
    ] = 8001,
    host: Annotated[
        str,
        typer.Option(
            metavar="HOST",
            help="The address to bind. Default 127.0.0.1: only this machine can connect; "
            "0.0.0.0 opens the store to your network.",
        ),
    ] = "127.0.0.1",
    db: DbOpt = None,
) -> None:
    """Browse and search the store in a web browser (Datasette; needs the web extra:
    pip install 'talks[web]'). Stops with Ctrl-C.

    Start with quote_list and position_list: every record with its article's title,
    outlet, URL and date. The search box finds word forms, prefix*, OR and "phrases".
    Canned queries: speaker_statements, topic_positions, what_changed. Every page
    has a JSON API: add .json to its URL.

    Examples:

      talks serve

      talks serve --port 8080 --db ~/work/talks.db
    """
    from talks.serve import require_datasette
    from talks.serve import serve as run

    with reporting():
        require_datasette()
        with open_store(db) as store:  # brings an older store up to this schema
            path = store.path
        typer.echo(f"talks: serving {path} at http://{host}:{port}/ (Ctrl-C stops)", err=True)
        run(path, host=host, port=port)
