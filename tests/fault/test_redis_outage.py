"""Redis stopped or frozen under the production recipe (issue 23, items 3 and 4).

Two app hosts behind HAProxy share our own redis-server. While it is down (process gone) or frozen
(SIGSTOP: connections accepted, nothing answered), the balancer keeps both hosts (it checks liveness, not
the dependencies), anonymous visitors get the home and login pages, a logged-in pemda stays logged in and
saves, and what the pemda was told matches the database. When Redis returns, a session logged out in the
meantime does not come back from a stale copy.
"""

import time

import pytest
import requests

from tests.cluster import stack
from tests.fault.cluster import OPEN_REPORTS, balancer_page, capaian_form, report_state

# A request that waited on a frozen Redis took 5-20 s, or until HAProxy's 65 s server timeout; the portal
# must answer well within this bound (a request timeout, not a measurement).
ANSWER_WITHIN = 10


@pytest.fixture(scope="module")
def portal(fault_stack):
    seeded = fault_stack.seed(OPEN_REPORTS)
    fault_stack.start_host("a")
    fault_stack.start_host("b")
    fault_stack.start_balancer()
    fault_stack.wait_ready("a", "b", "lb")
    fault_stack.accounts = seeded
    return fault_stack


@pytest.fixture
def redis_back(portal):
    """Whatever a test did to Redis, the next one starts with it running."""
    yield portal.redis
    portal.redis.thaw()
    if not portal.redis.ping():
        portal.redis.start()


def _pemda(portal, index: int = 0) -> tuple[str, int]:
    username = sorted(portal.accounts["reports"])[index]
    return username, portal.accounts["reports"][username]


def _save(browser, report: int, value: int):
    page = browser.get(f"/pelaporan/laporan/{report}/capaian/", timeout=ANSWER_WITHIN)
    assert page.status_code == 200, page.status_code
    return browser.post(f"/pelaporan/laporan/{report}/capaian/", capaian_form(page.text, value), timeout=ANSWER_WITHIN)


def _degraded_service_works(portal, browser, username: str, report: int, value: int) -> None:
    """Anonymous pages, a new login and the logged-in pemda's save, each answered by the portal itself."""
    anonymous = stack.Browser(portal.base["lb"])
    login_page = anonymous.get("/login/", timeout=ANSWER_WITHIN)
    assert login_page.status_code == 200 and 'name="username"' in login_page.text, login_page.status_code
    home = anonymous.get("/", timeout=ANSWER_WITHIN)
    assert home.status_code < 500 and not balancer_page(home.text), home.status_code

    dashboard = browser.get("/pelaporan/", timeout=ANSWER_WITHIN)
    assert dashboard.status_code == 200, dashboard.status_code  # still logged in: no redirect to /login/
    assert username in dashboard.text
    saved = _save(browser, report, value)
    assert saved.status_code == 302, saved.text[:500]
    assert value in report_state(portal, report)["harus_dilayani"]  # the confirmed save is stored

    fresh = stack.Browser(portal.base["lb"])
    fresh.get("/login/", timeout=ANSWER_WITHIN)
    answer = fresh.post("/login/", {"username": username, "password": stack.PASSWORD}, timeout=ANSWER_WITHIN)
    assert answer.status_code == 302, answer.status_code  # a new session, kept in the database
    assert fresh.get("/pelaporan/", timeout=ANSWER_WITHIN).status_code == 200


def test_the_balancer_checks_liveness_so_a_redis_outage_keeps_every_host_in(portal, redis_back):
    portal.redis.stop()
    for name in ("a", "b"):
        ready = requests.get(portal.base[name] + "/healthz", timeout=ANSWER_WITHIN)
        assert ready.status_code == 503 and ready.json()["cache"] == "error"  # readiness tells the truth
        assert requests.get(portal.base[name] + "/livez", timeout=ANSWER_WITHIN).status_code == 200
    # Longer than HAProxy needs to mark a host down (two failed checks 2 s apart): every answer is the portal's.
    answers = []
    for _ in range(30):
        response = requests.get(portal.base["lb"] + "/login/", timeout=ANSWER_WITHIN)
        answers.append(response.status_code)
        assert not balancer_page(response.text)
        time.sleep(0.25)
    assert set(answers) == {200}, answers
    assert " is DOWN" not in portal.log("haproxy"), portal.log("haproxy")


def test_redis_stopped_the_pemda_stays_logged_in_and_saves_and_anonymous_pages_work(portal, redis_back):
    username, report = _pemda(portal, 0)
    browser = stack.Browser(portal.base["lb"])
    browser.login(username)
    assert _save(browser, report, 100).status_code == 302  # with Redis: the session is cached there too
    portal.redis.stop()
    _degraded_service_works(portal, browser, username, report, 200)
    portal.redis.start()  # back, empty (no persistence): sessions come from the database again
    assert browser.get("/pelaporan/", timeout=ANSWER_WITHIN).status_code == 200
    assert _save(browser, report, 300).status_code == 302
    assert 300 in report_state(portal, report)["harus_dilayani"]


def test_redis_frozen_answers_within_the_bound_instead_of_hanging(portal, redis_back):
    username, report = _pemda(portal, 1)
    browser = stack.Browser(portal.base["lb"])
    browser.login(username)
    portal.redis.freeze()
    _degraded_service_works(portal, browser, username, report, 400)


def test_a_session_logged_out_while_redis_was_frozen_does_not_come_back_from_its_stale_copy(portal, redis_back):
    username, _report = _pemda(portal, 2)
    browser = stack.Browser(portal.base["lb"])
    browser.login(username)
    assert browser.get("/pelaporan/").status_code == 200  # the session is now in Redis as well
    stolen = dict(browser.session.cookies)
    portal.redis.freeze()
    assert browser.post("/logout/", timeout=ANSWER_WITHIN).status_code == 302  # deleted in the database only
    portal.redis.thaw()
    # The host that dropped the delete empties the cache as soon as Redis answers (core.cache).
    stack.wait_until(lambda: not portal.redis.keys(f"*{stolen['sessionid']}"), timeout=30, what="the stale copy")
    replay = stack.Browser(portal.base["lb"])
    replay.session.cookies.update(stolen)
    for _ in range(6):  # each host's worker meets Redis again at least once (round robin)
        answer = replay.get("/pelaporan/", timeout=ANSWER_WITHIN)
        assert answer.status_code == 302 and "/login/" in answer.headers["Location"], answer.status_code
