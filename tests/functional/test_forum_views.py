"""The forum over HTTP: every machina view renders on Django 5.2, the done-when scenario, permissions,
safety (XSS, attachments, rate limit) and query counts."""

import re

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, reverse

from machina import urls as machina_urls
from machina.core.db.models import get_model

from forum.forum_abuse.forums import forums_setup
from forum.forum_abuse.models import AbuseReport, ModerationAction, ModerationActionKind
from forum.forum_conversation.forms import ERROR_RATE_LIMIT
from forum.forum_conversation.forum_attachments.forms import ERROR_TYPE
from reporting.accounts.services.roles import roles_setup
from tests import factories

Attachment = get_model("forum_attachments", "Attachment")
Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")
TopicPoll = get_model("forum_polls", "TopicPoll")
TopicPollOption = get_model("forum_polls", "TopicPollOption")

pytestmark = pytest.mark.django_db

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF\n"
)


@pytest.fixture
def forums(db):
    roles_setup()
    factories.UrusanFactory(code="1.01", name="Pendidikan")
    return forums_setup()


@pytest.fixture
def forum(forums):
    return forums[0]


def _pemda(name):
    return factories.PemdaUserFactory(region=factories.KabKotaFactory(name=name), first_name=name)


def _post_data(**fields):
    """What the browser sends: the fields plus the (empty) attachment formset's management form."""
    management = {
        "attachment-TOTAL_FORMS": 0,
        "attachment-INITIAL_FORMS": 0,
        "attachment-MIN_NUM_FORMS": 0,
        "attachment-MAX_NUM_FORMS": 5,
    }
    return {**management, **fields}


def _topic_url(topic):
    return reverse("forum_conversation:topic", args=[topic.forum.slug, topic.forum.pk, topic.slug, topic.pk])


def _machina_url_names(patterns=machina_urls.urlpatterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _machina_url_names(
                entry.url_patterns, prefix + (f"{entry.namespace}:" if entry.namespace else "")
            )
        elif isinstance(entry, URLPattern):
            yield prefix + entry.name


# --- smoke test of every machina view ------------------------------------------------------------


@pytest.fixture
def world(forum, forums):
    """Realistic objects for every URL: a thread with a reply, a poll, an attachment, a hidden post."""
    author = _pemda("Kabupaten Jombang")
    topic = factories.ForumTopicFactory(forum=forum, poster=author, subject="Upload Dokumen")
    reply = factories.ForumPostFactory(topic=topic, poster=_pemda("Kota Surabaya"))
    poll = TopicPoll.objects.create(topic=topic, question="Setuju?", max_options=1)
    TopicPollOption.objects.create(poll=poll, text="Ya")
    attachment = Attachment.objects.create(
        post=topic.first_post, file=SimpleUploadedFile("surat.pdf", PDF_BYTES), comment="Surat"
    )
    hidden = factories.ForumPostFactory(topic=topic, approved=False)
    moderator = factories.ModeratorUserFactory()
    return {
        "forum": forum,
        "other_forum": forums[1],
        "topic": topic,
        "reply": reply,
        "poll": poll,
        "attachment": attachment,
        "hidden": hidden,
        "moderator": moderator,
        "author": author,
    }


def _smoke_kwargs(w):
    f, t = w["forum"], w["topic"]
    topic_kwargs = {"forum_slug": f.slug, "forum_pk": f.pk, "slug": t.slug, "pk": t.pk}
    post_kwargs = {"forum_slug": f.slug, "forum_pk": f.pk, "topic_slug": t.slug, "topic_pk": t.pk, "pk": w["reply"].pk}
    moderation = {"slug": t.slug, "pk": t.pk}
    return {
        "forum:index": {},
        "forum:forum": {"slug": f.slug, "pk": f.pk},
        "forum_conversation:topic_poll_vote": {"pk": w["poll"].pk},
        "forum_conversation:attachment": {"pk": w["attachment"].pk},
        "forum_conversation:topic": topic_kwargs,
        "forum_conversation:topic_create": {"forum_slug": f.slug, "forum_pk": f.pk},
        "forum_conversation:topic_update": topic_kwargs,
        "forum_conversation:post_create": {k: v for k, v in post_kwargs.items() if k != "pk"},
        "forum_conversation:post_update": post_kwargs,
        "forum_conversation:post_delete": post_kwargs,
        "forum_feeds:latest_topics": {},
        "forum_feeds:forum_latest_topics": {"forum_slug": f.slug, "forum_pk": f.pk},
        "forum_feeds:forum_latest_topics_with_descendants": {"forum_slug": f.slug, "forum_pk": f.pk},
        "forum_member:profile_update": {},
        "forum_member:profile": {"pk": w["author"].pk},
        "forum_member:user_posts": {"pk": w["author"].pk},
        "forum_member:user_subscriptions": {},
        "forum_member:topic_subscribe": {"pk": t.pk},
        "forum_member:topic_unsubscribe": {"pk": t.pk},
        "forum_moderation:topic_lock": moderation,
        "forum_moderation:topic_unlock": moderation,
        "forum_moderation:topic_delete": moderation,
        "forum_moderation:topic_move": moderation,
        "forum_moderation:topic_update_to_post": moderation,
        "forum_moderation:topic_update_to_sticky": moderation,
        "forum_moderation:topic_update_to_announce": moderation,
        "forum_moderation:queue": {},
        "forum_moderation:queued_post": {"pk": w["hidden"].pk},
        "forum_moderation:approve_queued_post": {"pk": w["hidden"].pk},
        "forum_moderation:disapprove_queued_post": {"pk": w["hidden"].pk},
        "forum_search:search": {},
        "forum_tracking:mark_all_forums_read": {},
        "forum_tracking:mark_subforums_read": {"pk": f.pk},
        "forum_tracking:mark_topics_read": {"pk": f.pk},
        "forum_tracking:unread_topics": {},
    }


# Views that answer a GET with something other than a page, on purpose.
NOT_A_PAGE = {
    "forum_conversation:topic_poll_vote": 405,  # POST only
    "forum_member:topic_unsubscribe": 403,  # the user is not subscribed yet
}


def test_every_machina_view_has_a_smoke_case(world):
    assert set(_machina_url_names()) == set(_smoke_kwargs(world))


@pytest.mark.parametrize("name", sorted(set(_machina_url_names())))
def test_every_machina_view_renders_for_a_superuser(client, world, name):
    """GET each URL name of machina's urlconf with realistic objects (machina is untested on Django 5.2)."""
    client.force_login(factories.UserFactory(is_superuser=True, first_name="Admin"))
    response = client.get(reverse(name, kwargs=_smoke_kwargs(world)[name]))
    assert response.status_code == NOT_A_PAGE.get(name, 200), name


def test_forum_pages_render_inside_the_portal_layout_in_indonesian(client, world):
    body = client.get(reverse("forum:index")).content.decode()
    assert "PELAPORAN STANDAR PELAYANAN MINIMAL" in body  # the portal header from base.html
    assert "Diskusi Terbaru" in body and "FORUM DISKUSI" in body
    assert "Permasalahan Umum Pemda" in body and "Urusan Pendidikan" in body and "Aplikasi dan Teknis" in body
    for english in ("Mark forums read", "Statistics", "New topic", "Advanced search"):
        assert english not in body


# --- the done-when scenario ----------------------------------------------------------------------


def test_thread_reply_counts_dates_report_threshold_and_moderator_decision(client, forum, settings):
    settings.FORUM_ABUSE_REPORT_THRESHOLD = 3
    jombang, surabaya = _pemda("Kabupaten Jombang"), _pemda("Kota Surabaya")

    client.force_login(jombang)
    create_url = reverse("forum_conversation:topic_create", args=[forum.slug, forum.pk])
    assert "BUAT THREAD" in client.get(reverse("forum:forum", args=[forum.slug, forum.pk])).content.decode()
    response = client.post(
        create_url,
        _post_data(subject="Tampilan Grafik Tidak Muncul", content="Grafik **kosong** setelah input.", topic_type=0),
    )
    assert response.status_code == 302, response.content.decode()
    topic = Topic.objects.get(subject="Tampilan Grafik Tidak Muncul")

    client.force_login(surabaya)
    reply_url = reverse("forum_conversation:post_create", args=[forum.slug, forum.pk, topic.slug, topic.pk])
    response = client.post(reply_url, _post_data(subject="Tanggapan", content="Kami turun langsung ke lapangan."))
    assert response.status_code == 302
    reply = Post.objects.get(topic=topic, poster=surabaya)

    client.get(_topic_url(topic))
    page = client.get(_topic_url(topic)).content.decode()
    assert "Tanggapan dari pemda lainnya" in page and "Kami turun langsung ke lapangan." in page
    assert "<strong>kosong</strong>" in page
    listing = client.get(reverse("forum:index")).content.decode()
    assert "Dibalas sebanyak 1 kali" in listing
    assert "Dibaca sebanyak 2 kali" in listing, re.findall(r"Dibaca[^<]*", listing)
    assert "Oleh: Pemda Kabupaten Jombang" in listing
    assert "Grafik kosong setelah input." in listing  # the excerpt, without markup
    assert "1970" not in listing
    assert re.search(r"Pada tanggal <time[^>]*>\d{2} \w+ 20\d\d</time>", listing)

    reporters = [_pemda(f"Kabupaten Pelapor {i}") for i in range(3)]
    for i, reporter in enumerate(reporters):
        client.force_login(reporter)
        response = client.post(reverse("forum_abuse_report", args=[reply.pk]), {"reason": "spam"})
        assert response.status_code == 302
        reply.refresh_from_db()
        assert reply.approved is (i < 2)
    assert "Kami turun langsung" not in client.get(_topic_url(topic)).content.decode()
    assert "Dibalas sebanyak 0 kali" in client.get(reverse("forum:index")).content.decode()

    client.force_login(surabaya)
    page = client.get(_topic_url(topic)).content.decode()
    assert "disembunyikan" in page and "Alasan laporan: Spam" in page
    assert "Kabupaten Pelapor" not in page  # the author never learns who reported

    moderator = factories.ModeratorUserFactory()
    client.force_login(moderator)
    queue = client.get(reverse("forum_abuse_queue")).content.decode()
    assert "Tanggapan" in queue and "Pemda Kabupaten Pelapor 0" in queue
    detail_url = reverse("forum_abuse_post", args=[reply.pk])
    assert "Kabupaten Pelapor 2" in client.get(detail_url).content.decode()
    response = client.post(detail_url, {"action": "restore", "note": "Bukan spam"})
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.approved
    assert "Kami turun langsung" in client.get(_topic_url(topic)).content.decode()
    assert ModerationAction.objects.filter(kind=ModerationActionKind.DISMISS, moderator=moderator).exists()

    client.post(detail_url, {"action": "delete", "note": "Dihapus"})
    assert not Post.objects.filter(pk=reply.pk).exists()
    assert ModerationAction.objects.filter(kind=ModerationActionKind.DELETE, post_subject=reply.subject).exists()
    client.force_login(moderator)
    assert "Dihapus" in client.get(reverse("forum_abuse_history")).content.decode()


def test_report_form_lists_the_four_reasons_and_keeps_one_report_per_user(client, world):
    client.force_login(factories.PemdaUserFactory())
    url = reverse("forum_abuse_report", args=[world["reply"].pk])
    body = client.get(url).content.decode()
    for reason in ("Spam", "Kasar atau tidak pantas", "Salah tempat", "Lainnya"):
        assert reason in body
    response = client.post(url, {"reason": "lainnya", "detail": ""})
    assert response.status_code == 200 and "Jelaskan alasan" in response.content.decode()
    client.post(url, {"reason": "lainnya", "detail": "Iklan"})
    response = client.post(url, {"reason": "spam"}, follow=True)
    assert "sudah melaporkan" in response.content.decode()
    assert AbuseReport.objects.count() == 1


def test_anonymous_visitors_cannot_report(client, world):
    response = client.get(reverse("forum_abuse_report", args=[world["reply"].pk]))
    assert response.status_code == 302 and reverse("login") in response["Location"]


# --- permissions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "read", "create"),
    [
        ("anonymous", 200, 302),
        ("pemda", 200, 200),
        ("operator", 200, 200),
        ("reviewer", 200, 200),
        ("editor", 200, 403),
    ],
)
def test_who_may_read_and_open_threads(client, world, who, read, create):
    users = {
        "pemda": factories.PemdaUserFactory,
        "operator": factories.OperatorUserFactory,
        "reviewer": factories.UserFactory,
        "editor": lambda: factories.UserFactory(role="editor"),
    }
    if who != "anonymous":
        client.force_login(users[who]())
    forum = world["forum"]
    assert client.get(_topic_url(world["topic"])).status_code == read
    assert client.get(reverse("forum_conversation:topic_create", args=[forum.slug, forum.pk])).status_code == create


def test_moderation_queue_is_for_moderators_only(client, world):
    # Wagtail answers a refused admin page with a redirect (to its login or its dashboard).
    for user, status in (
        (factories.PemdaUserFactory(), 302),
        (factories.UserFactory(role="ministry_admin"), 302),
        (world["moderator"], 200),
    ):
        client.force_login(user)
        assert client.get(reverse("forum_abuse_queue")).status_code == status
        assert client.get(reverse("forum_abuse_post", args=[world["reply"].pk])).status_code == status


def test_a_pemda_cannot_edit_another_pemdas_post(client, world):
    client.force_login(factories.PemdaUserFactory())
    t, f = world["topic"], world["forum"]
    url = reverse("forum_conversation:post_update", args=[f.slug, f.pk, t.slug, t.pk, world["reply"].pk])
    assert client.get(url).status_code == 403


def test_hidden_posts_attachments_are_for_moderators_only(client, world):
    hidden = world["hidden"]
    attachment = Attachment.objects.create(post=hidden, file=SimpleUploadedFile("b.pdf", PDF_BYTES))
    url = reverse("forum_conversation:attachment", args=[attachment.pk])
    client.force_login(factories.PemdaUserFactory())
    assert client.get(url).status_code == 403
    client.force_login(world["moderator"])
    assert client.get(url).status_code == 200


def test_attachments_download_as_files_with_nosniff_for_signed_in_readers_only(client, world):
    url = reverse("forum_conversation:attachment", args=[world["attachment"].pk])
    anonymous = client.get(url)  # issue 24.5: a pemda's file is not for the whole internet
    assert anonymous.status_code in (302, 403) and not anonymous.get("Content-Disposition")
    client.force_login(factories.PemdaUserFactory())
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


# --- safety --------------------------------------------------------------------------------------


def test_xss_in_a_post_is_neutralised_on_the_thread_page(client, forum):
    client.force_login(factories.PemdaUserFactory())
    payload = '<script>alert("x")</script> [klik](javascript:alert(1)) <img src=x onerror=alert(1)>'
    client.post(
        reverse("forum_conversation:topic_create", args=[forum.slug, forum.pk]),
        _post_data(subject="<b>Judul</b>", content=payload, topic_type=0),
    )
    topic = Topic.objects.get()
    page = client.get(_topic_url(topic)).content.decode()
    assert '<script>alert("x")' not in page
    assert "javascript:alert" not in page
    assert "<img src=x" not in page
    assert "&lt;b&gt;Judul&lt;/b&gt;" in page


def test_attachment_type_is_checked_by_content_not_name(client, forum):
    client.force_login(factories.PemdaUserFactory())
    fake = SimpleUploadedFile("laporan.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    response = client.post(
        reverse("forum_conversation:topic_create", args=[forum.slug, forum.pk]),
        {
            "subject": "Lampiran",
            "content": "Isi",
            "topic_type": 0,
            "attachment-TOTAL_FORMS": 1,
            "attachment-INITIAL_FORMS": 0,
            "attachment-MIN_NUM_FORMS": 0,
            "attachment-MAX_NUM_FORMS": 5,
            "attachment-0-file": fake,
            "attachment-0-comment": "",
        },
    )
    assert response.status_code == 200
    assert ERROR_TYPE in response.content.decode()
    assert not Topic.objects.exists()


def test_posting_is_rate_limited_with_an_indonesian_message(client, world, settings):
    settings.FORUM_POSTS_PER_MINUTE = 2
    user = factories.PemdaUserFactory()
    client.force_login(user)
    t, f = world["topic"], world["forum"]
    url = reverse("forum_conversation:post_create", args=[f.slug, f.pk, t.slug, t.pk])
    for i in range(2):
        assert client.post(url, _post_data(subject="Re", content=f"Tanggapan {i}")).status_code == 302
    response = client.post(url, _post_data(subject="Re", content="Satu lagi"))
    assert response.status_code == 200
    assert (ERROR_RATE_LIMIT % {"limit": 2}) in response.content.decode()
    assert Post.objects.filter(poster=user).count() == 2


# --- search --------------------------------------------------------------------------------------


def test_search_finds_visible_posts_and_never_hidden_ones(client, world):
    world["hidden"].content = "rahasia tersembunyi"
    world["hidden"].save()
    factories.ForumPostFactory(topic=world["topic"], content="Cara unggah dokumen SK Tim")
    body = client.get(reverse("forum_search:search"), {"q": "dokumen"}).content.decode()
    assert "Cara unggah dokumen SK Tim" in body
    assert "rahasia tersembunyi" not in client.get(reverse("forum_search:search"), {"q": "rahasia"}).content.decode()


# --- query counts --------------------------------------------------------------------------------


def _count_queries(client, url, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["index", "forum", "topic", "search", "queue"])
def test_query_count_does_not_grow_with_the_number_of_threads(client, world, page, django_assert_max_num_queries):
    client.force_login(world["moderator"])
    forum, topic = world["forum"], world["topic"]

    def add_data():
        for _ in range(4):
            extra = factories.ForumTopicFactory(forum=forum, first_post="Isi dokumen baru")
            factories.ForumPostFactory(topic=topic, content="dokumen lagi")
            AbuseReport.objects.create(post=extra.first_post, reporter=factories.PemdaUserFactory(), reason="spam")

    urls = {
        "index": reverse("forum:index"),
        "forum": reverse("forum:forum", args=[forum.slug, forum.pk]),
        "topic": _topic_url(topic),
        "search": reverse("forum_search:search") + "?q=dokumen",
        "queue": reverse("forum_abuse_queue"),
    }
    add_data()
    before = _count_queries(client, urls[page], django_assert_max_num_queries)
    add_data()
    after = _count_queries(client, urls[page], django_assert_max_num_queries)
    assert after <= before


def test_machinas_own_messages_are_in_indonesian(client, world):
    client.force_login(factories.PemdaUserFactory())
    t, f = world["topic"], world["forum"]
    url = reverse("forum_conversation:post_create", args=[f.slug, f.pk, t.slug, t.pk])
    response = client.post(url, _post_data(subject="Re", content="Terima kasih"), follow=True)
    assert "Tulisan berhasil dikirim." in response.content.decode()
