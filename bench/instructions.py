"""Extraction of N generated articles, for counting instructions under valgrind.

    valgrind --tool=callgrind --callgrind-out-file=/dev/null python bench/instructions.py 0
    valgrind --tool=callgrind --callgrind-out-file=/dev/null python bench/instructions.py 40

Instructions per article = (count at 40 - count at 0) / 40. Both runs generate the
same 41 articles (`speed.corpus`) and extract the first one (warming the per-lexicon
caches), so the difference is the extraction of the other N alone: start-up, the
lexicon and the corpus generation cancel out. Counts do not move with the machine's
load, unlike seconds; set PYTHONHASHSEED=0 for repeatable counts, and run a tree once
before counting after its sources change (the compiled lexicon's disk cache is rebuilt
on the first run). Run it with each tree's own Python to compare two versions.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed import corpus

from talks.extract import extract
from talks.ingest import article_id
from talks.lexicon import shipped
from talks.models import Article

GENERATED = 41


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    n = int(args[0]) if args else 40
    if not 0 <= n < GENERATED:
        print(f"instructions.py: N must be 0 to {GENERATED - 1}, not {n}", file=sys.stderr)
        return 2
    lexicon = shipped()
    texts = corpus(GENERATED, seed=7, lexicon=lexicon)
    articles = [
        Article(id=article_id(t), article=f"{i:05d}.txt", path=f"{i:05d}.txt", text=t)
        for i, t in enumerate(texts)
    ]
    extract(articles[0], lexicon=lexicon)
    for article in articles[1 : n + 1]:
        extract(article, lexicon=lexicon)
    return 0


if __name__ == "__main__":
    sys.exit(main())
