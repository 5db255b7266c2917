"""How many bytes the store spends per article, and on what.

    python bench/store_size.py [--n 2000] [--seed 7] [--json] [--keep FILE]

Generates articles with bench/speed.py's generator and keeps those of 2-4 KB
(realistic news length), ingests them with `talks.pipeline.ingest_paths` into a
fresh store, runs VACUUM, and reports the file's bytes per article next to the
article text's own bytes per article, then the bytes each table and index holds
(SQLite's dbstat). Only public APIs are used, so the same script measures older
code too: `PYTHONPATH=/path/to/old/src python bench/store_size.py`.
Target (issue 8): at most 8 KB per article.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sqlite3
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from talks.lexicon import Lexicon, shipped


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("speed", Path(__file__).with_name("speed.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Corpus


def texts(n: int, *, seed: int, lexicon: Lexicon) -> list[str]:
    """`n` generated articles of 2-4 KB (UTF-8), deterministic for a seed."""
    gen = _generator()(lexicon, seed)
    out: list[str] = []
    i = 0
    while len(out) < n:
        text = gen.article(i)
        i += 1
        if 2048 <= len(text.encode("utf-8")) <= 4096:
            out.append(text)
    return out


def measure(corpus: Sequence[str], *, lexicon: Lexicon, keep: Path | None) -> dict[str, Any]:
    from talks.pipeline import ingest_paths
    from talks.store import Store

    with tempfile.TemporaryDirectory(prefix="talks-size-") as tmp:
        src = Path(tmp) / "articles"
        src.mkdir()
        for i, t in enumerate(corpus):
            (src / f"{i:05d}.txt").write_text(t, encoding="utf-8")
        db = (keep or Path(tmp) / "size.db").resolve()
        if db.exists():
            db.unlink()
        here = os.getcwd()
        os.chdir(tmp)  # a relative path, as a user types it: `talks ingest articles`
        try:
            with Store(db) as store:
                summary = ingest_paths(store, ["articles"], lexicon=lexicon)
                counts = store.counts()
        finally:
            os.chdir(here)
        con = sqlite3.connect(db)
        con.execute("PRAGMA journal_mode = DELETE")
        con.execute("VACUUM")
        objects = con.execute(
            "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC"
        ).fetchall()
        con.close()
        size = db.stat().st_size
    n = len(corpus)
    text_bytes = sum(len(t.encode("utf-8")) for t in corpus)
    return {
        "articles": n,
        "failed": summary.failed,
        "stored": counts,
        "text_bytes_per_article": round(text_bytes / n),
        "store_bytes_per_article": round(size / n),
        "ratio_to_text": round(size / text_bytes, 2),
        "objects_bytes_per_article": {name: round(b / n) for name, b in objects},
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="articles to generate")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--keep", type=Path, help="write the store here instead of a temp file")
    args = ap.parse_args(argv)
    lexicon = shipped()
    result = measure(
        texts(args.n, seed=args.seed, lexicon=lexicon), lexicon=lexicon, keep=args.keep
    )
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(
        f"{result['articles']} articles ({result['failed']} failed), "
        f"{result['stored']['quotes']} quotes, {result['stored']['positions']} positions"
    )
    print(
        f"store {result['store_bytes_per_article']} B/article, text "
        f"{result['text_bytes_per_article']} B/article: {result['ratio_to_text']}x the text"
    )
    for name, b in result["objects_bytes_per_article"].items():
        print(f"  {name:32} {b:7d} B/article")
    return 0


if __name__ == "__main__":
    sys.exit(main())
