"""Issue 24.1: the API refuses sub kegiatan past the caps (per service, per report) with the Indonesian message
of the service the forms use, and a list that replaces kegiatan at the cap is saved (deletions go first)."""

import pytest

from reporting import messages
from reporting.models import Activity, Report, Urusan
from tests.functional.api.conftest import YEAR


@pytest.fixture
def caps(settings):
    settings.KEGIATAN_MAX_PER_SERVICE = 3
    settings.KEGIATAN_MAX_PER_REPORT = 5
    return settings


def test_the_api_refuses_past_the_cap_and_replaces_a_full_list(caps, api_world, pemda_api):
    report = pemda_api.post("/laporan", {"urusan_id": Urusan.objects.first().pk, "year": YEAR, "quarter": 1}).json()
    entry_id = report["entries"][0]["id"]
    body = {
        "expected_version": report["version"],
        "kegiatan": [{"entry_id": entry_id, "name": f"Sub {i}", "pagu": 10, "realisasi": 5} for i in range(4)],
    }
    response = pemda_api.post(f"/laporan/{report['id']}/isian", body)
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "loc": ["kegiatan", 3, "entry_id"],
            "msg": messages.KEGIATAN_CAP_SERVICE.format(service=report["entries"][0]["service_name"], limit=3),
        }
    ]
    assert not Activity.objects.filter(entry__report_id=report["id"]).exists()
    body["kegiatan"] = body["kegiatan"][:3]
    saved = pemda_api.post(f"/laporan/{report['id']}/isian", body).json()
    # a new list of three replaces the three: the old ones are deleted before the new ones are added
    body = {
        "expected_version": saved["version"],
        "kegiatan": [{"entry_id": entry_id, "name": f"Ganti {i}", "pagu": 10, "realisasi": 5} for i in range(3)],
    }
    response = pemda_api.post(f"/laporan/{report['id']}/isian", body)
    assert response.status_code == 200, response.content
    names = Activity.objects.filter(entry__report=Report.objects.get(pk=report["id"])).values_list("name", flat=True)
    assert sorted(names) == ["Ganti 0", "Ganti 1", "Ganti 2"]
