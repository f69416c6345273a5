"""Phones of 360, 390 and 414 px: the tables people act on become cards (Landasan hukum's Download in view,
Daftar bidang's open quarter first, the dashboard's table, tokens, the forum index), tables that keep their
columns say they scroll, breadcrumb links and small buttons are 44 px targets, and the desktop (1366 px) keeps
its tables. Every page is checked with axe."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from forum.forum_abuse.forums import forums_setup
from home.services import site_structure_ensure
from reporting.accounts.services.roles import roles_setup
from tests import factories
from tests.functional.e2e import journeys
from tests.functional.e2e.conftest import E2E_DB, assert_accessible, login

pytestmark = E2E_DB

WIDTHS = [360, 390, 414]
REGULATION = "Permendagri Nomor 100 Tahun 2018"

# Cards: no .table-wrap with a .stack table scrolls sideways, and every link or button inside one is on screen.
CARDS_JS = """
() => {
  const problems = [];
  document.querySelectorAll('.table-wrap').forEach((wrap) => {
    if (!wrap.querySelector('table.stack')) { return; }
    if (wrap.scrollWidth > wrap.clientWidth + 1) { problems.push('scrolls: ' + wrap.getAttribute('aria-label')); }
    wrap.querySelectorAll('a, button').forEach((el) => {
      const box = el.getBoundingClientRect();
      if (box.width && (box.left < 0 || box.right > window.innerWidth + 1)) {
        problems.push('off-screen: ' + el.textContent.trim().slice(0, 40));
      }
    });
  });
  return problems;
}
"""
# Tap targets: breadcrumb links and small buttons at least 44 px high.
TARGETS_JS = """
() => Array.from(document.querySelectorAll('.breadcrumb a, main .button.small, main .link-button'))
  .filter((el) => el.getClientRects().length && !el.closest('details:not([open])'))
  .filter((el) => el.getBoundingClientRect().height < 44)
  .map((el) => el.textContent.trim().slice(0, 40) + ' ' + el.getBoundingClientRect().height)
"""
# Scrolling tables: each one wider than its wrapper has the visible hint and is a labelled, focusable region.
SCROLLERS_JS = """
() => Array.from(document.querySelectorAll('.table-wrap'))
  .filter((wrap) => wrap.scrollWidth > wrap.clientWidth + 1)
  .filter((wrap) => !(wrap.previousElementSibling && wrap.previousElementSibling.matches('.scroll-hint:not([hidden])')
    && wrap.getAttribute('tabindex') === '0' && wrap.getAttribute('aria-label')))
  .map((wrap) => wrap.getAttribute('aria-label') || wrap.className)
"""


@pytest.fixture
def people(db):
    data = journeys.world()
    roles_setup()
    site_structure_ensure()
    forums_setup()
    factories.RegulationPageFactory(title=REGULATION, slug="permendagri-100-2018", nomor="100")
    officer = factories.PemdaUserFactory(region=data["kabkota"], must_change_password=False)
    now = timezone.now()  # a closed quarter before the open one: on a phone the open one comes first
    factories.PeriodFactory(
        year=journeys.YEAR, quarter=1, opens_at=now - timedelta(days=300), closes_at=now - timedelta(days=200)
    )
    return {"officer": officer, **data}


def _phone_checks(page, context):
    journeys.check(page, context, True)
    assert page.evaluate(CARDS_JS) == [], context
    assert page.evaluate(TARGETS_JS) == [], context
    assert page.evaluate(SCROLLERS_JS) == [], context


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def test_the_tables_people_act_on_are_cards_on_a_phone(open_page, live_server, people, width):
    page = open_page({"width": width, "height": 800})

    page.goto(live_server.url + "/landasan-hukum/")
    download = page.get_by_role("link", name=f"Download / Lihat {REGULATION}")
    box = download.bounding_box()  # before any scrolling: within the screen's width, a 44 px target
    assert box["x"] >= 0 and box["x"] + box["width"] <= width and box["height"] >= 44, box
    page.mouse.wheel(0, box["y"] - 200)  # scrolling down (never sideways) brings it into view
    expect(download).to_be_in_viewport()
    _phone_checks(page, f"landasan hukum {width}")

    page.goto(live_server.url + "/forum/")
    _phone_checks(page, f"forum {width}")

    login(page, live_server, people["officer"].username)
    _phone_checks(page, f"dashboard {width}")
    _emblem_checks(page, width)

    page.goto(live_server.url + "/forum/")
    start = page.get_by_role("link", name="+ BUAT THREAD")
    box = start.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width and box["height"] >= 44, box
    start.click()
    choices = page.get_by_role("list", name="Forum tujuan thread baru").get_by_role("link")
    assert choices.count() >= 2
    for index in range(choices.count()):
        choice = choices.nth(index).bounding_box()
        assert choice["x"] >= 0 and choice["x"] + choice["width"] <= width and choice["height"] >= 44, choice
    _phone_checks(page, f"pilih forum {width}")
    expect(page.locator("wagtail-userbar")).to_have_count(0)  # not an admin: no userbar at all

    journeys.go_by_menu(page, "INPUT CAPAIAN KABUPATEN/KOTA")
    page.wait_for_url("**/pelaporan/bidang/")
    _phone_checks(page, f"daftar bidang {width}")
    journeys.open_quarter_from_daftar_bidang(page, "PENDIDIKAN", phone=True)
    _phone_checks(page, f"tab A {width}")

    page.goto(live_server.url + "/akun/token-api/")
    _phone_checks(page, f"token API {width}")


def _emblem_checks(page, width):
    """The header's emblem: shown whole beside the title, nothing pushed past the screen's width."""
    emblem = page.locator(".site-header .brand-emblem")
    expect(emblem).to_be_visible()
    expect(emblem).to_have_attribute("alt", re.compile(r"\S"))
    box = emblem.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width and 32 <= box["height"] <= 48, box
    title = page.locator(".site-header .brand-title").bounding_box()
    assert title["x"] >= box["x"] + box["width"] and title["x"] + title["width"] <= width, (box, title)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_desktop_keeps_its_tables(page, live_server, people):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + "/landasan-hukum/")
    _emblem_checks(page, 1366)
    header = page.get_by_role("columnheader", name="Aksi")
    expect(header).to_be_visible()
    expect(page.locator(".scroll-hint:not([hidden])")).to_have_count(0)
    assert_accessible(page, "landasan hukum 1366")
    login(page, live_server, people["officer"].username)
    page.goto(live_server.url + "/pelaporan/bidang/")
    expect(page.get_by_role("columnheader", name=re.compile("^TW IV"))).to_contain_text("Batas input")
    assert_accessible(page, "daftar bidang 1366")
