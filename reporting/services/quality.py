"""Plausibility checks before Kirim: run the ministry's ``ValidationRule`` rows on a report and keep what they
find as ``ReportWarning`` rows.

A warning never blocks a save. It is rechecked after every save of tab A or B and on the Kirim page; the pemda
confirms each with a note (``report_warnings_confirm``) or corrects the figure (the warning is then
"resolved"). ``report_submit`` calls ``report_warnings_settle`` and refuses to send while one is unconfirmed.
The arithmetic is in ``reporting.calculations``; the reads in ``reporting.selectors.quality``.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from reporting import calculations
from reporting.calculations import ABOVE, BELOW, format_number, format_percent
from reporting.messages import UNCONFIRMED_WARNINGS, WARNING_NOTE_TOO_LONG
from reporting.models import Report, ReportWarning, RuleKind, User, ValidationRule, WarningStatus
from reporting.selectors.quality import QualityInputs, quality_inputs

NOTE_MAX_LENGTH = 2000
FIELD_NAMES = {"harus_dilayani": "jumlah yang harus dilayani", "terlayani": "jumlah yang terlayani"}
QUARTER_NAMES = {1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}


class WarningsUnconfirmedError(ValidationError):
    """Kirim refused: a warning has neither been corrected nor confirmed with a note."""

    def __init__(self, message: str = UNCONFIRMED_WARNINGS):
        super().__init__(message, code="unconfirmed_warnings")


@dataclass(frozen=True)
class Finding:
    rule: ValidationRule
    target_key: str
    label: str
    message: str


def _factor(value: Decimal) -> str:
    """3.00 -> "3", 2.50 -> "2,5": a rule's factor as people write it."""
    return format(Decimal(value).normalize(), "f").replace(".", ",")


# --- The four checks ----------------------------------------------------------------------


def _outlier(rule: ValidationRule, data: QualityInputs) -> list[Finding]:
    factor = rule.factor
    if factor is None:  # no ratio to compare with (``far_from`` finds nothing)
        return []
    findings = []
    for entry in data.entries:
        for name in ("harus_dilayani", "terlayani"):
            history = [
                (p.label, p.services[entry.service_code].get(name))
                for p in data.previous[: rule.lookback]
                if entry.service_code in p.services and p.services[entry.service_code].get(name) is not None
            ]
            reference = calculations.median_value(value for _, value in history)
            value = getattr(entry, name)
            side = calculations.far_from(value, reference, factor)
            if side is None or reference is None:  # no reference gives no side either
                continue
            how = f"lebih dari {_factor(factor)} kali" if side == ABOVE else f"kurang dari 1/{_factor(factor)}"
            earlier = "; ".join(f"{label}: {format_number(v)}" for label, v in history)
            findings.append(
                Finding(
                    rule,
                    f"{entry.service_code}:{name}",
                    f"{entry.service_name}: {FIELD_NAMES[name]}",
                    f"Nilai {format_number(value)} {how} nilai biasanya {format_number(int(reference))} "
                    f"(triwulan terkirim sebelumnya: {earlier}).",
                )
            )
    return findings


def _serapan_message(rule, quarter, pagu, realisasi, value, side, previous) -> str:
    if side == BELOW:
        expected = calculations.expected_serapan(quarter)
        floor = calculations.round_half_up(expected * rule.min_percent / calculations.HUNDRED)
        text = (
            f"Serapan {format_percent(value)} (realisasi {format_number(realisasi)} dari pagu {format_number(pagu)}) "
            f"jauh di bawah harapan {QUARTER_NAMES[quarter]}: paling rendah {format_percent(floor)} "
            f"({_factor(rule.min_percent)} % dari serapan kumulatif {format_percent(expected)})."
        )
        tenfold = calculations.serapan(pagu, realisasi * 10)
        if tenfold is not None and floor <= tenfold <= calculations.HUNDRED:
            text += (
                f" Mungkin ada digit yang hilang: realisasi {format_number(realisasi * 10)} "
                f"berarti serapan {format_percent(tenfold)}."
            )
    else:
        text = (
            f"Serapan {format_percent(value)} (realisasi {format_number(realisasi)} dari pagu {format_number(pagu)}) "
            f"di atas batas {format_percent(rule.max_percent)}."
        )
    if previous is not None:
        label, before = previous
        text += f" Triwulan terkirim sebelumnya ({label}): {format_percent(before)}."
    return text


def _serapan(rule: ValidationRule, data: QualityInputs, quarter: int) -> list[Finding]:
    last = data.previous[0] if data.previous else None
    codes = {e.pk: e for e in data.entries}
    findings = []
    for activity in data.activities:
        value = calculations.serapan(activity.pagu, activity.realisasi)
        side = calculations.serapan_outside(value, quarter, rule.min_percent, rule.max_percent)
        if side is None:
            continue
        before = None
        entry = codes.get(activity.entry_id)
        if last is not None and entry is not None and (entry.service_code, activity.name) in last.kegiatan:
            row = last.kegiatan[(entry.service_code, activity.name)]
            before = (last.label, calculations.serapan(row["pagu"], row["realisasi"]))
        message = _serapan_message(rule, quarter, activity.pagu, activity.realisasi, value, side, before)
        findings.append(Finding(rule, f"kegiatan:{activity.pk}", f"Kegiatan {activity.name}", message))
    pagu, realisasi, value = calculations.money_totals((a.pagu, a.realisasi) for a in data.activities)
    side = calculations.serapan_outside(value, quarter, rule.min_percent, rule.max_percent)
    if side is not None:
        before = None
        if last is not None:
            totals = [(k["pagu"], k["realisasi"]) for k in last.kegiatan.values()]
            before = (last.label, calculations.money_totals(totals)[2]) if totals else None
        message = _serapan_message(rule, quarter, pagu, realisasi, value, side, before)
        findings.append(Finding(rule, "kegiatan:total", "Jumlah keseluruhan kegiatan", message))
    return findings


def _target_change(rule: ValidationRule, data: QualityInputs) -> list[Finding]:
    accepted = data.last_accepted
    limit = rule.max_change_percent
    if accepted is None or limit is None:  # no limit to compare with (the constraint keeps such a rule inactive)
        return []
    findings = []
    for entry in data.entries:
        old = accepted.services.get(entry.service_code, {}).get("harus_dilayani")
        change = calculations.change_percent(old, entry.harus_dilayani)
        if change is None or abs(change) <= limit:
            continue
        sign = "+" if change > 0 else ""
        findings.append(
            Finding(
                rule,
                f"{entry.service_code}:harus_dilayani",
                f"{entry.service_name}: {FIELD_NAMES['harus_dilayani']}",
                f"Jumlah harus dilayani {format_number(entry.harus_dilayani)} berubah {sign}{format_percent(change)} "
                f"dari laporan diterima terakhir ({accepted.label}: {format_number(old)}); "
                f"batas {_factor(limit)} %.",
            )
        )
    return findings


def _mutu(rule: ValidationRule, data: QualityInputs) -> list[Finding]:
    entries = {e.pk: e for e in data.entries}
    findings = []
    for mutu in data.mutu:
        entry = entries.get(mutu.entry_id)
        if entry is None or not mutu.terpenuhi:
            continue
        label = f"{entry.service_name} / {mutu.name}"
        if not entry.terlayani:
            served = "kosong" if entry.terlayani is None else "0"
            message = (
                f"Mutu terpenuhi {format_number(mutu.terpenuhi)} padahal jumlah yang terlayani {served}: "
                "isi penerima layanan atau periksa angka mutu."
            )
        elif rule.compare_served and mutu.terpenuhi > entry.terlayani:
            message = (
                f"Mutu terpenuhi {format_number(mutu.terpenuhi)} melebihi jumlah yang terlayani "
                f"{format_number(entry.terlayani)}."
            )
        else:
            continue
        findings.append(Finding(rule, f"mutu:{mutu.pk}", label, message))
    return findings


def report_findings(*, report: Report, data: QualityInputs | None = None) -> list[Finding]:
    """Run every applicable rule on ``report`` now; nothing is written."""
    data = data if data is not None else quality_inputs(report=report)
    findings: list[Finding] = []
    for rule in data.rules:
        if rule.kind == RuleKind.OUTLIER:
            findings += _outlier(rule, data)
        elif rule.kind == RuleKind.SERAPAN:
            findings += _serapan(rule, data, report.period.quarter)
        elif rule.kind == RuleKind.TARGET_CHANGE:
            findings += _target_change(rule, data)
        elif rule.kind == RuleKind.MUTU:
            findings += _mutu(rule, data)
    return findings


# --- Keeping the warnings -------------------------------------------------------------------


@transaction.atomic(savepoint=False)  # inside a save's write it needs no savepoint of its own: all or nothing
def report_warnings_refresh(*, report: Report, rows=None) -> list[ReportWarning]:
    """Recheck ``report`` and store the result; returns its standing warnings (open first).

    A finding already confirmed with the same message stays confirmed; a changed message reopens it (the
    figure changed, the note may no longer fit); a warning no longer found becomes resolved. ``rows``: the
    report's rows a save holds (``values.ReportRows``), not read again.
    """
    findings = report_findings(report=report, data=quality_inputs(report=report, rows=rows))
    # Without their rules: a warning that still stands gets its finding's rule (the same row, from the cache).
    existing = {(w.rule_id, w.target_key): w for w in ReportWarning.objects.filter(report=report)}
    new, changed, standing = [], [], []
    for finding in findings:
        warning = existing.pop((finding.rule.pk, finding.target_key), None)
        if warning is not None:
            warning.rule = finding.rule
        if warning is None:
            warning = ReportWarning(
                report=report, rule=finding.rule, target_key=finding.target_key, label=finding.label[:600]
            )
            warning.message = finding.message
            new.append(warning)
        elif warning.message != finding.message or warning.status == WarningStatus.RESOLVED:
            warning.label, warning.message = finding.label[:600], finding.message
            warning.status, warning.confirmed_by, warning.confirmed_at = WarningStatus.OPEN, None, None
            changed.append(warning)
        standing.append(warning)
    for warning in existing.values():
        if warning.status != WarningStatus.RESOLVED:
            warning.status = WarningStatus.RESOLVED
            changed.append(warning)
    ReportWarning.objects.bulk_create(new)
    now = timezone.now()
    for warning in changed:
        warning.updated_at = now
    ReportWarning.objects.bulk_update(
        changed, ["label", "message", "status", "confirmed_by", "confirmed_at", "updated_at"]
    )
    return sorted(standing, key=lambda w: w.status != WarningStatus.OPEN)


def _clean_notes(confirmations: dict | None) -> dict[int, str]:
    notes = {}
    for key, note in (confirmations or {}).items():
        text = (note or "").strip()
        if not text:
            continue
        if len(text) > NOTE_MAX_LENGTH:
            raise ValidationError(WARNING_NOTE_TOO_LONG, code="note_too_long")
        try:
            notes[int(key)] = text
        except (TypeError, ValueError):
            continue
    return notes


def report_warnings_confirm(*, report: Report, user: User, confirmations: dict | None) -> list[ReportWarning]:
    """Confirm standing warnings of ``report``: ``confirmations`` maps ReportWarning.pk to the officer's note
    (an empty note confirms nothing). Returns the warnings still open."""
    notes = _clean_notes(confirmations)
    standing = report_warnings_refresh(report=report)
    now, confirmed = timezone.now(), []
    for warning in standing:
        note = notes.get(warning.pk)
        if note is None or (warning.status == WarningStatus.CONFIRMED and warning.note == note):
            continue
        warning.status, warning.note, warning.confirmed_by, warning.confirmed_at = (
            WarningStatus.CONFIRMED,
            note,
            user,
            now,
        )
        warning.updated_at = now
        confirmed.append(warning)
    ReportWarning.objects.bulk_update(confirmed, ["status", "note", "confirmed_by", "confirmed_at", "updated_at"])
    return [w for w in standing if w.status == WarningStatus.OPEN]


def report_warnings_settle(*, report: Report, user: User, confirmations: dict | None) -> None:
    """For Kirim (inside ``report_submit``'s transaction): recheck, store the notes, refuse while one is open."""
    if report_warnings_confirm(report=report, user=user, confirmations=confirmations):
        raise WarningsUnconfirmedError()
