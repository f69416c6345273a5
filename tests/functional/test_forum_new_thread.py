"""+ BUAT THREAD on the forum index (as in the seed): shown to signed-in users who may start a thread, it leads
to the new-thread form of the forum they pick (or straight to it when there is one), costs the index no query
once cached, and follows a change of permissions at once."""

import re

import pytest

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from machina.core.db.models import get_model

from forum.forum_abuse import selectors
from forum.forum_abuse.forums import GENERAL_FORUM, PARTICIPANT_GROUP, TECHNICAL_FORUM, forums_setup
from reporting.accounts.services.roles import roles_setup
from reporting.models import Role
from tests import factories

Forum = get_model("forum", "Forum")
Topic = get_model("forum_conversation", "Topic")
GroupForumPermission = get_model("forum_permission", "GroupForumPermission")

pytestmark = pytest.mark.django_db

INDEX = "/forum/"
START = "/forum/buat-thread/"
BUTTON = re.compile(r'<a class="button" href="/forum/buat-thread/"[^>]*>\+ BUAT THREAD</a>')


@pytest.fixture
def forums(db):
    roles_setup()
    factories.UrusanFactory(code="1.01", name="Pendidikan")
    return forums_setup()


@pytest.fixture
def pemda(forums):
    return factories.PemdaUserFactory()


def _topic_create_url(forum):
    return reverse("forum_conversation:topic_create", args=[forum.slug, forum.pk])


def test_a_pemda_starts_a_thread_from_the_index_in_the_forum_it_picks(client, forums, pemda):
    client.force_login(pemda)
    index = client.get(INDEX).content.decode()
    assert BUTTON.search(index)
    assert 'aria-describedby="buat-thread-keterangan"' in index and "Membuat pokok pembahasan baru" in index

    chooser = client.get(START)
    page = chooser.content.decode()
    assert chooser.status_code == 200 and "<h1>Buat thread baru</h1>" in page
    names = [GENERAL_FORUM[0], "Urusan Pendidikan", TECHNICAL_FORUM[0]]
    assert [forum.name for forum in forums] == names
    positions = [page.index(f'href="{_topic_create_url(forum)}"') for forum in forums]
    assert positions == sorted(positions)  # in the board's order

    technical = forums[-1]
    response = client.post(
        _topic_create_url(technical),
        {
            "subject": "Tidak bisa unggah SK Tim",
            "content": "Unggahan berhenti di 90 %.",
            "attachment-TOTAL_FORMS": 0,
            "attachment-INITIAL_FORMS": 0,
            "attachment-MIN_NUM_FORMS": 0,
            "attachment-MAX_NUM_FORMS": 5,
        },
    )
    assert response.status_code == 302
    assert Topic.objects.get(subject="Tidak bisa unggah SK Tim").forum == technical


def test_with_one_forum_to_post_in_the_button_leads_straight_to_its_form(client, forums, pemda):
    Forum.objects.exclude(pk=forums[0].pk).delete()
    client.force_login(pemda)

    response = client.get(START)

    assert response.status_code == 302 and response["Location"] == _topic_create_url(forums[0])


def test_a_visitor_is_asked_to_log_in_first(client, forums):
    index = client.get(INDEX).content.decode()

    assert not BUTTON.search(index)
    assert f'href="{reverse("login")}?next=/forum/"' in index and "Login untuk membuat thread" in index
    response = client.get(START)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", [Role.EDITOR, Role.MODERATOR])
def test_a_signed_in_user_who_may_not_start_threads_gets_no_button(client, forums, role):
    client.force_login(factories.UserFactory(role=role))

    index = client.get(INDEX).content.decode()

    assert not BUTTON.search(index) and "Login untuk membuat thread" not in index
    assert client.get(START).status_code == 403


def test_the_button_follows_a_change_of_permissions_at_once(client, forums, pemda):
    client.force_login(pemda)
    assert BUTTON.search(client.get(INDEX).content.decode())

    pemda.groups.remove(Group.objects.get(name=PARTICIPANT_GROUP))

    assert not BUTTON.search(client.get(INDEX).content.decode())
    assert client.get(START).status_code == 403


def test_the_button_costs_the_index_no_query(client, forums, pemda, monkeypatch):
    """Once cached, the index runs as many queries with the button as without it, and asks machina's permission
    checker nothing."""
    client.force_login(pemda)

    def warm():
        client.get(INDEX)  # computes and caches what the user may do
        with monkeypatch.context() as patch:
            patch.setattr(selectors, "ForumPermissionChecker", None)  # a cold computation would fail now
            with CaptureQueriesContext(connection) as queries:
                page = client.get(INDEX).content.decode()
        return len(queries), bool(BUTTON.search(page))

    with_button = warm()
    GroupForumPermission.objects.filter(permission__codename="can_start_new_topics").update(has_perm=False)
    selectors.forum_access_changed()  # a queryset update sends no signal; the admin's saves do
    without_button = warm()

    assert with_button == (without_button[0], True) and without_button[1] is False
