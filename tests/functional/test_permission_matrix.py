"""Every route of the URLconf against every role, reading and writing, with another pemda's ids.

The expectations live in ``permission_matrix.py``; a route that is added to the URLconf without an
entry there fails ``test_every_route_has_an_entry_in_the_matrix`` with its name.
"""

import contextlib
from urllib.parse import urlsplit

import pytest

from django.core.cache import caches
from django.db import transaction
from django.urls import URLResolver, get_resolver, reverse

from reporting.models import Activity, Problem, Report, SupportingFile
from tests import factories
from tests.functional import permission_matrix as pm

LOGIN_PATHS = ("/login/", "/admin/login/")


def route_keys(patterns=None, prefix="", namespace=None):
    """(key, pattern) of every route: ``namespace:name``, or the full pattern of an unnamed route."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from route_keys(entry.url_patterns, prefix + str(entry.pattern), inner)
        else:
            pattern = prefix + str(entry.pattern)
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            yield name or pattern, pattern


def test_every_route_has_an_entry_in_the_matrix():
    """A new route fails here, by name, until someone decides who may read and write it."""
    keys = {key for key, pattern in route_keys() if not pattern.startswith(pm.ADMIN_PREFIX)}
    covered = set(pm.MATRIX) | set(pm.MACHINA_ROUTES) | set(pm.API_ROUTES)
    missing = sorted(keys - covered)
    assert not missing, f"Routes without an entry in tests/functional/permission_matrix.py: {missing}"
    stale = sorted(covered - keys)
    assert not stale, f"Entries in permission_matrix.py for routes that no longer exist: {stale}"


def test_the_admin_is_one_prefix_of_wagtail_routes():
    """Skipping /admin/ route by route is only sound while everything under it is Wagtail's own."""
    admin = [pattern for _, pattern in route_keys() if pattern.startswith(pm.ADMIN_PREFIX)]
    assert admin and all(pattern.startswith(pm.ADMIN_PREFIX) for pattern in admin)


# --- Running one request as one role ---------------------------------------------------------------


class _Rollback(Exception):
    pass


def outcome(response) -> str:
    status = response.status_code
    if 300 <= status < 400:
        return "L" if urlsplit(response["Location"]).path in LOGIN_PATHS else "Y"
    if status == 405:
        return "M"
    if status in (403, 404):
        return "N"
    if status < 300 or status == 400:  # 400: the form's errors, shown to someone allowed to send it
        return "Y"
    return f"?{status}"


def attempt(client, world, role, method, url, data, *, must_not_write: bool):
    """One request in a savepoint that is rolled back, so that every role starts from the same data.
    Returns the outcome letter and whether the protected data changed."""
    result = {}
    with contextlib.suppress(_Rollback), transaction.atomic():
        client.logout()
        for cache_name in ("default", "machina_attachments"):
            caches[cache_name].clear()
        if role != "anonymous":
            client.force_login(world.users[role])
        before = pm.fingerprint()
        response = client.post(url, data) if method == "post" else client.get(url)
        result["letter"] = outcome(response)
        result["changed"] = pm.fingerprint() != before
        if getattr(response, "streaming", False):
            # Consumed through the test client's wrapper, which closes the file without firing
            # close_old_connections (a direct response.close() would close PostgreSQL's connection).
            b"".join(response.streaming_content)
        raise _Rollback
    return result["letter"], result["changed"] and must_not_write


@pytest.fixture
def world(db):
    return pm.world_build()


@pytest.mark.parametrize("route", sorted(pm.MATRIX))
def test_route_answers_each_role_as_the_matrix_says(client, world, route):
    failures = []
    for number, case in enumerate(pm.MATRIX[route]):
        url = case.url(world)
        for method, letters in (("get", case.get), ("post", case.post)):
            for role, expected in zip(pm.ROLES, letters, strict=True):
                may_write = case.get_writes if method == "get" else case.writes
                must_not_write = expected != "Y" or not may_write
                got, wrote = attempt(client, world, role, method, url, case.data(world), must_not_write=must_not_write)
                if got != expected:
                    failures.append(f"case {number} {method.upper()} {url} as {role}: expected {expected}, got {got}")
                if wrote:
                    failures.append(f"case {number} {method.upper()} {url} as {role}: changed protected data")
    assert not failures, "\n".join(failures)


def api_outcome(status: int) -> str:
    if 200 <= status < 300:
        return "Y"
    return {401: "A", 403: "N", 404: "N", 423: "K", 422: "V"}.get(status, f"?{status}")


@pytest.mark.parametrize("route", sorted(pm.API_ROUTES))
def test_api_route_answers_each_token_kind_as_the_matrix_says(client, world, route):
    """The API with every kind of credential; only a token authenticates, never the session cookie."""
    credentials = pm.api_credentials(world)
    failures = []
    for number, case in enumerate(pm.API_ROUTES[route]):
        for identity, expected in zip(pm.API_IDENTITIES, case.expect, strict=True):
            result = {}
            with contextlib.suppress(_Rollback), transaction.atomic():
                client.logout()
                caches["default"].clear()
                if identity == "session":
                    client.force_login(world.users["kabkota"])
                headers = {"HTTP_AUTHORIZATION": f"Bearer {credentials[identity]}"} if credentials[identity] else {}
                before = pm.fingerprint()
                body = case.body(world)
                if case.method == "post":
                    response = client.post(case.path(world), body, content_type="application/json", **headers)
                else:
                    response = client.get(case.path(world), **headers)
                result["letter"] = api_outcome(response.status_code)
                result["changed"] = pm.fingerprint() != before
                raise _Rollback
            where = f"case {number} {case.method.upper()} {case.path(world)} as {identity}"
            if result["letter"] != expected:
                failures.append(f"{where}: expected {expected}, got {result['letter']}")
            if result["changed"] and (expected != "Y" or not case.writes):
                failures.append(f"{where}: changed protected data")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("route", sorted(pm.MACHINA_ROUTES))
def test_machina_routes_follow_the_forum_permissions(client, world, route):
    """Forum routes: anyone reads, pemda and ministry post, only the moderator moderates, an editor only reads."""
    spec = pm.MACHINA_ROUTES[route]
    url = spec.url(world)
    failures = []
    for method, letters in (("get", spec.get), ("post", spec.post)):
        for role, expected in zip(pm.MACHINA_ROLES, letters, strict=True):
            must_not_write = method == "get" or expected != "Y" or not spec.writes
            got, wrote = attempt(client, world, role, method, url, spec.data(world), must_not_write=must_not_write)
            if got != expected:
                failures.append(f"{method.upper()} {url} as {role}: expected {expected}, got {got}")
            if wrote:
                failures.append(f"{method.upper()} {url} as {role}: changed protected data")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("path", pm.ADMIN_SAMPLE)
def test_admin_is_closed_to_roles_without_admin_access(client, world, path):
    failures = []
    for role, expected in zip(pm.ROLES, pm.ADMIN_GET, strict=True):
        got, _ = attempt(client, world, role, "get", path, {}, must_not_write=True)
        # Inside the admin, a role without the model permission is sent back to the dashboard (302)
        # or refused: both keep it out; only the front door must open for the admin roles.
        if expected == "L" and got != "L":
            failures.append(f"GET {path} as {role}: expected the admin login, got {got}")
        if expected == "Y" and path == "/admin/" and got != "Y":
            failures.append(f"GET {path} as {role}: expected the admin, got {got}")
    assert not failures, "\n".join(failures)


# --- Other pemda's ids inside the forms of one's own report -----------------------------------------


@pytest.fixture
def foreign(world):
    """Objects of kab/kota B, whose ids A puts in the forms of its own report."""
    from reporting.services import files as file_services
    from reporting.services import reports as report_services

    report = report_services.report_get_or_create(region=world.kab_b, urusan=world.urusan, period=world.period)
    entry = report.entries.first()
    return {
        "report": report,
        "entry": entry,
        "mutu": entry.mutu_entries.first(),
        "activity": factories.ActivityFactory(entry=entry, name="Milik B"),
        "problem": factories.ProblemFactory(report=report, text="Milik B"),
        "file": file_services.supporting_file_add(report=report, user=world.users["kab_same"], uploaded=pm._pdf()),
    }


def _foreign_state(foreign):
    report = Report.objects.get(pk=foreign["report"].pk)
    entry = report.entries.get(pk=foreign["entry"].pk)
    return (
        report.version,
        entry.harus_dilayani,
        entry.terlayani,
        list(Activity.objects.filter(entry__report=report).values_list("pk", "name", "pagu")),
        list(Problem.objects.filter(report=report).values_list("pk", "text")),
        list(SupportingFile.objects.filter(report=report).values_list("pk", "file")),
    )


FORM_ATTACKS = {
    "capaian of B's rows": (
        "report_capaian",
        lambda w, f: {
            "version": str(w.draft.version),
            f"entry-{f['entry'].pk}-harus_dilayani": "7",
            f"entry-{f['entry'].pk}-terlayani": "7",
        },
    ),
    "update B's activity": (
        "report_kegiatan",
        lambda w, f: {
            "version": str(w.draft.version),
            "action": "update",
            "target": str(f["activity"].pk),
            f"act-{f['activity'].pk}-name": "Dibajak",
            f"act-{f['activity'].pk}-pagu": "1",
            f"act-{f['activity'].pk}-realisasi": "1",
        },
    ),
    "delete B's activity": (
        "report_kegiatan",
        lambda w, f: {"version": str(w.draft.version), "action": "delete", "target": str(f["activity"].pk)},
    ),
    "add an activity to B's service": (
        "report_kegiatan",
        lambda w, f: {
            "version": str(w.draft.version),
            "action": "add",
            "target": str(f["entry"].pk),
            f"add-{f['entry'].pk}-name": "Sisipan",
            f"add-{f['entry'].pk}-pagu": "1",
            f"add-{f['entry'].pk}-realisasi": "1",
        },
    ),
    "update B's problem": (
        "report_permasalahan",
        lambda w, f: {
            "version": str(w.draft.version),
            "action": "update_problem",
            "target": str(f["problem"].pk),
            f"p{f['problem'].pk}-category": "pengumpulan_data",
            f"p{f['problem'].pk}-text": "Dibajak",
        },
    ),
    "delete B's problem": (
        "report_permasalahan",
        lambda w, f: {"version": str(w.draft.version), "action": "delete_problem", "target": str(f["problem"].pk)},
    ),
    "delete B's file": (
        "report_permasalahan",
        lambda w, f: {"version": str(w.draft.version), "action": "delete_file", "target": str(f["file"].pk)},
    ),
}


@pytest.mark.parametrize("attack", sorted(FORM_ATTACKS))
def test_ids_of_another_pemda_in_the_forms_of_ones_own_report_change_nothing(client, world, foreign, attack):
    route, data = FORM_ATTACKS[attack]
    client.force_login(world.users["kabkota"])
    before = _foreign_state(foreign)
    response = client.post(reverse(f"reporting:{route}", args=[world.draft.pk]), data(world, foreign))
    assert response.status_code in (200, 302, 400, 403, 404)
    assert _foreign_state(foreign) == before


def test_another_pemdas_file_is_not_served_through_ones_own_report(client, world, foreign):
    client.force_login(world.users["kabkota"])
    response = client.get(reverse("reporting:report_file", args=[world.draft.pk, foreign["file"].pk]))
    assert response.status_code == 404


def test_operator_form_offers_no_way_to_create_an_account_in_another_region(client, world):
    """The region of a new operator is always the creating pemda's; a posted ``region`` is ignored."""
    from reporting.models import User

    client.force_login(world.users["kab_same"])
    client.post(
        reverse("reporting:operator_list"),
        {
            "username": "op-sisipan",
            "full_name": "Dinas",
            "urusan": world.urusan.pk,
            "region": world.kab_a.pk,
            "parent": world.users["kabkota"].pk,
        },
    )
    created = User.objects.filter(username="op-sisipan").first()
    assert created is None or (created.region_id == world.kab_b.pk and created.parent_id == world.users["kab_same"].pk)


def test_the_recap_of_a_kabkota_holds_only_its_own_region(client, world):
    """excel_recap answers every pemda, but with its own scope: C's recap never names A."""
    import io

    import openpyxl

    from tests.jobs import download_bytes, job_from_redirect, run_queued_jobs

    client.force_login(world.users["kab_other"])
    job = job_from_redirect(client.post(reverse("reporting:excel_recap", args=[pm.YEAR, 1])))
    run_queued_jobs()
    workbook = openpyxl.load_workbook(io.BytesIO(download_bytes(client, job)), read_only=True)
    text = " ".join(
        str(cell)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    )
    assert world.kab_c.name in text
    assert world.kab_a.name not in text and world.kab_b.name not in text


def test_another_province_choosing_a_kabkota_of_the_first_sees_nothing_of_it(client, world):
    client.force_login(world.users["prov_other"])
    page = client.get(reverse("reporting:kabkota_list") + f"?wilayah={world.kab_a.login_code}").content.decode()
    assert world.kab_a.name not in page
