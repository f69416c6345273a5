"""Moderators' queue in the Wagtail admin: reported posts, their reports and reporters, decisions."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path, reverse

from machina.core.db.models import get_model
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from forum.forum_abuse import selectors, services
from forum.forum_abuse.forms import ModerationForm

Post = get_model("forum_conversation", "Post")

ACTION_DONE = {
    "restore": "Laporan diabaikan; tulisan ditampilkan kembali.",
    "hide": "Tulisan disembunyikan.",
    "delete": "Tulisan dihapus.",
    "lock": "Topik dikunci.",
}
ACTION_SERVICES = {
    "restore": services.post_restore,
    "hide": services.post_hide,
    "delete": services.post_delete,
    "lock": services.topic_lock,
}


def moderator_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not selectors.can_moderate(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@moderator_required
def queue_view(request):
    page = Paginator(selectors.report_queue_list(), 25).get_page(request.GET.get("p"))
    return render(request, "forum_abuse/admin/queue.html", {"page_obj": page})


@moderator_required
def post_view(request, post_id: int):
    try:
        post = selectors.report_post_get(post_id=post_id)
    except Post.DoesNotExist:
        messages.warning(request, "Tulisan ini sudah tidak ada.")
        return redirect("forum_abuse_queue")
    form = ModerationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = form.cleaned_data["action"]
        ACTION_SERVICES[action](post=post, moderator=request.user, note=form.cleaned_data["note"])
        messages.success(request, ACTION_DONE[action])
        return redirect("forum_abuse_queue")
    return render(request, "forum_abuse/admin/post.html", {"post": post, "form": form})


@moderator_required
def history_view(request):
    page = Paginator(selectors.moderation_action_list(), 50).get_page(request.GET.get("p"))
    return render(request, "forum_abuse/admin/history.html", {"page_obj": page})


@hooks.register("register_admin_urls")
def register_forum_abuse_urls():
    return [
        path("forum-laporan/", queue_view, name="forum_abuse_queue"),
        path("forum-laporan/riwayat/", history_view, name="forum_abuse_history"),
        path("forum-laporan/<int:post_id>/", post_view, name="forum_abuse_post"),
    ]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.can_moderate(request.user)


@hooks.register("register_admin_menu_item")
def register_forum_abuse_menu_item():
    return ModeratorMenuItem("Laporan forum", reverse("forum_abuse_queue"), icon_name="warning", order=700)
