"""The logged-in main menu of the longest kind (a province: two reporting entries and the account menu)
stays on one line on a 1366 px laptop screen."""

from tests import factories
from tests.functional.e2e.conftest import E2E_DB, login

pytestmark = E2E_DB

LAPTOP = {"width": 1366, "height": 768}


def test_the_province_menu_fits_on_one_line_at_1366_px(open_page, live_server, db):
    province = factories.ProvinceFactory(code="35", login_code="3500", name="Jawa Timur")
    user = factories.PemdaUserFactory(region=province)
    page = open_page(LAPTOP)
    login(page, live_server, user.username)
    tops = page.eval_on_selector_all(
        ".main-nav > ul > li", "(items) => items.map((li) => Math.round(li.getBoundingClientRect().top))"
    )
    assert len(tops) == 9  # home, berita, produk hukum, panduan, forum, input, kab/kota, notifications, account
    assert len(set(tops)) == 1, tops
