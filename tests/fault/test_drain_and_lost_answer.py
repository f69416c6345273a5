"""A host drained in the middle of a save, and a save whose answer never reached the user (issue 23, items 3, 8).

- Drain: a pemda's save is in flight on one host (its body still arriving) when that host is stopped the
  way an operator or a deploy stops it (gunicorn's SIGTERM, production's 30 s grace). The balancer takes the
  host out (its liveness check fails) but lets the save finish: the pemda gets the redirect of a saved
  form and the database holds the value.
- Lost answer: a save commits but its answer is never read (the connection dropped). The pemda sends the
  same form again: "Perubahan Anda sebelumnya sudah tersimpan", not "changed by another user", and the
  report has one new version, the upload one file.
"""

import os
import signal
import socket

import pytest
import requests

from reporting.messages import CONFLICT, SUBMISSION_ALREADY_SAVED
from tests.cluster import stack
from tests.fault.cluster import (
    OPEN_REPORTS,
    PDF,
    balancer_page,
    capaian_form,
    established,
    raw_request,
    report_state,
    upload_form,
)

ANSWER_WITHIN = 30


@pytest.fixture(scope="module")
def portal(fault_stack):
    fault_stack.accounts = fault_stack.seed(OPEN_REPORTS)
    for name in ("a", "b"):
        fault_stack.start_host(name, graceful=30)  # production's grace for requests in flight
    fault_stack.start_balancer()
    fault_stack.wait_ready("a", "b", "lb")
    return fault_stack


def _pemda(portal, index: int):
    username = sorted(portal.accounts["reports"])[index]
    browser = stack.Browser(portal.base["lb"])
    browser.login(username)
    return browser, portal.accounts["reports"][username]


def _connect(portal) -> socket.socket:
    return socket.create_connection(("127.0.0.1", portal.ports["lb"]), timeout=ANSWER_WITHIN)


def _read_all(sock: socket.socket) -> bytes:
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def test_a_save_resent_after_its_answer_was_lost_is_recognised_not_refused(portal):
    browser, report = _pemda(portal, 0)
    path = f"/pelaporan/laporan/{report}/capaian/"
    form = capaian_form(browser.get(path).text, 800)
    assert "submission_key" in form
    before = report_state(portal, report)
    with _connect(portal) as lost:
        lost.sendall(raw_request(browser, path, form))
        # Committed while the answer waits unread; then the connection is gone.
        stack.wait_until(
            lambda: report_state(portal, report)["version"] > before["version"], timeout=60, what="commit"
        )
    again = browser.post(path, form)
    assert again.status_code == 302, again.status_code
    page = browser.get(again.headers["Location"])
    assert SUBMISSION_ALREADY_SAVED in page.text and CONFLICT not in page.text
    after = report_state(portal, report)
    assert after["version"] == before["version"] + 1 and 800 in after["harus_dilayani"]


def test_an_upload_resent_after_its_answer_was_lost_is_stored_once(portal):
    browser, report = _pemda(portal, 1)
    path = f"/pelaporan/laporan/{report}/permasalahan/"
    form = upload_form(browser.get(path).text)
    assert "submission_key" in form
    files = {"file": ("laporan.pdf", PDF, "application/pdf")}
    with _connect(portal) as lost:
        lost.sendall(raw_request(browser, path, form, files))
        stack.wait_until(lambda: report_state(portal, report)["files"], timeout=60, what="the upload's commit")
    again = browser.post(path, form, files=files)
    assert again.status_code == 302
    assert SUBMISSION_ALREADY_SAVED in browser.get(again.headers["Location"]).text
    assert report_state(portal, report)["files"] == ["laporan.pdf"]


def test_a_host_drained_in_the_middle_of_a_save_finishes_it(portal):
    browser, report = _pemda(portal, 2)
    path = f"/pelaporan/laporan/{report}/capaian/"
    request = raw_request(browser, path, capaian_form(browser.get(path).text, 900))
    head, body = request.split(b"\r\n\r\n", 1)
    with _connect(portal) as saving:
        saving.sendall(head + b"\r\n\r\n" + body[: len(body) // 2])  # the save is in flight: half its body sent

        def serving_host():
            busy = [name for name in ("a", "b") if established(portal.ports[name])]
            return busy[0] if len(busy) == 1 else None

        host = stack.wait_until(serving_host, timeout=20, what="the host serving the save")
        stack.wait_until(lambda: serving_host() == host, timeout=5, what="the same host again")
        os.killpg(portal.processes.started[f"host-{host}"].pid, signal.SIGTERM)  # stop it, gracefully
        server = {"a": "app1", "b": "app2"}[host]
        stack.wait_until(
            lambda: f"{server} is DOWN" in portal.log("haproxy"), timeout=30, what="the balancer to take it out"
        )
        other = stack.Browser(portal.base["lb"])
        other.session.cookies = browser.session.cookies
        assert other.get("/pelaporan/").status_code == 200  # the other host serves everyone meanwhile
        saving.sendall(body[len(body) // 2 :])
        answer = _read_all(saving)
    assert answer.startswith(b"HTTP/1.1 302"), answer[:300]
    assert 900 in report_state(portal, report)["harus_dilayani"]


def test_with_every_host_gone_the_balancer_answers_the_portals_indonesian_page(portal):
    for name in ("a", "b"):
        portal.processes.kill(f"host-{name}", signal.SIGKILL)

    def balancer_answer():
        response = requests.get(portal.base["lb"] + "/pelaporan/", timeout=ANSWER_WITHIN)
        assert not balancer_page(response.text)  # a 502 while it still tries them: the portal's page too
        return [response] if response.status_code == 503 else None  # a list: a Response of 503 is falsy

    (answer,) = stack.wait_until(balancer_answer, timeout=30, what="the balancer to find no host")
    assert not balancer_page(answer.text)
    assert 'lang="id"' in answer.text and "Layanan sedang tidak tersedia" in answer.text
    assert answer.headers["Retry-After"] == "30"
