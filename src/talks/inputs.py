"""The command line's inputs: files as given, folders walked lazily.

A folder of 100,000 articles must not cost the writer 100,000 paths for the
whole run: expanding it into one sorted list of `Path`s (with `rglob`'s own set of
them on the way) was the only part of `talks ingest`'s memory that grew with the
corpus, about 700 bytes per file. `expand` checks and counts the inputs up front
(missing paths, folders without articles, which readers are needed, how many
files there are) in one `os.scandir` pass that keeps nothing per file, and lists
the files only as the run takes them, in the order a sorted list of their paths
has: each folder's entries sorted by name, a subfolder's files where its name
sorts. Only the folders being walked hold their names, packed (about two bytes
more than the characters of each name, `_sorted`).
"""

from __future__ import annotations

import heapq
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from talks.errors import InputError, UsageError
from talks.readers import HTML_SUFFIXES, WARC_SUFFIXES, kind_of

ARTICLE_SUFFIXES = (".txt", ".md", ".jsonl", *HTML_SUFFIXES, *WARC_SUFFIXES)
STDIN = "-"


def normal(path: Path) -> Path:
    """One spelling per file: relative to the working folder when inside it, else absolute."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path.cwd())
    except ValueError:
        return absolute


def kind(item: Path | str) -> str:
    """What an input needs: "stdin", "jsonl", or its reader ("text", "html", "warc")."""
    if item == STDIN:
        return "stdin"
    if str(item).lower().endswith(".jsonl"):
        return "jsonl"
    return kind_of(item)


RUN_NAMES = 4096  # names sorted at a time before they are packed (`_sorted`)


def _entries(folder: str) -> Iterator[tuple[str, bool]]:
    """A folder's article files and subfolders as (name, is a folder), in the
    order the system lists them, hidden ones left out. Links to folders are not
    followed (as `Path.rglob` does not); a name with an article suffix that is a
    folder, or a link to one, is not a file. An unreadable folder lists nothing
    (as with `Path.rglob`)."""
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                if name.startswith("."):
                    continue
                try:
                    is_folder = entry.is_dir(follow_symlinks=False)
                except OSError:
                    is_folder = False
                if is_folder:
                    yield name, True
                elif name.lower().endswith(ARTICLE_SUFFIXES) and not _is_dir(entry):
                    yield name, False
    except PermissionError:
        return


def _sorted(folder: str) -> Iterator[tuple[str, bool]]:
    """`_entries` sorted by name, holding about two bytes more than each name's
    characters while the folder is walked, not a string object and a list slot
    (about 70 bytes) per name: 100,000 files in one folder cost the writer 7 MB
    that way. The names are sorted RUN_NAMES at a time, each sorted run packed into
    one string, and the runs merged as the walk takes them."""
    runs: list[str] = []
    chunk: list[tuple[str, bool]] = []
    for entry in _entries(folder):
        chunk.append(entry)
        if len(chunk) >= RUN_NAMES:
            runs.append(_pack(chunk))
            chunk = []
    if not runs:
        chunk.sort()
        yield from chunk
        return
    if chunk:
        runs.append(_pack(chunk))
        chunk = []
    yield from heapq.merge(*map(_unpack, runs))


def _pack(chunk: list[tuple[str, bool]]) -> str:
    """Sorted names, each followed by NUL (never in a file name) and "d" for a
    folder or "f" for a file."""
    chunk.sort()
    return "".join(f"{name}\0{'d' if folder else 'f'}" for name, folder in chunk)


def _unpack(run: str) -> Iterator[tuple[str, bool]]:
    start = 0
    while start < len(run):
        end = run.index("\0", start)
        yield run[start:end], run[end + 1] == "d"
        start = end + 2


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # through a link: FIFOs and devices are refused later, by type
    except OSError:
        return False


def _files(root: str, below: str = "", *, ordered: bool = True) -> Iterator[str]:
    """The article files under the folder `root` as paths relative to it (`below`
    is the subfolder being listed), holding one listing per level."""
    folder = os.path.join(root, below) if below else root
    for name, is_folder in _sorted(folder) if ordered else _entries(folder):
        rel = os.path.join(below, name) if below else name
        if is_folder:
            yield from _files(root, rel, ordered=ordered)
        else:
            yield rel


def walk(folder: Path) -> Iterator[Path]:
    """The article files under `folder` (recursively; *.txt, *.md, *.jsonl, *.html,
    *.htm, *.warc, *.warc.gz; hidden entries skipped), spelled as `normal` spells
    the folder, in the order `sorted()` gives their paths, listed lazily."""
    base = normal(folder)  # once per folder, not once per file
    for rel in _files(str(folder)):
        yield base / rel


@dataclass(frozen=True)
class Inputs:
    """The command line's inputs, checked and counted, listed when iterated (files
    as given, folders walked by `walk`, '-' for stdin); iterating again lists the
    folders again."""

    roots: tuple[tuple[Path | str, bool], ...]  # (input, is a folder)
    files: int  # input files, stdin counting as one
    kinds: frozenset[str]  # what the inputs need (`kind`)

    def __iter__(self) -> Iterator[Path | str]:
        for root, folder in self.roots:
            if folder:
                assert isinstance(root, Path)
                yield from walk(root)
            else:
                yield root

    def __len__(self) -> int:
        return self.files

    @property
    def countable(self) -> bool:
        """True when every input is one article (no stdin, JSON Lines or web archive)."""
        return not self.kinds & {"stdin", "jsonl", "warc"}


def expand(paths: Sequence[str | Path]) -> Inputs:
    """Check and count the command line's inputs. Missing paths are a usage error, a
    folder without articles an InputError (before anything is read)."""
    missing = [str(p) for p in paths if str(p) != STDIN and not Path(p).exists()]
    if missing:
        raise UsageError(f"{missing[0]}: no such file or directory")
    roots: list[tuple[Path | str, bool]] = []
    files = 0
    kinds: set[str] = set()
    for p in paths:
        if str(p) == STDIN:
            roots.append((STDIN, False))
            files += 1
            kinds.add("stdin")
            continue
        path = Path(p)
        if path.is_dir():
            found = 0
            for rel in _files(str(path), ordered=False):
                found += 1
                kinds.add(kind(rel))
            if not found:
                raise InputError(
                    f"{path}: no articles found (looked for {', '.join(ARTICLE_SUFFIXES)})"
                )
            roots.append((path, True))
            files += found
        else:
            roots.append((normal(path), False))
            files += 1
            kinds.add(kind(path))
    return Inputs(tuple(roots), files, frozenset(kinds))


def collect(paths: Sequence[str | Path]) -> list[Path | str]:
    """Every input of `expand`, listed at once (for callers that need them all)."""
    return list(expand(paths))
