"""The command line's inputs: files as given, folders walked lazily.

A folder of 100,000 articles must not cost the writer 100,000 paths for the
whole run: expanding it into one sorted list of `Path`s (with `rglob`'s own set of
them on the way) was the only part of `talks ingest`'s memory that grew with the
corpus, about 700 bytes per file. `expand` checks and counts the inputs up front
(missing paths, folders without articles, which readers are needed, how many
files there are) in one `os.scandir` pass that keeps nothing per file, and lists
the files only as the run takes them, in the order a sorted list of their paths
has: each folder's entries sorted by name, a subfolder's files where its name
sorts. Only the folder being listed holds its names, and those are dropped as
they are taken.
"""

from __future__ import annotations

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


def _listing(folder: str, *, ordered: bool) -> tuple[list[str], set[str]]:
    """A folder's article files and subfolders by name (hidden ones left out), and
    which of the names are subfolders. Links to folders are not followed (as
    `Path.rglob` does not); a name with an article suffix that is a folder, or a
    link to one, is not a file. `ordered`: sorted from last to first, so that the
    caller pops them in order and the list shrinks as the walk goes. An unreadable
    folder lists nothing (as with `Path.rglob`)."""
    names: list[str] = []
    folders: set[str] = set()
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
                    folders.add(name)
                    names.append(name)
                elif name.lower().endswith(ARTICLE_SUFFIXES) and not _is_dir(entry):
                    names.append(name)
    except PermissionError:
        return [], set()
    if ordered:
        names.sort(reverse=True)
    return names, folders


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # through a link: FIFOs and devices are refused later, by type
    except OSError:
        return False


def _files(root: str, below: str = "", *, ordered: bool = True) -> Iterator[str]:
    """The article files under the folder `root` as paths relative to it (`below`
    is the subfolder being listed), holding one listing per level."""
    names, folders = _listing(os.path.join(root, below) if below else root, ordered=ordered)
    while names:
        name = names.pop()
        rel = os.path.join(below, name) if below else name
        if name in folders:
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
