"""Template helpers for the forum pages: author names, excerpts, latest threads, hidden-post notices."""

from django import template
from django.utils.html import strip_tags
from django.utils.text import Truncator

from machina.core.db.models import get_model

from forum.forum_abuse import selectors
from reporting.models import Role

Post = get_model("forum_conversation", "Post")

register = template.Library()

EXCERPT_CHARS = 200


@register.filter
def forum_author(user) -> str:
    """ "Pemda Kabupaten Jombang" for a pemda account (first_name holds the region's name)."""
    if user is None:
        return "Tamu"
    name = user.first_name or user.username
    if user.role == Role.PEMDA:
        return f"Pemda {name}"
    if user.role == Role.MODERATOR:
        return f"{name} (Moderator)"
    return name


@register.filter
def post_excerpt(post) -> str:
    if post is None:
        return ""
    text = strip_tags(post.content.rendered).replace("&nbsp;", " ")
    return Truncator(" ".join(text.split())).chars(EXCERPT_CHARS)


@register.simple_tag
def topic_excerpts(topics) -> dict:
    """Excerpt of each thread's first post, keyed by topic id, in one query."""
    ids = [topic.first_post_id for topic in topics if topic.first_post_id]
    posts = Post.objects.filter(pk__in=ids).only("id", "topic_id", "_content_rendered", "content")
    return {post.topic_id: post_excerpt(post) for post in posts}


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "") if mapping else ""


@register.simple_tag(takes_context=True)
def latest_topics(context, limit: int = 10):
    request = context["request"]
    forums = selectors.readable_forum_ids(user=request.user, permission_handler=request.forum_permission_handler)
    return selectors.latest_topic_list(forums=forums, limit=limit)


@register.simple_tag(takes_context=True)
def may_start_topics(context) -> bool:
    """Whether the user may start a thread in some forum (the index's "+ BUAT THREAD"); no query once cached."""
    request = context["request"]
    return bool(selectors.postable_forum_ids(user=request.user, permission_handler=request.forum_permission_handler))


@register.simple_tag
def hidden_post_notices(user, topic):
    return selectors.hidden_post_notice_list(user=user, topic=topic)


@register.filter
def can_moderate_forum(user) -> bool:
    return selectors.can_moderate(user)
