"""A form submitted twice is saved once: the retry after a lost answer says "already saved" instead.

A save can commit and its answer never arrive (the host killed after the commit, a 502 while a host
drains, a phone losing its signal). The user submits again: the report's version has moved on, so the
save would fail with "changed by another user" about the user's own change, or an upload would be stored
twice. Each report form carries a ``submission_key`` (a hidden field made when the form is drawn,
``{% submission_key %}``); ``submission_once`` on the view records the key, with the user and everything
posted (files by their content), as one SHA-256 in the transaction of the save. A POST whose record exists
was saved before: the user is told so (``SUBMISSION_ALREADY_SAVED``) and sent back to the page.

The same key with other content (the form changed and sent again from the same page) is a new submission.
A save that fails (a bound form with errors, a conflict, an exception) leaves no record: its retry runs.
"""

import functools
import hashlib
import uuid

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect

from reporting.messages import SUBMISSION_ALREADY_SAVED
from reporting.models import FormSubmission

FIELD = "submission_key"
NOT_FINGERPRINTED = frozenset({"csrfmiddlewaretoken"})  # changes between the two tries of one submission


def submission_key_new() -> str:
    return uuid.uuid4().hex


def submission_fingerprint(request) -> str | None:
    """The SHA-256 of user, path, key and every posted field and file; None without a key (old page, API)."""
    if not request.POST.get(FIELD):
        return None
    digest = hashlib.sha256(f"{request.user.pk}\0{request.path}\0".encode())
    for name in sorted(set(request.POST) - NOT_FINGERPRINTED):
        for value in request.POST.getlist(name):
            digest.update(f"{name}\0{value}\0".encode())
    for name in sorted(request.FILES):
        for uploaded in request.FILES.getlist(name):
            digest.update(f"{name}\0{uploaded.name}\0{uploaded.size}\0".encode())
            for chunk in uploaded.chunks():
                digest.update(chunk)
            uploaded.seek(0)
    return digest.hexdigest()


def _saved(response) -> bool:
    return response.status_code in (301, 302, 303)


def submission_once(view):
    """Decorate a report form view: a POST with a known submission is answered "already saved", a new one
    runs in a transaction with its record, kept only when the view saved (it redirects)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        fingerprint = submission_fingerprint(request) if request.method == "POST" else None
        if fingerprint is None:
            return view(request, *args, **kwargs)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    FormSubmission.objects.create(fingerprint=fingerprint, user=request.user)
            except IntegrityError:  # saved before (or by the same submission still committing: waited for)
                messages.success(request, SUBMISSION_ALREADY_SAVED)
                return redirect(request.get_full_path())
            response = view(request, *args, **kwargs)
            if not _saved(response):
                transaction.set_rollback(True)  # nothing was saved: the record goes too
            return response

    return wrapper


def submissions_prune(*, before) -> int:
    """Forget submissions recorded before ``before``; returns how many."""
    return FormSubmission.objects.filter(created_at__lt=before).delete()[0]
