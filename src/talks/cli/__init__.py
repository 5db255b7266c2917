"""The `talks` command line, one module per command family.

`app` is the typer application; importing this package registers every command,
module by module in the order `talks --help` lists them. `main` is the
console-script entry point.
"""

from __future__ import annotations

from importlib import import_module

from talks.cli.app import app, main

COMMAND_MODULES = (
    "ingest",
    "cluster",
    "info",
    "query",
    "positions",
    "diff",
    "report",
    "rm",
    "serve",
    "eval",
    "lexicon",
)

for _name in COMMAND_MODULES:
    import_module(f"talks.cli.{_name}")

__all__ = ["app", "main"]
