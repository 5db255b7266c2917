"""The light option converters (talks.cli.light) give exactly typer's values and errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main

from talks.cli import app, light

pytestmark = pytest.mark.skipif(light.RuntimeParam is None, reason="typer before 0.29")

SAMPLES: dict[Any, tuple[Any, ...]] = {
    str: ("abc", "Зеленский", "", "-", " spaced "),
    int: ("5", "+7", " 3 ", "0", "-1", "1_000", "x", "1.5", "", "70000", "٣", 4),
    Path: ("some/file.db", "-", ".", "/", "~/x"),
    bool: (True, False, None),
}


def _params() -> list[tuple[str, Any, Any]]:
    group = typer.main.get_command(app)
    out = []
    for name, command in [("talks", group), *sorted(group.commands.items())]:  # type: ignore[attr-defined]
        ctx = typer.main._click.Context(command)  # type: ignore[attr-defined]
        light.lighten(command, ctx)
        out += [
            (f"{name} {p.name}", p, ctx)
            for p in [*command.params, command.get_help_option(ctx)]
            if p is not None
        ]
    return out


def _outcome(runtime: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        return "value", runtime.coerce(value, param=param, ctx=ctx)
    except Exception as exc:  # the same exception type and message is what counts
        return type(exc).__name__, str(exc)


def test_most_options_convert_lightly() -> None:
    lightened = [n for n, p, _ in _params() if isinstance(p._runtime_param, light.LightParam)]
    assert len(lightened) > 60  # every option of every command except exotic ones


@pytest.mark.parametrize("name,param,ctx", _params(), ids=lambda v: v if isinstance(v, str) else "")
def test_light_converter_agrees_with_typer(name: str, param: Any, ctx: Any) -> None:
    from typer._coercion import build_runtime_param

    runtime = param._runtime_param
    if not isinstance(runtime, light.LightParam):
        return
    desc = param.type_descriptor
    leaf = desc.annotation
    listed = getattr(leaf, "__origin__", None) is list
    if listed:
        (leaf,) = leaf.__args__
    if desc.parameter_info.parser is not None:
        samples: tuple[Any, ...] = ("json", "JSON", "table", "xml", "")
    else:
        samples = SAMPLES[leaf]
    full = build_runtime_param(desc)
    for sample in samples:
        value = (sample, sample) if listed and sample is not None else sample
        if listed and param.nargs == 1 and not param.multiple:
            value = sample
        assert _outcome(runtime, value, param, ctx) == _outcome(full, value, param, ctx), (
            name,
            sample,
        )


def test_topics_runs_without_pydantic(tmp_path: Path) -> None:
    """With the lexicon cached, `topics -f json` imports neither pydantic nor rich."""
    code = (
        "import sys\n"
        "from talks.cli import main\n"
        "sys.argv = ['talks', 'topics', '-f', 'json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('pydantic' in sys.modules, 'rich.console' in sys.modules, file=sys.stderr)\n"
    )

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True
        )

    run()  # the first call in a fresh home compiles the lexicon and caches its summary
    proc = run()
    assert '"key": "neutrality"' in proc.stdout
    assert proc.stderr.strip() == "False False"
