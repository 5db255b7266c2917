"""Everyday queries on a large store, whole process, this code next to another.

    python bench/queries.py --db BIG.db [--before-src DIR --before-db BIG0.db]
                            [--runs 5] [--only NAME ...] [--same-options] [--json]

Each query is run as a separate `python -m talks ...` process (start-up, imports,
lexicon, query and output all counted), writing to a temporary file; the runs of
this code and of the code in `--before-src` (a checkout's `src` folder, run with
the same interpreter) are interleaved so both see the same machine load. Per
query and side: median and p95 wall time, median CPU (user + system, from the
child's own rusage), peak RSS and output size. Queries the older code cannot run
as written (options it lacks) run without those options on its side and are
marked so (`--same-options`: the older code has them too, e.g. this round's main).
Build the store once with bench/bigstore.py.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Query:
    name: str
    argv: tuple[str, ...]
    before: tuple[str, ...] | None = None  # what the older code runs instead
    db: bool = True


QUERIES = (
    Query("version", ("--version",), db=False),
    Query("topics", ("topics", "-f", "json"), db=False),
    Query(
        "quotes --speaker Medinsky --limit 50",
        ("quotes", "--speaker", "Medinsky", "--limit", "50", "-f", "json"),
    ),
    Query(
        "quotes --contains neutral --limit 20",
        ("quotes", "--contains", "neutral", "--limit", "20", "-f", "json"),
    ),
    Query(
        "positions --topic neutrality --limit 50",
        ("positions", "--topic", "neutrality", "--limit", "50", "-f", "json"),
        before=("positions", "--topic", "neutrality", "-f", "json"),
    ),
    Query(
        "articles --since 2022-03-01 --limit 20",
        ("articles", "--since", "2022-03-01", "--limit", "20", "-f", "json"),
        before=("articles", "--since", "2022-03-01", "-f", "json"),
    ),
    Query(
        "diff --from 2022-04-30 --to 2025-12-31 --topic nato",
        ("diff", "--from", "2022-04-30", "--to", "2025-12-31", "--topic", "nato", "-f", "json"),
    ),
    Query("speakers", ("speakers", "-f", "json")),
    Query("timeline --topic nato", ("timeline", "--topic", "nato", "-f", "json")),
    Query(
        "quotes --speaker Medinsky -f jsonl (every row)",
        ("quotes", "--speaker", "Medinsky", "-f", "jsonl"),
    ),
    Query(
        "100,000 quotes as JSON Lines (every row of a 100k-row export)",
        ("quotes", "--limit", "100000", "-f", "jsonl"),
    ),
    Query("36,000 quotes as JSON", ("quotes", "--limit", "36000", "-f", "json")),
    Query("36,000 quotes as YAML", ("quotes", "--limit", "36000", "-f", "yaml")),
)


def run_once(python: str, src: Path | None, argv: Sequence[str]) -> dict[str, float]:
    """One whole `talks` process: wall seconds, CPU seconds, peak RSS MB, output bytes."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: byte code cached
    if src is not None:
        env["PYTHONPATH"] = str(src)
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [python, "-m", "talks", *argv], stdout=out, stderr=subprocess.DEVNULL, env=env
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        size = out.seek(0, os.SEEK_END)
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss_mb": usage.ru_maxrss / 1024,
        "bytes": size,
        "exit": os.waitstatus_to_exitcode(status),
    }


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def summarize(runs: list[dict[str, float]]) -> dict[str, float]:
    return {
        "wall_median": round(statistics.median(r["wall"] for r in runs), 3),
        "wall_p95": round(_p95([r["wall"] for r in runs]), 3),
        "cpu_median": round(statistics.median(r["cpu"] for r in runs), 3),
        "rss_mb": round(max(r["rss_mb"] for r in runs), 1),
        "mb_out": round(runs[-1]["bytes"] / 1e6, 2),
        "exit": runs[-1]["exit"],
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, required=True, help="the store this code reads")
    ap.add_argument("--before-src", type=Path, help="src folder of the code to compare with")
    ap.add_argument("--before-db", type=Path, help="the store the older code reads")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--only", nargs="*", help="run only queries whose name contains these")
    ap.add_argument(
        "--same-options",
        action="store_true",
        help="the older code takes every query's options as written (no fallbacks)",
    )
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    here = Path(__file__).resolve().parents[1] / "src"
    python = sys.executable
    results: list[dict[str, Any]] = []
    for q in QUERIES:
        if args.only and not any(o in q.name for o in args.only):
            continue
        sides: dict[str, list[dict[str, float]]] = {"after": []}
        if args.before_src:
            sides["before"] = []
        for _ in range(args.runs):
            for side in sides:
                src = here if side == "after" else args.before_src
                db = args.db if side == "after" else (args.before_db or args.db)
                older = side == "before" and not args.same_options
                cmd = list(q.before or q.argv) if older else list(q.argv)
                if q.db:
                    cmd += ["--db", str(db)]
                sides[side].append(run_once(python, src, cmd))
        row: dict[str, Any] = {"query": q.name}
        for side, runs in sides.items():
            row[side] = summarize(runs)
        if q.before and args.before_src and not args.same_options:
            row["before_without"] = " ".join(a for a in q.argv if a not in q.before)
        results.append(row)
        if not args.json:
            print(_line(row), flush=True)
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


def _line(row: dict[str, Any]) -> str:
    def side(s: dict[str, float]) -> str:
        return (
            f"p95 {s['wall_p95']:.2f} s (median {s['wall_median']:.2f}, CPU {s['cpu_median']:.2f})"
            f", {s['mb_out']} MB out, RSS {s['rss_mb']:.0f} MB"
            + ("" if s["exit"] in (0, 1) else f", exit {s['exit']}")
        )

    text = f"{row['query']}\n  after:  {side(row['after'])}"
    if "before" in row:
        note = f"  [without {row['before_without']}]" if "before_without" in row else ""
        text += f"\n  before: {side(row['before'])}{note}"
    return text


if __name__ == "__main__":
    raise SystemExit(main())
