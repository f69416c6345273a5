"""Tab C over HTTP with the solusi / tindak lanjut of each permasalahan, and the "Versi" page comparing it."""

import re

import pytest

from django.urls import reverse

from reporting.models import Problem, ReportSnapshot
from reporting.services import reports as svc
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(kabkota):
    return factories.report_with_catalogue(kabkota, services=1, mutu=0)


def _url(report):
    return reverse("reporting:report_permasalahan", kwargs={"pk": report.pk})


def test_the_new_note_form_has_a_labelled_solusi_textarea_with_its_limit(client, pemda_user, report):
    client.force_login(pemda_user)
    page = client.get(_url(report)).content.decode()
    assert '<label for="id_solution">Solusi / tindak lanjut</label>' in page
    textarea = re.search(r"<textarea[^>]*name=\"solution\"[^>]*>", page).group(0)
    assert 'maxlength="5000"' in textarea and 'id="id_solution"' in textarea
    # the help (limit included) is the element the textarea points at
    assert 'aria-describedby="id_solution_helptext"' in textarea
    help_text = re.search(r'<p class="help" id="id_solution_helptext">([^<]*)</p>', page).group(1)
    assert "Paling banyak 5.000 karakter." in help_text


def test_a_note_with_its_solusi_is_saved_and_listed_under_it_as_text(client, pemda_user, report):
    client.force_login(pemda_user)
    response = client.post(
        _url(report),
        {
            "version": report.version,
            "action": "add_problem",
            "category": "pelaksanaan",
            "text": "Guru kurang.",
            "solution": "Rekrutmen <script>alert(1)</script>",
        },
    )
    assert response.status_code == 302
    problem = Problem.objects.get(report=report)
    assert problem.solution == "Rekrutmen <script>alert(1)</script>"
    page = client.get(_url(report)).content.decode()
    assert "<strong>Solusi / tindak lanjut:</strong> Rekrutmen &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)</script>" not in page


def test_the_change_form_starts_from_the_saved_solusi_and_saves_a_new_one(client, pemda_user, report):
    problem = svc.problem_create(
        report=report, user=pemda_user, category="pelaksanaan", text="Guru kurang.", solution="Rekrutmen."
    )
    report.refresh_from_db()
    client.force_login(pemda_user)
    page = client.get(_url(report) + f"?ubah={problem.pk}").content.decode()
    assert f'<label for="id_p{problem.pk}-solution">Solusi / tindak lanjut</label>' in page
    assert re.search(rf'<textarea[^>]*name="p{problem.pk}-solution"[^>]*>\s*Rekrutmen\.</textarea>', page)
    response = client.post(
        _url(report),
        {
            "version": report.version,
            "action": "update_problem",
            "target": problem.pk,
            f"p{problem.pk}-category": "pelaksanaan",
            f"p{problem.pk}-text": "Guru kurang.",
            f"p{problem.pk}-solution": "Rekrutmen guru PPPK.",
        },
    )
    assert response.status_code == 302
    problem.refresh_from_db()
    assert problem.solution == "Rekrutmen guru PPPK."


def test_a_too_long_solusi_is_refused_in_indonesian_keeping_what_was_typed_and_what_was_saved(
    client, pemda_user, report
):
    problem = svc.problem_create(
        report=report, user=pemda_user, category="pelaksanaan", text="Guru kurang.", solution="Rekrutmen."
    )
    report.refresh_from_db()
    version = report.version
    client.force_login(pemda_user)
    response = client.post(
        _url(report),
        {
            "version": version,
            "action": "update_problem",
            "target": problem.pk,
            f"p{problem.pk}-category": "pelaksanaan",
            f"p{problem.pk}-text": "Guru kurang sekali.",
            f"p{problem.pk}-solution": "x" * 5001,
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Teks terlalu panjang: paling banyak 5.000 karakter, yang diisi 5.001 karakter." in page
    assert "Guru kurang sekali." in page  # the typed note is still in the form
    problem.refresh_from_db()
    report.refresh_from_db()
    assert (problem.text, problem.solution, report.version) == ("Guru kurang.", "Rekrutmen.", version)
    response = client.post(
        _url(report),
        {"version": version, "action": "add_problem", "category": "lain_lain", "text": "Baru", "solution": "y" * 9000},
    )
    assert response.status_code == 400
    assert "yang diisi 9.000 karakter." in response.content.decode()
    assert report.problems.count() == 1


def test_the_versions_page_shows_a_changed_solusi_also_against_a_version_sent_before_solusi(
    client, pemda_user, province_user, report
):
    problem = svc.problem_create(report=report, user=pemda_user, category="pelaksanaan", text="Guru kurang.")
    svc.report_submit(report=report, user=pemda_user)
    # A version sent before solusi existed: its permasalahan have no "solution" key.
    first = ReportSnapshot.objects.get(report=report)
    first.data["permasalahan"] = [{"category": "Pelaksanaan", "text": "Guru kurang."}]
    first.save()
    report.refresh_from_db()
    svc.report_return(report=report, user=province_user, reason="Tambahkan tindak lanjut.")
    svc.problem_update(
        report=report,
        user=pemda_user,
        problem_id=problem.pk,
        category="pelaksanaan",
        text="Guru kurang.",
        solution="Rekrutmen guru PPPK.",
    )
    svc.report_submit(report=report, user=pemda_user)
    client.force_login(province_user)
    response = client.get(reverse("reporting:report_versions", kwargs={"pk": report.pk}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Permasalahan Pelaksanaan / solusi: Guru kurang." in page
    assert "Rekrutmen guru PPPK." in page
