from django.shortcuts import redirect
from django.urls import reverse

# Paths a user with a one-time password may still reach.
ALLOWED_PREFIXES = ("/static/", "/media/")


class ForcePasswordChangeMiddleware:
    """Until a one-time password is changed, every page leads to the change form."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            allowed = (reverse("password_change"), reverse("logout"))
            if request.path not in allowed and not request.path.startswith(ALLOWED_PREFIXES):
                return redirect("password_change")
        return self.get_response(request)
