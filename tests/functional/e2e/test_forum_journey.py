"""Journey 5, the forum: a pemda starts a thread, another replies, the first reports the reply as abuse,
and a moderator hides it from the Wagtail admin's queue."""

import re

import pytest
from playwright.sync_api import expect

from django.core.management import call_command

from reporting.accounts.services.roles import roles_setup
from tests import factories
from tests.functional.e2e import journeys
from tests.functional.e2e.conftest import E2E_DB, assert_accessible, login

pytestmark = E2E_DB

FORUM = "Permasalahan Umum Pemda"
SUBJECT = "Batas unggah data dukung triwulan IV"
REPLY = "Beli obat kuat murah di situs kami, diskon besar!"
NOTE = "Iklan tidak boleh di forum."


@pytest.fixture
def people(db):
    roles_setup()
    data = journeys.world()
    surabaya = factories.KabKotaFactory(
        code="35.78", login_code="3578", name="Kota Surabaya", province=data["province"]
    )
    people = {
        "author": factories.PemdaUserFactory(region=data["kabkota"], first_name="Kabupaten Jombang"),
        "replier": factories.PemdaUserFactory(region=surabaya, first_name="Kota Surabaya"),
        "moderator": factories.ModeratorUserFactory(username="moderator"),
    }
    call_command("setup_forum", verbosity=0)
    return people


def _open_thread(page):
    journeys.go_by_menu(page, "FORUM DISKUSI")
    page.get_by_role("link", name=FORUM).first.click()
    page.get_by_role("link", name=SUBJECT).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SUBJECT)


def test_a_reported_reply_is_hidden_by_a_moderator(open_page, live_server, people):
    author = open_page()
    login(author, live_server, people["author"].username)
    journeys.go_by_menu(author, "FORUM DISKUSI")
    author.wait_for_url("**/forum/")
    assert_accessible(author, "forum")
    author.get_by_role("link", name=FORUM).first.click()
    assert_accessible(author, "daftar thread")
    author.go_back()
    author.get_by_role("link", name="+ BUAT THREAD").click()  # from the index, as in the seed
    expect(author.get_by_role("heading", level=1)).to_have_text("Buat thread baru")
    assert_accessible(author, "pilih forum")
    author.get_by_role("list", name="Forum tujuan thread baru").get_by_role("link", name=FORUM).click()
    assert_accessible(author, "buat thread")
    author.get_by_role("textbox", name="Judul").fill(SUBJECT)
    author.get_by_role("textbox", name="Detail bahan diskusi").fill("Sampai kapan data dukung TW IV dapat diunggah?")
    author.get_by_role("button", name="Kirim", exact=True).click()
    expect(author.get_by_role("heading", level=1)).to_have_text(SUBJECT)
    assert_accessible(author, "thread")

    replier = open_page()
    login(replier, live_server, people["replier"].username)
    _open_thread(replier)
    replier.get_by_role("link", name="POST REPLY").first.click()
    assert_accessible(replier, "balas thread")
    replier.get_by_role("textbox", name="Isi").fill(REPLY)
    replier.get_by_role("button", name="Kirim", exact=True).click()
    reply = replier.locator("article.post-reply").filter(has_text=REPLY)
    expect(reply).to_be_visible()

    author.reload()
    reply = author.locator("article.post-reply").filter(has_text=REPLY)
    reply.get_by_role("link", name="Lapor Penyalahgunaan").click()
    assert_accessible(author, "lapor penyalahgunaan")
    author.get_by_label("Spam").check()
    author.get_by_role("textbox", name="Keterangan").fill("Iklan obat, bukan diskusi SPM.")
    author.get_by_role("button", name="Kirim laporan").click()
    expect(author.get_by_text("Terima kasih. Laporan Anda sudah kami terima")).to_be_visible()

    moderator = open_page()
    login(moderator, live_server, people["moderator"].username)
    # The moderator's bell says a report came in; the notice leads to the dashboard's queue panel.
    expect(moderator.get_by_role("link", name="Notifikasi: 1 belum dibaca")).to_have_count(1)
    moderator.goto(live_server.url + "/pelaporan/notifikasi/")
    notice = moderator.locator(".notification.unread").filter(has_text="dilaporkan")
    expect(notice).to_contain_text("Spam")
    assert_accessible(moderator, "notifikasi moderator")
    notice.get_by_role("link", name="Buka antrean laporan forum").click()
    moderator.wait_for_url("**/pelaporan/#laporan-forum")
    panel = moderator.get_by_role("region", name=re.compile("^Laporan forum yang menunggu keputusan"))
    expect(panel).to_contain_text("Spam")
    expect(moderator.get_by_role("link", name="Notifikasi: tidak ada yang belum dibaca")).to_have_count(1)
    assert_accessible(moderator, "dashboard moderator")
    moderator.goto(live_server.url + "/admin/forum-laporan/")
    queue = moderator.get_by_role("table", name="Tulisan yang dilaporkan dan belum diputuskan")
    expect(queue).to_contain_text("Spam")
    assert_accessible(moderator, "antrean moderator")
    queue.get_by_role("link").first.click()
    expect(moderator.get_by_text(REPLY)).to_be_visible()
    assert_accessible(moderator, "tinjau tulisan")
    moderator.get_by_label("Tindakan").select_option(label="Sembunyikan tulisan")
    moderator.get_by_label("Catatan untuk penulis").fill(NOTE)
    moderator.get_by_role("button", name="Simpan keputusan").click()
    expect(moderator.get_by_text("Tulisan disembunyikan.")).to_be_visible()
    expect(moderator.get_by_text("Tidak ada laporan yang menunggu keputusan.")).to_be_visible()

    visitor = open_page()
    visitor.goto(live_server.url + "/forum/")
    visitor.get_by_role("link", name=FORUM).first.click()
    visitor.get_by_role("link", name=SUBJECT).click()
    expect(visitor.get_by_text("Sampai kapan data dukung TW IV dapat diunggah?")).to_be_visible()
    expect(visitor.get_by_text(REPLY)).to_have_count(0)
    assert_accessible(visitor, "thread tanpa tulisan tersembunyi")

    replier.reload()
    notice = replier.get_by_role("status").filter(has_text=re.compile("disembunyikan"))
    expect(notice).to_contain_text("oleh moderator")
    expect(notice).to_contain_text(NOTE)
