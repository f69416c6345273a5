"""An upload cut between its object and its commit leaves a leftover file (issue 23, item 7), for real: the S3
server is frozen while the upload waits on it, the database is cut, the S3 server thawed: the object is
written, the transaction never commits. The pemda is told the save failed (the Indonesian 503), the database
has no record, the bucket has the object: the backup leaves it out and ``manage.py sweep_storage`` removes it.
"""

import subprocess
import threading

import pytest

from tests.cluster import stack
from tests.fault.cluster import FILE_IDS, OPEN_REPORTS, PDF, established, upload_form

ANSWER_WITHIN = 60


@pytest.fixture(scope="module")
def portal(fault_stack):
    fault_stack.accounts = fault_stack.seed(OPEN_REPORTS)
    fault_stack.start_host("a")
    fault_stack.start_host("b")
    fault_stack.start_balancer()
    fault_stack.wait_ready("a", "b", "lb")
    yield fault_stack
    fault_stack.s3.thaw()
    fault_stack.pg_proxy.restore()


def _data_dukung(portal) -> set[str]:
    return {key for key in portal.s3.keys("private/") if "/data-dukung/" in f"/{key}"}


def test_an_upload_cut_before_its_commit_leaves_a_file_that_the_backup_skips_and_the_sweep_removes(portal, tmp_path):
    username = sorted(portal.accounts["reports"])[0]
    report = portal.accounts["reports"][username]
    pemda = stack.Browser(portal.base["lb"])
    pemda.login(username)
    path = f"/pelaporan/laporan/{report}/permasalahan/"
    form = upload_form(pemda.get(path).text)
    answers = []

    portal.s3.freeze()
    upload = threading.Thread(
        target=lambda: answers.append(
            pemda.post(path, form, files={"file": ("terputus.pdf", PDF, "application/pdf")}, timeout=ANSWER_WITHIN)
        )
    )
    upload.start()
    stack.wait_until(lambda: established(portal.s3.port), timeout=30, what="the upload to reach the S3 server")
    portal.pg_proxy.cut()  # the transaction (the report's row locked) dies with its connection
    portal.s3.thaw()  # the object is written now
    upload.join(timeout=ANSWER_WITHIN + 10)
    portal.pg_proxy.restore()

    (answer,) = answers
    assert answer.status_code == 503 and "tidak tersedia" in answer.text  # told: not saved
    assert portal.shell(FILE_IDS.replace("PK", str(report))) == []  # and nothing is
    (leftover,) = stack.wait_until(lambda: _data_dukung(portal), timeout=30, what="the leftover object")

    env = portal.direct_env()
    listed = stack.manage(env, "sweep_storage", "--grace-hours", "0", "--list-orphans").split()
    assert listed == [leftover]
    skip = tmp_path / "skip.txt"
    skip.write_text("\n".join(listed))
    subprocess.run(  # noqa: S603 -- our own script
        [stack.PYTHON, str(stack.ROOT / "ops" / "bucket.py"), "backup", str(tmp_path / "bucket"), "--skip", str(skip)],
        env=env,
        check=True,
        timeout=120,
    )
    assert not (tmp_path / "bucket" / leftover).exists()

    assert "1 berkas yatim" in stack.manage(env, "sweep_storage", "--grace-hours", "0")
    assert _data_dukung(portal) == set()
