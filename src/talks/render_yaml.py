"""A YAML list written row by row, exactly as `yaml.dump([row])` writes each row, faster.

With libyaml's C dumper the emitting is C, but PyYAML's representer (turning a
row into nodes: a generic dispatch, an alias check and a node per value) and its
resolver (two regular-expression lookups per scalar, keys included, to decide
whether it needs quotes) stay Python and took about 80% of an export's time.
Here a row of the JSON-ready shapes the listings write (dicts, lists, strings,
integers, booleans, None) is turned into nodes directly, and resolver answers
for short strings (field names, names, dates, kinds) are remembered. The nodes
are the ones PyYAML's `SafeRepresenter` builds for these values, so the bytes
written are the same; any other value (a float, a date object, a list or dict
appearing twice in one row, which PyYAML writes as an alias) takes PyYAML's own
representer. Memory stays flat: one row's nodes at a time, and a bounded cache.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

STR = "tag:yaml.org,2002:str"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"

CACHED_LENGTH = 64  # strings up to this long have their resolution remembered
CACHE_SIZE = 8192  # entries before the cache starts over (flat memory)

OPTIONS: dict[str, Any] = {"allow_unicode": True, "sort_keys": False, "width": 100}
"""The dump options of every YAML writer in talks."""


class _Repeated(Exception):
    """A container appears twice in one row: PyYAML would write an alias."""


def _node(value: Any, seen: set[int]) -> Any:
    """The node `SafeRepresenter` (default_flow_style=False, sort_keys=False) makes
    for `value`, or None for a value of another type."""
    if isinstance(value, str):
        return ScalarNode(STR, value)
    if value is None:
        return ScalarNode("tag:yaml.org,2002:null", "null")
    if value is True or value is False:
        return ScalarNode("tag:yaml.org,2002:bool", "true" if value else "false")
    if type(value) is int:
        return ScalarNode("tag:yaml.org,2002:int", str(value))
    if type(value) is dict or type(value) is list:
        if id(value) in seen:
            raise _Repeated
        seen.add(id(value))
        if type(value) is dict:
            items = []
            for k, v in value.items():
                key = _node(k, seen)
                item = _node(v, seen)
                if key is None or item is None:
                    return None
                items.append((key, item))
            return MappingNode(MAP, items, flow_style=False)
        nodes = []
        for v in value:
            item = _node(v, seen)
            if item is None:
                return None
            nodes.append(item)
        return SequenceNode(SEQ, nodes, flow_style=False)
    return None


def _fast_dumper(base: type[Any]) -> type[Any]:
    """`base` with resolver answers for short strings remembered."""
    cache: dict[tuple[str, Any], Any] = {}

    class Dumper(base):  # type: ignore[valid-type,misc]
        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is ScalarNode and isinstance(value, str) and len(value) <= CACHED_LENGTH:
                key = (value, implicit)
                hit = cache.get(key)
                if hit is None:
                    if len(cache) >= CACHE_SIZE:
                        cache.clear()
                    hit = cache[key] = super().resolve(kind, value, implicit)
                return hit
            return super().resolve(kind, value, implicit)

    return Dumper


_FAST: dict[type[Any], type[Any]] = {}


def write_list(rows: Iterable[Any], out: TextIO, dumper: type[Any]) -> None:
    """Write `rows` as one YAML list, one `dump` per row (so memory stays flat)."""
    fast = dumper is getattr(yaml, "CSafeDumper", None)
    if fast and dumper not in _FAST:
        _FAST[dumper] = _fast_dumper(dumper)
    empty = True
    for row in rows:
        empty = False
        node = None
        if fast:
            try:
                node = _node([row], set())
            except _Repeated:
                node = None
        if node is None:
            yaml.dump([row], out, Dumper=dumper, **OPTIONS)
            continue
        d = _FAST[dumper](out, **OPTIONS)
        d.open()
        d.serialize(node)
        d.close()
    if empty:
        out.write("[]\n")
