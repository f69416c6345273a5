"""The rule for sending an incomplete report: allowed with a reason the reviewer reads, unless the ministry
forbids it (``ReportingSettings.allow_incomplete_submit``, edited in the admin). Called by ``report_submit``
inside its write, so the web page, the API and scripts meet the same rule."""

from reporting.messages import (
    INCOMPLETE_REASON_REQUIRED,
    INCOMPLETE_REASON_TOO_LONG,
    INCOMPLETE_SUBMIT_FORBIDDEN,
)
from reporting.models import TEXT_LIMITS, Report, ReportingSettings
from reporting.services.writes import ReportValidationError

REASON_FIELD = "incomplete_reason"


def incomplete_submit_allowed() -> bool:
    """Whether the ministry lets a pemda send a report with empty capaian figures (one query)."""
    return ReportingSettings.load().allow_incomplete_submit


def incomplete_reason_check(*, report: Report, reason: str | None) -> str:
    """The reason to store with a Kirim of ``report``: "" when every capaian figure is filled, else the typed
    reason (stripped); ``None`` comes from a caller that asks no person (the demo seed, scripts) and is let
    through unless the ministry forbids incomplete sending. The web page and the API always pass a string. Raises ``ReportValidationError`` keyed ``incomplete_reason`` when an incomplete report
    may not be sent, or comes without a reason, or with one that is too long."""
    if report.figures_filled >= report.figures_required:
        return ""
    if not incomplete_submit_allowed():
        raise ReportValidationError({REASON_FIELD: INCOMPLETE_SUBMIT_FORBIDDEN})
    if reason is None:  # a caller that asks nobody (the demo seed, scripts): the ministry's ban still holds
        return ""
    reason = reason.strip()
    if not reason:
        raise ReportValidationError({REASON_FIELD: INCOMPLETE_REASON_REQUIRED})
    limit = TEXT_LIMITS["incomplete_reason"]
    if len(reason) > limit or "\x00" in reason:
        raise ReportValidationError({REASON_FIELD: INCOMPLETE_REASON_TOO_LONG.format(limit=limit)})
    return reason
