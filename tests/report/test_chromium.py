"""The page as a person sees it: a real headless Chromium, with the network pointed nowhere,
renders the report to a PNG, and the charts there are drawn (not blank).

Chromium is Debian's ``chromium`` package (``.ci/run`` installs it in CI, with ``fonts-noto-cjk``).
Without it the tests are skipped — except in CI (``$CI`` set), where they must run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from simgroup.report.charts import COLOURS
from tests.cli.conftest import invoke
from tests.report.conftest import CONTENT, PLAIN

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="needs Debian's chromium (apt-get install chromium fonts-noto-cjk); CI installs it",
)


def screenshot(page: Path, tmp_path: Path, height: int = 2000) -> Image.Image:
    """``page`` rendered 1200 px wide by headless Chromium, offline (every request goes to a
    proxy nobody listens on, and no name resolves)."""
    assert CHROMIUM is not None, "chromium is missing in CI: .ci/run installs it"
    png = tmp_path / f"{page.stem}.png"
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         f"--user-data-dir={tmp_path / 'profile'}",
         "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
         f"--screenshot={png}", f"--window-size=1200,{height}", page.resolve().as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    return Image.open(png).convert("RGB")


def chart_rows(image: Image.Image, colour: str, tolerance: int = 40) -> list[int]:
    """Rows of the screenshot where a line of ``colour`` is drawn (at least 3 such pixels)."""
    target = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)])
    pixels = np.asarray(image, dtype=np.int16)
    near = (np.abs(pixels - target) <= tolerance).all(axis=2)
    return [int(y) for y in np.flatnonzero(near.sum(axis=1) >= 3)]


def assert_drawn(image: Image.Image, top: int, bottom: int) -> None:
    """The area between rows ``top`` and ``bottom`` is a chart: many non-white pixels, many colours."""
    area = image.crop((0, top, image.size[0], bottom))
    colours = area.getcolors(maxcolors=1 << 20) or []
    non_white = sum(n for n, c in colours if sum(c) < 3 * 245)
    assert len(colours) > 20, len(colours)
    assert non_white > 0.02 * area.size[0] * area.size[1], non_white


def test_a_run_report_shows_its_charts(documents: dict[str, Path], tmp_path: Path) -> None:
    page = tmp_path / "run.html"
    assert invoke("report", str(documents["run"]), "-o", str(page))[0] == 0
    image = screenshot(page, tmp_path, height=2400)
    rows = chart_rows(image, COLOURS[0])
    assert len(rows) > 200, len(rows)  # four charts' worth of blue lines and legends
    assert_drawn(image, rows[0], rows[-1])


def test_acceptance_content_vs_plain(tmp_path: Path) -> None:
    """The compare of the bundled pair, as a user would make it, opens with both variants drawn."""
    code, stdout, stderr = invoke("compare", str(CONTENT), str(PLAIN), "--reps", "3", "--days", "8",
                                  "--workers", "1", "--json")
    assert code == 0, stderr
    doc = tmp_path / "cmp.json"
    doc.write_text(stdout, encoding="utf-8")
    page = tmp_path / "cmp.html"
    code, _, stderr = invoke("report", str(doc), "-o", str(page))
    assert code == 0, stderr
    image = screenshot(page, tmp_path, height=2400)
    a, b = chart_rows(image, COLOURS[0]), chart_rows(image, COLOURS[1])
    assert len(a) > 200 and len(b) > 200, (len(a), len(b))
    assert_drawn(image, min(a[0], b[0]), max(a[-1], b[-1]))


def test_a_chinese_sensitivity_report_shows_its_bars(documents: dict[str, Path], tmp_path: Path) -> None:
    page = tmp_path / "sens.html"
    assert invoke("report", str(documents["sensitivity"]), "-o", str(page), "--lang", "zh")[0] == 0
    image = screenshot(page, tmp_path, height=1400)
    rows = chart_rows(image, COLOURS[0])
    assert len(rows) > 20, len(rows)  # three bars
    assert_drawn(image, rows[0], rows[-1])
