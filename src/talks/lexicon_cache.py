"""Lexicons compiled once and cached per fingerprint.

Reading and validating the YAML lexicons costs far more than any everyday query,
so the merged result is pickled into the user's cache directory under a key made
of the code version, the lexicon schema's source and the bytes of every lexicon
file (shipped and the user's): any edit gives a new key, and a stale entry is
never read. A small JSON summary beside it (topics, parties, fingerprint) lets
commands that only check a topic or a party name skip unpickling the full
lexicon. Every failure to read or write the cache (read-only home, a corrupt or
foreign file) falls back to parsing the YAML: the cache only ever saves time.
Set TALKS_NO_CACHE=1 to bypass it.

What the extractors build from a loaded lexicon (its patterns analysed and put
together, `derived`) is kept the same way, under the lexicon's key and the source
of the code that builds it.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from talks import __version__, config

if TYPE_CHECKING:
    from talks.lexicon import Lexicon

NO_CACHE_ENV = "TALKS_NO_CACHE"


@dataclass(frozen=True)
class PartyInfo:
    name: str
    names: tuple[str, ...]
    adjectives: tuple[str, ...]


@dataclass(frozen=True)
class TopicInfo:
    key: str
    proposition: str


@dataclass(frozen=True)
class SpeakerInfo:
    name: str
    kind: str
    roles: tuple[str, ...]  # role titles
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class LexiconSummary:
    """What checking filters and listing topics and speakers need, without the full
    lexicon."""

    fingerprint: str
    topics: tuple[TopicInfo, ...]
    parties: tuple[PartyInfo, ...]
    speakers: tuple[SpeakerInfo, ...] = ()

    def topic_keys(self) -> list[str]:
        return [t.key for t in self.topics]


_memo: dict[str, Any] = {}
_loaded: dict[int, tuple[Lexicon, str]] = {}  # id -> (lexicon, key) of what `load` gave
T = TypeVar("T")


def _enabled() -> bool:
    return os.environ.get(NO_CACHE_ENV, "") in ("", "0", "false", "no")


def cache_key(user_files: tuple[Path, ...]) -> str:
    """A key that changes whenever anything the merged lexicon depends on does."""
    h = hashlib.sha256(__version__.encode())
    pkg = resources.files("talks")
    h.update(pkg.joinpath("lexicon.py").read_bytes())
    lexicons = pkg.joinpath("lexicons")
    for item in sorted(lexicons.iterdir(), key=lambda r: r.name):
        if item.name.endswith(".yaml"):
            h.update(item.name.encode() + b"\0" + item.read_bytes() + b"\0")
    for path in user_files:
        try:
            data = Path(path).read_bytes()
        except OSError:
            data = b"\0missing"  # the full load reports it
        h.update(str(path).encode() + b"\0" + data + b"\0")
    return h.hexdigest()[:24]


def _paths(key: str) -> tuple[Path, Path]:
    base = config.cache_dir() / "lexicons"
    return base / f"{key}.pickle", base / f"{key}.json"


def _write(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        pass  # a cache we cannot write is no cache


def summarize(lexicon: Lexicon) -> LexiconSummary:
    from talks.work import lexicon_fingerprint

    return LexiconSummary(
        fingerprint=lexicon_fingerprint(lexicon),
        topics=tuple(TopicInfo(t.key, t.proposition) for t in lexicon.topics),
        parties=tuple(
            PartyInfo(p.name, tuple(p.names), tuple(p.adjectives)) for p in lexicon.parties
        ),
        speakers=speaker_infos(lexicon),
    )


def speaker_infos(lexicon: Lexicon) -> tuple[SpeakerInfo, ...]:
    """The facts `talks speakers` shows of each lexicon speaker."""
    return tuple(
        SpeakerInfo(s.name, s.kind, tuple(r.title for r in s.roles), tuple(s.aliases))
        for s in lexicon.speakers
    )


def _store(key: str, lexicon: Lexicon) -> LexiconSummary:
    summary = summarize(lexicon)
    full, _ = _paths(key)
    _write(full, pickle.dumps(lexicon, protocol=pickle.HIGHEST_PROTOCOL))
    _store_summary(key, summary)
    return summary


def _store_summary(key: str, summary: LexiconSummary) -> None:
    _, light = _paths(key)
    data = {
        "fingerprint": summary.fingerprint,
        "topics": [[t.key, t.proposition] for t in summary.topics],
        "parties": [[p.name, list(p.names), list(p.adjectives)] for p in summary.parties],
        "speakers": [[s.name, s.kind, list(s.roles), list(s.aliases)] for s in summary.speakers],
    }
    _write(light, json.dumps(data).encode())


def load(user_files: tuple[Path, ...], build: Any) -> Lexicon:
    """The merged lexicon for `user_files`: from memory, else the cache, else
    `build(user_files)` (which parses, validates and raises LexiconError)."""
    if not _enabled():
        return build(user_files)  # type: ignore[no-any-return]
    key = cache_key(user_files)
    hit = _memo.get("full:" + key)
    if hit is not None:
        return hit  # type: ignore[no-any-return]
    from talks.lexicon import Lexicon

    full, _ = _paths(key)
    lexicon: Lexicon | None = None
    try:
        with full.open("rb") as f:
            loaded = pickle.load(f)
        if isinstance(loaded, Lexicon):
            lexicon = loaded
    except Exception:  # missing, corrupt, or written by other code: rebuild
        lexicon = None
    if lexicon is None:
        lexicon = build(user_files)
        assert lexicon is not None
        _store(key, lexicon)
    _memo["full:" + key] = lexicon
    _loaded[id(lexicon)] = (lexicon, key)
    return lexicon


def derived(
    lexicon: Lexicon, kind: str, modules: Sequence[str], build: Callable[[], T], expect: type[T]
) -> T:
    """What `build()` makes of `lexicon` (an `expect`), read back from the cache when this
    lexicon came from `load` and the same code built it before: the key is the lexicon's
    own with `kind`, the Python version and the source of each of `modules` (the
    imported modules whose code builds it). Any other lexicon, and any failure to read
    or write, builds afresh."""
    known = _loaded.get(id(lexicon))
    if not _enabled() or known is None or known[0] is not lexicon:
        return build()
    h = hashlib.sha256(f"{known[1]}\0{kind}\0{sys.version}".encode())
    try:
        for name in modules:
            h.update(Path(sys.modules[name].__file__ or "").read_bytes())
    except (KeyError, OSError):
        return build()
    path = config.cache_dir() / "derived" / f"{kind}-{h.hexdigest()[:24]}.pickle"
    try:
        with path.open("rb") as f:
            got = pickle.load(f)
        if isinstance(got, expect):
            return got
    except Exception:  # missing, corrupt, or written by other code: rebuild
        pass
    made = build()
    try:
        data = pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # (something in it that pickle cannot keep: no cache)
        return made
    _write(path, data)
    return made


def _build(user_files: tuple[Path, ...]) -> Lexicon:
    from talks.lexicon import _build

    return _build(user_files)


def summary(user_files: tuple[Path, ...], build: Any = _build) -> LexiconSummary:
    """Topics, parties and fingerprint of the merged lexicon, from the small JSON
    beside the cached lexicon when there is one."""
    if _enabled():
        key = cache_key(user_files)
        hit = _memo.get("summary:" + key)
        if hit is not None:
            return hit  # type: ignore[no-any-return]
        _, light = _paths(key)
        try:
            data = json.loads(light.read_bytes())
            result = LexiconSummary(
                fingerprint=str(data["fingerprint"]),
                topics=tuple(TopicInfo(str(k), str(p)) for k, p in data["topics"]),
                parties=tuple(
                    PartyInfo(str(n), tuple(ns), tuple(adj)) for n, ns, adj in data["parties"]
                ),
                speakers=tuple(
                    SpeakerInfo(str(n), str(k), tuple(r), tuple(a))
                    for n, k, r, a in data["speakers"]
                ),
            )
            _memo["summary:" + key] = result
            return result
        except Exception:  # no summary yet (or one from an older talks): written below
            pass
    result = summarize(load(user_files, build))
    if _enabled():
        key = cache_key(user_files)
        _store_summary(key, result)
        _memo["summary:" + key] = result
    return result
