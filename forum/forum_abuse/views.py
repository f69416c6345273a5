"""The forum's own pages beside machina's: "Lapor penyalahgunaan" on a post, and "+ BUAT THREAD" from the
forum index (which forum the new thread goes to)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from machina.core.db.models import get_model

from core.ratelimit import rate_limited
from forum.forum_abuse import selectors
from forum.forum_abuse.forms import AbuseReportForm
from forum.forum_abuse.services import ReportError, report_create

Post = get_model("forum_conversation", "Post")

REPORT_THANKS = "Terima kasih. Laporan Anda sudah kami terima dan akan ditinjau moderator."


def _post_url(post) -> str:
    topic = post.topic
    url = reverse(
        "forum_conversation:topic",
        kwargs={"forum_slug": topic.forum.slug, "forum_pk": topic.forum_id, "slug": topic.slug, "pk": topic.pk},
    )
    return f"{url}?post={post.pk}#{post.pk}"


@login_required
@rate_limited("abuse-report", "RATE_LIMIT_ABUSE_REPORT_PER_MINUTE")
def report_create_view(request, post_id: int):
    """Ask for a reason, then file the report once; the user goes back to the post."""
    post = get_object_or_404(Post.objects.select_related("topic", "topic__forum", "poster"), pk=post_id, approved=True)
    if not request.forum_permission_handler.can_read_forum(post.topic.forum, request.user):
        raise PermissionDenied
    form = AbuseReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report_create(post=post, reporter=request.user, **form.cleaned_data)
        except ReportError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, REPORT_THANKS)
        return redirect(_post_url(post))
    return render(request, "forum_abuse/report_form.html", {"form": form, "post": post, "topic": post.topic})


@login_required
@require_safe
def topic_start_view(request):
    """+ BUAT THREAD on the forum index: the new-thread form of the one forum the user may start threads in, or
    the list of those forums to pick from (a thread lives in one forum)."""
    forums = selectors.postable_forum_list(user=request.user, permission_handler=request.forum_permission_handler)
    if not forums:
        raise PermissionDenied
    if len(forums) == 1:
        return redirect("forum_conversation:topic_create", forum_slug=forums[0].slug, forum_pk=forums[0].pk)
    return render(request, "forum_abuse/topic_start.html", {"forums": forums})
