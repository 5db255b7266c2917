"""`talks report` in a real browser: the OS's headless Chromium driven by selenium
through the OS's chromedriver (nothing downloaded at run time).

On CI (CI=true) this always runs: CI installs chromium when it is missing, and a
missing browser fails the test. Elsewhere it is skipped only when chromium or
chromedriver is not installed. The screenshot is kept as a test artifact in
bench/out/ (ignored by git) and in the test's tmp folder.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO, SEEDS, Run, sql

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
ON_CI = os.environ.get("CI", "").lower() == "true"

if not ON_CI and not (CHROMIUM and DRIVER):
    pytest.skip("chromium/chromedriver not installed (not on CI)", allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1200,1400",
)

HOSTILE = (
    "---\ntitle: <script>alert('t')</script> Talks\noutlet: Wire\npublished: 2022-03-31\n---\n"
    "Russian negotiator Vladimir Medinsky said: “We reject <script>alert('x')</script> "
    "claims that Russia opposes Ukraine's neutrality.”\n"
)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[webdriver.Chrome]:
    assert CHROMIUM and DRIVER, "CI must have chromium and chromedriver (see README)"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'chromium-profile'}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def test_report_in_headless_chromium(browser: webdriver.Chrome, tmp_path: Path, run: Run) -> None:
    folder = tmp_path / "extra"
    folder.mkdir()
    (folder / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    db = tmp_path / "b.db"
    assert run("ingest", SEEDS, folder, "--db", db).exit_code == 0
    out = tmp_path / "report.html"
    result = run("report", "--db", db, "-o", out, "--from", "2022-04-30", "--to", "2025-12-31")
    assert result.exit_code == 0, result.stderr

    browser.get(out.as_uri())
    WebDriverWait(browser, 20).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )
    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    assert errors == []

    dated = sql(db, "SELECT id, evidence FROM position_list WHERE date IS NOT NULL")
    marks = browser.find_elements(By.CSS_SELECTOR, "svg.chart a.mark")
    assert len(marks) == len(dated) > 0
    evidence = dict(dated)

    panel = browser.find_element(By.ID, "panel")
    assert not panel.is_displayed()
    for mark in (marks[0], marks[-1]):
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
        mark.click()
        WebDriverWait(browser, 10).until(lambda d: panel.is_displayed())
        target = mark.get_attribute("data-evidence")
        assert panel.get_attribute("data-showing") == target
        span = panel.find_element(By.CSS_SELECTOR, "mark.span").text
        assert span == evidence[target.removeprefix("ev-")]
        assert "outlet:" in panel.text and "published:" in panel.text

    # injected markup in an article is shown as text, never run
    assert "<script>alert('x')</script>" in browser.find_element(By.ID, "speakers").text
    assert browser.execute_script("return document.scripts.length") == 1
    assert [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")] == []

    shot = tmp_path / "report.png"
    assert browser.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    artifacts = REPO / "bench" / "out"
    artifacts.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, artifacts / "report-browser-test.png")
