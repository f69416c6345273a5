from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def dashboard(request):
    """Landing page after login; the monitoring issue fills it with charts and tables."""
    return render(request, "reporting/dashboard.html", {})
