"""The dashboard in a real headless Chromium (Debian's, driven by Playwright): load, filter, evidence, coding.

Screenshots go to a temporary directory (printed with -s). The tests skip, saying why, only when no
Chromium binary can be started on this machine.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed (pip install -e '.[dev]')")

from accord.api import create_app  # noqa: E402
from accord.settings import load_settings  # noqa: E402
from api_store import build  # noqa: E402
from web_server import serving  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def _chromium() -> str | None:
    for name in (os.environ.get("ACCORD_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                 shutil.which("chromium-browser")):
        if name and Path(name).exists():
            return name
    return None


@pytest.fixture(scope="module")
def shots() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="accord-dashboard-"))
    print(f"\nscreenshots in {folder}")
    return folder


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    db = build(tmp_path_factory.mktemp("web") / "web.duckdb", synthetic_docs=30)
    with serving(create_app(db, load_settings(db_path=db))) as url:
        yield url


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory):
    exe = _chromium()
    if exe is None:
        pytest.skip("no chromium binary (apt-get install chromium; .ci/run does this)")
    profile = tmp_path_factory.mktemp("chromium-profile")
    pw = sync_api.sync_playwright().start()
    try:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=exe, headless=True, args=FLAGS, viewport={"width": 1400, "height": 1000})
    except Exception as exc:  # noqa: BLE001 - the one case where skipping is right: the browser cannot run here
        pw.stop()
        pytest.skip(f"chromium at {exe} cannot start here: {str(exc).splitlines()[0]}")
    context.set_default_timeout(20_000)
    yield context
    context.close()
    pw.stop()


@pytest.fixture()
def page(browser_context, base_url):
    page = browser_context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("requestfailed", lambda req: errors.append(f"request failed: {req.url}")
            if not req.url.startswith(base_url) else None)
    page.goto(base_url + "/")
    page.wait_for_selector("body[data-ready=true]")
    yield page
    assert not errors, errors
    page.close()


def test_web_dashboard_loads_every_panel(page, shots):
    assert "documents" in page.inner_text("#summary")
    assert page.locator("#banner").is_hidden()
    assert page.locator("#events tbody tr[data-id]").count() == 25
    assert page.locator("#map path.country").count() > 150
    assert page.locator("#map path.country[data-iso3=RUS]").count() == 1
    assert page.locator("#map circle").count() == 3  # Beijing, Kharkiv, Moscow (synthetic places have no coordinates)
    assert page.evaluate("() => window.Chart && Chart.getChart('series-chart').data.datasets.length") == 5
    title = page.evaluate("() => Chart.getChart('series-chart').options.plugins.title.text")
    assert title.startswith("Russia")
    assert page.evaluate("() => document.querySelector('#network canvas') !== null")
    page.screenshot(path=str(shots / "dashboard.png"), full_page=True)


def test_web_filter_narrows_the_table(page, shots):
    before = page.inner_text("#events-total")
    page.fill("#f-country", "Ukraine")
    page.click("#f-types summary")
    page.check("#f-types-list input[value=ACCUSE]")
    page.click("#f-apply")
    page.wait_for_function(f"() => document.querySelector('#events-total').textContent !== {before!r}")
    rows = page.locator("#events tbody tr[data-id]")
    assert rows.count() >= 1
    for i in range(rows.count()):
        text = rows.nth(i).inner_text().lower()
        assert "accuse" in text and "ukraine" in text
    assert page.input_value("#d-a") == "UKR"
    page.screenshot(path=str(shots / "filtered.png"), full_page=True)


def test_web_row_opens_evidence_and_document(page, shots):
    page.fill("#f-q", "Kharkiv")
    page.click("#f-apply")
    page.wait_for_function("() => document.querySelector('#events-total').textContent.startsWith('1 found')")
    page.click("#events tbody tr[data-id]")
    dialog = page.locator("#evidence")
    dialog.wait_for(state="visible")
    assert page.inner_text("#ev-sentence mark.actor") == "Ukraine"
    assert page.inner_text("#ev-sentence mark.trigger") == "accused"
    assert page.inner_text("#ev-sentence mark.recipient") == "Russia"
    facts = page.inner_text("#ev-body dl")
    assert "test.accuse.v1" in facts and "71%" in facts
    page.screenshot(path=str(shots / "evidence.png"))
    page.click("#ev-doc")
    page.locator("#document").wait_for(state="visible")
    assert page.inner_text("#doc-title") == "Lavrov and Wang meet in Beijing"
    assert page.locator("#doc-text mark.event-sentence").count() == 2
    assert "We will not accept pressure" in page.inner_text("#doc-body")
    page.screenshot(path=str(shots / "document.png"))


def test_web_pasted_text_is_coded(page, shots):
    page.fill("#code-text", "French President Emmanuel Macron met Chinese Premier Li Qiang in Paris on Monday. "
                            "France and China signed an agreement on nuclear energy.")
    page.fill("#code-date", "2024-04-08")
    page.click("#code-go")
    page.wait_for_selector("[data-testid=coded-event]", timeout=90_000)
    coded = page.locator("[data-testid=coded-event]")
    assert coded.count() >= 1
    first = coded.first
    assert first.locator("mark.trigger").count() == 1 and first.locator("mark.actor").count() >= 1
    assert "event(s) in 1 document(s)" in page.inner_text("#code-status")
    page.screenshot(path=str(shots / "coded.png"), full_page=True)
