"""The portal's URLs plus the bare baseline view the page timings are divided by."""

from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

from reporting.models import Period

BARE_TEMPLATE = engines["django"].from_string(
    '<!doctype html><html lang="id"><title>bare</title><p>{{ user.username }}: {{ periods }} periode</p></html>'
)


def bare(request):
    """The baseline: the full middleware stack, the session's user, one small query, a tiny template."""
    return HttpResponse(BARE_TEMPLATE.render({"user": request.user, "periods": Period.objects.count()}, request))


urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    path("", include("portal.urls")),
]
