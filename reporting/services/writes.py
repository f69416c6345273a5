"""The one write path of a report: every change to a report's data goes through ``report_write()``.

``report_write`` opens a transaction, locks the report row (``select_for_update``), checks who may write,
whether the report is editable and the version the form was opened with, and hands the block a
``ReportWrite``. The block changes the rows and records what it changed (``write.record(...)``); on leaving
the block, once per write, the history is stored, ``Report.version`` goes up by one, the summary parts the
write touched are recomputed (one UPDATE) and the caches that follow the report are invalidated:

- the rendered tab parts (``reporting.fragments``) are keyed by the version, so the bump is their
  invalidation and nothing has to be deleted;
- the public figures (``reporting.selectors.public``) follow report statuses: a write that changes the
  status replaces their generation (``core.generations``), now and again at commit.

A ``report_write`` for a report that already has one open in this thread (the Excel import and the API
file tab A and tab B through the same services as the forms) joins it: no second lock, one version bump
and one summary refresh for the whole import or request. A joined block that raises leaves nothing
behind (its savepoint is rolled back and its records are dropped).

``report_write_active(report_id)`` says whether a write of that report is open; the tests use it to
prove that no code path changes report data around this function (``tests/integration/test_write_path.py``).
"""

import contextlib
import contextvars
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from reporting import messages
from reporting.models import Report, ReportEvent, ReportStatus, User
from reporting.models.reports import ReportQuerySet
from reporting.selectors import access
from reporting.selectors.public import public_figures_changed
from reporting.selectors.reports import report_lock_reason
from reporting.services.summary import report_summary_values, summary_values_of_rows

# --- Errors the write path raises (views and the API turn them into messages) ------------------------


class ReportValidationError(ValidationError):
    """Bad input; ``field_errors`` maps a field key (``entry-12-terlayani``) to one Indonesian message, ``codes``
    some of those keys to the kind of refusal (``kegiatan_caps.KEGIATAN_CAP``) for a caller that answers that
    kind its own way: the code, not the wording, says what was refused."""

    def __init__(self, field_errors: dict[str, str], codes: dict[str, str] | None = None):
        self.field_errors = dict(field_errors)
        self.codes = {key: code for key, code in (codes or {}).items() if key in self.field_errors}
        super().__init__(
            {key: [ValidationError(message, code=self.codes.get(key))] for key, message in self.field_errors.items()}
        )


class ReportConflictError(ValidationError):
    """Someone saved the report after the form was opened; nothing was written."""

    def __init__(self, message: str = messages.CONFLICT):
        super().__init__(message, code="conflict")


class ReportLockedError(ValidationError):
    """The report is read-only now (submitted, accepted, or window closed)."""

    def __init__(self, message: str):
        super().__init__(message, code="locked")


class ReportPermissionError(PermissionDenied):
    """The user may not do this to this report."""


# --- The write ------------------------------------------------------------------------------------------

# What the block of ``report_write`` may change: the report's content (tabs, files), checked against
# ``access.can_edit_report`` and the lock reason; or its workflow (submit, review, reopen), whose rights
# the workflow services check themselves on the locked row.
CONTENT, WORKFLOW = "content", "workflow"

_open_writes: contextvars.ContextVar[dict[int, "ReportWrite"] | None] = contextvars.ContextVar(
    "spm_open_report_writes", default=None
)


@dataclass
class ReportWrite:
    """One open write of ``report`` (the locked, fresh row) by ``user``."""

    report: Report
    user: User
    note: str = ""
    events: list[ReportEvent] = field(default_factory=list)
    summary: set[str] = field(default_factory=set)
    status_changed: bool = False
    fields: dict = field(default_factory=dict)  # report fields to store (``update``)
    joined: bool = False  # part of a write already open for this report (see the module docstring)
    # The report's rows as the block left them (``values.ReportRows``): the summary is computed from them
    # instead of read again. Only for a write that is not joined (a parent may change rows after it).
    summary_rows: Any = None
    callbacks: list[Callable[[], None]] = field(default_factory=list)

    @property
    def next_version(self) -> int:
        """The version the report has once this write ends."""
        return self.report.version + 1

    def record(self, *, kind=ReportEvent.Kind.CHANGE, field: str = "", old="", new="", message: str = "") -> None:
        """Add a history entry; stored when the write ends (with the write's ``note`` when it has no message)."""
        self.events.append(
            ReportEvent(
                report=self.report,
                user=self.user,
                kind=kind,
                field=field[:300],
                message=message or self.note,
                old_value="" if old is None else str(old),
                new_value="" if new is None else str(new),
            )
        )

    def refresh(self, *parts: str) -> None:
        """Recompute these summary parts (``summary.FIGURES``, ``summary.MONEY``) when the write ends."""
        self.summary.update(parts)

    def set_status(self, new_status: str, message: str, **fields) -> None:
        """Move the report to ``new_status`` (with ``fields``, e.g. ``submitted_at``) and record the transition."""
        old_status = self.report.status
        self.report.status = new_status
        self.update(**fields)
        self.record(
            kind=ReportEvent.Kind.TRANSITION,
            field="Status",
            old=ReportStatus(old_status).label,
            new=ReportStatus(new_status).label,
            message=message,
        )
        self.status_changed = True

    def update(self, **fields) -> None:
        """Set report fields (``reopened_until``, ``return_reason``...); stored when the write ends."""
        for name, value in fields.items():
            setattr(self.report, name, value)
        self.fields.update(fields)

    def after(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` when the write ends, inside its transaction, after the version bump (the
        plausibility recheck of a save), also when the write changed nothing."""
        self.callbacks.append(callback)

    def _merge(self, child: "ReportWrite") -> None:
        self.events.extend(child.events)
        self.summary |= child.summary
        self.status_changed |= child.status_changed
        self.fields.update(child.fields)
        self.callbacks.extend(child.callbacks)

    def _finish(self) -> None:
        """Once per write: history, one version bump, the summary parts, caches, then the callbacks. A write
        that recorded nothing and refreshes nothing wrote nothing: no bump."""
        if self.events or self.summary or self.fields:
            self._store()
        for callback in self.callbacks:
            callback()

    def _store(self) -> None:
        for event in self.events:
            event.message = event.message or self.note
        ReportEvent.objects.bulk_create(self.events)
        if self.summary_rows is not None:
            changed = summary_values_of_rows(self.summary_rows, self.summary)
        else:
            changed = report_summary_values(self.report, self.summary)
        for name, value in changed.items():
            setattr(self.report, name, value)
        self.report.version += 1
        Report.objects.filter(pk=self.report.pk).update(
            version=self.report.version,
            updated_at=timezone.now(),
            status=self.report.status,
            **self.fields,
            **changed,
        )
        if self.status_changed:
            public_figures_changed()  # the public counts and latest submissions follow the status


def report_write_active(report_id: int) -> bool:
    """Is a ``report_write`` of this report open (in this thread)?"""
    return report_id in (_open_writes.get() or {})


def _locked(report: Report) -> Report:
    """The report's row, locked until the transaction ends. Only that row (``of``): locking the joined period
    and region rows too would make every pemda's save in a period wait for one another.

    A caller that read the report with its region, period and window (``report_get``: a form's save, in the
    same request) hands them over: the locked row is then read alone, without the joins. The row's own columns
    (status, version, reopen date) are always read fresh under the lock."""
    loaded = report._state.fields_cache
    if (
        "region" in loaded
        and "period" in loaded
        and all(hasattr(report, name) for name in ReportQuerySet.WINDOW_FIELDS)
    ):
        locked = Report.objects.select_for_update(of=("self",)).get(pk=report.pk)
        locked.region, locked.period = report.region, report.period
        for name in ReportQuerySet.WINDOW_FIELDS:
            setattr(locked, name, getattr(report, name))
        return locked
    reports = Report.objects.select_for_update(of=("self",)).select_related("region", "period")
    return reports.with_window().get(pk=report.pk)


def _check(locked: Report, user: User, expected_version: int | None, kind: str) -> None:
    if kind == CONTENT:
        if not access.can_edit_report(user, locked):
            raise ReportPermissionError(messages.NOT_ALLOWED)
        reason = report_lock_reason(report=locked)
        if reason:
            raise ReportLockedError(reason)
    if expected_version is not None and locked.version != expected_version:
        raise ReportConflictError()


@contextlib.contextmanager
def report_write(
    *, report: Report, user: User, expected_version: int | None = None, kind: str = CONTENT, note: str = ""
) -> Iterator[ReportWrite]:
    """``with report_write(report=..., user=..., expected_version=...) as write:`` change the rows of
    ``write.report`` (the locked row) and ``write.record(...)`` each change.

    Raises ReportPermissionError / ReportLockedError (``kind=CONTENT``: may ``user`` edit it, is it open) and
    ReportConflictError (``expected_version`` given and not the stored version) before the block runs. When
    the block ends normally: the history, one version bump, the summary parts asked for, the caches (see the
    module docstring); ``report`` (the caller's object) then carries the new version, status and summary.
    ``note`` is the message of every history entry recorded without one (the API names its token).
    """
    open_writes = _open_writes.get() or {}
    parent = open_writes.get(report.pk)
    with transaction.atomic():
        locked = parent.report if parent is not None else _locked(report)
        _check(locked, user, expected_version, kind)
        write = ReportWrite(
            report=locked, user=user, note=note or (parent.note if parent else ""), joined=parent is not None
        )
        token = _open_writes.set({**open_writes, report.pk: write})
        try:
            yield write
            if parent is not None:
                parent._merge(write)
            else:
                write._finish()
        finally:
            _open_writes.reset(token)
    report_sync(report, locked)


def report_sync(target: Report, source: Report) -> Report:
    """Copy what a write changes (version, status, workflow dates, summary) from ``source`` onto ``target``."""
    for name in SYNCED_FIELDS:
        setattr(target, name, getattr(source, name))
    return target


SYNCED_FIELDS = (
    "version",
    "status",
    "submitted_at",
    "reviewed_at",
    "return_reason",
    "reopened_until",
    "sent_snapshot_id",
    *Report.SUMMARY_FIELDS,
)
