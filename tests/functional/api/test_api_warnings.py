"""Kirim through the API with plausibility warnings: a 422 names each warning, a resend with notes sends."""

import pytest

from reporting.messages import UNCONFIRMED_WARNINGS
from reporting.models import ReportStatus, ReportWarning, Urusan, WarningStatus

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def test_kirim_lists_unconfirmed_warnings_and_sends_once_each_has_a_note(pemda_api):
    urusan = Urusan.objects.first()
    report = pemda_api.post("/laporan", {"urusan_id": urusan.pk, "year": YEAR, "quarter": 1}).json()
    entry = report["entries"][0]
    values = {
        "expected_version": report["version"],
        "kegiatan": [{"entry_id": entry["id"], "name": "Gedung PAUD", "pagu": 1072692000, "realisasi": 107104500}],
    }
    saved = pemda_api.post(f"/laporan/{report['id']}/isian", values).json()

    refused = pemda_api.post(f"/laporan/{report['id']}/kirim", {"expected_version": saved["version"]})
    assert refused.status_code == 422
    body = refused.json()
    assert body["detail"] == UNCONFIRMED_WARNINGS
    assert any("Serapan 9,98 %" in e["msg"] for e in body["errors"])
    ids = [e["loc"][1] for e in body["errors"]]
    assert set(ids) == set(ReportWarning.objects.values_list("pk", flat=True))

    notes = {str(pk): "Realisasi sebagian." for pk in ids}
    sent = pemda_api.post(
        f"/laporan/{report['id']}/kirim",
        {"expected_version": saved["version"], "confirmations": notes, "incomplete_reason": "Capaian menyusul."},
    )
    assert sent.status_code == 200, sent.content
    assert sent.json()["status"] == ReportStatus.SUBMITTED
    assert set(ReportWarning.objects.values_list("status", "note")) == {
        (WarningStatus.CONFIRMED, "Realisasi sebagian.")
    }


def test_a_values_save_rechecks_at_once_and_the_answer_names_the_warnings(pemda_api):
    """As after a save of tab A or B: the seed's typo is a standing warning right after the API save (the
    dashboard counts it), and the report the API returns lists it; a corrected figure resolves it."""
    urusan = Urusan.objects.first()
    report = pemda_api.post("/laporan", {"urusan_id": urusan.pk, "year": YEAR, "quarter": 1}).json()
    entry = report["entries"][0]
    typo = {"entry_id": entry["id"], "name": "Gedung PAUD", "pagu": 1072692000, "realisasi": 107104500}
    saved = pemda_api.post(
        f"/laporan/{report['id']}/isian", {"expected_version": report["version"], "kegiatan": [typo]}
    )
    assert saved.status_code == 200, saved.content
    shown = saved.json()["peringatan"]
    assert shown and all(w["status"] == WarningStatus.OPEN and w["note"] == "" for w in shown)
    assert any("Serapan 9,98 %" in w["message"] for w in shown)
    assert ReportWarning.objects.filter(status=WarningStatus.OPEN).count() == len(shown)
    assert pemda_api.get(f"/laporan/{report['id']}").json()["peringatan"] == shown

    activity = saved.json()["kegiatan"][0]
    fixed = {**typo, "id": activity["id"], "realisasi": 1071045000}
    again = pemda_api.post(
        f"/laporan/{report['id']}/isian", {"expected_version": saved.json()["version"], "kegiatan": [fixed]}
    )
    assert again.status_code == 200, again.content
    assert again.json()["peringatan"] == []
