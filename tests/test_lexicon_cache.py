"""The compiled-lexicon cache only ever saves time: same lexicon as a fresh parse,
a new entry whenever a file changes, and a fresh parse whenever the cache cannot
be read or written. And `talks --version` / `--help` load none of the heavy parts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from talks import config, lexicon_cache
from talks import lexicon as lexicon_mod
from talks.extract import topic_lexicon

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"


@pytest.fixture(autouse=True)
def _fresh_memo() -> None:
    lexicon_cache._memo.clear()


def _entries() -> list[Path]:
    base = config.cache_dir() / "lexicons"
    return sorted(base.glob("*.pickle")) if base.is_dir() else []


def test_a_cached_lexicon_equals_a_fresh_parse(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text("speakers:\n  - name: Anna Example\n    side: Ukraine\n", "utf-8")
    first = lexicon_mod.load([mine])
    assert len(_entries()) == 1
    lexicon_cache._memo.clear()
    again = lexicon_mod.load([mine])  # from the pickle this time
    assert again == first == lexicon_mod._build([mine])
    assert again is not first
    summary = lexicon_mod.summary([mine])
    assert summary.topic_keys() == first.topic_keys()
    assert [p.name for p in summary.parties] == first.party_names()


def test_an_edited_file_is_a_new_entry(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text("speakers:\n  - name: Anna Example\n", "utf-8")
    assert "Anna Example" in {s.name for s in lexicon_mod.load([mine]).speakers}
    mine.write_text("speakers:\n  - name: Boris Example\n", "utf-8")
    names = {s.name for s in lexicon_mod.load([mine]).speakers}
    assert "Boris Example" in names and "Anna Example" not in names
    assert len(_entries()) == 2


def test_a_corrupt_entry_is_parsed_afresh(tmp_path: Path) -> None:
    fresh = lexicon_mod.load([])
    (entry,) = _entries()
    entry.write_bytes(b"not a pickle")
    lexicon_cache._memo.clear()
    assert lexicon_mod.load([]) == fresh
    light = entry.with_suffix(".json")
    light.write_text("{broken", "utf-8")
    lexicon_cache._memo.clear()
    assert lexicon_mod.summary([]).topic_keys() == fresh.topic_keys()


def test_an_unwritable_cache_is_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", "utf-8")
    monkeypatch.setattr(config, "cache_dir", lambda: blocker / "sub")
    assert lexicon_mod.load([]) == lexicon_mod.parse_shipped()


def test_a_bad_user_file_is_still_an_error_and_never_cached(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("speakers:\n  - nme: typo\n", "utf-8")
    for _ in range(2):
        with pytest.raises(lexicon_mod.LexiconError, match=r"bad\.yaml"):
            lexicon_mod.load([bad])


def test_no_cache_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TALKS_NO_CACHE", "1")
    assert lexicon_mod.load([]) == lexicon_mod.parse_shipped()
    assert _entries() == []


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["quotes", "--help"]])
def test_startup_imports_only_the_command_line(argv: list[str]) -> None:
    heavy = ["yaml", "talks.store", "talks.lexicon", "talks.extract", "rich.table", "rapidfuzz"]
    if len(argv) == 1:  # typer itself imports pydantic to parse a command's options
        heavy.append("pydantic")
    code = (
        "import sys; from talks.cli import main; sys.argv = ['talks', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print('HEAVY', [m for m in {heavy!r} if m in sys.modules], file=sys.stderr)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *argv], capture_output=True, text=True, env=dict(os.environ)
    )
    assert "HEAVY []" in out.stderr, out.stderr


# --- what the extractors build from a loaded lexicon ----------------------------------------


def _derived() -> list[Path]:
    base = config.cache_dir() / "derived"
    return sorted(base.glob("*.pickle")) if base.is_dir() else []


def _same_compiled(a: topic_lexicon.Compiled, b: topic_lexicon.Compiled) -> None:
    """Two compiled lexicons find the same things in the seed articles."""
    assert a.signals.sources == b.signals.sources and a.cues.sources == b.cues.sources
    assert (a.signal_info, a.cue_info, a.topic_keys) == (b.signal_info, b.cue_info, b.topic_keys)
    assert (a.signal_outliers, a.signal_lookers) == (b.signal_outliers, b.signal_lookers)
    assert (a.party_words, a.person_words) == (b.party_words, b.person_words)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    assert texts
    for text in texts:
        assert topic_lexicon.scan_all(a, text) == topic_lexicon.scan_all(b, text)
        assert topic_lexicon.scan_names(a, text) == topic_lexicon.scan_names(b, text)
        for name in ("role_after", "bare_role", "doc_by", "doc_made", "doc_ref", "anaphor"):
            pa, pb = getattr(a, name), getattr(b, name)
            assert [m.span() for m in pa.finditer(text)] == [m.span() for m in pb.finditer(text)]


def test_compiled_patterns_come_back_from_the_cache_as_built() -> None:
    topic_lexicon._CACHE.clear()
    lex = lexicon_mod.load([])
    first = topic_lexicon.compiled(lex)
    assert len(_derived()) == 1
    topic_lexicon._CACHE.clear()
    again = topic_lexicon.compiled(lex)  # from the pickle this time
    assert again is not first
    _same_compiled(again, topic_lexicon._compile(lex))


def test_a_corrupt_compiled_entry_is_built_afresh() -> None:
    topic_lexicon._CACHE.clear()
    lex = lexicon_mod.load([])
    topic_lexicon.compiled(lex)
    (entry,) = _derived()
    entry.write_bytes(b"not a pickle")
    topic_lexicon._CACHE.clear()
    _same_compiled(topic_lexicon.compiled(lex), topic_lexicon._compile(lex))
    topic_lexicon._CACHE.clear()
    assert isinstance(topic_lexicon.compiled(lex), topic_lexicon.Compiled)  # (written again)


def test_only_a_loaded_lexicon_keeps_its_compiled_patterns(monkeypatch: pytest.MonkeyPatch) -> None:
    topic_lexicon._CACHE.clear()
    topic_lexicon.compiled(lexicon_mod.parse_shipped())  # (no files behind it: no key)
    assert _derived() == []
    monkeypatch.setenv("TALKS_NO_CACHE", "1")
    topic_lexicon.compiled(lexicon_mod.load([]))
    assert _derived() == []
