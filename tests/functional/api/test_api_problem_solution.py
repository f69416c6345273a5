"""The API shows each permasalahan with its solusi: what the pemda typed in tab C reads back verbatim."""

from django.urls import reverse

from reporting.models import Urusan

from .conftest import YEAR


def test_a_solusi_typed_in_tab_c_reads_back_through_the_api(client, pemda_api, api_world):
    report = pemda_api.post("/laporan", {"urusan_id": Urusan.objects.first().pk, "year": YEAR, "quarter": 1}).json()
    client.force_login(api_world["pemda_a"])
    posted = client.post(
        reverse("reporting:report_permasalahan", args=[report["id"]]),
        {
            "version": report["version"],
            "action": "add_problem",
            "category": "perencanaan",
            "text": "Anggaran belum cukup.",
            "solution": "Diusulkan di APBD-P <b>2026</b>.",
        },
    )
    assert posted.status_code == 302
    shown = pemda_api.get(f"/laporan/{report['id']}").json()
    assert [(p["category"], p["text"], p["solution"]) for p in shown["permasalahan"]] == [
        ("perencanaan", "Anggaran belum cukup.", "Diusulkan di APBD-P <b>2026</b>.")
    ]
    assert shown["version"] == report["version"] + 1


def test_the_api_schema_names_the_solusi_of_a_permasalahan(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "solution" in schema["components"]["schemas"]["ProblemOut"]["required"]
