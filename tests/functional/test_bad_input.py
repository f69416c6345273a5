"""Property-based bad input (hypothesis) against every form of the reporting pages over HTTP:
never a server error, every message in Indonesian, and nothing half-saved."""

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.db import transaction
from django.urls import reverse

from reporting.models import Report
from tests.functional import permission_matrix as pm

EXAMPLES = settings(
    max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Django's own English messages: if one shows, a message was not translated or not ours.
ENGLISH = (
    "This field is required",
    "Enter a ",
    "Ensure this value",
    "Null characters are not allowed",
    "Select a valid choice",
    "is not a valid",
    "Server Error",
    "Traceback",
)

# Text a user (or a script) may type: numbers in every shape, huge ones, control characters, NUL, RTL,
# emoji, HTML, SQL, very long strings.
nasty = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "1,5",
            "1.5",
            "1.000.000",
            "1.00.0",
            "1e9",
            "１２３",
            "١٢٣",
            "Rp 1.000",
            "NaN",
            "inf",
            "9" * 25,
            "-" + "9" * 25,
            "1" + "0" * 19,
            "\x00",
            "1\x00",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "\u202e123",
            "🙂",
            "x" * 5000,
            "\r\n",
            "%s%s%n",
        ]
    ),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)


class _Rollback(Exception):
    pass


def post_once(client, world, role, url, data):
    """POST in a rolled-back savepoint: (status, page, changed?, report versions before/after)."""
    out = {}
    with contextlib.suppress(_Rollback), transaction.atomic():
        client.force_login(world.users[role])
        before = pm.fingerprint()
        response = client.post(url, data)
        out.update(
            status=response.status_code,
            page=response.content.decode(errors="replace"),
            changed=pm.fingerprint() != before,
        )
        raise _Rollback
    return out


def check(out, *, may_save: bool = True):
    assert out["status"] < 500, out["page"][:3000]
    assert not any(word in out["page"] for word in ENGLISH), out["page"][:3000]
    if out["status"] != 302 or not may_save:
        assert not out["changed"], "refused input changed saved data"


@pytest.fixture
def world(db):
    return pm.world_build()


@EXAMPLES
@given(target=nasty, served=nasty, mutu_target=nasty, mutu_met=nasty, version=nasty)
def test_capaian_form(client, world, target, served, mutu_target, mutu_met, version):
    e, m = world.entry.pk, world.mutu.pk
    data = {
        "version": str(world.draft.version),
        f"entry-{e}-harus_dilayani": target,
        f"entry-{e}-terlayani": served,
        f"mutu-{m}-harus_dipenuhi": mutu_target,
        f"mutu-{m}-terpenuhi": mutu_met,
    }
    out = post_once(client, world, "kabkota", reverse("reporting:report_capaian", args=[world.draft.pk]), data)
    check(out)
    stale = post_once(
        client,
        world,
        "kabkota",
        reverse("reporting:report_capaian", args=[world.draft.pk]),
        {**data, "version": version},
    )
    check(stale, may_save=version.strip() == str(world.draft.version))


@EXAMPLES
@given(
    action=st.sampled_from(["add", "update", "delete", "", "hapus"]),
    target=nasty,
    name=nasty,
    pagu=nasty,
    realisasi=nasty,
    justification=nasty,
)
def test_kegiatan_form(client, world, action, target, name, pagu, realisasi, justification):
    real_target = str(world.entry.pk if action == "add" else world.activity.pk)
    for chosen in (real_target, target):
        prefix = f"add-{chosen}" if action == "add" else f"act-{chosen}"
        data = {
            "version": str(world.draft.version),
            "action": action,
            "target": chosen,
            f"{prefix}-name": name,
            f"{prefix}-pagu": pagu,
            f"{prefix}-realisasi": realisasi,
            f"{prefix}-justification": justification,
        }
        check(post_once(client, world, "kabkota", reverse("reporting:report_kegiatan", args=[world.draft.pk]), data))


@EXAMPLES
@given(
    action=st.sampled_from(["add_problem", "update_problem", "delete_problem", "delete_file", "upload", "x"]),
    target=nasty,
    category=nasty | st.sampled_from(["pengumpulan_data", "anggaran"]),
    text=nasty,
)
def test_permasalahan_form(client, world, action, target, category, text):
    for chosen in (str(world.problem.pk), target):
        data = {
            "version": str(world.draft.version),
            "action": action,
            "target": chosen,
            "category": category,
            "text": text,
            f"p{chosen}-category": category,
            f"p{chosen}-text": text,
        }
        url = reverse("reporting:report_permasalahan", args=[world.draft.pk])
        check(post_once(client, world, "kabkota", url, data))


@EXAMPLES
@given(reason=nasty.map(lambda text: text.replace("\x00", "")), tab=nasty)  # NUL: see the test below
def test_return_form(client, world, reason, tab):
    out = post_once(
        client,
        world,
        "province",
        reverse("reporting:report_return", args=[world.sent.pk]),
        {"reason": reason, "tab": tab},
    )
    assert out["status"] == 302
    if not reason.strip():
        assert not out["changed"]


@EXAMPLES
@given(
    nomor=nasty,
    judul=nasty,
    stage=nasty,
    note=nasty,
    action=st.sampled_from(["sk_tim", "stages", "rencana_aksi", "?"]),
    year=st.text(max_size=4) | st.integers(-(10**6), 10**6).map(str),
)  # larger: see the test below
def test_documents_forms(client, world, nomor, judul, stage, note, action, year):
    data = {
        "action": action,
        "nomor": nomor,
        "judul": judul,
        **{f"stage-{n}": stage for n in range(1, 5)},
        **{f"note-{n}": note for n in range(1, 5)},
    }
    url = reverse("reporting:documents", args=[world.kab_a.login_code]) + f"?tahun={year}"
    check(post_once(client, world, "kabkota", url, data))


@EXAMPLES
@given(username=nasty, full_name=nasty, urusan=nasty)
def test_operator_form(client, world, username, full_name, urusan):
    out = post_once(
        client,
        world,
        "kabkota",
        reverse("reporting:operator_list"),
        {"username": username, "full_name": full_name, "urusan": urusan},
    )
    assert out["status"] < 500 and not any(word in out["page"] for word in ENGLISH), out["page"][:2000]


@EXAMPLES
@given(username=nasty, password=nasty)
def test_login_form(client, world, username, password):
    with contextlib.suppress(_Rollback), transaction.atomic():
        client.logout()
        response = client.post(reverse("login"), {"username": username, "password": password})
        page = response.content.decode()
        assert response.status_code == 200 and "_auth_user_id" not in client.session
        assert not any(word in page for word in ENGLISH), page[:2000]
        raise _Rollback


@EXAMPLES
@given(old=nasty, new1=nasty, new2=nasty)
def test_password_change_form(client, world, old, new1, new2):
    out = post_once(
        client,
        world,
        "kabkota",
        reverse("password_change"),
        {"old_password": old, "new_password1": new1, "new_password2": new2},
    )
    check(out, may_save=False)


@EXAMPLES
@given(reason=nasty | st.sampled_from(["spam", "lainnya"]), detail=nasty)
def test_forum_abuse_form(client, world, reason, detail):
    out = post_once(
        client,
        world,
        "kab_same",
        reverse("forum_abuse_report", args=[world.post.pk]),
        {"reason": reason, "detail": detail},
    )
    assert out["status"] < 500 and not any(word in out["page"] for word in ENGLISH), out["page"][:2000]


@EXAMPLES
@given(
    query=st.dictionaries(
        st.sampled_from(["tahun", "triwulan", "urut", "arah", "hal", "wilayah", "ubah"]),
        nasty.map(lambda text: text.replace("\x00", "")),  # NUL: see the test below
        max_size=4,
    )
)
def test_query_parameters_of_the_read_pages(client, world, query):
    """Filters and pagers of every listing take any text without a server error."""
    from urllib.parse import urlencode

    params = "?" + urlencode(query)
    urls = [
        ("kabkota", reverse("reporting:dashboard")),
        ("province", reverse("reporting:dashboard")),
        ("reviewer", reverse("reporting:monitoring_national")),
        ("province", reverse("reporting:kabkota_list")),
        ("kabkota", reverse("reporting:bidang_list")),
        ("province", reverse("reporting:monitoring_province_own")),
        ("kabkota", reverse("reporting:report_kegiatan", args=[world.draft.pk])),
        ("kabkota", reverse("reporting:documents_own")),
        ("kabkota", reverse("reporting:excel_year", args=[pm.YEAR])),
    ]
    for role, url in urls:
        with contextlib.suppress(_Rollback), transaction.atomic():
            client.force_login(world.users[role])
            assert client.get(url + params).status_code < 500, (role, url, params)
            raise _Rollback
    for url in (
        reverse("reporting:public_figures"),
        reverse("reporting:public_figures_csv"),
        reverse("reporting:public_figures_json"),
    ):
        client.logout()
        assert client.get(url + params).status_code < 500, (url, params)


def test_report_versions_only_move_on_saves(client, world):
    """Guard for the properties above: a refused capaian leaves the version as it was."""
    client.force_login(world.users["kabkota"])
    before = Report.objects.get(pk=world.draft.pk).version
    client.post(
        reverse("reporting:report_capaian", args=[world.draft.pk]),
        {"version": str(before), f"entry-{world.entry.pk}-harus_dilayani": "abc"},
    )
    assert Report.objects.get(pk=world.draft.pk).version == before


@pytest.mark.parametrize("amount", ["9223372036854775808", "99.000.000.000.000.000.000", "9" * 25])
def test_a_rupiah_amount_past_the_upper_bound_gets_an_indonesian_message(client, world, amount):
    data = {
        "version": str(world.draft.version),
        "action": "add",
        "target": str(world.entry.pk),
        f"add-{world.entry.pk}-name": "Besar",
        f"add-{world.entry.pk}-pagu": amount,
        f"add-{world.entry.pk}-realisasi": "0",
        f"add-{world.entry.pk}-justification": "",
    }
    client.raise_request_exception = False
    out = post_once(client, world, "kabkota", reverse("reporting:report_kegiatan", args=[world.draft.pk]), data)
    check(out)


def test_a_huge_year_on_the_documents_page_is_refused_without_a_server_error(client, world):
    client.force_login(world.users["kabkota"])
    client.raise_request_exception = False
    response = client.get(reverse("reporting:documents", args=[world.kab_a.login_code]) + f"?tahun={10**15}")
    assert response.status_code < 500


def test_a_count_past_the_upper_bound_gets_an_indonesian_message(client, world):
    e = world.entry.pk
    data = {"version": str(world.draft.version), f"entry-{e}-harus_dilayani": "9" * 25, f"entry-{e}-terlayani": "1"}
    client.raise_request_exception = False
    out = post_once(client, world, "kabkota", reverse("reporting:report_capaian", args=[world.draft.pk]), data)
    check(out)


def test_a_nul_character_in_a_region_code_is_not_a_server_error(client, world):
    client.force_login(world.users["kabkota"])
    client.raise_request_exception = False
    response = client.get(reverse("reporting:excel_year", args=[pm.YEAR]) + "?wilayah=%00")
    assert response.status_code < 500


def test_a_nul_character_in_the_return_reason_is_not_a_server_error(client, world):
    client.raise_request_exception = False
    out = post_once(
        client,
        world,
        "province",
        reverse("reporting:report_return", args=[world.sent.pk]),
        {"reason": "Lengkapi\x00 data"},
    )
    check(out)
