"""The examples run as users would run them, and say what they promise."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(EXAMPLES / "diff_positions.py"), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_diff_positions_reports_ukraine_nato_shift() -> None:
    done = run("2022-04-30", "2025-12-31", "--topic", "nato")
    assert done.returncode == 0, done.stderr
    out = " ".join(done.stdout.split())  # evidence is wrapped for reading
    assert "Ukraine · nato: oppose → support" in out
    # the evidence on both sides, with their dates
    assert "2022-03-30" in out and "2025-06-03" in out
    assert "drop the project of joining NATO" in out
    assert "pursue NATO membership" in out
    # Russia did not move, so it is not listed as changed
    assert "Russia · nato" not in out


def test_diff_positions_nothing_changed_before_the_first_dated_article() -> None:
    done = run("2020-01-01", "2021-01-01")
    assert done.returncode == 1, done.stderr
    assert "No stance changed." in done.stdout


def test_diff_positions_rejects_a_bad_date() -> None:
    done = run("2022-13-40", "2025-12-31")
    assert done.returncode == 2
    assert "invalid" in done.stderr
