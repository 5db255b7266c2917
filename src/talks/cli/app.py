"""The typer application, its consoles, error translation and the entry point.

Every command module registers itself on `app`; `reporting()` is the one place a
TalksError becomes a one-line message and an exit code.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer

from talks import __version__, config
from talks.cli.light import Group
from talks.errors import TalksError
from talks.render import printable

if TYPE_CHECKING:
    from pydantic import BaseModel
    from rich.console import Console

    from talks.render import Format

EPILOG = "Docs and examples: README.md. Set TALKS_DEBUG=1 to see tracebacks."

app = typer.Typer(
    name="talks",
    cls=Group,
    help=(
        "Who said what, when, and which positions each party holds — from news coverage "
        "of peace negotiations.\n\n"
        "Typical run:\n\n"
        "  talks ingest data/seeds\n\n"
        "  talks quotes --speaker Medinsky\n\n"
        "  talks positions --topic neutrality\n\n"
        "  talks diff --from 2022-04-30 --to 2025-12-31 --topic nato"
    ),
    epilog=EPILOG,
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

PIPE_WIDTH = 120  # a table written to a pipe when no terminal says how wide


def err_console() -> Console:
    """The console for progress bars on stderr (rich is imported only when used)."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def table_width() -> int | None:
    """The width tables are laid out for: $COLUMNS, else the terminal's (stdout's, or
    stderr's or stdin's when stdout is a pipe), else PIPE_WIDTH."""
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    for stream in (sys.stdout, sys.stderr, sys.stdin):
        try:
            if stream is not None and stream.isatty():
                return os.get_terminal_size(stream.fileno()).columns
        except (OSError, ValueError, AttributeError):
            continue
    return PIPE_WIDTH


def out_console() -> Console:
    """The console tables and `show` print to, as wide as `table_width()`."""
    from rich.console import Console

    return Console(highlight=False, width=table_width())


def console_for(fmt: Format) -> Console | None:
    """The console a listing in `fmt` needs: one for a table, none for the machine
    formats (which then never import rich)."""
    from talks.render import Format

    return out_console() if fmt is Format.table else None


def write_listing(
    rows: Iterable[BaseModel | Mapping[str, Any]],
    fmt: Format,
    *,
    raw: bool,
    columns: Sequence[str],
    wrap: Sequence[str] = (),
    title: str | None = None,
    bom: bool = False,
) -> None:
    """A listing command's rows on stdout in `fmt` (a table of `columns`, wrapping
    those in `wrap`, only for the table format), after a byte-order mark when --bom
    asked for one; `raw` is --raw (CSV cells as stored)."""
    from talks.render import write_records

    if bom:
        sys.stdout.write("\ufeff")
    write_records(
        rows,
        fmt,
        out=sys.stdout,
        raw=raw,
        console=console_for(fmt),
        columns=columns,
        title=title,
        wrap=wrap,
    )


@contextmanager
def reporting() -> Iterator[None]:
    """Turn a TalksError into one line on stderr and its exit code."""
    try:
        yield
    except TalksError as exc:
        if config.debug():
            traceback.print_exc()
        typer.echo(f"talks: error: {printable(str(exc))}", err=True)
        raise typer.Exit(exc.exit_code) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"talks {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """talks: a verifiable record of peace-negotiation coverage."""


def main() -> None:
    """Console-script entry point."""
    app()
