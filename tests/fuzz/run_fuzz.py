"""The 10,000-input fuzz run (issue 11): seeded hostile inputs through `talks ingest`
in batches, each in its own process with a time limit, then every listing format.

    python tests/fuzz/run_fuzz.py [--inputs 10000] [--batch 500] [--seed 1] [--timeout 600]

Counts and prints: tracebacks, internal errors ("a bug in talks"), hangs (a batch
over its time limit), exit statuses other than 0/1, good files or records not
stored, and spans that do not point at their text (every quote, cue and position
checked). Exit status 0 when all of those are zero. Inputs come from
`tests/fuzz/hostile_inputs.py`: mutated articles, random bytes, broken front
matter, JSON Lines and metadata indexes, odd file names, FIFOs, directories and
dangling links named like articles, pathological shapes.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fuzz.hostile_inputs import check_store, json_lines_stream, make_corpus


def _talks(args: list[str], timeout: float, stdin: bytes = b"") -> tuple[int | None, str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TALKS_")}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "talks", *args],
            input=stdin,
            capture_output=True,
            timeout=timeout,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return None, "", ""
    decoded = (x.decode("utf-8", "replace") for x in (done.stdout, done.stderr))
    return done.returncode, *decoded


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--inputs", type=int, default=10_000)
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds per batch")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    totals = {
        "inputs": 0,
        "batches": 0,
        "tracebacks": 0,
        "internal_errors": 0,
        "hangs": 0,
        "bad_exit": 0,
        "good_expected": 0,
        "good_missing": 0,
        "stdin_records_expected": 0,
        "stdin_missing": 0,
        "span_mismatches": 0,
        "records_checked": 0,
        "articles_stored": 0,
        "output_failures": 0,
        "seconds": 0.0,
    }
    examples: list[str] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="talks-fuzz-") as tmp:
        done = 0
        while done < args.inputs:
            n = min(args.batch, args.inputs - done)
            seed = args.seed * 1_000_003 + totals["batches"]
            folder = Path(tmp) / f"b{totals['batches']}"
            expected = make_corpus(folder / "in", n, seed)
            db = folder / "talks.db"
            code, _, err = _talks(
                ["ingest", str(folder / "in"), "--db", str(db), "--all", "--jobs", "1", "-q"],
                args.timeout,
            )
            totals["batches"] += 1
            totals["inputs"] += n
            totals["good_expected"] += len(expected.good)
            done += n
            if code is None:
                totals["hangs"] += 1
                examples.append(f"batch seed {seed}: over {args.timeout:.0f} s")
                continue
            if code not in (0, 1):
                totals["bad_exit"] += 1
                examples.append(f"batch seed {seed}: exit {code}")
            if "Traceback" in err:
                totals["tracebacks"] += 1
                examples.append(f"batch seed {seed}: {err[err.index('Traceback') :][:400]}")
            bugs = [line for line in err.splitlines() if "a bug in talks" in line]
            totals["internal_errors"] += len(bugs)
            examples += [f"batch seed {seed}: {b[:300]}" for b in bugs[:3]]
            checked = check_store(db, expected)
            totals["good_missing"] += len(checked.missing)
            examples += [f"batch seed {seed}: not stored: {m!r}" for m in checked.missing[:3]]
            totals["span_mismatches"] += len(checked.span_mismatches)
            totals["records_checked"] += checked.records
            totals["articles_stored"] += checked.articles
            # the same batch's JSON Lines files, one after the other, on standard input
            stdin_db = folder / "stdin.db"
            stream, head = json_lines_stream(folder / "in")
            code, _, err = _talks(
                ["ingest", "-", "--db", str(stdin_db), "--all", "-q"], args.timeout, stdin=stream
            )
            want = expected.records | head
            totals["stdin_records_expected"] += len(want)
            if code is None:
                totals["hangs"] += 1
                examples.append(f"batch seed {seed}: stdin over {args.timeout:.0f} s")
            else:
                if code not in (0, 1):
                    totals["bad_exit"] += 1
                    examples.append(f"batch seed {seed}: stdin exit {code}")
                if "Traceback" in err:
                    totals["tracebacks"] += 1
                    examples.append(
                        f"batch seed {seed}: stdin {err[err.index('Traceback') :][:400]}"
                    )
                bugs = [line for line in err.splitlines() if "a bug in talks" in line]
                totals["internal_errors"] += len(bugs)
                got = check_store(stdin_db, expected, good=want)
                totals["stdin_missing"] += len(got.missing)
                examples += [f"batch seed {seed}: stdin lost {m!r}" for m in got.missing[:3]]
                totals["span_mismatches"] += len(got.span_mismatches)
                totals["records_checked"] += got.records
            for fmt in ("table", "csv", "yaml", "jsonl"):
                code, out, err = _talks(["quotes", "--db", str(db), "--format", fmt], 300)
                if code != 0 or "Traceback" in err or (fmt == "table" and "\x1b" in out):
                    totals["output_failures"] += 1
                    examples.append(f"batch seed {seed}: quotes --format {fmt}: exit {code}")
            print(
                f"batch {totals['batches']}: {totals['inputs']} inputs, "
                f"{totals['tracebacks']} tracebacks, {totals['hangs']} hangs, "
                f"{totals['good_missing']} good missing, {totals['stdin_missing']} stdin missing, "
                f"{totals['span_mismatches']} span mismatches",
                file=sys.stderr,
                flush=True,
            )
    totals["seconds"] = round(time.monotonic() - started, 1)
    if args.json:
        print(json.dumps({**totals, "examples": examples[:20]}, indent=2))
    else:
        for k, v in totals.items():
            print(f"{k:18} {v}")
        for e in examples[:20]:
            print("  " + e)
    bad = (
        "tracebacks",
        "internal_errors",
        "hangs",
        "bad_exit",
        "good_missing",
        "stdin_missing",
        "span_mismatches",
        "output_failures",
    )
    return 1 if any(totals[k] for k in bad) else 0


if __name__ == "__main__":
    raise SystemExit(main())
