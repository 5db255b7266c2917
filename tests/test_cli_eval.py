"""`talks eval` with one gold set and with several: each set's figures under its own
heading, then the sets side by side; mismatched --articles is a usage error."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Run

ARTICLE = (
    "Russia-Ukraine peace talks resume in Istanbul\n\n"
    "ISTANBUL, March 3, 2025 (Reuters) - Russian negotiator Vladimir Medinsky said the"
    " ceasefire talks with Ukraine would continue in May.\n\n"
    '"We are close to a deal on prisoners," Medinsky told reporters.\n'
)
GOLD = """article: a1.txt
published: 2025-03-03
published_basis: stated
quotes:
  - {speaker: Vladimir Medinsky, side: Russia, kind: indirect,
     text: "the ceasefire talks with Ukraine would continue in May"}
  - {speaker: Vladimir Medinsky, side: Russia, kind: direct,
     text: "We are close to a deal on prisoners,"}
positions: []
"""


def _set(root: Path, name: str) -> tuple[Path, Path]:
    gold, arts = root / name / "gold", root / name / "articles"
    gold.mkdir(parents=True)
    arts.mkdir(parents=True)
    (arts / "a1.txt").write_text(ARTICLE, encoding="utf-8")
    (gold / "a1.gold.yaml").write_text(GOLD, encoding="utf-8")
    return gold, arts


def test_one_set_prints_its_figures(run: Run, tmp_path: Path) -> None:
    gold, arts = _set(tmp_path, "one")
    r = run("eval", gold, "--articles", arts, "-f", "table")
    assert r.exit_code == 0, r.output
    assert "articles    1" in r.output and "===" not in r.output
    assert "direct      P 1.00 R 1.00" in r.output


def test_several_sets_print_each_sets_figures(run: Run, tmp_path: Path) -> None:
    (g1, a1), (g2, a2) = _set(tmp_path, "one"), _set(tmp_path, "two")
    r = run("eval", g1, g2, "--articles", a1, "--articles", a2, "-f", "table")
    assert r.exit_code == 0, r.output
    assert r.output.count("articles    1") == 2
    assert f"=== {g1}" in r.output and f"=== {g2}" in r.output and "=== all sets" in r.output
    assert r.output.index(f"=== {g1}") < r.output.index(f"=== {g2}")
    table = r.output.split("=== all sets")[1]
    assert str(g1) in table and str(g2) in table and "1/0/0" in table
    # one --articles folder serves every set; JSON holds one report per set
    r = run("eval", g1, g2, "--articles", a1, "-f", "json")
    assert r.exit_code == 0, r.output
    sets = json.loads(r.output)["sets"]
    assert [s["gold"] for s in sets] == [str(g1), str(g2)]
    assert all(s["report"]["direct"]["extraction"]["tp"] == 1 for s in sets)


def test_mismatched_articles_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    (g1, a1), (g2, a2) = _set(tmp_path, "one"), _set(tmp_path, "two")
    g3, _ = _set(tmp_path, "three")
    r = run("eval", g1, g2, g3, "--articles", a1, "--articles", a2)
    assert r.exit_code == 2
    assert "3 gold folders but 2 --articles" in r.output
