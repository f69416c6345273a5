"""Kirim through the API with plausibility warnings: a 422 names each warning, a resend with notes sends."""

import pytest

from reporting.models import ReportStatus, ReportWarning, Urusan, WarningStatus
from reporting.services import quality

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
    assert body["detail"] == quality.UNCONFIRMED_WARNINGS
    assert any("Serapan 9,98 %" in e["msg"] for e in body["errors"])
    ids = [e["loc"][1] for e in body["errors"]]
    assert set(ids) == set(ReportWarning.objects.values_list("pk", flat=True))

    notes = {str(pk): "Realisasi sebagian." for pk in ids}
    sent = pemda_api.post(
        f"/laporan/{report['id']}/kirim", {"expected_version": saved["version"], "confirmations": notes}
    )
    assert sent.status_code == 200, sent.content
    assert sent.json()["status"] == ReportStatus.SUBMITTED
    assert set(ReportWarning.objects.values_list("status", "note")) == {
        (WarningStatus.CONFIRMED, "Realisasi sebagian.")
    }
