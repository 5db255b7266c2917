"""Regenerate the README's example output from real runs (a maintenance script).

    python bench/readme_examples.py          # rewrite README.md in place
    python bench/readme_examples.py --check  # exit 1 and show a diff when it drifted

Every ```text block right after a `<!-- example -->` line is an example: each
`$ talks ...` line in it is run (in order, top to bottom, against one temporary
store, from the repository root, tables COLUMNS=110 wide) and the lines under it
are replaced by what the command printed: stdout, then stderr, then
`(exit status N)` when N is not 0. Output lines longer than LINE_MAX characters
are cut and end in " …". A `talks show ID` example shows the first quote that
`talks quotes --speaker Medinsky` lists, so it survives changes to extraction.
tests/test_readme_examples.py fails when the README and a fresh run differ.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shlex
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MARK = "<!-- example -->"
WIDTH = 110
LINE_MAX = 200
_BLOCK = re.compile(r"(?m)^" + re.escape(MARK) + r"\n```text\n(.*?)^```$", re.S)


def _cut(line: str) -> str:
    return line if len(line) <= LINE_MAX else line[:LINE_MAX] + " …"


class Runner:
    """Runs `talks` commands in this process against one temporary store."""

    def __init__(self, workdir: Path) -> None:
        self.env = {
            "TALKS_DB": str(workdir / "talks.db"),
            "COLUMNS": str(WIDTH),
            "TALKS_LEXICON": "",
            "TALKS_DEBUG": "",
        }

    def run(self, argv: list[str]) -> tuple[str, str, int]:
        from typer.testing import CliRunner

        from talks.cli import app

        old = Path.cwd()
        os.chdir(REPO)
        try:
            result = CliRunner().invoke(app, argv, env=self.env, prog_name="talks")
        finally:
            os.chdir(old)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result.stdout, result.stderr, result.exit_code

    def first_quote(self) -> str:
        import json

        out, _, _ = self.run(["quotes", "--speaker", "Medinsky", "--limit", "1", "-f", "json"])
        return str(json.loads(out)[0]["id"])


def _command(line: str, runner: Runner) -> tuple[str, list[str]]:
    """The command line as the README shows it, and the argv to run."""
    shown = line[2:]
    code = shown.split("  #")[0].strip()
    argv = shlex.split(code)[1:]
    if argv[:1] == ["show"] and len(argv) > 1:
        quote = runner.first_quote()
        argv[1] = quote
        shown = shown.replace(shlex.split(code)[2], quote, 1)
    return shown, argv


def regenerate(text: str, runner: Runner) -> str:
    """`text` (the README) with every example block's output made afresh."""

    def block(m: re.Match[str]) -> str:
        lines: list[str] = []
        for line in m.group(1).splitlines():
            if not line.startswith("$ talks "):
                continue
            shown, argv = _command(line, runner)
            out, err, code = runner.run(argv)
            lines.append(f"$ {shown}")
            lines.extend(_cut(x.rstrip()) for x in (out + err).splitlines())
            if code:
                lines.append(f"(exit status {code})")
        return f"{MARK}\n```text\n" + "".join(x + "\n" for x in lines) + "```"

    return _BLOCK.sub(block, text)


def fresh(readme: str) -> str:
    with tempfile.TemporaryDirectory(prefix="talks-readme-") as tmp:
        return regenerate(readme, Runner(Path(tmp)))


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only report drift (exit 1)")
    args = ap.parse_args(argv)
    path = REPO / "README.md"
    old = path.read_text(encoding="utf-8")
    new = fresh(old)
    if args.check:
        if new != old:
            sys.stdout.writelines(
                difflib.unified_diff(
                    old.splitlines(True), new.splitlines(True), "README.md", "fresh run"
                )
            )
            return 1
        return 0
    if new != old:
        path.write_text(new, encoding="utf-8")
        print("README.md: examples regenerated", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
