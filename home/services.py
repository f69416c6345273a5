"""Writes of the portal's CMS structure: the section pages, editors' permissions and the workflow.

Every function is idempotent: ``manage.py load_demo_content`` (run by ``make run``) calls them each time.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from home.models import GuidePage, HomePage, NewsIndexPage, RegulationIndexPage
from reporting.accounts.services.roles import ROLE_GROUPS
from reporting.models import Role

EDITOR_GROUP = ROLE_GROUPS[Role.EDITOR]
APPROVER_GROUP = ROLE_GROUPS[Role.MINISTRY_ADMIN]
HOME_TITLE = "Pelaporan Standar Pelayanan Minimal"
WORKFLOW_NAME = "Persetujuan konten portal"
APPROVAL_TASK_NAME = "Persetujuan Admin Kementerian"

# The header links to these slugs (templates/includes/header.html).
SECTIONS = {
    "berita": (NewsIndexPage, {"title": "Berita", "intro": "<p>Informasi kegiatan terkait pelaksanaan SPM.</p>"}),
    "landasan-hukum": (
        RegulationIndexPage,
        {
            "title": "Landasan Hukum",
            "intro": "<p>Peraturan dan petunjuk teknis penerapan Standar Pelayanan Minimal.</p>",
        },
    ),
    "buku-panduan": (
        GuidePage,
        {"title": "Buku Panduan", "intro": "Pedoman menggunakan aplikasi pelaporan SPM."},
    ),
}
EDITOR_PAGE_PERMISSIONS = {"home": ["change"], "berita": ["add"], "landasan-hukum": ["add"]}
APPROVER_PAGE_PERMISSIONS = ["add", "change", "publish", "lock", "unlock"]
MEDIA_PERMISSIONS = [
    ("wagtaildocs", "document", ("add", "change", "choose")),
    ("wagtailimages", "image", ("add", "change", "choose")),
]
# Pengaturan portal (the SIPD link and the logo): Wagtail shows a setting to whoever may change its model.
SETTINGS_PERMISSIONS = [("home", "change_portalsettings")]


def home_page_get() -> HomePage:
    """The root page of the default site (created by migration home.0002).

    A database emptied after the migrations (e.g. a flushed test database) gets the
    root collection, locale, tree root, home page and default site back.
    """
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    if site is not None:
        return site.root_page.specific
    home = HomePage.objects.first()
    if home is None:
        Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
        home = HomePage(title=HOME_TITLE, slug="home")
        root.add_child(instance=home)
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Pelaporan SPM")
    return home


def _child_ensure(parent: Page, slug: str, model, fields: dict) -> Page:
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision(log_action=False).publish(log_action=False)
    return page


@transaction.atomic
def site_structure_ensure() -> dict[str, Page]:
    """The home page and its three sections at /berita/, /landasan-hukum/ and /buku-panduan/."""
    home = home_page_get()
    pages: dict[str, Page] = {"home": home}
    for slug, (model, fields) in SECTIONS.items():
        pages[slug] = _child_ensure(home, slug, model, fields)
    return pages


def _page_permission(kind: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{kind}_page")


def _grant_page(group: Group, page: Page, kinds) -> None:
    for kind in kinds:
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=_page_permission(kind))


def _grant_media(group: Group) -> None:
    root = Collection.get_first_root_node()
    for app_label, model, actions in MEDIA_PERMISSIONS:
        for action in actions:
            permission = Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}")
            GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)


@transaction.atomic
def editorial_setup(pages: dict[str, Page]) -> Workflow:
    """Editors write and submit; the ministry admins approve and publish (a one-step workflow)."""
    editors, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    approvers, _ = Group.objects.get_or_create(name=APPROVER_GROUP)
    for slug, kinds in EDITOR_PAGE_PERMISSIONS.items():
        _grant_page(editors, pages[slug], kinds)
    _grant_page(approvers, pages["home"], APPROVER_PAGE_PERMISSIONS)
    _grant_media(editors)
    _grant_media(approvers)
    for app_label, codename in SETTINGS_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        editors.permissions.add(permission)
        approvers.permissions.add(permission)

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=APPROVAL_TASK_NAME)
    task.groups.add(approvers)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=pages["home"], defaults={"workflow": workflow})
    return workflow
