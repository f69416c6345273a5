"""Issue 23.10: the reminder sender killed in the middle of a run (after two e-mails, with the third on the
wire) must not leave the other pemda un-reminded: their claims run out and a job worker sends them, once."""

import signal

import pytest

from tests.cluster import stack
from tests.fault.jobs_support import MORE_PEMDA, OPEN_REPORT, StallingSmtpSink, fault_stack_open


@pytest.fixture
def fault_stack(tmp_path):
    yield from fault_stack_open(tmp_path)


def test_a_reminder_run_killed_mid_way_is_finished_by_the_worker_and_every_pemda_is_reminded_once(fault_stack):
    fault_stack.seed(MORE_PEMDA + OPEN_REPORT)
    expected = sorted(
        address for (address,) in fault_stack.rows("SELECT email FROM reporting_user WHERE role = 'pemda'")
    )
    assert len(expected) == 12
    with StallingSmtpSink(stall_after=2) as sink:
        fault_stack.env.update(EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(sink.port))
        command = stack.in_project(("python", "manage.py", "send_reminders", "--days", "7"))
        fault_stack.processes.start("sender", command, env=fault_stack.env, cwd=fault_stack.tmp_path / "sender")
        assert sink.stalled.wait(60), fault_stack.processes.log("sender")
        fault_stack.kill("sender", signal.SIGKILL)
        sink.release()
        statuses = dict(fault_stack.rows("SELECT status, count(*) FROM reporting_reminderrecord GROUP BY status"))
        assert statuses.get("sent") == 2 and statuses.get("claimed") == 10, statuses  # the fault, as it was

        worker = fault_stack.start_worker()

        def all_sent():
            rows = fault_stack.rows("SELECT status, count(*) FROM reporting_reminderrecord GROUP BY status")
            return dict(rows) == {"sent": 12}

        stack.wait_until(all_sent, timeout=90, what="the claimed reminders to be sent", interval=0.3)
        assert sink.recipients() == expected, fault_stack.processes.log(worker)  # each pemda once, none left out
    job = fault_stack.rows("SELECT status, message FROM reporting_job WHERE kind = 'reminders'")
    assert job == [
        ("done", "Pengingat terkirim: 10 pemda (0 gagal); yang sudah diingatkan sebelumnya tidak dikirimi lagi.")
    ]
