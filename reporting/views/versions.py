"""The "Versi" page: the sent versions of a report and what changed between two of them."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from reporting.selectors import reports as selectors
from reporting.selectors import versions


def _number(request, name: str) -> int | None:
    try:
        return int(request.GET.get(name, ""))
    except ValueError:
        return None


@login_required
@require_GET
def report_versions(request, pk):
    """Versions oldest first; ``?dari=N&ke=M`` compares two (by default the last two sent)."""
    report = selectors.report_get(user=request.user, pk=pk)
    if report is None:
        raise Http404
    snapshots = versions.snapshot_list(report=report)
    by_number = {s.number: s for s in snapshots}
    new = by_number.get(_number(request, "ke")) or (snapshots[-1] if snapshots else None)
    old = by_number.get(_number(request, "dari")) or (snapshots[-2] if len(snapshots) > 1 else None)
    differences = versions.snapshot_differences(old.data, new.data) if old and new else []
    context = {"report": report, "snapshots": snapshots, "old": old, "new": new, "differences": differences}
    return render(request, "reporting/report/versions.html", context)
