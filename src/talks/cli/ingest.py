"""`talks ingest`: read news files into the store, with a progress bar on a terminal."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from talks.cli.app import EPILOG, app, err_console, reporting
from talks.cli.options import (
    DateOpt,
    DbOpt,
    EverythingOpt,
    LexOpt,
    load_lexicon,
    open_store,
    parse_date,
)
from talks.render import printable

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from rich.console import Console
    from rich.progress import Progress as RichProgress

    from talks.pipeline import Progress


@contextmanager
def progress_bar(console: Console, *, disable: bool) -> Iterator[Callable[[Progress], None]]:
    """A transient progress display counting articles (archive and JSON Lines records
    one by one) with their rate, and input files beside them. With a known total (every
    input one article) a bar and the time left; else a running count."""
    bar, tick = make_bar(console, disable=disable)
    with bar:
        yield tick


def make_bar(console: Console, *, disable: bool) -> tuple[RichProgress, Callable[[Progress], None]]:
    """The (not yet started) rich display of `progress_bar` and its update function."""
    from rich.progress import (
        BarColumn,
        ProgressColumn,
        Task,
        TextColumn,
        TimeRemainingColumn,
    )
    from rich.progress import Progress as Display
    from rich.text import Text

    class Counts(ProgressColumn):
        def render(self, task: Task) -> Text:
            done = f"{int(task.completed):,}"
            if task.total is not None:
                done += f"/{int(task.total):,}"
            files = task.fields.get("files", "")
            rate = f" · {task.speed:,.0f}/s" if task.speed else ""
            return Text(f"{done} articles{rate}{files}")

    bar = Display(
        TextColumn("ingesting"),
        BarColumn(),
        Counts(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=disable,
        speed_estimate_period=10.0,
    )
    task = bar.add_task("ingest", total=None, files="")

    def tick(p: Progress) -> None:
        total = p.articles_total
        bar.update(
            task,
            completed=min(p.articles, total) if total is not None else p.articles,
            total=total,
            files="" if total is not None else f" · {p.files:,}/{p.files_total:,} files",
        )

    return bar, tick


@app.command(epilog=EPILOG)
def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH...",
            help="Files, directories (recursive) or - for stdin (JSON Lines when it starts "
            "with {, else one article).",
        ),
    ],
    date: DateOpt = None,
    db: DbOpt = None,
    lexicon: LexOpt = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")
    ] = False,
    limit: Annotated[
        list[str] | None,
        typer.Option(
            "--limit",
            metavar="NAME=VALUE",
            help=(
                "Raise or lower an input limit (repeatable; or $TALKS_LIMITS): file_bytes, "
                "record_bytes, index_bytes, front_matter_bytes (K/M/G suffixes), yaml_depth, "
                "yaml_nodes, json_depth, number_digits."
            ),
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help="Worker processes for reading and extraction. Default: the machine's cores.",
        ),
    ] = None,
    everything: EverythingOpt = False,
    reextract: Annotated[
        bool,
        typer.Option(
            "--reextract",
            help="Extract unchanged files again when the store was built with another lexicon.",
        ),
    ] = False,
) -> None:
    """Read news files into the store and extract quotes and positions.

    Takes plain text, Markdown/text with YAML front matter (title, published/date,
    outlet/source, url), JSON Lines (one article per line, `text` required), saved
    web pages (.html, .htm) and web archives (.warc, .warc.gz: every HTML page in
    them). A meta.yaml or meta.csv beside the files supplies metadata. Re-ingesting
    an unchanged file does nothing; a changed file replaces its records.

    Articles that name no party or known speaker together with talk of
    negotiations are skipped (and counted); --all keeps them.

    The store remembers the lexicon it was built with: an ingest with another one
    (a forgotten --lexicon, say) warns and keeps unchanged files' records unless
    --reextract is given.

    Every problem with an input is one line naming the file (and line or record);
    that file or record is skipped and every other one stored. Inputs over a limit
    (see --limit; the defaults are far above any real article) and FIFOs or devices
    are refused before they are read.

    Exit status: 0 all went in, 1 some files failed (the good ones are stored), 2 usage error.

    Examples:

      talks ingest data/seeds

      talks ingest today/*.txt --date 2022-03-30

      cat articles.jsonl | talks ingest -

      talks ingest crawl/CC-NEWS-20220330.warc.gz --jobs 2

      talks ingest huge-liveblog.txt --limit file_bytes=200M
    """
    from talks import lexicon as lexicon_mod
    from talks import limits as limits_mod
    from talks.pipeline import ingest_paths

    with reporting():
        published = parse_date(date, "--date")
        limits = limits_mod.from_env()
        for spec in limit or ():
            limits = limits.with_spec(spec, where="--limit")
        lex = load_lexicon(lexicon)
        err = err_console()
        with open_store(db, create=True) as store:
            show = not quiet and err.is_terminal
            with progress_bar(err, disable=not show) as tick:
                summary = ingest_paths(
                    store,
                    paths,
                    lexicon=lex,
                    date=published,
                    progress=tick,
                    stdin=sys.stdin.buffer,
                    limits=limits,
                    lexicon_files=lexicon_mod.user_lexicon_paths(lexicon or ()),
                    reextract=reextract,
                    jobs=jobs or os.cpu_count() or 1,
                    everything=everything,
                )
        for w in summary.warnings:
            typer.echo(f"talks: warning: {printable(w)}", err=True)
        for e in summary.errors:
            typer.echo(f"talks: error: {printable(e)}", err=True)
        if summary.stopped:
            typer.echo(f"talks: error: {printable(summary.stopped)}", err=True)
        if not quiet:
            typer.echo(f"talks: {summary.line()}", err=True)
        if not summary.ok:
            raise typer.Exit(1)
