"""Publication dates against true dates kept outside the articles folder.

    python bench/dates.py [--meta ../shared/devset/meta.yaml] [--articles DIR] [--json]

Reads each article the `meta.yaml` list names (`file`, `published`, `date_in_text`)
from `--articles` (default: the folder beside the meta file), ingests it as `talks
ingest` does (shipped lexicon, no index file) and compares the article's
`published` with the true date: right, wrong (a date that is not the true one) or
unknown (no date). Articles missing from `--articles` are skipped, so a subset
folder can be scored against the full list. Also reports how many of the dates the
text states (`date_in_text: true`) were found. The meta file is read here only; it
never goes near the tool's input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import yaml

from talks.ingest import load_path
from talks.lexicon import shipped


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--meta", default="../shared/devset/meta.yaml")
    ap.add_argument("--articles", default=None)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--quiet", action="store_true", help="totals only, no per-article lines")
    args = ap.parse_args(argv)
    meta_path = Path(args.meta)
    articles = Path(args.articles) if args.articles else meta_path.parent / "articles"
    entries: list[dict[str, Any]] = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
    lexicon = shipped()
    rows = []
    for entry in entries:
        path = articles / entry["file"]
        if not path.exists():
            continue
        loaded = load_path(path, lexicon=lexicon, index={})
        got: dt.date | None = loaded.articles[0].published if loaded.articles else None
        true: dt.date | None = entry.get("published")
        verdict = "unknown" if got is None else ("right" if got == true else "wrong")
        rows.append(
            {
                "file": entry["file"],
                "true": str(true) if true else None,
                "predicted": str(got) if got else None,
                "verdict": verdict,
                "stated": bool(entry.get("date_in_text")),
            }
        )
    totals = {v: sum(r["verdict"] == v for r in rows) for v in ("right", "wrong", "unknown")}
    stated = [r for r in rows if r["stated"]]
    totals_stated = {
        "stated": len(stated),
        "stated_found": sum(r["verdict"] == "right" for r in stated),
    }
    if args.json:
        json.dump({"articles": rows, **totals, **totals_stated}, sys.stdout, indent=2)
        print()
        return 0
    if not args.quiet:
        for r in rows:
            print(f"{r['verdict']:8} {r['file']:50} true {r['true']}  got {r['predicted']}")
    print(
        f"articles {len(rows)}  right {totals['right']}  wrong {totals['wrong']}  "
        f"unknown {totals['unknown']}  stated found {totals_stated['stated_found']}/{len(stated)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
