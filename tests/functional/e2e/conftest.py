"""Browser journeys in Debian's Chromium through Playwright, with axe-core accessibility checks.

Skipped (with a clear reason) when Chromium is not installed, unless E2E_REQUIRED=1 (CI),
where a missing browser is a failure. On failure a screenshot and the page HTML go to artifacts/.

``assert_accessible`` is called on every page a journey visits: no serious or critical axe-core
violation and no form control without a label. Violations in pages owned elsewhere are listed in
KNOWN_BUGS (and reproduced under strict xfail in test_known_bugs.py). To survey every page at once,
run with E2E_A11Y_COLLECT=/tmp/a11y.tsv: findings are written there instead of failing the journeys.
"""

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from django.conf import settings

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ARTIFACTS = Path(settings.BASE_DIR) / "artifacts"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
PASSWORD = "Rahasia-uji-123"  # tests.factories.UserFactory's password
# Every journey runs against the live server, so its data must be committed (transaction=True).
# serialized_rollback: the flush after such a test would also drop what the migrations made
# (Wagtail's root page, site and collection, the home page), which the next journey needs again.
# Every e2e module uses this same marker: one test flushing without it would let post_migrate
# recreate rows (machina's forum permissions) under new ids, and the next restore would clash.
E2E_DB = pytest.mark.django_db(transaction=True, serialized_rollback=True)
SKIP_REASON = "Chromium tidak terpasang di /usr/bin/chromium: uji browser (e2e) dilewati. Pasang dengan: apt-get install chromium"


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="package")
def browser():
    """One Chromium for the e2e tests, closed after the last of them (package scope).

    While it runs, Playwright's sync API keeps an event loop in this thread, and Django would refuse
    the tests' plain synchronous ORM calls: DJANGO_ALLOW_ASYNC_UNSAFE is set for that time only, so
    it never leaks into later tests or their subprocesses (``manage.py check --deploy`` rejects it).
    """
    if not CHROMIUM.exists():
        if os.environ.get("E2E_REQUIRED") == "1":
            pytest.fail(f"E2E_REQUIRED=1 but {CHROMIUM} is missing")
        pytest.skip(SKIP_REASON)
    from playwright.sync_api import expect, sync_playwright

    # The machine is shared (2 cores): give expect() the same patience as actions, not 5 s.
    expect.set_options(timeout=15_000)
    before = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if before is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = before


def _new_page(browser, viewport):
    """A page in its own browser context: its own cookies, so one context is one signed-in person."""
    context = browser.new_context(viewport=viewport, locale="id-ID", timezone_id="Asia/Jakarta", accept_downloads=True)
    context.set_default_timeout(15_000)
    return context.new_page()


def _save_artifacts(request, pages) -> None:
    failed = getattr(request.node, "rep_call", None)
    if failed is None or not failed.failed:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-120:]
    for n, page in enumerate(pages):
        suffix = "" if n == 0 else f"-{n + 1}"
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}{suffix}.png"), full_page=True)
            (ARTIFACTS / f"{name}{suffix}.html").write_text(page.content(), encoding="utf-8")
        except Exception:  # noqa: BLE001, S110 -- artifacts are best effort; the test already failed
            pass


def _open_page(browser, request, viewport):
    page = _new_page(browser, viewport)
    yield page
    _save_artifacts(request, [page])
    page.context.close()


@pytest.fixture
def page(browser, request, live_server):
    yield from _open_page(browser, request, DESKTOP)


@pytest.fixture
def phone_page(browser, request, live_server):
    yield from _open_page(browser, request, PHONE)


@pytest.fixture
def open_page(browser, request, live_server):
    """Factory of pages for journeys with several people: ``open_page()`` or ``open_page(PHONE)``.

    Every page opened gets its screenshot and HTML in artifacts/ when the test fails.
    """
    pages = []

    def factory(viewport=DESKTOP):
        page = _new_page(browser, viewport)
        pages.append(page)
        return page

    yield factory
    _save_artifacts(request, pages)
    for page in pages:
        page.context.close()


# Form controls a person fills in, without an accessible name from a <label>, aria-label or
# aria-labelledby (a placeholder or a title is not a label).
UNLABELLED_CONTROLS_JS = """
() => Array.from(document.querySelectorAll(
    'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image]), select, textarea'
  ))
  .filter((el) => !(el.labels && Array.from(el.labels).some((l) => l.textContent.trim() !== ''))
    && !(el.getAttribute('aria-label') || '').trim()
    && !(el.getAttribute('aria-labelledby') || '').split(/\\s+/).some(
      (id) => id && document.getElementById(id) && document.getElementById(id).textContent.trim() !== ''))
  .map((el) => el.outerHTML.slice(0, 160))
"""

_AXE = None


def _axe():
    global _AXE  # noqa: PLW0603 -- one axe-core script loaded once per test session
    if _AXE is None:
        from axe_playwright_python.sync_playwright import Axe

        _AXE = Axe()
    return _AXE


def unlabelled_controls(page) -> list[str]:
    """The form controls of the current page that have no label (outerHTML excerpts)."""
    return page.evaluate(UNLABELLED_CONTROLS_JS)


@dataclass(frozen=True)
class KnownBug:
    """A violation (axe, label or width check) in a page this suite does not own, reported to its owner.

    ``assert_accessible`` lets the journeys go on past it (so they still prove the rest), and
    test_known_bugs.py reproduces it under ``xfail(strict=True)``: once fixed, that test passes,
    strict xfail turns it into a failure, and the entry must be removed from KNOWN_BUGS.
    """

    rule: str  # axe rule id, UNLABELLED or TOO_WIDE
    path: str  # regular expression searched in the page's path
    target: str  # part of the offending node: its CSS selector (axe), outerHTML (labels), tag.class (width)
    reason: str


# Rule names of this suite's own checks, next to axe's rule ids.
UNLABELLED = "control-without-label"
TOO_WIDE = "page-wider-than-screen"

# Fixed: tab B tables keyboard-scrollable, tab C upload label, tab A width on a phone (test_accessibility_regressions.py).
KNOWN_BUGS: list[KnownBug] = []


def _is_known(rule: str, url: str, target) -> bool:
    path = urlsplit(url).path
    return any(bug.rule == rule and re.search(bug.path, path) and bug.target in str(target) for bug in KNOWN_BUGS)


def axe_violations(page, *, include_known: bool = False) -> list[dict]:
    """Serious and critical axe violations on the current page, as {rule, impact, targets}."""
    found = []
    for violation in _axe().run(page).response["violations"]:
        if violation.get("impact") not in ("serious", "critical"):
            continue
        targets = [
            n["target"]
            for n in violation["nodes"]
            if include_known or not _is_known(violation["id"], page.url, n["target"])
        ]
        if targets:
            found.append({"rule": violation["id"], "impact": violation["impact"], "targets": targets})
    return found


def _log_findings(context, page, rule, targets) -> None:
    """E2E_A11Y_COLLECT=<file>: write every finding there instead of failing (a survey of all pages)."""
    with open(os.environ["E2E_A11Y_COLLECT"], "a", encoding="utf-8") as log:
        log.write(f"{context}\t{page.url}\t{rule}\t{targets[:4]}\n")


def assert_accessible(page, context=""):
    """No serious or critical axe-core violation and every form control labelled (KNOWN_BUGS aside)."""
    bad = axe_violations(page)
    unlabelled = [t for t in unlabelled_controls(page) if not _is_known(UNLABELLED, page.url, t)]
    if os.environ.get("E2E_A11Y_COLLECT"):
        for v in bad:
            _log_findings(context, page, v["rule"], v["targets"])
        if unlabelled:
            _log_findings(context, page, UNLABELLED, unlabelled)
        return
    details = "; ".join(f"{v['rule']} ({v['impact']}): {v['targets'][:3]}" for v in bad)
    assert not bad, f"Pelanggaran aksesibilitas di {context or page.url}: {details}"
    assert not unlabelled, f"Isian tanpa label di {context or page.url}: {unlabelled}"


# What sticks out past the right edge of the screen: elements outside any scrolling .table-wrap, and
# absolutely positioned ones inside it (they escape its scrolling when no ancestor is positioned).
OVERFLOWING_JS = """
() => Array.from(document.querySelectorAll('body *'))
  .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1
    && (!el.closest('.table-wrap') || getComputedStyle(el).position === 'absolute'))
  .filter((el, i, all) => !all.includes(el.parentElement))
  .map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : ''))
"""


def overflowing_elements(page) -> list[str]:
    """Elements that make the page wider than the screen (empty when it fits)."""
    if page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"):
        return []
    return page.evaluate(OVERFLOWING_JS) or ["(tidak diketahui)"]


def assert_fits_the_screen(page, context=""):
    """Nothing makes the whole page scroll sideways (wide tables scroll inside their .table-wrap)."""
    culprits = overflowing_elements(page)
    culprits = [c for c in culprits if not _is_known(TOO_WIDE, page.url, c)]
    if culprits and os.environ.get("E2E_A11Y_COLLECT"):
        _log_findings(context, page, TOO_WIDE, culprits)
        return
    assert not culprits, f"Halaman lebih lebar dari layar di {context or page.url}: {sorted(set(culprits))[:5]}"


def login(page, live_server, username, password=PASSWORD):
    """Sign in through the login form like a person, and wait to leave the login page."""
    page.goto(live_server.url + "/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Login").click()
    page.wait_for_url(lambda url: "/login/" not in url)
