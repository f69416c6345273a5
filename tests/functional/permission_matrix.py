"""The permission matrix: every route of the URLconf against every role, reading (GET) and writing (POST).

Data only; ``test_permission_matrix.py`` runs it. A route missing here fails that test by name.

The world (``world_build``): province P with kab/kota A and B, province Q with kab/kota C. Every URL
targets kab/kota A's objects, so the other roles use *another pemda's ids*:

    role        who
    anonymous   nobody logged in
    kabkota     the pemda account of A (the owner)
    kab_same    the pemda account of B (same province as A)
    kab_other   the pemda account of C (another province)
    province    the pemda account of P (A's province)
    prov_other  the pemda account of Q (another province)
    reviewer    ministry reviewer
    editor      CMS editor
    moderator   forum moderator

Expectations are one letter per role, in that order:

    Y  allowed: 2xx, or a redirect that is not to a login page
    L  sent to the login page (302 to /login/ or /admin/login/)
    N  refused: 403 or 404
    M  method not allowed: 405

For POST, every role whose letter is not ``Y`` must leave the protected data unchanged (see
``fingerprint``); so must every role on a route whose case says ``writes=False``.
"""

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from machina.core.db.models import get_model

from reporting.accounts.models import ApiToken
from reporting.models import (
    Activity,
    ImplementationStage,
    Notification,
    Problem,
    Region,
    RencanaAksi,
    Report,
    ReportEvent,
    ReportStatus,
    Role,
    SkTim,
    SupportingFile,
    User,
)
from tests import factories

ROLES = ("anonymous", "kabkota", "kab_same", "kab_other", "province", "prov_other", "reviewer", "editor", "moderator")
PASSWORD = "Rahasia-uji-123"
# A real one-page PDF: uploads are parsed (core.uploads.pdf_is_safe), magic bytes alone are refused.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF\n"
)
YEAR = 2026


@dataclass
class Case:
    """One URL of a route with what each role gets; ``data`` builds the POST body."""

    url: Callable
    get: str
    post: str
    data: Callable = field(default=lambda w: {})
    writes: bool = True
    note: str = ""
    get_writes: bool = False  # a GET that may write (none since Isi became a POST: kept for new cases)

    def __post_init__(self):
        for letters in (self.get, self.post):
            assert len(letters) == len(ROLES) and set(letters) <= set("YLNM"), letters


def _pdf(name="bukti.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


# --- The world ------------------------------------------------------------------------------------


def world_build():
    """Regions, one account per role, A's reports (draft and sent), a file, SK Tim, a forum post, a CMS document."""
    from django.contrib.auth.models import Group

    from wagtail.documents import get_document_model

    from forum.forum_abuse.forums import forums_setup
    from home.services import editorial_setup, site_structure_ensure
    from reporting.accounts.services.api_tokens import api_token_create
    from reporting.accounts.services.roles import ROLE_GROUPS, roles_setup
    from reporting.services import files as file_services
    from reporting.services import reports as report_services
    from reporting.services.documents import rencana_aksi_save, sk_tim_save

    roles_setup()
    w = SimpleNamespace()
    w.prov_p = factories.ProvinceFactory(code="35", name="Jawa Timur")
    w.prov_q = factories.ProvinceFactory(code="36", name="Banten")
    w.kab_a = factories.KabKotaFactory(code="35.17", name="Kabupaten Jombang", province=w.prov_p)
    w.kab_b = factories.KabKotaFactory(code="35.18", name="Kabupaten Nganjuk", province=w.prov_p)
    w.kab_c = factories.KabKotaFactory(code="36.01", name="Kabupaten Pandeglang", province=w.prov_q)
    w.urusan = factories.UrusanFactory(code="1.01", name="Pendidikan", short_name="PENDIDIKAN")
    w.urusan_sent = factories.UrusanFactory(code="1.02", name="Kesehatan", short_name="KESEHATAN")
    w.urusan_new = factories.UrusanFactory(code="1.03", name="Sosial", short_name="SOSIAL")
    for urusan in (w.urusan, w.urusan_sent, w.urusan_new):
        service = factories.ServiceTypeFactory(
            urusan=urusan, year=YEAR, level="kabkota", name=f"Layanan {urusan.code}"
        )
        factories.MutuItemFactory(service=service, name=f"Mutu {urusan.code}")
    w.period = factories.PeriodFactory(year=YEAR, quarter=1)
    users = {
        "kabkota": factories.PemdaUserFactory(region=w.kab_a),
        "kab_same": factories.PemdaUserFactory(region=w.kab_b),
        "kab_other": factories.PemdaUserFactory(region=w.kab_c),
        "province": factories.PemdaUserFactory(region=w.prov_p),
        "prov_other": factories.PemdaUserFactory(region=w.prov_q),
        "reviewer": factories.UserFactory(username="reviewer", role=Role.REVIEWER),
        "editor": factories.UserFactory(username="editor", role=Role.EDITOR),
        "moderator": factories.ModeratorUserFactory(username="moderator"),
    }
    for role in (Role.REVIEWER, Role.EDITOR, Role.MODERATOR):
        user = next(u for u in users.values() if u.role == role)
        user.groups.add(Group.objects.get(name=ROLE_GROUPS[role]))
    w.users = users
    owner = users["kabkota"]

    w.draft = report_services.report_get_or_create(region=w.kab_a, urusan=w.urusan, period=w.period)
    w.entry = w.draft.entries.first()
    w.mutu = w.entry.mutu_entries.first()
    w.activity = factories.ActivityFactory(entry=w.entry)
    w.problem = factories.ProblemFactory(report=w.draft)
    w.draft_file = file_services.supporting_file_add(report=w.draft, user=owner, uploaded=_pdf())
    w.draft.refresh_from_db()

    w.sent = report_services.report_get_or_create(region=w.kab_a, urusan=w.urusan_sent, period=w.period)
    w.sent_file = file_services.supporting_file_add(report=w.sent, user=owner, uploaded=_pdf("sent.pdf"))
    Report.objects.filter(pk=w.sent.pk).update(status=ReportStatus.SUBMITTED, submitted_at=timezone.now())
    w.sent.refresh_from_db()

    sk_tim_save(region=w.kab_a, year=YEAR, user=owner, nomor="1/2026", judul="SK Tim", uploaded=_pdf("sk.pdf"))
    rencana_aksi_save(region=w.kab_a, year=YEAR, user=owner, uploaded=_pdf("ra.pdf"))
    w.api_token = api_token_create(user=owner, name="Sistem A", kind="pemda", days=30, region=w.kab_a).token

    editorial_setup(site_structure_ensure())  # the editors' page and collection permissions
    forums_setup()
    w.topic = factories.ForumTopicFactory(poster=owner, forum=factories._first_forum())
    w.post = w.topic.posts.first()
    w.forum = w.topic.forum
    w.document = get_document_model()(title="Panduan")
    w.document.file.save("panduan.pdf", ContentFile(PDF), save=False)
    w.document.save()
    w.job = _job(owner)
    w.ministry_job = _job(users["reviewer"])
    w.notification = Notification.objects.create(recipient=owner, kind="accepted", report=w.draft, text="Diterima")
    return w


def _job(user):
    """A finished recap job of ``user`` with its result file in the private storage."""
    from django.core.files.storage import storages

    from reporting.models import Job, JobKind, JobStatus

    name = storages["private"].save("jobs/uji/rekap.xlsx", ContentFile(b"PK\x03\x04 rekap"))
    return Job.objects.create(
        kind=JobKind.RECAP,
        user=user,
        status=JobStatus.DONE,
        params={"year": YEAR, "quarter": 1},
        result=name,
        result_filename="rekap.xlsx",
    )


def fingerprint():
    """The protected data, as a comparable value: a denied POST must leave it exactly as it was."""
    Post = get_model("forum_conversation", "Post")
    Topic = get_model("forum_conversation", "Topic")
    return (
        sorted(Report.objects.values_list("pk", "status", "version", "region_id", "urusan_id")),
        sorted(Activity.objects.values_list("pk", "name", "pagu", "realisasi")),
        sorted(Problem.objects.values_list("pk", "category", "text")),
        sorted(SupportingFile.objects.values_list("pk", "report_id", "file")),
        ReportEvent.objects.count(),
        sorted(SkTim.objects.values_list("pk", "nomor", "judul", "file")),
        sorted(RencanaAksi.objects.values_list("pk", "file")),
        sorted(ImplementationStage.objects.values_list("pk", "status", "note")),
        sorted(User.objects.values_list("pk", "username", "password", "is_active", "role")),
        sorted(Topic.objects.values_list("pk", "subject", "status", "type", "approved")),
        sorted(Post.objects.values_list("pk", "content", "approved")),
        sorted(ApiToken.objects.values_list("pk", "revoked_at")),
        sorted(Region.objects.values_list("pk", "signatory_name", "signatory_title")),
    )


# --- Shorthands -------------------------------------------------------------------------------------

R = "reporting:"
ALL = "Y" * 9
LOGGED_IN = "LYYYYYYYY"
PEMDA_ONLY = "LYYYYYNNN"
OWNER_ONLY = "LYNNNNNNN"
OWNER_PROVINCE_MINISTRY = "LYNNYNYNN"
NOBODY_LOGGED_IN = "LNNNNNNNN"
METHOD = "LMMMMMMMM"


def _public_image_url(w):
    """A Wagtail rendition's /media/ URL (public media: everybody reads it, nobody writes through it)."""
    if not hasattr(w, "image_url"):
        import io

        from PIL import Image as PILImage

        from django.core.files.images import ImageFile

        from wagtail.images import get_image_model

        buffer = io.BytesIO()
        PILImage.new("RGB", (8, 8)).save(buffer, "PNG")
        image = get_image_model().objects.create(title="Peta", file=ImageFile(buffer, name="peta.png"))
        w.image_url = image.get_rendition("fill-4x4").url
    return w.image_url


def rev(name, *args):
    return lambda w: reverse(name, args=[a(w) if callable(a) else a for a in args])


def _version(report_attr):
    return lambda w: str(getattr(w, report_attr).version)


def capaian_data(w):
    return {
        "version": str(w.draft.version),
        f"entry-{w.entry.pk}-harus_dilayani": "100",
        f"entry-{w.entry.pk}-terlayani": "90",
        f"mutu-{w.mutu.pk}-harus_dipenuhi": "10",
        f"mutu-{w.mutu.pk}-terpenuhi": "5",
    }


def kegiatan_data(w):
    return {
        "version": str(w.draft.version),
        "action": "update",
        "target": str(w.activity.pk),
        f"act-{w.activity.pk}-name": "Diganti",
        f"act-{w.activity.pk}-pagu": "5",
        f"act-{w.activity.pk}-realisasi": "1",
    }


def problem_data(w):
    return {"version": str(w.draft.version), "action": "add_problem", "category": "pengumpulan_data", "text": "Baru"}


def sent_problem_data(w):
    return {"version": str(w.sent.version), "action": "add_problem", "category": "pengumpulan_data", "text": "Baru"}


def sk_tim_data(w):
    return {"action": "sk_tim", "nomor": "2/2026", "judul": "SK baru", "file": _pdf("sk2.pdf")}


def post_form(**fields):
    management = {
        "attachment-TOTAL_FORMS": 0,
        "attachment-INITIAL_FORMS": 0,
        "attachment-MIN_NUM_FORMS": 0,
        "attachment-MAX_NUM_FORMS": 5,
    }
    return {**management, **fields}


# --- The matrix: route name (or pattern of an unnamed route) -> cases ---------------------------------

MATRIX = {
    # Public media (Wagtail images), served from the default storage
    "media_file": [Case(_public_image_url, ALL, "M" * 9, writes=False, note="GET and HEAD only")],
    # Accounts
    "login": [
        Case(
            rev("login"),
            ALL,
            ALL,
            data=lambda w: {"username": "3517", "password": "salah"},
            writes=False,
            note="logged-in users are sent on to the dashboard; a wrong password changes nothing",
        )
    ],
    "logout": [Case(rev("logout"), ALL, ALL, writes=False, note="GET shows the logout button; only POST logs out")],
    "password_change": [
        Case(
            rev("password_change"),
            LOGGED_IN,
            LOGGED_IN,
            writes=False,
            data=lambda w: {"old_password": "salah", "new_password1": "x", "new_password2": "x"},
        )
    ],
    "wagtailcore_login": [
        Case(
            rev("wagtailcore_login"),
            ALL,
            ALL,
            writes=False,
            data=lambda w: {"username": "3517", "password": "salah"},
            note="Wagtail's login for private pages",
        )
    ],
    "wagtailcore_authenticate_with_password": [
        Case(
            rev("wagtailcore_authenticate_with_password", 999, lambda w: w.topic.pk),
            "NNNNNNNNN",
            "NNNNNNNNN",
            data=lambda w: {"password": "x"},
            note="no page is password-protected: an unknown restriction is 404",
        )
    ],
    "wagtaildocs_authenticate_with_password": [
        Case(
            rev("wagtaildocs_authenticate_with_password", 999),
            "NNNNNNNNN",
            "NNNNNNNNN",
            data=lambda w: {"password": "x"},
            note="no collection is password-protected",
        )
    ],
    # Public site and public figures
    "wagtail_serve": [Case(lambda w: "/", ALL, ALL, writes=False, note="Wagtail pages are public")],
    "sitemap": [Case(lambda w: "/sitemap.xml", ALL, ALL, writes=False, note="lists the public pages only")],
    "wagtaildocs_serve": [
        Case(
            lambda w: reverse("wagtaildocs_serve", args=[w.document.pk, w.document.filename]),
            ALL,
            ALL,
            writes=False,
            note="CMS documents are public",
        )
    ],
    R + "public_figures": [Case(rev(R + "public_figures"), ALL, ALL, writes=False)],
    R + "public_figures_csv": [Case(rev(R + "public_figures_csv"), ALL, ALL, writes=False)],
    R + "public_figures_json": [Case(rev(R + "public_figures_json"), ALL, ALL, writes=False)],
    # Dashboard, lists, operators
    R + "dashboard": [Case(rev(R + "dashboard"), LOGGED_IN, LOGGED_IN, writes=False)],
    R + "operator_list": [
        Case(
            rev(R + "operator_list"),
            PEMDA_ONLY,
            PEMDA_ONLY,
            data=lambda w: {"username": "op-baru", "full_name": "Dinas", "urusan": w.urusan.pk},
            note="each pemda creates operators under itself only",
        )
    ],
    R + "notification_list": [Case(rev(R + "notification_list"), LOGGED_IN, METHOD, writes=False)],
    R + "notification_open": [
        Case(
            rev(R + "notification_open", lambda w: w.notification.pk),
            OWNER_ONLY,
            METHOD,
            writes=False,
            note="opening marks it read and leads to its report; another account's notification is a 404",
        )
    ],
    R + "notification_mark_read": [
        Case(
            rev(R + "notification_mark_read"),
            METHOD,
            LOGGED_IN,
            note="marks only the caller's own notifications read (the query is scoped to the recipient)",
        )
    ],
    R + "notification_preferences": [
        Case(
            rev(R + "notification_preferences"),
            LOGGED_IN,
            LOGGED_IN,
            data=lambda w: {"email_kinds": ["returned"], "email": "uji@pemda.go.id"},
            note="each account sets only its own choices",
        )
    ],
    R + "bidang_list": [Case(rev(R + "bidang_list"), PEMDA_ONLY, PEMDA_ONLY, writes=False)],
    R + "kabkota_list": [
        Case(
            lambda w: reverse(R + "kabkota_list") + f"?wilayah={w.kab_a.login_code}",
            "LNNNYYNNN",
            "LNNNYYNNN",
            writes=False,
            note="another province gets its own list: A is not among its choices",
        )
    ],
    # The report of A
    R + "report_open": [
        Case(
            rev(R + "report_open", lambda w: w.kab_a.login_code, lambda w: w.urusan.pk, YEAR, 1),
            OWNER_ONLY,
            OWNER_ONLY,
            writes=False,
            note="existing draft: only its owner",
        ),
        Case(
            rev(R + "report_open", lambda w: w.kab_a.login_code, lambda w: w.urusan_new.pk, YEAR, 1),
            OWNER_ONLY,
            OWNER_ONLY,
            note="a report that does not exist yet: a GET creates nothing; only the owner creates it with Isi (POST)",
        ),
        Case(
            rev(R + "report_open", lambda w: w.kab_a.login_code, lambda w: w.urusan_sent.pk, YEAR, 1),
            OWNER_PROVINCE_MINISTRY,
            OWNER_PROVINCE_MINISTRY,
            writes=False,
            note="a sent report",
        ),
    ],
    R + "report_detail": [
        Case(rev(R + "report_detail", lambda w: w.draft.pk), OWNER_ONLY, OWNER_ONLY, data=capaian_data),
        Case(
            rev(R + "report_detail", lambda w: w.sent.pk),
            OWNER_PROVINCE_MINISTRY,
            "LYNNNNNNN",
            writes=False,
            note="a sent report is read-only even for its owner (the POST answers with the lock message)",
        ),
    ],
    R + "report_capaian": [
        Case(rev(R + "report_capaian", lambda w: w.draft.pk), OWNER_ONLY, OWNER_ONLY, data=capaian_data),
        Case(rev(R + "report_capaian", lambda w: w.sent.pk), OWNER_PROVINCE_MINISTRY, "LYNNNNNNN", writes=False),
    ],
    R + "report_kegiatan": [
        Case(rev(R + "report_kegiatan", lambda w: w.draft.pk), OWNER_ONLY, OWNER_ONLY, data=kegiatan_data),
        Case(
            rev(R + "report_kegiatan", lambda w: w.sent.pk),
            OWNER_PROVINCE_MINISTRY,
            "LYNNNNNNN",
            writes=False,
            data=lambda w: {"version": str(w.sent.version), "action": "delete", "target": str(w.activity.pk)},
        ),
    ],
    R + "report_permasalahan": [
        Case(rev(R + "report_permasalahan", lambda w: w.draft.pk), OWNER_ONLY, OWNER_ONLY, data=problem_data),
        Case(
            rev(R + "report_permasalahan", lambda w: w.sent.pk),
            OWNER_PROVINCE_MINISTRY,
            "LYNNNNNNN",
            data=sent_problem_data,
            writes=False,
        ),
    ],
    R + "report_file": [
        Case(
            rev(R + "report_file", lambda w: w.draft.pk, lambda w: w.draft_file.pk),
            OWNER_ONLY,
            OWNER_ONLY,
            writes=False,
        ),
        Case(
            rev(R + "report_file", lambda w: w.sent.pk, lambda w: w.sent_file.pk),
            OWNER_PROVINCE_MINISTRY,
            OWNER_PROVINCE_MINISTRY,
            writes=False,
        ),
        Case(
            rev(R + "report_file", lambda w: w.sent.pk, lambda w: w.draft_file.pk),
            NOBODY_LOGGED_IN,
            NOBODY_LOGGED_IN,
            writes=False,
            note="a draft's file through a readable report's URL",
        ),
    ],
    R + "report_submit": [
        Case(
            rev(R + "report_submit", lambda w: w.draft.pk),
            OWNER_ONLY,
            OWNER_ONLY,
            data=lambda w: {"incomplete_reason": "Data dinas menyusul."},
            note="GET is the check step (filled / empty per service, warnings); POST sends",
        )
    ],
    R + "report_versions": [
        Case(rev(R + "report_versions", lambda w: w.sent.pk), OWNER_PROVINCE_MINISTRY, METHOD, writes=False)
    ],
    R + "report_accept": [
        Case(
            rev(R + "report_accept", lambda w: w.sent.pk),
            METHOD,
            "LNNNYNNNN",
            note="the province reviews its kab/kota; the ministry reviews provinces",
        )
    ],
    R + "report_return": [
        Case(
            rev(R + "report_return", lambda w: w.sent.pk),
            METHOD,
            "LNNNYNNNN",
            data=lambda w: {"reason": "Lengkapi data"},
        )
    ],
    # Documents of A
    R + "documents_own": [Case(rev(R + "documents_own"), PEMDA_ONLY, PEMDA_ONLY, writes=False)],
    R + "documents": [
        Case(
            rev(R + "documents", lambda w: w.kab_a.login_code),
            OWNER_PROVINCE_MINISTRY,
            OWNER_ONLY,
            data=sk_tim_data,
            note="the province and the ministry read, only the pemda writes",
        )
    ],
    R + "document_file": [
        Case(
            rev(R + "document_file", lambda w: w.kab_a.login_code, YEAR, "sk-tim"),
            OWNER_PROVINCE_MINISTRY,
            OWNER_PROVINCE_MINISTRY,
            writes=False,
        ),
        Case(
            rev(R + "document_file", lambda w: w.kab_a.login_code, YEAR, "rencana-aksi"),
            OWNER_PROVINCE_MINISTRY,
            OWNER_PROVINCE_MINISTRY,
            writes=False,
        ),
    ],
    # Monitoring and Excel
    R + "monitoring_province_own": [Case(rev(R + "monitoring_province_own"), "LNNNYYNNN", "LNNNYYNNN", writes=False)],
    R + "monitoring_province": [
        Case(rev(R + "monitoring_province", lambda w: w.prov_p.code), "LNNNYNYNN", "LNNNYNYNN", writes=False)
    ],
    R + "monitoring_national": [Case(rev(R + "monitoring_national"), "LNNNNNYNN", "LNNNNNYNN", writes=False)],
    R + "warning_monitoring": [
        Case(
            rev(R + "warning_monitoring"),
            "LNNNYYYNN",
            METHOD,
            writes=False,
            note="province accounts (their own and their kab/kota's sent reports) and the ministry",
        )
    ],
    R + "excel_report": [
        Case(rev(R + "excel_report", lambda w: w.draft.pk), OWNER_ONLY, OWNER_ONLY, writes=False),
        Case(
            rev(R + "excel_report", lambda w: w.sent.pk),
            OWNER_PROVINCE_MINISTRY,
            OWNER_PROVINCE_MINISTRY,
            writes=False,
        ),
    ],
    R + "report_pdf": [
        Case(
            rev(R + "report_pdf", lambda w: w.draft.pk),
            OWNER_ONLY,
            OWNER_ONLY,
            writes=False,
            note="drafts stay private; POST queues the printout's job (issue 24.1)",
        ),
        Case(
            rev(R + "report_pdf", lambda w: w.sent.pk), OWNER_PROVINCE_MINISTRY, OWNER_PROVINCE_MINISTRY, writes=False
        ),
    ],
    R + "annual_pdf": [
        Case(
            lambda w: reverse(R + "annual_pdf", args=[YEAR]) + f"?wilayah={w.kab_a.code}",
            OWNER_PROVINCE_MINISTRY,
            OWNER_PROVINCE_MINISTRY,
            writes=False,
            note="POST starts the job; it holds only the reports the reader may open",
        ),
        Case(rev(R + "annual_pdf", YEAR), PEMDA_ONLY, PEMDA_ONLY, writes=False, note="without ?wilayah: one's own"),
    ],
    R + "excel_template": [
        Case(rev(R + "excel_template", lambda w: w.draft.pk), OWNER_ONLY, OWNER_ONLY, writes=False)
    ],
    # Evaluasi capaian: a pemda its own, a province also its kab/kota, the ministry every pemda
    R + "evaluation": [
        Case(
            lambda w: reverse(R + "evaluation") + f"?wilayah={w.kab_a.code}&tahun={YEAR}&triwulan=1",
            OWNER_PROVINCE_MINISTRY,
            METHOD,
            writes=False,
            note="another pemda's code is a 404 (not among the regions it may evaluate)",
        ),
        Case(
            lambda w: reverse(R + "evaluation") + f"?tahun={YEAR}&triwulan=1",
            PEMDA_ONLY,
            METHOD,
            writes=False,
            note="without ?wilayah: one's own; the ministry has no own pemda",
        ),
    ],
    R + "evaluation_pdf": [
        Case(
            lambda w: reverse(R + "evaluation_pdf") + f"?wilayah={w.kab_a.code}&tahun={YEAR}&triwulan=1",
            OWNER_PROVINCE_MINISTRY,
            METHOD,
            writes=False,
        )
    ],
    R + "evaluation_all": [
        Case(
            lambda w: reverse(R + "evaluation_all") + f"?tahun={YEAR}&triwulan=1",
            "LNNNNNYNN",
            "LNNNNNYNN",
            note="the zip of every pemda is the ministry's; POST starts its job",
        )
    ],
    R + "excel_import": [
        Case(
            rev(R + "excel_import", lambda w: w.draft.pk),
            OWNER_ONLY,
            OWNER_ONLY,
            data=lambda w: {"berkas": SimpleUploadedFile("isi.xlsx", xlsx_bytes())},
            note="the owner gets the list of errors of a workbook without sheets",
        )
    ],
    R + "excel_year": [
        Case(
            lambda w: reverse(R + "excel_year", args=[YEAR]) + f"?wilayah={w.kab_a.code}",
            OWNER_PROVINCE_MINISTRY,
            OWNER_PROVINCE_MINISTRY,
            writes=False,
        )
    ],
    R + "excel_recap": [
        Case(
            rev(R + "excel_recap", YEAR, 1),
            "LYYYYYYNN",
            "LYYYYYYNN",
            writes=False,
            note="GET: the button; POST queues a recap job of the user's own scope (test_permission_matrix)",
        )
    ],
    # Token API pages (account area): a pemda its own region's tokens, the ministry every token
    "signatory_edit": [
        Case(
            rev("signatory_edit"),
            PEMDA_ONLY,
            PEMDA_ONLY,
            data=lambda w: {"signatory_name": "Nama Baru", "signatory_title": "Bupati"},
            note="each pemda names its own signing official",
        )
    ],
    "api_token_list": [
        Case(
            rev("api_token_list"),
            "LYYYYYYNN",
            "LYYYYYYNN",
            data=lambda w: {"name": "Sistem baru", "days": "30"},
            note="each pemda issues tokens for its own region, the ministry read-only ones",
        )
    ],
    "api_token_revoke": [
        Case(
            rev("api_token_revoke", lambda w: w.api_token.pk),
            METHOD,
            "LYNNNNYNN",
            note="A's token: A itself or the ministry; its province does not manage it",
        )
    ],
    # Background jobs: a job's page, status and result belong to who asked (a ministry job: the ministry)
    R + "job_detail": [
        Case(rev(R + "job_detail", lambda w: w.job.pk), OWNER_ONLY, METHOD, writes=False),
        Case(rev(R + "job_detail", lambda w: w.ministry_job.pk), "LNNNNNYNN", METHOD, writes=False),
    ],
    R + "job_status": [
        Case(rev(R + "job_status", lambda w: w.job.pk), OWNER_ONLY, METHOD, writes=False),
        Case(rev(R + "job_status", lambda w: w.ministry_job.pk), "LNNNNNYNN", METHOD, writes=False),
    ],
    R + "job_download": [
        Case(rev(R + "job_download", lambda w: w.job.pk), OWNER_ONLY, METHOD, writes=False),
        Case(rev(R + "job_download", lambda w: w.ministry_job.pk), "LNNNNNYNN", METHOD, writes=False),
    ],
    # Forum: the abuse report (machina's own routes are in MACHINA_ROUTES)
    "forum_abuse_report": [
        Case(
            rev("forum_abuse_report", lambda w: w.post.pk),
            LOGGED_IN,
            LOGGED_IN,
            writes=False,
            data=lambda w: {"reason": "spam"},
            note="files an abuse report (its own table), never changes the post",
        )
    ],
    "forum_topic_start": [
        Case(
            rev("forum_topic_start"),
            "LYYYYYYNN",
            METHOD,
            writes=False,
            note="+ BUAT THREAD: the forums one may start a thread in (machina's permission); editor and moderator none",
        )
    ],
}


# --- Machina (django-machina) routes ------------------------------------------------------------------
# Covered by a coarser matrix of their own (test_machina_routes_follow_the_forum_permissions): machina
# checks its own per-forum permission tables (forum_permission), which forum.forum_abuse.forums grants
# the same way for every forum; so its routes only differ by the permission they ask for, not by pemda.
# Expectations here: who reads, who posts, who moderates. Roles: anonymous, a pemda, the moderator, the editor.

MACHINA_ROLES = ("anonymous", "kabkota", "moderator", "editor")


def _topic_args(w):
    return [w.forum.slug, w.forum.pk, w.topic.slug, w.topic.pk]


def _m(name, args=lambda w: [], get="YYYY", post="LNNN", writes=True, data=lambda w: {}, suffix=""):
    return SimpleNamespace(
        url=lambda w: reverse(name, args=args(w)) + suffix, get=get, post=post, writes=writes, data=data, name=name
    )


MACHINA_ROUTES = {
    "forum:index": _m("forum:index", post="MMMM", writes=False),
    "forum:forum": _m("forum:forum", lambda w: [w.forum.slug, w.forum.pk], post="MMMM", writes=False),
    "forum_conversation:topic": _m("forum_conversation:topic", _topic_args, post="MMMM", writes=False),
    "forum_conversation:topic_create": _m(
        "forum_conversation:topic_create",
        lambda w: [w.forum.slug, w.forum.pk],
        get="LYNN",
        post="LYNN",
        data=lambda w: post_form(subject="Baru", content="Isi", topic_type=0),
    ),
    "forum_conversation:topic_update": _m(
        "forum_conversation:topic_update",
        _topic_args,
        get="LYYN",
        post="LYYN",
        data=lambda w: post_form(subject="Diubah", content="Diubah", topic_type=0),
    ),
    "forum_conversation:post_create": _m(
        "forum_conversation:post_create",
        _topic_args,
        get="LYYN",
        post="LYYN",
        data=lambda w: post_form(subject="Re", content="Balasan"),
    ),
    "forum_conversation:post_update": _m(
        "forum_conversation:post_update",
        lambda w: [*_topic_args(w), w.post.pk],
        get="LYYN",
        post="LYYN",
        data=lambda w: post_form(subject="Re", content="Diubah"),
    ),
    "forum_conversation:post_delete": _m(
        "forum_conversation:post_delete", lambda w: [*_topic_args(w), w.post.pk], get="LYYN", post="LYYN"
    ),
    "forum_conversation:topic_poll_vote": _m(
        "forum_conversation:topic_poll_vote", lambda w: [999], get="NNNN", post="NNNN"
    ),
    "forum_conversation:attachment": _m(
        "forum_conversation:attachment", lambda w: [999], get="NNNN", post="NNNN", writes=False
    ),
    "forum_feeds:latest_topics": _m("forum_feeds:latest_topics", post="YYYY", writes=False),
    "forum_feeds:forum_latest_topics": _m(
        "forum_feeds:forum_latest_topics", lambda w: [w.forum.slug, w.forum.pk], post="YYYY", writes=False
    ),
    "forum_feeds:forum_latest_topics_with_descendants": _m(
        "forum_feeds:forum_latest_topics_with_descendants",
        lambda w: [w.forum.slug, w.forum.pk],
        post="YYYY",
        writes=False,
    ),
    "forum_member:profile_update": _m(
        "forum_member:profile_update", get="LYYY", post="LYYY", writes=False, data=lambda w: {"signature": "x"}
    ),
    "forum_member:profile": _m("forum_member:profile", lambda w: [w.users["kabkota"].pk], post="MMMM", writes=False),
    "forum_member:user_posts": _m(
        "forum_member:user_posts", lambda w: [w.users["kabkota"].pk], post="MMMM", writes=False
    ),
    "forum_member:user_subscriptions": _m("forum_member:user_subscriptions", get="LYYY", post="LMMM", writes=False),
    "forum_member:topic_subscribe": _m(
        "forum_member:topic_subscribe", lambda w: [w.topic.pk], get="LYYY", post="LYYY", writes=False
    ),
    "forum_member:topic_unsubscribe": _m(
        "forum_member:topic_unsubscribe", lambda w: [w.topic.pk], get="LNNN", post="LNNN", writes=False
    ),
    "forum_moderation:topic_lock": _m(
        "forum_moderation:topic_lock", lambda w: [w.topic.slug, w.topic.pk], get="LNYN", post="LNYN"
    ),
    "forum_moderation:topic_unlock": _m(
        "forum_moderation:topic_unlock", lambda w: [w.topic.slug, w.topic.pk], get="LNYN", post="LNYN"
    ),
    "forum_moderation:topic_delete": _m(
        "forum_moderation:topic_delete", lambda w: [w.topic.slug, w.topic.pk], get="LNYN", post="LNYN"
    ),
    "forum_moderation:topic_move": _m(
        "forum_moderation:topic_move",
        lambda w: [w.topic.slug, w.topic.pk],
        get="LNYN",
        post="LNYN",
        data=lambda w: {"forum": w.forum.pk},
    ),
    "forum_moderation:topic_update_to_post": _m(
        "forum_moderation:topic_update_to_post", lambda w: [w.topic.slug, w.topic.pk], get="LNYN", post="LNYN"
    ),
    "forum_moderation:topic_update_to_sticky": _m(
        "forum_moderation:topic_update_to_sticky", lambda w: [w.topic.slug, w.topic.pk], get="LNYN", post="LNYN"
    ),
    "forum_moderation:topic_update_to_announce": _m(
        "forum_moderation:topic_update_to_announce", lambda w: [w.topic.slug, w.topic.pk], get="LNYN", post="LNYN"
    ),
    "forum_moderation:queue": _m("forum_moderation:queue", get="LNYN", post="LNMN", writes=False),
    "forum_moderation:queued_post": _m(
        "forum_moderation:queued_post", lambda w: [w.post.pk], get="LNYN", post="LNMN", writes=False
    ),
    "forum_moderation:approve_queued_post": _m(
        "forum_moderation:approve_queued_post", lambda w: [w.post.pk], get="LNYN", post="LNYN"
    ),
    "forum_moderation:disapprove_queued_post": _m(
        "forum_moderation:disapprove_queued_post", lambda w: [w.post.pk], get="LNYN", post="LNYN"
    ),
    "forum_search:search": _m("forum_search:search", post="YYYY", writes=False, suffix="?q=uji"),
    "forum_tracking:mark_all_forums_read": _m(
        "forum_tracking:mark_all_forums_read", get="LYYY", post="LYYY", writes=False
    ),
    "forum_tracking:mark_subforums_read": _m(
        "forum_tracking:mark_subforums_read", lambda w: [w.forum.pk], get="LYYY", post="LYYY", writes=False
    ),
    "forum_tracking:mark_topics_read": _m(
        "forum_tracking:mark_topics_read", lambda w: [w.forum.pk], get="LYYY", post="LYYY", writes=False
    ),
    "forum_tracking:unread_topics": _m("forum_tracking:unread_topics", get="LYYY", post="LMMM", writes=False),
}

# The Wagtail admin (/admin/, 255 routes of Wagtail's own) is not listed route by route: Wagtail checks
# ``wagtailadmin.access_admin`` for all of them in one place. Who may enter is checked on its front door
# and on a sample of inner pages, for every role (test_admin_is_closed_to_roles_without_admin_access).
ADMIN_PREFIX = "admin/"
ADMIN_SAMPLE = ("/admin/", "/admin/pages/", "/admin/documents/", "/admin/users/", "/admin/reports/")
# Roles with wagtailadmin.access_admin: reviewer, editor, moderator (reporting.accounts.services.roles).
ADMIN_GET = "LLLLLLYYY"


# --- The integration API (/api/v1/): token kinds instead of session roles -----------------------------
# Identities: no credential; the owner's session cookie without a token (never an API credential); a
# token of A (every urusan); A's token for urusan_sent only; B's, C's, P's (A's province), Q's; the
# ministry's; A's expired and A's revoked token.
# Letters: Y 2xx · A 401 · N 403/404 · K 423 (locked) · V 422 (refused by the rules).

API_IDENTITIES = (
    "none",
    "session",
    "token_a",
    "token_a_urusan",
    "token_b",
    "token_c",
    "token_p",
    "token_q",
    "ministry",
    "expired",
    "revoked",
)


@dataclass
class ApiCase:
    method: str
    path: Callable
    expect: str
    body: Callable = field(default=lambda w: None)
    writes: bool = True
    note: str = ""

    def __post_init__(self):
        assert len(self.expect) == len(API_IDENTITIES) and set(self.expect) <= set("YANKV"), self.expect


def _values(w):
    return {
        "expected_version": w.draft.version,
        "entries": [{"id": w.entry.pk, "harus_dilayani": 100, "terlayani": 90}],
        "kegiatan": [{"entry_id": w.entry.pk, "name": "Baru", "pagu": 5, "realisasi": 1}],
    }


API_READ = "AAYYYYYYYAA"
API_PUBLIC = "YYYYYYYYYYY"
API_ROUTES = {
    "api-v1:openapi-json": [ApiCase("get", lambda w: "/api/v1/openapi.json", API_PUBLIC, writes=False)],
    "api-v1:openapi-view": [ApiCase("get", lambda w: "/api/v1/docs", API_PUBLIC, writes=False)],
    "api-v1:api-root": [ApiCase("get", lambda w: "/api/v1/", "NNNNNNNNNNN", writes=False, note="no root page")],
    "api-v1:region_list": [ApiCase("get", lambda w: "/api/v1/wilayah", API_READ, writes=False)],
    "api-v1:urusan_list": [ApiCase("get", lambda w: "/api/v1/urusan", API_READ, writes=False)],
    "api-v1:catalogue_list": [ApiCase("get", lambda w: f"/api/v1/katalog?year={YEAR}", API_READ, writes=False)],
    "api-v1:period_list": [ApiCase("get", lambda w: "/api/v1/periode", API_READ, writes=False)],
    "api-v1:report_list": [
        ApiCase("get", lambda w: "/api/v1/laporan", API_READ, writes=False, note="each token its own scope")
    ],
    "api-v1:report_open": [
        ApiCase(
            "post",
            lambda w: "/api/v1/laporan",
            "AAYNYYYYNAA",
            body=lambda w: {"urusan_id": w.urusan_new.pk, "year": YEAR, "quarter": 1},
            note="a pemda token opens its own region's report only (the region is the token's)",
        )
    ],
    "api-v1:report_detail": [
        ApiCase("get", lambda w: f"/api/v1/laporan/{w.draft.pk}", "AAYNNNNNNAA", writes=False, note="a draft"),
        ApiCase("get", lambda w: f"/api/v1/laporan/{w.sent.pk}", "AAYYNNYNYAA", writes=False, note="a sent report"),
    ],
    "api-v1:report_values_save": [
        ApiCase("post", lambda w: f"/api/v1/laporan/{w.draft.pk}/isian", "AAYNNNNNNAA", body=_values),
        ApiCase(
            "post",
            lambda w: f"/api/v1/laporan/{w.sent.pk}/isian",
            "AAKKNNNNNAA",
            body=lambda w: {"expected_version": w.sent.version, "entries": []},
            writes=False,
            note="sent: locked for its owner, read-only for its province",
        ),
    ],
    "api-v1:report_submit": [
        ApiCase(
            "post",
            lambda w: f"/api/v1/laporan/{w.draft.pk}/kirim",
            "AAYNNNNNNAA",
            body=lambda w: {"expected_version": w.draft.version, "incomplete_reason": "Data dinas menyusul."},
        )
    ],
    "api-v1:national": [
        ApiCase("get", lambda w: f"/api/v1/monitoring/nasional?year={YEAR}&quarter=1", API_READ, writes=False)
    ],
    "api-v1:province": [
        ApiCase(
            "get",
            lambda w: f"/api/v1/monitoring/provinsi/{w.prov_p.code}?year={YEAR}&quarter=1",
            "AANNNNYNYAA",
            writes=False,
            note="the province itself and the ministry",
        )
    ],
    "api-v1:public_figures": [
        ApiCase("get", lambda w: f"/api/v1/publik/capaian?year={YEAR}&quarter=1", API_READ, writes=False)
    ],
}


def api_credentials(w) -> dict:
    """The bearer token text of each identity (``None``: no header)."""
    import datetime

    from reporting.accounts.services.api_tokens import api_token_create, api_token_revoke

    def issue(user, kind="pemda", urusan=None):
        region = user.region if kind == "pemda" else None
        return api_token_create(user=user, name="Uji", kind=kind, days=30, region=region, urusan=urusan)

    users = w.users
    expired = issue(users["kabkota"])
    past = timezone.now() - datetime.timedelta(days=2)
    ApiToken.objects.filter(pk=expired.token.pk).update(created_at=past, expires_at=past + datetime.timedelta(days=1))
    revoked = issue(users["kabkota"])
    api_token_revoke(user=users["kabkota"], token=revoked.token)
    return {
        "none": None,
        "session": None,
        "token_a": issue(users["kabkota"]).secret,
        "token_a_urusan": issue(users["kabkota"], urusan=w.urusan_sent).secret,
        "token_b": issue(users["kab_same"]).secret,
        "token_c": issue(users["kab_other"]).secret,
        "token_p": issue(users["province"]).secret,
        "token_q": issue(users["prov_other"]).secret,
        "ministry": issue(users["reviewer"], kind="ministry").secret,
        "expired": expired.secret,
        "revoked": revoked.secret,
    }
