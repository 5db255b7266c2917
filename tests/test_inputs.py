"""The command line's inputs (`talks.inputs`): folders are walked lazily, one folder's
names at a time, in exactly the order the old expansion gave (every path listed by
`Path.rglob` and sorted): the order `--jobs 1` and `--jobs 2` store articles in."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pytest

from talks import inputs as inputs_mod
from talks.errors import InputError, UsageError
from talks.inputs import ARTICLE_SUFFIXES, Inputs, collect, expand, walk

TREE = [
    "a.txt",
    "a/",  # a folder whose name begins others': its files come first ("a" < "a b")
    "a/z.txt",
    "a-b.txt",
    "a b.md",
    "A.TXT",
    "_under.md",
    "b.jsonl",
    "b/0.txt",
    "b/sub/deeper/x.htm",
    "b/sub.txt",
    "b/.hidden.txt",
    ".hidden/e.txt",
    "folder.txt/inside.txt",  # a folder with an article suffix: walked, not a file
    "é.txt",
    "z.warc.gz",
    "10.txt",
    "9.txt",
    "meta.yaml",
    "notes.csv",
    "image.png",
]


def build(root: Path) -> None:
    for rel in TREE:
        path = root / rel
        if rel.endswith("/"):
            path.mkdir(parents=True, exist_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n", encoding="utf-8")
    (root / "elsewhere").mkdir()
    (root / "elsewhere" / "linked.txt").write_text("x\n", encoding="utf-8")
    os.symlink(root / "elsewhere", root / "link-to-folder")  # not followed, as rglob
    os.symlink(root / "elsewhere", root / "link-to-folder.txt")  # a folder: not a file
    os.symlink(root / "a.txt", root / "link-to-file.txt")  # a file: listed


def old_expansion(path: Path) -> list[Path]:
    """What `collect` did before inputs were walked lazily (the reference order)."""
    found = sorted(
        f
        for f in path.rglob("*")
        if f.name.lower().endswith(ARTICLE_SUFFIXES)
        and not any(part.startswith(".") for part in f.relative_to(path).parts)
        and not f.is_dir()
    )
    return [path / f.relative_to(path) for f in found]


def test_the_walk_lists_what_the_sorted_expansion_listed_in_the_same_order(
    tmp_path: Path,
) -> None:
    build(tmp_path)
    got = list(walk(tmp_path))
    assert got == old_expansion(tmp_path)
    rel = [p.relative_to(tmp_path).as_posix() for p in got]
    assert rel[:3] == ["10.txt", "9.txt", "A.TXT"]  # by code point, as sorted() does
    # by path components, not by the whole string (where "a.txt" < "a/z.txt")
    assert rel.index("a/z.txt") < rel.index("a b.md") < rel.index("a-b.txt") < rel.index("a.txt")
    assert rel.index("b/sub/deeper/x.htm") < rel.index("b/sub.txt")
    assert "folder.txt/inside.txt" in rel and "folder.txt" not in rel
    assert "link-to-file.txt" in rel and "link-to-folder.txt" not in rel
    assert "elsewhere/linked.txt" in rel
    assert not [r for r in rel if r.startswith("link-to-folder/") or "hidden" in r]


def test_the_walk_is_the_old_order_on_a_generated_tree(tmp_path: Path) -> None:
    # many folders and files whose names share prefixes, digits and cases
    names = ["a", "a0", "a_", "A", "b-", "b", "ab", "a.b"]
    for i, first in enumerate(names):
        for j, second in enumerate(names):
            if (i + j) % 3 == 0:
                (tmp_path / first / second).mkdir(parents=True, exist_ok=True)
                (tmp_path / first / second / f"{j}.md").write_text("x", encoding="utf-8")
            if (i * j) % 4 == 1:
                (tmp_path / first).mkdir(exist_ok=True)
                (tmp_path / first / f"{second}.txt").write_text("x", encoding="utf-8")
    assert list(walk(tmp_path)) == old_expansion(tmp_path)
    assert len(old_expansion(tmp_path)) > 20


def test_names_sorted_in_small_runs_and_merged_keep_the_old_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(tmp_path)
    # runs of 2 names: every folder of the tree is packed and merged
    monkeypatch.setattr(inputs_mod, "RUN_NAMES", 2)
    assert list(walk(tmp_path)) == old_expansion(tmp_path)
    assert expand([tmp_path]).files == len(old_expansion(tmp_path))


def test_a_big_folder_is_walked_holding_a_few_bytes_per_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = 3000
    for i in range(files):
        (tmp_path / f"{i:05d}.txt").write_text("", encoding="utf-8")
    monkeypatch.setattr(inputs_mod, "RUN_NAMES", 200)
    tracemalloc.start()
    try:
        walked = walk(tmp_path)
        first = next(walked)  # the whole folder is listed and sorted by now
        held, peak = tracemalloc.get_traced_memory()
        rest = list(walked)
    finally:
        tracemalloc.stop()
    assert [first, *rest] == old_expansion(tmp_path)
    # a str and a list slot per name were about 70 bytes; packed, a 9-character
    # name takes 11 (plus the runs being merged, and one run of 200 being sorted)
    assert held < files * 25, held
    assert peak < files * 40, peak


def test_expand_counts_and_checks_without_listing(tmp_path: Path) -> None:
    build(tmp_path)
    single = tmp_path / "elsewhere" / "linked.txt"
    inputs = expand([tmp_path, "-", single])
    files = list(inputs)
    assert files == [*old_expansion(tmp_path), "-", single]
    assert inputs.files == len(files) == len(inputs)
    assert inputs.kinds == {"text", "jsonl", "html", "warc", "stdin"}
    assert not inputs.countable
    assert expand([tmp_path / "a"]).countable
    assert list(inputs) == files  # iterating again lists the folders again


def test_folders_are_listed_when_the_walk_reaches_them(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "two").mkdir()
    (tmp_path / "two" / "b.txt").write_text("x", encoding="utf-8")
    files = iter(expand([tmp_path]))
    assert next(files) == tmp_path / "one" / "a.txt"
    # written after the run started: still listed, because "two" is listed only now
    (tmp_path / "two" / "c.txt").write_text("x", encoding="utf-8")
    assert list(files) == [tmp_path / "two" / "b.txt", tmp_path / "two" / "c.txt"]


def test_a_path_inside_the_working_folder_is_spelled_relative_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(tmp_path)
    monkeypatch.chdir(tmp_path)
    got = collect(["b", str(tmp_path / "a.txt")])
    assert got == [
        Path("b/0.txt"),
        Path("b/sub/deeper/x.htm"),
        Path("b/sub.txt"),
        Path("a.txt"),
    ]


def test_missing_paths_and_empty_folders_are_refused_before_anything_is_listed(
    tmp_path: Path,
) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.csv").write_text("x", encoding="utf-8")
    (tmp_path / "empty" / ".hidden.txt").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="empty: no articles found"):
        expand([tmp_path / "empty"])
    with pytest.raises(UsageError, match=r"nope\.txt: no such file"):
        expand([tmp_path / "empty", tmp_path / "nope.txt"])
    assert isinstance(expand(["-"]), Inputs)
