"""`talks extract` and `talks load`: extraction on a Dask cluster into Parquet, and
Parquet shards merged into a store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from talks.cli.app import EPILOG, app, reporting
from talks.cli.options import (
    DateOpt,
    DbOpt,
    EverythingOpt,
    LexOpt,
    load_lexicon,
    open_store,
    parse_date,
)

QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No summary.")]


@app.command(epilog=EPILOG)
def extract(
    paths: Annotated[
        list[str], typer.Argument(metavar="INPUT...", help="Files and directories (recursive).")
    ],
    to: Annotated[
        Path, typer.Option("--to", metavar="OUT_DIR", help="Where the Parquet shards go.")
    ],
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="A dask.distributed scheduler (tcp://host:8786). Default: a local cluster.",
        ),
    ] = None,
    date: DateOpt = None,
    everything: EverythingOpt = False,
    lexicon: LexOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Extract quotes and positions on a Dask cluster into Parquet (no store).

    Reads what `talks ingest` reads, runs the same extraction as a Dask bag and
    writes OUT_DIR/articles/, OUT_DIR/quotes/ and OUT_DIR/positions/ as Parquet
    shards with the JSON output's fields. Inputs and OUT_DIR must be on storage
    every worker sees. Query the shards with DuckDB, or merge them into a store
    with `talks load`. Needs the cluster extra: pip install 'talks[cluster]'.

    Exit status: 0 all went in, 1 some inputs failed (the rest is written), 2 usage error.

    Examples:

      talks extract crawl/ --to out/

      talks extract crawl/*.warc.gz --to /shared/out --scheduler tcp://10.0.0.5:8786
    """
    from talks.distributed import extract_to_parquet

    with reporting():
        published = parse_date(date, "--date")
        lex = load_lexicon(lexicon)
        summary = extract_to_parquet(
            paths, to, lexicon=lex, scheduler=scheduler, date=published, everything=everything
        )
        for w in summary.warnings:
            typer.echo(f"talks: warning: {w}", err=True)
        _finish(summary.errors, summary.line(), ok=summary.ok, quiet=quiet)


@app.command(epilog=EPILOG)
def load(
    out_dir: Annotated[
        Path, typer.Argument(metavar="OUT_DIR", help="A folder written by `talks extract`.")
    ],
    db: DbOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Merge the Parquet shards of `talks extract` into the store.

    Articles the store already has (same content and extraction) are skipped; a
    changed article replaces its source's records, as with `talks ingest`.

    Examples:

      talks load out/

      talks load /shared/out --db talks.db
    """
    from talks.distributed import load_parquet

    with reporting(), open_store(db, create=True) as store:
        summary = load_parquet(store, out_dir)
        line = summary.line().replace("file(s)", "shard(s)", 1)
        _finish(summary.errors, line, ok=summary.ok, quiet=quiet)


def _finish(errors: list[str], line: str, *, ok: bool, quiet: bool) -> None:
    """End a cluster command: its errors and (unless --quiet) its summary `line` on
    stderr, exit status 1 when some input failed."""
    for e in errors:
        typer.echo(f"talks: error: {e}", err=True)
    if not quiet:
        typer.echo(f"talks: {line}", err=True)
    if not ok:
        raise typer.Exit(1)
