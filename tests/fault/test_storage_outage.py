"""The S3 server stopped (issue 23, item 6): uploads and downloads answer the Indonesian "berkas sementara tidak
dapat diakses, data lain aman" page (503), not a 500; the rest of the report still saves; the pemda account
list job changes no password when it cannot store their only copy, and says so.
"""

import pytest

from reporting.messages import ACCOUNT_LIST_NOT_STORED
from tests.cluster import stack
from tests.fault.cluster import FILE_IDS, OPEN_REPORTS, PDF, balancer_page, capaian_form, report_state, upload_form

ANSWER_WITHIN = 30
STORAGE_PAGE = "Berkas sementara tidak dapat diakses"

ADMIN = """
import json
from reporting.models import Role
from reporting.accounts.services.roles import roles_setup
from tests import factories
roles_setup()
admin = factories.UserFactory(username="admin-fault", role=Role.MINISTRY_ADMIN, is_staff=True, must_change_password=False)
admin.set_password(PASSWORD)
admin.save()
print("ADMIN " + json.dumps({"username": admin.username, "pk": admin.pk}))
"""

ACCOUNT_JOB = """
import json
from reporting.models import JobKind, User
from reporting.jobs.queue import job_start
job = job_start(kind=JobKind.ACCOUNTS, user=User.objects.get(pk=ADMIN_PK), params={"regions": [CODE], "reset": True})
print("OUT " + json.dumps(job.pk))
"""


@pytest.fixture(scope="module")
def portal(fault_stack):
    fault_stack.accounts = fault_stack.seed(OPEN_REPORTS + ADMIN.replace("PASSWORD)", f"{stack.PASSWORD!r})"))
    fault_stack.start_host("a")
    fault_stack.start_host("b")
    fault_stack.start_worker()
    fault_stack.start_balancer()
    fault_stack.wait_ready("a", "b", "lb")
    yield fault_stack
    if not fault_stack.s3.ready():
        fault_stack.s3.start()


def _storage_page(response) -> None:
    assert response.status_code == 503, (response.status_code, response.text[:300])
    assert not balancer_page(response.text)
    assert STORAGE_PAGE in response.text and "data lain aman" in response.text
    assert response.headers["Retry-After"] == "30"


def _upload(browser, report: int, name: str):
    page = browser.get(f"/pelaporan/laporan/{report}/permasalahan/", timeout=ANSWER_WITHIN)
    assert page.status_code == 200
    return browser.post(
        f"/pelaporan/laporan/{report}/permasalahan/",
        upload_form(page.text),
        files={"file": (name, PDF, "application/pdf")},
        timeout=ANSWER_WITHIN,
    )


def test_s3_stopped_uploads_and_downloads_answer_the_storage_page_and_the_rest_saves(portal):
    username = sorted(portal.accounts["reports"])[0]
    report = portal.accounts["reports"][username]
    pemda = stack.Browser(portal.base["lb"])
    pemda.login(username)
    assert _upload(pemda, report, "sebelum.pdf").status_code == 302
    (stored,) = portal.shell(FILE_IDS.replace("PK", str(report)))
    assert pemda.get(f"/pelaporan/laporan/{report}/berkas/{stored}/").content == PDF
    before = report_state(portal, report)

    portal.s3.stop()
    _storage_page(_upload(pemda, report, "selama.pdf"))
    _storage_page(pemda.get(f"/pelaporan/laporan/{report}/berkas/{stored}/", timeout=ANSWER_WITHIN))
    assert report_state(portal, report) == before  # told "not stored": no record, no version

    page = pemda.get(f"/pelaporan/laporan/{report}/capaian/", timeout=ANSWER_WITHIN)
    saved = pemda.post(f"/pelaporan/laporan/{report}/capaian/", capaian_form(page.text, 700), timeout=ANSWER_WITHIN)
    assert saved.status_code == 302  # data lain aman: the figures still save
    after = report_state(portal, report)
    assert 700 in after["harus_dilayani"] and after["files"] == before["files"]

    portal.s3.start()  # back (empty: moto keeps objects in memory)
    assert _upload(pemda, report, "sesudah.pdf").status_code == 302
    assert report_state(portal, report)["files"] == ["sebelum.pdf", "sesudah.pdf"]


def test_s3_stopped_the_account_list_job_fails_truthfully_and_the_pemda_keeps_its_password(portal):
    username = sorted(portal.accounts["reports"])[1]
    admin = stack.Browser(portal.base["lb"])
    admin.login(portal.accounts["admin"]["username"])
    portal.s3.stop()
    try:
        job = portal.shell(
            ACCOUNT_JOB.replace("ADMIN_PK", str(portal.accounts["admin"]["pk"])).replace("CODE", repr(username))
        )

        def finished():
            state = admin.get(f"/pelaporan/pekerjaan/{job}/status/", timeout=ANSWER_WITHIN).json()
            return state if state["finished"] else None

        state = stack.wait_until(finished, timeout=120, what="the account list job")
    finally:
        portal.s3.start()
    assert state["status"] == "failed", state
    assert state["message"] == ACCOUNT_LIST_NOT_STORED, state
    assert not state["download_url"]
    stack.Browser(portal.base["lb"]).login(username)  # what the job said: the old password still works
