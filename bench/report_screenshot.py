"""Screenshot of a `talks report` page in the OS's headless Chromium (docs/report.png).

    python bench/report_screenshot.py report.html docs/report.png [--click N]

Opens the file, optionally clicks the N-th chart mark (its evidence panel opens),
and saves a PNG of the first screen. Needs chromium and chromedriver from the OS
packages and selenium (the dev extra); nothing is downloaded.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

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
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report", type=Path)
    ap.add_argument("png", type=Path)
    ap.add_argument("--click", type=int, default=None, help="click the N-th chart mark first")
    ap.add_argument("--size", default="1100,1000", help="window width,height")
    args = ap.parse_args()
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in (*FLAGS, f"--window-size={args.size}"):
        options.add_argument(flag)
    with tempfile.TemporaryDirectory() as profile:
        options.add_argument(f"--user-data-dir={profile}")
        service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
        driver = webdriver.Chrome(service=service, options=options)
        try:
            driver.get(args.report.resolve().as_uri())
            if args.click is not None:
                mark = driver.find_elements(By.CSS_SELECTOR, "svg.chart a.mark")[args.click]
                driver.execute_script("arguments[0].scrollIntoView({block: 'nearest'})", mark)
                mark.click()
            args.png.parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(args.png))
        finally:
            driver.quit()
    print(f"{args.png}: {args.png.stat().st_size} bytes")


if __name__ == "__main__":
    main()
