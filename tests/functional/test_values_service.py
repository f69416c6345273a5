"""One values service (issue 26): the tab A and tab B forms, the Excel import and the API save a report's
figures and kegiatan only through ``values.report_values_save``, which rechecks the warnings inside its write;
a tab A save reads the report's rows once and runs a fixed, small number of queries; and on every tab, the
API and the import a refused save keeps the version the user saw (issue 23, item 9)."""

import re

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reporting import messages
from reporting.models import Activity, Problem, Report, ReportWarning, ServiceEntry, WarningStatus
from reporting.services import excel_export, values
from reporting.services import reports as svc
from tests import factories
from tests.functional.api.conftest import Api, issue
from tests.integration.test_excel_import import template_bytes
from tests.jobs import job_from_redirect, run_queued_jobs

# The tables that hold a report's values: a statement changing one must run inside report_values_save.
VALUES_TABLES = re.compile(
    r"^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?(reporting_serviceentry|reporting_mutuentry|reporting_activity)\"?\s",
    re.IGNORECASE,
)
SEED_PAGU, SEED_TYPO = 1_072_692_000, 107_104_500  # the seed's dropped digit: serapan 9,98 %


class ValuesGuard:
    """Records every statement that changes a value row, and whether the values service was running."""

    def __init__(self, report_id: int):
        self.report_id, self.inside, self.outside = report_id, [], []

    def __call__(self, execute, sql, params, many, context):
        if VALUES_TABLES.match(sql):
            (self.inside if values.values_save_active(self.report_id) else self.outside).append(sql)
        return execute(sql, params, many, context)


@pytest.fixture
def report(kabkota, pemda_user):
    return factories.report_with_catalogue(kabkota, services=2, mutu=2)


def _fresh(report) -> Report:
    return Report.objects.get(pk=report.pk)


def _tab_a_form(report, **typed) -> dict:
    """Tab A as a browser posts it: every input of the page with the shown value, the version seen."""
    data = {"version": str(_fresh(report).version)}
    for entry in report.entries.order_by("order"):
        for name in ("harus_dilayani", "terlayani"):
            value = getattr(entry, name)
            data[f"entry-{entry.pk}-{name}"] = "" if value is None else str(value)
        for mutu in entry.mutu_entries.order_by("order"):
            for name in ("harus_dipenuhi", "terpenuhi"):
                value = getattr(mutu, name)
                data[f"mutu-{mutu.pk}-{name}"] = "" if value is None else str(value)
    data.update(typed)
    return data


def _entry(report) -> ServiceEntry:
    return report.entries.order_by("order").first()


def _add_form(report, entry, name="Rehab", pagu="1.000", realisasi="900", version=None) -> dict:
    return {
        "version": str(_fresh(report).version if version is None else version),
        "action": "add",
        "target": str(entry.pk),
        f"add-{entry.pk}-name": name,
        f"add-{entry.pk}-pagu": pagu,
        f"add-{entry.pk}-realisasi": realisasi,
    }


def _entry_points(client, report, pemda_user):
    """(name, call) for every way a person or a system saves values."""
    entry = _entry(report)

    def tab_a():
        url = reverse("reporting:report_capaian", args=[report.pk])
        typed = {f"entry-{entry.pk}-harus_dilayani": "1.200", f"entry-{entry.pk}-terlayani": "1.100"}
        assert client.post(url, _tab_a_form(report, **typed)).status_code == 302

    def tab_b():
        url = reverse("reporting:report_kegiatan", args=[report.pk])
        assert client.post(url, _add_form(report, entry)).status_code == 302

    def excel():
        def edit(wb):
            ws = wb[excel_export.CAPAIAN_SHEET]
            for row in ws.iter_rows(min_row=1):
                if str(row[0].value or "").startswith("E"):
                    row[excel_export.COL_TARGET - 1].value = 3000
                    row[excel_export.COL_SERVED - 1].value = 2000

        url = f"/pelaporan/excel/laporan/{report.pk}/impor/"
        data = template_bytes(_fresh(report), edit)
        job = job_from_redirect(client.post(url, {"berkas": SimpleUploadedFile("x.xlsx", data)}))
        run_queued_jobs()
        job.refresh_from_db()
        assert job.status == "done", job.message

    def api():
        api = Api(client, issue(pemda_user))
        body = {
            "expected_version": _fresh(report).version,
            "entries": [{"id": entry.pk, "harus_dilayani": 5000, "terlayani": 4000}],
            "kegiatan": [{"entry_id": entry.pk, "name": "Lewat API", "pagu": 100, "realisasi": 90}],
        }
        response = api.post(f"/laporan/{report.pk}/isian", body)
        assert response.status_code == 200, response.content

    return [("tab A form", tab_a), ("tab B form", tab_b), ("Excel import", excel), ("API", api)]


def test_the_forms_the_import_and_the_api_change_values_only_inside_the_values_service(client, report, pemda_user):
    client.force_login(pemda_user)
    for name, call in _entry_points(client, report, pemda_user):
        guard = ValuesGuard(report.pk)
        with connection.execute_wrapper(guard):
            call()
        assert guard.inside, f"{name}: no value was written at all"
        assert not guard.outside, f"{name} wrote values outside report_values_save: {guard.outside}"


def test_every_entry_point_rechecks_the_warnings_inside_its_save(client, report, pemda_user, monkeypatch):
    """The recheck runs in the service's write (not after it, in the view or router): a failing recheck
    leaves nothing saved, whoever saved."""
    client.force_login(pemda_user)
    calls = []

    def recheck(**kwargs):
        calls.append(values.values_save_active(kwargs["report"].pk))
        return []

    monkeypatch.setattr(values.quality, "report_warnings_refresh", recheck)
    for name, call in _entry_points(client, report, pemda_user):
        before = len(calls)
        call()
        assert calls[before:] == [True], name


def test_a_failed_recheck_saves_nothing(client, report, pemda_user, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("recheck failed")

    monkeypatch.setattr(values.quality, "report_warnings_refresh", broken)
    version = _fresh(report).version
    with pytest.raises(RuntimeError):
        values.report_values_save(
            report=_fresh(report),
            user=pemda_user,
            expected_version=version,
            figures={f"entry-{_entry(report).pk}-harus_dilayani": 10},
        )
    assert _fresh(report).version == version
    assert _entry(report).harus_dilayani is None


def test_a_save_answers_the_warnings_of_its_recheck(report, pemda_user):
    saved = values.report_values_save(
        report=_fresh(report),
        user=pemda_user,
        expected_version=_fresh(report).version,
        kegiatan=[values.KegiatanLine(entry_id=_entry(report).pk, name="Gedung", pagu=SEED_PAGU, realisasi=SEED_TYPO)],
    )
    stored = {w.pk for w in ReportWarning.objects.filter(report=report, status=WarningStatus.OPEN)}
    assert stored and {w.pk for w in saved.open_warnings} == stored
    assert [a.name for a in saved.created] == ["Gedung"]


def test_every_error_of_figures_and_kegiatan_is_named_at_once_and_nothing_is_saved(report, pemda_user):
    entry = _entry(report)
    version = _fresh(report).version
    with pytest.raises(svc.ReportValidationError) as caught:
        values.report_values_save(
            report=_fresh(report),
            user=pemda_user,
            expected_version=version,
            figures={f"entry-{entry.pk}-harus_dilayani": 10, f"entry-{entry.pk}-terlayani": 11},
            kegiatan=[
                values.KegiatanLine(entry_id=entry.pk, name="Baik", pagu=10, realisasi=5),
                values.KegiatanLine(entry_id=entry.pk, name="", pagu=10, realisasi=20),
                values.KegiatanLine(activity_id=999_999, delete=True),
            ],
        )
    assert caught.value.field_errors == {
        f"entry-{entry.pk}-terlayani": messages.SERVED_EXCEEDS_TARGET,
        "kegiatan-1-name": messages.ACTIVITY_NAME_REQUIRED,
        "kegiatan-1-justification": messages.JUSTIFICATION_REQUIRED,
        "kegiatan-2-activity": messages.UNKNOWN_ROW,
    }
    assert _fresh(report).version == version
    assert not Activity.objects.filter(entry__report=report).exists()


def _tab_a_save_queries(client, report) -> int:
    entry = _entry(report)
    url = reverse("reporting:report_capaian", args=[report.pk])
    client.get(url)  # warm: the thresholds and the session as during a working day
    # A save before: the rules and the earlier sent quarters read once, as by the pemda's first save of the day.
    first = {f"entry-{entry.pk}-harus_dilayani": "1.000", f"entry-{entry.pk}-terlayani": "900"}
    assert client.post(url, _tab_a_form(report, **first)).status_code == 302
    typed = {f"entry-{entry.pk}-harus_dilayani": "1.200", f"entry-{entry.pk}-terlayani": "1.100"}
    data = _tab_a_form(report, **typed)
    with CaptureQueriesContext(connection) as queries:
        assert client.post(url, data).status_code == 302
    return len(queries)


# A tab A save: the user and the report (2), the write's savepoint, lock and rows read once (5), the figures
# and the history (3), the version and summary (1), the recheck's standing warnings (1; the rules and the earlier
# sent quarters come from the shared cache), the savepoint's release (1). It was 23 before the values service,
# 15 before the rules and earlier quarters were cached (bench/results.md).
TAB_A_SAVE_QUERIES = 13


def test_a_tab_a_save_reads_the_rows_once_in_a_fixed_small_number_of_queries(client, kabkota, pemda_user):
    client.force_login(pemda_user)
    small = factories.report_with_catalogue(kabkota, services=2, mutu=1)
    assert _tab_a_save_queries(client, small) == TAB_A_SAVE_QUERIES
    region = factories.KabKotaFactory(code="35.78", login_code="3578", province=kabkota.province)
    large = factories.report_with_catalogue(region, services=6, mutu=4)  # 8 services, 26 mutu items
    factories.ActivityFactory.create_batch(3, entry=_entry(large))
    client.force_login(factories.PemdaUserFactory(region=region))
    assert _tab_a_save_queries(client, large) == TAB_A_SAVE_QUERIES


# --- The version the user saw (issue 23, item 9) -------------------------------------------------------------


def _version_field(html: str) -> set[int]:
    return {int(v) for v in re.findall(r'name="version" value="(\d+)"', html)}


def test_tab_b_after_a_conflict_keeps_the_version_seen_and_a_second_click_does_not_overwrite(
    client, report, pemda_user
):
    client.force_login(pemda_user)
    entry = _entry(report)
    url = reverse("reporting:report_kegiatan", args=[report.pk])
    client.get(url)
    seen = _fresh(report).version
    svc.activity_create(report=_fresh(report), user=pemda_user, entry_id=entry.pk, name="Lain", pagu=5, realisasi=5)
    first = client.post(url, _add_form(report, entry, name="Saya", version=seen))
    assert first.status_code == 400
    html = first.content.decode()
    assert messages.CONFLICT in html
    assert _version_field(html) == {seen}  # not the report's current version
    second = client.post(url, _add_form(report, entry, name="Saya", version=seen))
    assert second.status_code == 400
    assert not Activity.objects.filter(entry__report=report, name="Saya").exists()


def test_tab_c_after_a_conflict_keeps_the_version_seen_and_a_second_click_does_not_overwrite(
    client, report, pemda_user
):
    client.force_login(pemda_user)
    url = reverse("reporting:report_permasalahan", args=[report.pk])
    client.get(url)
    seen = _fresh(report).version
    svc.problem_create(report=_fresh(report), user=pemda_user, category="pelaksanaan", text="Dari peramban lain")
    data = {"version": str(seen), "action": "add_problem", "category": "pelaksanaan", "text": "Punya saya"}
    first = client.post(url, data)
    assert first.status_code == 400
    html = first.content.decode()
    assert messages.CONFLICT in html
    assert _version_field(html) == {seen}
    assert client.post(url, data).status_code == 400
    assert not Problem.objects.filter(report=report, text="Punya saya").exists()


def test_tab_a_after_a_conflict_keeps_the_version_seen(client, report, pemda_user):
    client.force_login(pemda_user)
    entry = _entry(report)
    url = reverse("reporting:report_capaian", args=[report.pk])
    data = _tab_a_form(report, **{f"entry-{entry.pk}-harus_dilayani": "50"})
    svc.report_capaian_save(
        report=_fresh(report),
        user=pemda_user,
        expected_version=_fresh(report).version,
        entries={entry.pk: {"terlayani": 1}},
    )
    for _ in range(2):  # the second click is refused too
        html = client.post(url, data).content.decode()
        assert messages.CONFLICT in html and _version_field(html) == {int(data["version"])}
    assert _entry(report).harus_dilayani is None


def test_the_api_and_the_import_check_the_version_the_client_saw(client, report, pemda_user):
    from reporting.services import excel_import

    stale = template_bytes(_fresh(report))
    seen = _fresh(report).version
    svc.problem_create(report=_fresh(report), user=pemda_user, category="pelaksanaan", text="Lain")
    with pytest.raises(excel_import.ExcelImportError) as caught:
        excel_import.report_import(report=_fresh(report), user=pemda_user, data=stale)
    assert caught.value.errors == [messages.IMPORT_CONFLICT]
    api = Api(client, issue(pemda_user))
    body = {"expected_version": seen, "entries": [{"id": _entry(report).pk, "harus_dilayani": 7}]}
    for _ in range(2):
        assert api.post(f"/laporan/{report.pk}/isian", body).status_code == 409
    assert _entry(report).harus_dilayani is None
