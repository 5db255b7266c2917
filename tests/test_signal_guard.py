"""The suite's guard (conftest `signals_kept`): a test that leaves the SIGINT or
SIGTERM handler changed fails, and the handler is put back for the tests after it."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, signals_kept


@pytest.mark.parametrize(
    ("sig", "handler"),
    [(signal.SIGINT, signal.SIG_IGN), (signal.SIGTERM, lambda *_: None)],
)
def test_a_handler_left_changed_fails_and_is_put_back(sig: signal.Signals, handler: object) -> None:
    before = signal.getsignal(sig)
    with pytest.raises(pytest.fail.Exception, match=f"{sig.name} .* -> "), signals_kept():
        signal.signal(sig, handler)  # type: ignore[arg-type]
    assert signal.getsignal(sig) == before


def test_a_handler_put_back_passes() -> None:
    with signals_kept():
        old = signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGINT, old)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_the_suite_reports_the_test_that_leaves_sigint_ignored(tmp_path: Path) -> None:
    shutil.copy(REPO / "tests" / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "test_leak.py").write_text(
        "import signal\n\n"
        "def test_leaks():\n    signal.signal(signal.SIGINT, signal.SIG_IGN)\n\n"
        "def test_after():\n"
        "    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler\n",
        encoding="utf-8",
    )
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rE", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        # as from a shell: Ctrl-C at its default (see test_parallel's Ctrl-C test)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert out.returncode == 1, out.stdout + out.stderr
    assert "2 passed, 1 error" in out.stdout, out.stdout
    assert "ERROR at teardown of test_leaks" in out.stdout
    assert "SIGINT <built-in function default_int_handler> -> <Handlers.SIG_IGN: 1>" in out.stdout
