"""The HTML export in a real browser (Debian's headless Chromium).

In CI (CI=true) Chromium must be there (.ci/run installs it); elsewhere the test skips
with a reason when it is absent.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from tests.test_export import HOSTILE, ok


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    if os.environ.get("CI"):
        pytest.fail("Chromium is not installed; .ci/run must apt-get install chromium")
    pytest.skip("Chromium is absent (apt-get install chromium to run the browser test)")


def dump_dom(browser: str, url: str, profile) -> str:
    result = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={profile}", "--virtual-time-budget=3000",
         "--dump-dom", url],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_highlights_render_and_article_markup_stays_inert(cli, tmp_path, sample_path):
    browser = chromium()
    ok(cli("ingest", str(sample_path)))
    hostile = tmp_path / "hostile.md"
    hostile.write_text(HOSTILE, encoding="utf-8")
    ok(cli("ingest", str(hostile), "--threshold", "0"))
    ok(cli("review", "triage", "1", "--accept", "--as", "alice"))
    ok(cli("evidence", "add", "1", "--url", "https://example.org/fixture/kinzhal",
           "--publisher", "Fixture Wire (made up)", "--quote", "Fixture text.", "--stance",
           "supports", "--as", "alice"))
    ok(cli("review", "rate", "1", "--rating", "true", "--summary",
           "Fixture summary shown on focus.", "--as", "alice"))
    page = tmp_path / "report.html"
    ok(cli("export", "--format", "html", "--output", str(page)))
    n_claims = len(__import__("json").loads(cli("claims", "list", "--json").stdout))

    dom = dump_dom(browser, page.as_uri() + "#claim-1", tmp_path / "profile")
    assert 'data-ready="1"' in dom  # the page's own script ran
    marks = re.findall(r'<mark class="claim[^"]*"[^>]*data-claim-id="(\d+)"', dom)
    assert len(set(marks)) == n_claims
    details = dom.split('<aside id="details"', 1)[1].split("</aside>", 1)[0]
    assert "Claim 1" in details and "Fixture summary shown on focus." in details
    assert "data-pwned" not in dom.split("<body", 1)[1].split(">", 1)[0]
    assert "<title>Fact-check report</title>" in dom  # the injected script never ran
    assert "<img src=\"x\"" not in dom and "&lt;img src=x onerror=" in dom
