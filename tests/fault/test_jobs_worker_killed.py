"""Issue 23.1: a worker killed (SIGKILL: OOM, host loss, the end of Docker's stop grace) in the middle of a
job. The job must still end, retried when that is safe (the recap) or failed with a message that is true
about what was saved (the import), and the queue's own entry must not stay "RUNNING"."""

import io
import re
import signal

import pytest
from openpyxl import load_workbook

from reporting.services import excel_export
from tests.cluster import stack
from tests.fault.jobs_support import OPEN_REPORT, fault_stack_open, job_pk


@pytest.fixture
def fault_stack(tmp_path):
    yield from fault_stack_open(tmp_path)


IMPORT_INTERRUPTED_START = "Impor terhenti karena pekerja latar berhenti sebelum selesai. Tidak ada data yang berubah"


def test_a_recap_whose_worker_is_killed_mid_job_is_run_again_and_the_user_downloads_it(fault_stack):
    accounts = fault_stack.seed()
    fault_stack.start_host()
    reviewer = fault_stack.browser(accounts["reviewer"])
    pk = job_pk(reviewer.post("/pelaporan/excel/rekap/2026/1/"))

    with fault_stack.table_locked("reporting_report"):  # the recap stops at its first read of the reports
        first = fault_stack.start_worker()
        stack.wait_until(fault_stack.waiting_on_lock, timeout=60, what="the worker to be inside the recap")
        assert fault_stack.job(pk)["status"] == "running"
        fault_stack.kill(first, signal.SIGKILL)

    fault_stack.start_worker()  # the replacement (a supervisor's restart, or any other worker host)
    job = fault_stack.wait_job(pk, timeout=90)
    assert job["status"] == "done", (job, fault_stack.processes.log("worker2"))
    assert job.get("attempts") == 2 and job["rows_done"] == job["rows_total"] > 0
    assert fault_stack.tasks_by_status().get("RUNNING") is None  # the killed run's entry is closed too
    page = reviewer.get(f"/pelaporan/pekerjaan/{pk}/").text
    assert 'Status: <span id="pekerjaan-status">Selesai</span>' in page and "Rekap selesai:" in page
    state = reviewer.get(f"/pelaporan/pekerjaan/{pk}/status/").json()
    download = reviewer.get(state["download_url"])
    assert download.status_code == 200 and download.content[:2] == b"PK"


def test_an_import_killed_after_writing_its_figures_says_nothing_changed_and_nothing_did(fault_stack):
    """The kill falls after the import's figures are written and before its warnings are refreshed (the point
    where the old import had already committed while the job still said "running")."""
    accounts = fault_stack.seed(OPEN_REPORT)
    report = accounts["report"]
    fault_stack.start_host()
    pemda = fault_stack.browser(accounts["pemda"])
    template = pemda.get(f"/pelaporan/excel/laporan/{report['pk']}/templat/")
    assert template.status_code == 200, template.status_code
    before = _figures(fault_stack, report["pk"])

    with fault_stack.table_locked("reporting_reportwarning"):
        upload = pemda.post(
            f"/pelaporan/excel/laporan/{report['pk']}/impor/",
            files={"berkas": ("isian.xlsx", _filled(template.content), "application/octet-stream")},
        )
        pk = job_pk(upload)
        worker = fault_stack.start_worker()
        stack.wait_until(fault_stack.waiting_on_lock, timeout=60, what="the import to reach its warnings")
        fault_stack.kill(worker, signal.SIGKILL)

    fault_stack.start_worker()
    job = fault_stack.wait_job(pk, timeout=90)
    page = pemda.get(f"/pelaporan/pekerjaan/{pk}/").text
    assert fault_stack.tasks_by_status().get("RUNNING") is None
    if job["status"] == "failed":  # what the user is told must be what the database holds
        assert job["message"].startswith(IMPORT_INTERRUPTED_START) and IMPORT_INTERRUPTED_START in page
        assert _figures(fault_stack, report["pk"]) == before
        assert job["upload"] == ""  # the uploaded figures do not linger in storage
    else:
        assert job["status"] == "done" and "Berkas Excel diimpor" in page
        assert _figures(fault_stack, report["pk"]) != before
    # Either way the same file can be sent again and is imported (no misleading version conflict).
    again = pemda.post(
        f"/pelaporan/excel/laporan/{report['pk']}/impor/",
        files={"berkas": ("isian.xlsx", _filled(template.content), "application/octet-stream")},
    )
    retried = fault_stack.wait_job(job_pk(again), timeout=90)
    assert (retried["status"], job["status"]) == ("done", "failed"), (retried, job)


def _figures(fault_stack, report_pk: int):
    version = fault_stack.rows("SELECT version FROM reporting_report WHERE id = %s", [report_pk])[0][0]
    served = fault_stack.rows(
        "SELECT id, harus_dilayani, terlayani FROM reporting_serviceentry WHERE report_id = %s ORDER BY id",
        [report_pk],
    )
    return version, served


def _filled(template: bytes) -> bytes:
    """The downloaded template with harus dilayani 100 and terlayani 90 typed into every service row."""
    book = load_workbook(io.BytesIO(template))
    sheet = book[excel_export.CAPAIAN_SHEET]
    for row in sheet.iter_rows(min_row=1):
        if re.fullmatch(r"E\d+", str(row[excel_export.COL_ID - 1].value or "")):
            row[excel_export.COL_TARGET - 1].value = 100
            row[excel_export.COL_SERVED - 1].value = 90
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
