"""Option values converted without pydantic, so a command starts in a tenth of a second.

typer 0.29 converts every non-flag option through a pydantic `TypeAdapter`, built
on first use; importing pydantic and building the adapter cost about 0.08 s of CPU
per call, more than the rest of `talks topics` together. The options of this CLI
are plain: strings, integers with bounds, paths, `parser=` callables and lists of
those. `Group` (the app's command group) gives each such option of the command
being run a converter that does what typer's adapter does for these types:

- a string stays as it is; an integer is read from ASCII digits (an optional sign,
  `_` separators) and checked against `min`/`max`;
- a path goes through typer's own path check (`coerce_cli_path`, the one typer
  calls after pydantic made the `Path`: existence, file/dir and permission flags);
- a `parser=` callable is called on the string; lists convert item by item.

Anything else, and every value the light converter refuses (a malformed integer,
one out of range, a parser raising), is handed to typer's own converter, so error
messages and exit codes stay exactly typer's. On a typer without this machinery
(before 0.29) `Group` changes nothing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, get_args, get_origin

from typer.core import TyperGroup

try:  # typer >= 0.29: coercion through pydantic adapters, built lazily per parameter
    from typer._coercion import RuntimeParam, build_runtime_param
    from typer._param_types import coerce_cli_path
    from typer.core import _TyperParameter
except ImportError:  # pragma: no cover - older typer converts through click types
    RuntimeParam = None  # type: ignore[assignment,misc]

_INT = re.compile(r"[+-]?[0-9]+(?:_[0-9]+)*")


class _Refused(Exception):
    """The light converter cannot decide this value: typer's converter will."""


def _leaf(annotation: Any, info: Any) -> bool:
    """True when the light converter handles a single value of `annotation`."""
    if info.parser is not None:
        return True
    if annotation is str or annotation is bool:
        return True
    if annotation is int:
        return not info.clamp
    return annotation is Path and getattr(info, "path_type", None) in (None, Path)


def supported(annotation: Any, info: Any) -> bool:
    """True when values of `annotation` (with its option settings) convert lightly."""
    if get_origin(annotation) is list:
        (item,) = get_args(annotation) or (Any,)
        return _leaf(item, info)
    return _leaf(annotation, info)


if RuntimeParam is not None:

    class LightParam(RuntimeParam):
        """typer's conversion contract for the plain types above."""

        def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Any) -> Any:
            annotation: Any = self.annotation
            try:
                if get_origin(annotation) is list:
                    (item,) = get_args(annotation)
                    if not isinstance(value, (list, tuple)):
                        value = [value]
                    return [self._one(v, item, param, ctx) for v in value]
                return self._one(value, annotation, param, ctx)
            except Exception:  # refused or failed: typer's converter decides
                pass
            full = build_runtime_param(param.type_descriptor)
            return full._coerce_value(value, param=param, ctx=ctx)

        def _one(self, value: Any, annotation: Any, param: _TyperParameter, ctx: Any) -> Any:
            info = self.parameter_info
            if not isinstance(value, str):
                if info.parser is None and isinstance(value, annotation) and annotation is not Path:
                    return value
                raise _Refused
            if info.parser is not None:
                return info.parser(value)
            if annotation is bool:
                raise _Refused  # a flag given a word (from an environment variable)
            if annotation is str:
                return value
            if annotation is int:
                text = value.strip()
                if not _INT.fullmatch(text):
                    raise _Refused
                number = int(text)
                if (info.min is not None and number < info.min) or (
                    info.max is not None and number > info.max
                ):
                    raise _Refused
                return number
            if annotation is Path:
                return coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
            raise _Refused  # pragma: no cover - `supported` admits nothing else


def lighten(command: Any, ctx: Any) -> Any:
    """Give `command`'s plain options, its help option included, the light converter
    (see the module docstring)."""
    if RuntimeParam is None or command is None:
        return command
    params = list(getattr(command, "params", ()))
    params.append(command.get_help_option(ctx))  # made once and cached by the command
    for param in params:
        if not isinstance(param, _TyperParameter) or param._runtime_param is not None:
            continue
        desc = param.type_descriptor
        if desc.file_annotation is None and supported(desc.annotation, desc.parameter_info):
            param._runtime_param = LightParam(
                parameter_info=desc.parameter_info, annotation=desc.annotation
            )
    return command


class Group(TyperGroup):
    """The app's command group: its own options and the command it resolves get
    light converters."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        lighten(self, ctx)
        return super().parse_args(ctx, args)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        return lighten(super().get_command(ctx, cmd_name), ctx)
