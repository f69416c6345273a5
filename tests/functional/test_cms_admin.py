"""The CMS: pages are created in the Wagtail admin, editors submit, ministry admins publish,
pemda accounts never reach the admin."""

from unittest import mock

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase, page_tests
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from home.document_forms import ERROR_DOCUMENT_CONTENT
from home.models import GuidePage, HomePage, NewsIndexPage, NewsPage, RegulationIndexPage, RegulationPage
from home.placeholder_files import placeholder_pdf
from home.services import editorial_setup, site_structure_ensure
from reporting.accounts.services.roles import roles_setup, user_groups_sync
from reporting.models import Role
from tests import factories


def _news_form(title, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": extra.pop("slug", "berita-baru"),
            "date": "2026-03-01",
            "author": "Humas",
            "summary": "Ringkasan berita baru.",
            "body": rich_text("<p>Isi berita tentang penerapan SPM.</p>"),
            "comments": inline_formset([]),
            **extra,
        }
    )


def _user(role, **kwargs):
    user = factories.UserFactory(role=role, **kwargs)
    user_groups_sync(user)
    return user


class CmsTestCase(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        roles_setup()
        cls.pages = site_structure_ensure()
        editorial_setup(cls.pages)
        cls.home = cls.pages["home"]
        cls.news_index = cls.pages["berita"]
        cls.regulation_index = cls.pages["landasan-hukum"]


class TestPageTypes(CmsTestCase):
    def test_sections_sit_under_the_home_page_only(self):
        self.assertAllowedSubpageTypes(HomePage, {NewsIndexPage, RegulationIndexPage, GuidePage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedParentPageTypes(RegulationPage, {RegulationIndexPage})
        self.assertCanNotCreateAt(HomePage, NewsPage)

    def test_every_section_is_routable_and_renders(self):
        for page in (self.home, self.news_index, self.regulation_index, self.pages["buku-panduan"]):
            self.assertPageIsRoutable(page)
            self.assertPageIsRenderable(page)
        self.assertPageIsRenderable(self.home, route_path="/cari/", query_data={"q": "spm"})


class TestCreationInAdmin(CmsTestCase):
    def setUp(self):
        # A superuser, logged in without authenticate(): django-axes needs the request that Client.login lacks.
        self.client.force_login(self.create_superuser("admin-cms"))

    def test_admin_creates_and_publishes_a_news_item(self):
        self.assertCanCreate(self.news_index, NewsPage, _news_form("Rapat koordinasi SPM"))

        page = NewsPage.objects.get(slug="berita-baru")
        assert page.live
        assert self.client.get(page.url).status_code == 200

    def test_admin_creates_a_regulation_with_its_document_and_urusan(self):
        urusan = factories.UrusanFactory(code="1.02", name="Kesehatan", short_name="KESEHATAN")
        document = factories._pdf_document("Permenkes")
        data = nested_form_data(
            {
                "title": "Peraturan Menteri Kesehatan Nomor 6 Tahun 2024 tentang Standar Teknis SPM Kesehatan",
                "slug": "permenkes-6-2024",
                "nomor": "6",
                "tahun": "2024",
                "tentang": "Standar Teknis Pemenuhan Standar Pelayanan Minimal Kesehatan",
                "kind": "petunjuk_teknis",
                "document": document.pk,
                "note": rich_text(""),
                "comments": inline_formset([]),
            }
        )
        data["urusan"] = [urusan.pk]  # a multiple choice: nested_form_data would split a list into keys

        self.assertCanCreate(self.regulation_index, RegulationPage, data)

        page = RegulationPage.objects.get(slug="permenkes-6-2024")
        assert list(page.urusan.all()) == [urusan]

    def test_a_regulation_without_a_document_is_refused(self):
        data = nested_form_data(
            {
                "title": "Peraturan tanpa berkas",
                "slug": "tanpa-berkas",
                "nomor": "1",
                "tahun": "2020",
                "tentang": "Uji",
                "kind": "landasan_hukum",
                "note": rich_text(""),
                "comments": inline_formset([]),
                "action-publish": "action-publish",
            }
        )
        url = reverse("wagtailadmin_pages:add", args=["home", "regulationpage", self.regulation_index.pk])

        response = self.client.post(url, data)

        assert response.status_code == 200
        assert "Pilih berkas peraturan" in response.content.decode()
        assert not RegulationPage.objects.filter(slug="tanpa-berkas").exists()

    def test_the_guide_page_is_editable_with_its_document(self):
        # Wagtail's helper logs in with AUTHENTICATION_BACKENDS[0], which is django-axes' (it must come first
        # to refuse locked logins) and cannot load a user: log in with the portal's own backend instead.
        with mock.patch.object(page_tests, "AUTH_BACKEND", "reporting.accounts.auth_backends.PortalModelBackend"):
            self.assertPageIsEditable(self.pages["buku-panduan"])

    def test_a_document_whose_content_does_not_match_its_extension_is_refused(self):
        fake = SimpleUploadedFile("panduan.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")

        response = self.client.post(reverse("wagtaildocs:add"), {"title": "Palsu", "file": fake})

        assert response.status_code == 200
        assert ERROR_DOCUMENT_CONTENT.format(extension="pdf") in response.content.decode()
        assert not get_document_model().objects.filter(title="Palsu").exists()

    def test_a_real_pdf_document_is_accepted(self):
        pdf = SimpleUploadedFile("panduan.pdf", placeholder_pdf("Panduan", ["isi"]), content_type="application/pdf")

        self.client.post(reverse("wagtaildocs:add"), {"title": "Panduan asli", "file": pdf})

        assert get_document_model().objects.filter(title="Panduan asli").exists()


class TestEditorialWorkflow(CmsTestCase):
    def test_editor_creates_and_submits_news_which_stays_unpublished_until_approved(self):
        editor = _user(Role.EDITOR, username="editor")
        approver = _user(Role.MINISTRY_ADMIN, username="adminkemendagri")
        self.client.force_login(editor)
        url = reverse("wagtailadmin_pages:add", args=["home", "newspage", self.news_index.pk])

        response = self.client.post(url, _news_form("Berita dari editor", **{"action-submit": "1"}))

        assert response.status_code == 302
        page = NewsPage.objects.get(slug="berita-baru")
        assert not page.live
        state = page.current_workflow_state
        assert state is not None and state.status == "in_progress"
        self.client.logout()
        assert self.client.get("/berita/berita-baru/").status_code == 404

        self.client.force_login(approver)
        task_state = state.current_task_state
        approve_url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
        response = self.client.post(approve_url, {"comment": ""})

        assert response.status_code in (200, 302)
        page.refresh_from_db()
        assert page.live
        self.client.logout()
        assert self.client.get("/berita/berita-baru/").status_code == 200

    def test_editor_cannot_publish_directly(self):
        editor = _user(Role.EDITOR, username="editor")
        self.client.force_login(editor)
        url = reverse("wagtailadmin_pages:add", args=["home", "newspage", self.news_index.pk])

        self.client.post(url, _news_form("Langsung terbit?", **{"action-publish": "action-publish"}))

        page = NewsPage.objects.filter(slug="berita-baru").first()
        assert page is None or not page.live

    def test_editor_may_edit_the_home_page_texts_but_not_add_pages_under_it(self):
        editor = _user(Role.EDITOR, username="editor")
        permissions = self.home.permissions_for_user(editor)

        assert permissions.can_edit()
        assert not permissions.can_publish()
        assert not permissions.can_add_subpage()
        assert self.news_index.permissions_for_user(editor).can_add_subpage()
        assert self.regulation_index.permissions_for_user(editor).can_add_subpage()

    def test_ministry_admin_may_publish(self):
        approver = _user(Role.MINISTRY_ADMIN, username="adminkemendagri")

        assert self.news_index.permissions_for_user(approver).can_publish()


class TestAdminAccess(CmsTestCase):
    def test_pemda_accounts_cannot_reach_the_admin(self):
        for user in (factories.PemdaUserFactory(), factories.PemdaUserFactory(region=factories.ProvinceFactory())):
            self.client.force_login(user)
            for url in ("/admin/", f"/admin/pages/{self.news_index.pk}/", reverse("wagtaildocs:index")):
                response = self.client.get(url)
                assert response.status_code == 302, url
                assert response.url.startswith("/admin/login/"), url

    def test_operator_cannot_reach_the_admin(self):
        self.client.force_login(factories.OperatorUserFactory())

        response = self.client.get("/admin/pages/")

        assert response.status_code == 302

    def test_anonymous_is_sent_to_the_admin_login(self):
        response = self.client.get("/admin/")

        assert response.status_code == 302
        assert response.url.startswith("/admin/login/")

    def test_editor_reaches_the_admin(self):
        self.client.force_login(_user(Role.EDITOR, username="editor"))

        assert self.client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_structure_and_editorial_setup_are_idempotent():
    roles_setup()
    for _ in range(2):
        pages = site_structure_ensure()
        editorial_setup(pages)

    assert Page.objects.filter(slug__in=["berita", "landasan-hukum", "buku-panduan"]).count() == 3
    assert [p.url for p in (pages["berita"], pages["landasan-hukum"], pages["buku-panduan"])] == [
        "/berita/",
        "/landasan-hukum/",
        "/buku-panduan/",
    ]


@pytest.mark.django_db(transaction=True)
def test_structure_is_rebuilt_on_an_emptied_database():
    """A flushed database (live-server tests) loses the migration-made home page and site."""
    from django.core.management import call_command

    call_command("flush", "--no-input", verbosity=0)

    pages = site_structure_ensure()

    assert pages["home"].url == "/"
    assert pages["berita"].url == "/berita/"
