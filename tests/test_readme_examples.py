"""The README's example output is what the commands print today."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import readme_examples  # noqa: E402


def test_the_readme_examples_are_real_output() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert readme.count(readme_examples.MARK) >= 8
    fresh = readme_examples.fresh(readme)
    drift = "".join(
        difflib.unified_diff(readme.splitlines(True), fresh.splitlines(True), "README", "now")
    )
    assert fresh == readme, (
        "README examples drifted; run `.venv/bin/python bench/readme_examples.py`\n" + drift
    )
