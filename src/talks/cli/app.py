"""The typer application, its consoles, error translation and the entry point.

Every command module registers itself on `app`; `reporting()` is the one place a
TalksError becomes a one-line message and an exit code.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.console import Console

from talks import __version__, config
from talks.errors import TalksError
from talks.render import printable

EPILOG = "Docs and examples: README.md. Set TALKS_DEBUG=1 to see tracebacks."

app = typer.Typer(
    name="talks",
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
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

err = Console(stderr=True, highlight=False, soft_wrap=True)


def out_console() -> Console:
    """The console tables and `show` print to.

    On a terminal rich uses its real width; a table written to a pipe or file gets
    room enough not to fold every column.
    """
    width = None if sys.stdout.isatty() else int(os.environ.get("COLUMNS", "") or 140)
    return Console(highlight=False, width=width)


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
