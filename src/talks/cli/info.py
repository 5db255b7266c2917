"""`talks info`: the store in use, how it was chosen, what it holds and its lexicon."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from talks.cli.app import EPILOG, app, out_console, reporting
from talks.cli.options import (
    OBJECT_FORMATS,
    DbOpt,
    LexOpt,
    formats,
    lexicon_summary,
    open_store,
    output_format,
)


@app.command(epilog=EPILOG)
def info(
    fmt: Annotated[str | None, formats(*OBJECT_FORMATS)] = None,
    db: DbOpt = None,
    lexicon: LexOpt = None,
) -> None:
    """Show the store in use and how it was chosen (--db, $TALKS_DB or the default),
    its counts, size, dates, last ingest, and the lexicon it was built with next to
    the one this call would use.

    Examples:

      talks info

      talks info --db ~/work/talks.db --format json
    """
    from talks import config
    from talks import lexicon as lexicon_mod
    from talks.info import store_info
    from talks.render import Format, write_object, write_records

    with reporting():
        f = output_format(fmt)
        _, how = config.db_choice(db)
        with open_store(db) as store:
            data = store_info(
                store,
                chosen_by=how,
                lexicon_fp=lexicon_summary(lexicon).fingerprint,
                lexicon_files=lexicon_mod.user_lexicon_paths(lexicon or ()),
            )
        if f is not Format.table:
            write_object(data, f, out=sys.stdout)
            return
        rows = [{"field": k, "value": "" if v is None else str(v)} for k, v in data.items()]
        write_records(rows, f, out=sys.stdout, console=out_console(), columns=("field", "value"))
        if data["lexicon_differs"]:
            typer.echo(
                f"note: the store was built with lexicon {data['lexicon']} "
                f"({data['lexicon_files']}); this call uses {data['lexicon_now']} "
                f"({data['lexicon_now_files']})",
                err=True,
            )
