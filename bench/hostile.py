"""Seconds (and memory) per MB of ingesting one article, from 10 KB to 5 MB, for
ordinary prose and for each input shape that was once super-linear (issue 11).

    python bench/hostile.py [--sizes 10K,100K,1M,5M] [--shapes prose,spaces,...]
                            [--stage ingest|extract] [--json]

Each shape is one article of the given size: `prose` (generated news articles run
together), `spaces` (a long run of blank lines and spaces after the text, like a
scraped footer), `dots` and `bangs` (runs of "." and "!?"), `cues` (one sentence of
"Medinsky said Medinsky said …"), `quotes` (one paragraph of short quotes),
`paragraphs` (thousands of one-line paragraphs, each with a quote), `debris` (a
page of share-prompt lines that are masked as noise), `roles` (thousands of
"The foreign minister said …" between named speakers: each role phrase looks
back for the person it means).

`--stage ingest` (the default) times the whole path a file takes: it is written to
a temporary folder and `talks.pipeline.ingest_paths` reads it, extracts it and
stores it (relevance prefilter off, so every shape is extracted). Articles under
200 KB go in as several files per run (20 of 10 KB), so that the run's fixed cost
(opening the store, the lexicon's fingerprint) is not counted as the article's.
`--stage extract` times reading (`build_article`) and extraction (`extract`) only.
Every shape and size runs in a fresh process (after one warm-up article), repeated
until 0.3 s have passed, so its peak memory is its own: the table prints seconds
per MB, and the largest size's peak-RSS growth over the warmed-up process per MB
of input. Linear time shows as a flat row; the last columns give the largest
size's figure over the smallest's (flatness) and the worst figure over ordinary
prose's at the same size.

Times are the process's CPU seconds (`time.process_time`: ingest with one job runs
extraction and SQLite in this process), so that other work on a shared machine
weighs less than on wall-clock figures; it still shares caches and memory
bandwidth with them: compare rows of one run, not runs of different days.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed import corpus

from talks.extract import extract
from talks.ingest import build_article
from talks.lexicon import Lexicon, shipped
from talks.pipeline import ingest_paths
from talks.store import Store


def _repeat(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def shapes(lexicon: Lexicon) -> dict[str, Callable[[int], str]]:
    prose_cache: list[str] = []

    def prose(n: int) -> str:
        while not prose_cache or len(prose_cache[0]) < n:
            k = max(50, 2 * n // 3000)
            prose_cache[:] = ["\n\n".join(corpus(k, seed=1, lexicon=lexicon))]
        return prose_cache[0][:n]

    head = "Peace talks resume\n\nISTANBUL (Reuters) - Talks resumed on Tuesday, Medinsky said.\n"
    return {
        "prose": prose,
        "spaces": lambda n: head + _repeat("   \n", n - len(head)),
        "dots": lambda n: head + _repeat(".", n - len(head)),
        "bangs": lambda n: head + _repeat("!?", n - len(head)),
        "cues": lambda n: head + _repeat("Medinsky said ", n - len(head)),
        "quotes": lambda n: head + _repeat("“We want peace,” Medinsky said. ", n - len(head)),
        "paragraphs": lambda n: head + _repeat("“Peace now,” he said.\n", n - len(head)),
        "debris": lambda n: head + _repeat("Share this article\n", n - len(head)),
        "roles": lambda n: (
            head
            + _repeat(
                "The foreign minister said talks would go on. Medinsky said so. ", n - len(head)
            )
        ),
    }


def _size(text: str) -> int:
    units = {"K": 1000, "M": 1000_000}
    return int(float(text[:-1]) * units[text[-1].upper()]) if text[-1].isalpha() else int(text)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


RUN_BYTES = 200_000  # articles smaller than this go in as several files per run


def _once(text: str, lexicon: Lexicon, stage: str, folder: Path, run: int) -> tuple[int, float]:
    """One run: extract `text`, or ingest it as new files (as many as make RUN_BYTES,
    so a run's fixed cost does not swamp small articles) into the store in `folder`
    (writing the files is not timed). Returns (articles done, seconds)."""
    if stage == "extract":
        t0 = time.process_time()
        article = build_article(text, name="bench.txt", path="bench.txt", lexicon=lexicon)
        extract(article, lexicon=lexicon)
        return 1, time.process_time() - t0
    files = -(-RUN_BYTES // len(text.encode("utf-8"))) if run >= 0 else 1
    batch = folder / f"run{run}"
    batch.mkdir()
    for i in range(files):  # a first line never used before: a new article
        (batch / f"r{run}-{i}.txt").write_text(f"Copy {run}-{i}\n\n{text}", encoding="utf-8")
    with Store(folder / "store.db") as store:
        t0 = time.process_time()
        summary = ingest_paths(store, [batch], lexicon=lexicon, everything=True)
        spent = time.process_time() - t0
    if summary.new != files or not summary.ok:
        raise SystemExit(f"bench: the articles were not stored: {summary.line()} {summary.errors}")
    return files, spent


def one(shape: str, n: int, stage: str) -> dict[str, float]:
    """Seconds per article and peak-RSS growth (MB) of `shape` at `n` characters."""
    lexicon = shipped()
    text = shapes(lexicon)[shape](n)
    with tempfile.TemporaryDirectory(prefix="talks-hostile-") as tmp:
        folder = Path(tmp)
        warm = "Warm up. Medinsky said so, “the talks are over,” he said.\n"
        _once(warm, lexicon, stage, folder, -1)  # imports, compiled lexicon, the store
        base = _rss_mb()
        articles = runs = 0
        spent = 0.0
        while spent < 0.3 or runs == 0:
            done, seconds = _once(text, lexicon, stage, folder, runs)
            articles += done
            spent += seconds
            runs += 1
        return {
            "seconds": spent / articles,
            "mb": len(text.encode("utf-8")) / 1e6,
            "rss_growth_mb": _rss_mb() - base,
        }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10K,100K,1M,5M")
    ap.add_argument("--shapes", default="")
    ap.add_argument("--stage", choices=["ingest", "extract"], default="ingest")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--one", nargs=2, metavar=("SHAPE", "SIZE"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one[0], _size(args.one[1]), args.stage)))
        return 0
    sizes = [_size(s) for s in args.sizes.split(",")]
    names = [s for s in args.shapes.split(",") if s] or list(shapes(shipped()))
    figures: dict[str, dict[int, float]] = {}
    memory: dict[str, dict[int, float]] = {}
    for name in names:
        figures[name], memory[name] = {}, {}
        for n in sizes:
            done = subprocess.run(
                [sys.executable, __file__, "--stage", args.stage, "--one", name, str(n)],
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode:
                raise SystemExit(f"bench: {name} at {n:,}: {done.stderr.strip()[-2000:]}")
            got = json.loads(done.stdout)
            per_mb = got["seconds"] / got["mb"]
            figures[name][n] = per_mb
            memory[name][n] = got["rss_growth_mb"] / got["mb"]
            if not args.json:
                print(
                    f"{name:11} {n / 1000:>8,.0f} KB  {per_mb:7.2f} s/MB "
                    f"({got['seconds']:.3f} s; peak RSS +{got['rss_growth_mb']:.0f} MB)",
                    flush=True,
                )
    if args.json:
        print(
            json.dumps(
                {
                    k: {
                        str(n): {"s_per_mb": round(v, 3), "rss_mb_per_mb": round(memory[k][n], 1)}
                        for n, v in f.items()
                    }
                    for k, f in figures.items()
                },
                indent=2,
            )
        )
        return 0
    print()
    print(
        f"{'shape':11} "
        + " ".join(f"{n / 1000:>9,.0f}K" for n in sizes)
        + "   flat  vs prose  RSS/MB"
    )
    prose = figures.get("prose", {})
    for name, row in figures.items():
        flat = row[sizes[-1]] / row[sizes[0]]
        worst = max(row[n] / prose[n] for n in sizes) if prose else float("nan")
        print(
            f"{name:11} "
            + " ".join(f"{row[n]:10.2f}" for n in sizes)
            + f"  {flat:5.2f}x  {worst:6.2f}x  {memory[name][sizes[-1]]:6.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
