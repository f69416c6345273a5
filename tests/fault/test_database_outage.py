"""PostgreSQL cut from the app hosts (issue 23, item 5): every request gets the portal's Indonesian 503 with
Retry-After (a logged-in pemda's included, whose session and user are loaded in middleware), logged as a
warning, never an error; nothing is saved while the clients are told so, and the hosts recover by themselves.

The hosts reach PostgreSQL through our TCP proxy; ``cut`` closes their connections and refuses new ones.
"""

import json

import pytest

from tests.cluster import stack
from tests.fault.cluster import OPEN_REPORTS, balancer_page, capaian_form, report_state

ANSWER_WITHIN = 15
OUTAGE_PAGE = "Layanan sedang tidak tersedia"


@pytest.fixture(scope="module")
def portal(fault_stack):
    fault_stack.accounts = fault_stack.seed(OPEN_REPORTS)
    fault_stack.start_host("a")
    fault_stack.start_host("b")
    fault_stack.start_balancer()
    fault_stack.wait_ready("a", "b", "lb")
    yield fault_stack
    fault_stack.pg_proxy.restore()


def _log_lines(portal, name: str) -> list[dict]:
    lines = []
    for line in portal.log(name).splitlines():
        try:
            lines.append(json.loads(line))
        except ValueError:
            continue
    return lines


def _assert_outage_page(response) -> None:
    assert response.status_code == 503, (response.status_code, response.text[:300])
    assert not balancer_page(response.text)
    assert OUTAGE_PAGE in response.text and 'lang="id"' in response.text
    assert response.headers["Retry-After"] == "30"


def test_postgresql_cut_answers_the_indonesian_503_to_everyone_and_saves_nothing(portal):
    username = sorted(portal.accounts["reports"])[0]
    report = portal.accounts["reports"][username]
    pemda = stack.Browser(portal.base["lb"])
    pemda.login(username)
    page = pemda.get(f"/pelaporan/laporan/{report}/capaian/")
    assert page.status_code == 200
    before = report_state(portal, report)

    portal.pg_proxy.cut()
    for path in ("/pelaporan/", f"/pelaporan/laporan/{report}/capaian/"):  # logged in: middleware meets it
        _assert_outage_page(pemda.get(path, timeout=ANSWER_WITHIN))
    lost = pemda.post(f"/pelaporan/laporan/{report}/capaian/", capaian_form(page.text, 500), timeout=ANSWER_WITHIN)
    _assert_outage_page(lost)
    anonymous = stack.Browser(portal.base["lb"])
    _assert_outage_page(anonymous.get("/", timeout=ANSWER_WITHIN))
    login = anonymous.get("/login/", timeout=ANSWER_WITHIN)
    assert login.status_code in (200, 503) and not balancer_page(login.text)  # the form needs no database
    _assert_outage_page(
        anonymous.post("/login/", {"username": username, "password": stack.PASSWORD}, timeout=ANSWER_WITHIN)
    )
    for host in ("a", "b"):  # each host on its own too: the balancer may have sent all of the above to one
        _assert_outage_page(stack.Browser(portal.base[host]).get("/", timeout=ANSWER_WITHIN))
    assert report_state(portal, report) == before  # told "not saved": nothing saved

    for name in ("host-a", "host-b"):
        stack.wait_until(
            lambda: any(
                line.get("level") == "WARNING" and "database unavailable" in line.get("message", "")
                for line in _log_lines(portal, name)  # noqa: B023 (called at once, within this iteration)
            ),
            timeout=10,
            what=f"{name}'s warning",
        )
        lines = _log_lines(portal, name)
        errors = [line for line in lines if line.get("level") in ("ERROR", "CRITICAL")]
        assert errors == [], errors

    portal.pg_proxy.restore()
    stack.wait_until(
        lambda: pemda.get("/pelaporan/", timeout=ANSWER_WITHIN).status_code == 200, timeout=60, what="recovery"
    )
    page = pemda.get(f"/pelaporan/laporan/{report}/capaian/")
    saved = pemda.post(f"/pelaporan/laporan/{report}/capaian/", capaian_form(page.text, 600))
    assert saved.status_code == 302
    after = report_state(portal, report)
    assert 600 in after["harus_dilayani"] and after["version"] == before["version"] + 1
