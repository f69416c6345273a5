from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render

from machina.core.db.models import get_model

from core.ratelimit import rate_limited
from forum.forum_abuse.selectors import readable_forum_list
from forum.forum_search.forms import SearchForm

Post = get_model("forum_conversation", "Post")

RESULTS_PER_PAGE = 20


def post_search_list(*, forums, query: str, subjects_only: bool = False, forum_id: int | None = None):
    """Visible posts of the given forums matching every word of ``query``."""
    posts = Post.objects.filter(approved=True, topic__approved=True, topic__forum__in=forums)
    if forum_id:
        posts = posts.filter(topic__forum_id=forum_id)
    for word in query.split()[:10]:
        match = (
            Q(topic__subject__icontains=word)
            if subjects_only
            else Q(subject__icontains=word) | Q(content__icontains=word)
        )
        posts = posts.filter(match)
    return posts.select_related("topic", "topic__forum", "poster").order_by("-created")


@rate_limited("forum-search", "RATE_LIMIT_FORUM_SEARCH_PER_MINUTE")
def search_view(request):
    forums = list(readable_forum_list(user=request.user, permission_handler=request.forum_permission_handler))
    form = SearchForm(request.GET or None, forums=forums)
    page = None
    query = ""
    if form.is_valid() and form.cleaned_data["q"]:
        query = form.cleaned_data["q"]
        results = post_search_list(
            forums=forums,
            query=query,
            subjects_only=form.cleaned_data["search_topics"],
            forum_id=form.cleaned_data["forum"],
        )
        page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "forum_search/search.html",
        {
            "form": form,
            "page_obj": page,
            "query": query,
            "is_paginated": bool(page and page.has_other_pages()),
            "paginator": page.paginator if page else None,
        },
    )
