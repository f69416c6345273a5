"""A pemda's system files a whole quarter through the API; the ministry's reads national completeness."""

import io

import pytest
from openpyxl import load_workbook

from django.urls import reverse

from reporting import messages
from reporting.models import Period, Report, ReportEvent, ReportStatus, Urusan
from reporting.services import reports as report_services

from .conftest import YEAR, Api, issue

pytestmark = pytest.mark.django_db


def _values_for(report):
    """Figures for every service and mutu item, and one kegiatan per service."""
    entries, kegiatan = [], []
    for entry in report["entries"]:
        entries.append(
            {
                "id": entry["id"],
                "harus_dilayani": 1000,
                "terlayani": 900,
                "mutu": [{"id": m["id"], "harus_dipenuhi": 10, "terpenuhi": 8} for m in entry["mutu"]],
            }
        )
        # A plausible serapan (91,59 %): a far lower one is a plausibility warning to confirm (test_api_warnings).
        kegiatan.append(
            {"entry_id": entry["id"], "name": "Sub kegiatan uji", "pagu": 1_200_998_320, "realisasi": 1_100_000_000}
        )
    return {"expected_version": report["version"], "entries": entries, "kegiatan": kegiatan}


def test_a_pemda_system_files_a_whole_quarter_and_the_ministry_reads_national_completeness(
    client, api_world, pemda_api, ministry_api
):
    for urusan in Urusan.objects.all():
        opened = pemda_api.post("/laporan", {"urusan_id": urusan.pk, "year": YEAR, "quarter": 1})
        assert opened.status_code == 201, opened.content
        report = opened.json()
        saved = pemda_api.post(f"/laporan/{report['id']}/isian", _values_for(report))
        assert saved.status_code == 200, saved.content
        body = saved.json()
        assert body["figures_filled"] == body["figures_required"] > 0
        assert body["pagu_total"] == 1_200_998_320 * len(report["entries"])
        submitted = pemda_api.post(f"/laporan/{report['id']}/kirim", {"expected_version": body["version"]})
        assert submitted.status_code == 200, submitted.content
        assert submitted.json()["status"] == ReportStatus.SUBMITTED
    assert Report.objects.filter(region=api_world["kab_a"], status=ReportStatus.SUBMITTED).count() == 3

    national = ministry_api.get("/monitoring/nasional", year=YEAR, quarter=1)
    assert national.status_code == 200, national.content
    total = national.json()["total"]
    # 3 active pemda (province + 2 kab/kota) x 3 urusan expected; kab/kota A sent its 3, on time
    assert (total["expected"], total["reported"], total["on_time"]) == (9, 3, 3)
    assert total["reporting_rate"] == "33.33"
    province = ministry_api.get(f"/monitoring/provinsi/{api_world['province'].code}", year=YEAR, quarter=1)
    assert province.status_code == 200
    rows = {row["region_code"]: row for row in province.json()["items"]}
    assert rows[api_world["kab_a"].code]["reported"] == 3
    assert rows[api_world["kab_b"].code]["reported"] == 0


def test_values_are_all_or_nothing_and_errors_name_the_field_in_indonesian(pemda_api, api_world):
    urusan = Urusan.objects.first()
    report = pemda_api.post("/laporan", {"urusan_id": urusan.pk, "year": YEAR, "quarter": 1}).json()
    body = _values_for(report)
    body["entries"][1]["terlayani"] = 2000  # above harus_dilayani
    body["kegiatan"][0]["realisasi"] = 2_000_000_000  # above pagu without a reason
    response = pemda_api.post(f"/laporan/{report['id']}/isian", body)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert {"loc": ["entries", 1, "terlayani"], "msg": messages.SERVED_EXCEEDS_TARGET} in errors
    assert {"loc": ["kegiatan", 0, "justification"], "msg": messages.JUSTIFICATION_REQUIRED} in errors
    stored = Report.objects.get(pk=report["id"])
    assert (stored.version, stored.figures_filled, stored.pagu_total) == (report["version"], 0, 0)
    assert not ReportEvent.objects.filter(report=stored).exists()


def test_a_kegiatan_error_rolls_back_the_figures_saved_before_it(pemda_api):
    report = pemda_api.post("/laporan", {"urusan_id": Urusan.objects.first().pk, "year": YEAR, "quarter": 1}).json()
    body = _values_for(report)
    body["kegiatan"][-1]["entry_id"] = 999_999  # not a row of this report
    response = pemda_api.post(f"/laporan/{report['id']}/isian", body)
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"loc": ["kegiatan", len(body["kegiatan"]) - 1, "entry_id"], "msg": messages.UNKNOWN_ROW}
    ]
    assert Report.objects.get(pk=report["id"]).figures_filled == 0


def test_an_old_version_is_a_conflict_and_changes_nothing(pemda_api):
    report = pemda_api.post("/laporan", {"urusan_id": Urusan.objects.first().pk, "year": YEAR, "quarter": 1}).json()
    assert pemda_api.post(f"/laporan/{report['id']}/isian", _values_for(report)).status_code == 200
    again = pemda_api.post(f"/laporan/{report['id']}/isian", _values_for(report))
    assert again.status_code == 409
    assert again.json() == {"detail": messages.CONFLICT, "errors": []}


def test_a_submitted_report_is_locked(pemda_api):
    report = pemda_api.post("/laporan", {"urusan_id": Urusan.objects.first().pk, "year": YEAR, "quarter": 1}).json()
    empty = pemda_api.post(f"/laporan/{report['id']}/kirim", {"expected_version": report["version"]})
    assert empty.status_code == 422  # every figure empty: a reason is needed
    assert empty.json() == {
        "detail": messages.INCOMPLETE_REASON_REQUIRED,
        "errors": [{"loc": ["incomplete_reason"], "msg": messages.INCOMPLETE_REASON_REQUIRED}],
    }
    sent = pemda_api.post(
        f"/laporan/{report['id']}/kirim",
        {"expected_version": report["version"], "incomplete_reason": "Data dinas belum masuk."},
    ).json()
    assert Report.objects.get(pk=report["id"]).incomplete_reason == "Data dinas belum masuk."
    response = pemda_api.post(f"/laporan/{report['id']}/isian", _values_for(sent))
    assert response.status_code == 423
    assert "sudah dikirim" in response.json()["detail"]


def test_bad_types_answer_422_with_field_paths(pemda_api):
    report = pemda_api.post("/laporan", {"urusan_id": Urusan.objects.first().pk, "year": YEAR, "quarter": 1}).json()
    response = pemda_api.post(
        f"/laporan/{report['id']}/isian",
        {"expected_version": 1, "entries": [{"id": 1, "terlayani": -5}, {"id": 1, "harus_dilayani": "banyak"}]},
    )
    assert response.status_code == 422
    errors = {tuple(e["loc"]): e["msg"] for e in response.json()["errors"]}
    assert errors[("entries", 0, "terlayani")] == "Nilai terlalu kecil: paling sedikit 0."
    assert errors[("entries", 1, "harus_dilayani")] == "Isi dengan bilangan bulat."


def test_no_token_a_wrong_token_a_revoked_or_expired_one_answer_401(client, api_world):
    from reporting.accounts.services.api_tokens import api_token_revoke

    assert Api(client, None).get("/laporan").status_code == 401
    assert Api(client, "spm_0000000000_salah").get("/laporan").status_code == 401
    secret = issue(api_world["pemda_a"])
    token = api_world["pemda_a"].region.api_tokens.get()
    api_token_revoke(user=api_world["pemda_a"], token=token)
    response = Api(client, secret).get("/laporan")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "dicabut" in response.json()["detail"]


def test_a_session_cookie_is_not_an_api_credential(client, api_world):
    client.force_login(api_world["pemda_a"])
    assert client.get("/api/v1/laporan").status_code == 401
    assert (
        client.post("/api/v1/laporan", {"urusan_id": 1, "year": YEAR, "quarter": 1}, content_type="application/json")
    ).status_code == 401


def test_a_ministry_token_only_reads(ministry_api, api_world):
    report = report_services.report_get_or_create(
        region=api_world["kab_a"],
        urusan=Urusan.objects.first(),
        period=Period.objects.get(year=YEAR, quarter=1),
    )
    response = ministry_api.post("/laporan", {"urusan_id": report.urusan_id, "year": YEAR, "quarter": 1})
    assert response.status_code == 403
    assert response.json()["detail"] == "Token kementerian hanya dapat membaca data."
    assert ministry_api.get(f"/laporan/{report.pk}").status_code == 404  # a draft: nobody else sees it


def test_an_urusan_token_works_on_its_urusan_only_and_never_submits(client, api_world):
    first, second = Urusan.objects.all()[:2]
    api = Api(client, issue(api_world["pemda_a"], urusan=first))
    report = api.post("/laporan", {"urusan_id": first.pk, "year": YEAR, "quarter": 1})
    assert report.status_code == 201
    assert api.post("/laporan", {"urusan_id": second.pk, "year": YEAR, "quarter": 1}).status_code == 403
    submit = api.post(f"/laporan/{report.json()['id']}/kirim", {"expected_version": report.json()["version"]})
    assert submit.status_code == 403
    assert submit.json()["detail"] == messages.CANNOT_SUBMIT


def test_the_rate_limit_answers_429_with_retry_after(settings, pemda_api):
    settings.API_RATE_LIMIT_PER_MINUTE = 2
    assert pemda_api.get("/urusan").status_code == 200
    assert pemda_api.get("/urusan").status_code == 200
    response = pemda_api.get("/urusan")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert response.json()["detail"].startswith("Terlalu banyak permintaan")


def test_last_used_is_written_at_most_once_a_minute(pemda_api, api_world, django_assert_num_queries):
    token = api_world["pemda_a"].region.api_tokens.get()
    assert token.last_used_at is None
    pemda_api.get("/urusan")
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    pemda_api.get("/urusan")
    token.refresh_from_db()
    assert token.last_used_at == first


def test_a_change_through_the_api_shows_in_the_report_page_and_the_excel_export(client, pemda_api, api_world):
    report = pemda_api.post("/laporan", {"urusan_id": Urusan.objects.first().pk, "year": YEAR, "quarter": 1}).json()
    client.force_login(api_world["pemda_a"])
    assert "1.234.567" not in client.get(reverse("reporting:report_capaian", args=[report["id"]])).content.decode()
    body = {
        "expected_version": report["version"],
        "entries": [{"id": report["entries"][0]["id"], "harus_dilayani": 1234567, "terlayani": 7654}],
        "kegiatan": [{"entry_id": report["entries"][0]["id"], "name": "Rehab ruang kelas", "pagu": 5, "realisasi": 5}],
    }
    saved = pemda_api.post(f"/laporan/{report['id']}/isian", body)
    assert saved.status_code == 200
    assert saved.json()["entries"][0]["harus_dilayani"] == 1234567
    again = pemda_api.get(f"/laporan/{report['id']}").json()
    assert again["kegiatan"][0]["name"] == "Rehab ruang kelas"
    page = client.get(reverse("reporting:report_capaian", args=[report["id"]])).content.decode()
    assert "1.234.567" in page and "7.654" in page
    assert "Melalui API: Sistem uji" in page  # the history says where the change came from
    kegiatan = client.get(reverse("reporting:report_kegiatan", args=[report["id"]])).content.decode()
    assert "Rehab ruang kelas" in kegiatan
    export = client.get(reverse("reporting:excel_report", args=[report["id"]]))
    workbook = load_workbook(io.BytesIO(b"".join(export.streaming_content) if export.streaming else export.content))
    cells = {cell.value for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row}
    assert 1234567 in cells and 7654 in cells and "Rehab ruang kelas" in cells


def test_lists_filter_by_year_quarter_urusan_region_status_and_change_date(pemda_api, api_world):
    first, second = Urusan.objects.all()[:2]
    one = pemda_api.post("/laporan", {"urusan_id": first.pk, "year": YEAR, "quarter": 1}).json()
    pemda_api.post("/laporan", {"urusan_id": second.pk, "year": YEAR, "quarter": 1})
    pemda_api.post(f"/laporan/{one['id']}/kirim", {"expected_version": one["version"], "incomplete_reason": "Uji"})
    assert pemda_api.get("/laporan").json()["count"] == 2
    assert pemda_api.get("/laporan", urusan=first.pk).json()["count"] == 1
    assert pemda_api.get("/laporan", status="submitted").json()["items"][0]["id"] == one["id"]
    assert pemda_api.get("/laporan", year=YEAR - 1).json()["count"] == 0
    assert pemda_api.get("/laporan", quarter=2).json()["count"] == 0
    assert pemda_api.get("/laporan", region=api_world["kab_b"].code).json()["count"] == 0
    assert pemda_api.get("/laporan", changed_since="2999-01-01T00:00:00Z").json()["count"] == 0
    page = pemda_api.get("/laporan", limit=1, offset=1).json()
    assert (page["count"], len(page["items"])) == (2, 1)
    assert pemda_api.get("/wilayah").json()["count"] == 1
    catalogue = pemda_api.get("/katalog", year=YEAR, urusan=first.pk, level="kabkota").json()
    assert catalogue["count"] == 2 and len(catalogue["items"][0]["mutu_items"]) == 3
    periods = pemda_api.get("/periode", year=YEAR).json()
    assert periods["count"] == 4 and periods["items"][-1]["own_closes_at"]


def test_the_docs_page_serves_swagger_from_the_app_not_a_cdn(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "https://" not in html
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/laporan/{report_id}/isian" in schema["paths"]


def test_one_values_post_with_figures_and_kegiatan_is_one_write_naming_the_token(api_world, pemda_api):
    urusan = Urusan.objects.first()
    report = pemda_api.post("/laporan", {"urusan_id": urusan.pk, "year": YEAR, "quarter": 1}).json()
    saved = pemda_api.post(f"/laporan/{report['id']}/isian", _values_for(report))
    assert saved.status_code == 200, saved.content
    assert saved.json()["version"] == report["version"] + 1
    figures = ReportEvent.objects.filter(report_id=report["id"], field__contains="jumlah")
    assert figures.exists() and not figures.exclude(message__startswith="Melalui API").exists()
