"""Which parties changed their stance between two dates? A scripted diff over `talks`.

Ingests a folder of articles into a throwaway store with the `talks` command,
reads every position back as JSON (`talks positions --format json`), and works
out, for each party and topic, the stance as of each date: the latest dated
evidence on or before it. Prints the pairs whose stance changed, with the
dates, articles and the evidence on both sides.

    python examples/diff_positions.py 2022-04-30 2025-12-31
    python examples/diff_positions.py 2022-04-30 2025-12-31 --topic nato --articles data/seeds

Only the `talks` command line is used (run as `python -m talks` with this
interpreter), so the same steps work from any language or shell script.
Exit status: 0 when something changed, 1 when nothing did, 2 on errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Any

Position = dict[str, Any]
HERE = Path(__file__).resolve().parent


def talks(*args: str) -> str:
    """Run one `talks` command and return its standard output; fail loudly."""
    cmd = [sys.executable, "-m", "talks", *args]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"`talks {' '.join(args)}` failed ({done.returncode}):\n{done.stderr.strip()}")
    return done.stdout


def stance_as_of(positions: list[Position], when: dt.date) -> Position | None:
    """The latest dated position on or before `when` (ties: unconditional, then later in text)."""
    dated = [p for p in positions if p["date"] and dt.date.fromisoformat(p["date"]) <= when]
    if not dated:
        return None
    return max(
        dated,
        key=lambda p: (p["date"], not p["conditional"], p["article_id"], p["span"]["start"]),
    )


def changes(
    positions: list[Position], start: dt.date, end: dt.date
) -> list[tuple[str, str, Position, Position]]:
    """(actor, topic, before, after) for every pair whose stance differs between the dates."""
    groups: dict[tuple[str, str], list[Position]] = {}
    for p in positions:
        groups.setdefault((p["actor"], p["topic"]), []).append(p)
    out = []
    for (actor, topic), group in sorted(groups.items()):
        before, after = stance_as_of(group, start), stance_as_of(group, end)
        if before and after and before["stance"] != after["stance"]:
            out.append((actor, topic, before, after))
    return out


def describe(p: Position) -> str:
    cond = ", conditional" if p["conditional"] else ""
    who = f", voiced by {p['holder']}" if p.get("holder") else ""
    head = f"{p['stance']} on {p['date']} in {p['article']}{cond}{who}"
    evidence = textwrap.fill(
        f"“{p['evidence']}”", width=88, initial_indent="      ", subsequent_indent="       "
    )
    return f"{head}\n{evidence}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("start", type=dt.date.fromisoformat, help="the earlier date, YYYY-MM-DD")
    parser.add_argument("end", type=dt.date.fromisoformat, help="the later date, YYYY-MM-DD")
    parser.add_argument("--topic", help="only this topic key (see `talks topics`)")
    parser.add_argument(
        "--articles",
        type=Path,
        default=HERE.parent / "data" / "seeds",
        help="folder of articles to ingest (default: the seed articles)",
    )
    args = parser.parse_args(argv)
    if not args.articles.exists():
        parser.error(f"{args.articles}: no such folder")

    with tempfile.TemporaryDirectory(prefix="talks-diff-") as tmp:
        db = str(Path(tmp) / "store.sqlite")
        talks("ingest", str(args.articles), "--db", db)
        query = ["positions", "--db", db, "--format", "json"]
        if args.topic:
            query += ["--topic", args.topic]
        positions: list[Position] = json.loads(talks(*query))

    undated = sum(1 for p in positions if not p["date"])
    found = changes(positions, args.start, args.end)
    scope = f" on {args.topic}" if args.topic else ""
    print(f"Stances that changed{scope} between {args.start} and {args.end}")
    print(f"({len(positions)} positions read, {undated} without a date left out)\n")
    for actor, topic, before, after in found:
        print(f"{actor} · {topic}: {before['stance']} → {after['stance']}")
        print(f"  before: {describe(before)}")
        print(f"  after:  {describe(after)}\n")
    if not found:
        print("No stance changed.")
    return 0 if found else 1


if __name__ == "__main__":
    sys.exit(main())
