"""Build a large store for the query benchmarks, once, and reuse it.

    python bench/bigstore.py DB [--n 100000] [--seed 7] [--texts DIR]

Writes `--n` synthetic articles from bench/speed.py's generator into DIR (default:
a folder beside DB), each named `YYYY-MM-DD-NNNNNN.txt` with a publication date
spread evenly over 2022-02-24 .. 2025-12-31 (so date filters and `diff` have dated
positions to work on), then runs a full `talks ingest` of DIR into DB with
whatever `talks` package is importable (run it with PYTHONPATH pointing at an
older checkout to build the store the way that version does). Prints the
seconds taken and the store's counts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed import Corpus

from talks.lexicon import shipped

FIRST_DAY = dt.date(2022, 2, 24)
LAST_DAY = dt.date(2025, 12, 31)


def write_corpus(directory: Path, n: int, *, seed: int) -> None:
    """Write `n` dated article files into `directory` (skipped when already there)."""
    directory.mkdir(parents=True, exist_ok=True)
    done = directory / ".complete"
    if done.exists() and done.read_text() == f"{n} {seed}":
        return
    gen = Corpus(shipped(), seed)
    span = (LAST_DAY - FIRST_DAY).days
    for i in range(n):
        day = FIRST_DAY + dt.timedelta(days=i * span // max(n - 1, 1))
        (directory / f"{day.isoformat()}-{i:06d}.txt").write_text(gen.article(i), "utf-8")
    done.write_text(f"{n} {seed}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db", type=Path)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--texts", type=Path, help="where the article files go")
    args = ap.parse_args(argv)
    texts = args.texts or args.db.with_name(args.db.stem + "-texts")
    start = time.perf_counter()
    write_corpus(texts, args.n, seed=args.seed)
    print(f"corpus   {args.n} files in {texts} ({time.perf_counter() - start:.1f} s)")

    from talks.pipeline import ingest_paths
    from talks.store import Store

    start = time.perf_counter()
    with Store(args.db) as store:
        summary = ingest_paths(store, [texts], lexicon=shipped())
        counts = store.counts()
    print(f"ingest   {summary.line()} in {time.perf_counter() - start:.1f} s; {counts}")
    return 0 if summary.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
