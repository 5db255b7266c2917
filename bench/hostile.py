"""Seconds per MB of reading and extraction, from 10 KB to 5 MB, for ordinary prose
and for each input shape that was once super-linear (issue 11).

    python bench/hostile.py [--sizes 10K,100K,1M,5M] [--shapes prose,spaces,...] [--json]

Each shape is one article of the given size: `prose` (generated news articles run
together), `spaces` (a long run of blank lines and spaces after the text, like a
scraped footer), `dots` and `bangs` (runs of "." and "!?"), `cues` (one sentence of
"Medinsky said Medinsky said …"), `quotes` (one paragraph of short quotes),
`paragraphs` (thousands of one-line paragraphs, each with a quote), `debris` (a
page of share-prompt lines that are masked as noise). For each size it times the
article's reading (`build_article`: debris, title, datelines) and its extraction
(`extract`), repeating small sizes until 0.3 s have passed, and prints seconds
per MB. Linear time shows as a flat row; the last columns give the largest row's
figure over the smallest's (flatness) and the worst figure over ordinary prose's
at the same size.

Figures are whole-process, one core, on whatever else the machine runs: compare
rows of one run, not runs of different days.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed import corpus

from talks.extract import extract
from talks.ingest import build_article
from talks.lexicon import Lexicon, shipped


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
    }


def _size(text: str) -> int:
    units = {"K": 1000, "M": 1000_000}
    return int(float(text[:-1]) * units[text[-1].upper()]) if text[-1].isalpha() else int(text)


def measure(text: str, lexicon: Lexicon) -> tuple[float, float]:
    """(seconds reading, seconds extracting) per run, repeated to 0.3 s at least."""
    runs = 0
    read = work = 0.0
    while read + work < 0.3 or runs == 0:
        t0 = time.perf_counter()
        article = build_article(text, name="bench.txt", path="bench.txt", lexicon=lexicon)
        t1 = time.perf_counter()
        extract(article, lexicon=lexicon)
        t2 = time.perf_counter()
        read += t1 - t0
        work += t2 - t1
        runs += 1
    return read / runs, work / runs


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10K,100K,1M,5M")
    ap.add_argument("--shapes", default="")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    lexicon = shipped()
    sizes = [_size(s) for s in args.sizes.split(",")]
    table = shapes(lexicon)
    names = [s for s in args.shapes.split(",") if s] or list(table)
    extract(
        build_article("Warm up. Medinsky said so.", name="w", path="w", lexicon=lexicon),
        lexicon=lexicon,
    )
    figures: dict[str, dict[int, float]] = {}
    for name in names:
        figures[name] = {}
        for n in sizes:
            text = table[name](n)
            read, work = measure(text, lexicon)
            per_mb = (read + work) / (len(text.encode("utf-8")) / 1e6)
            figures[name][n] = per_mb
            if not args.json:
                print(
                    f"{name:11} {n / 1000:>8,.0f} KB  {per_mb:7.2f} s/MB "
                    f"(read {read:.3f} s, extract {work:.3f} s)",
                    flush=True,
                )
    if args.json:
        print(
            json.dumps(
                {k: {str(n): round(v, 3) for n, v in f.items()} for k, f in figures.items()},
                indent=2,
            )
        )
        return 0
    print()
    print(f"{'shape':11} " + " ".join(f"{n / 1000:>9,.0f}K" for n in sizes) + "   flat  vs prose")
    prose = figures.get("prose", {})
    for name, row in figures.items():
        flat = row[sizes[-1]] / row[sizes[0]]
        worst = max(row[n] / prose[n] for n in sizes) if prose else float("nan")
        print(
            f"{name:11} "
            + " ".join(f"{row[n]:10.2f}" for n in sizes)
            + f"  {flat:5.2f}x  {worst:6.2f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
