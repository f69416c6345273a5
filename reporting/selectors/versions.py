"""The sent versions of a report (``ReportSnapshot``) and the difference between two of them (the "Versi" page).

Only reports the user may read reach here (the view gets them through ``reporting.selectors.reports.report_get``).
"""

from dataclasses import dataclass
from decimal import Decimal

from reporting.calculations import format_percent
from reporting.models import Report, ReportSnapshot

FIELDS = (("harus_dilayani", "jumlah yang harus dilayani"), ("terlayani", "jumlah yang terlayani"))
MUTU_FIELDS = (("harus_dipenuhi", "jumlah yang harus dipenuhi"), ("terpenuhi", "jumlah yang terpenuhi"))
SUMMARY_FIELDS = (
    ("indeks", "indeks capaian"),
    ("category", "kategori"),
    ("pagu_total", "jumlah pagu"),
    ("realisasi_total", "jumlah realisasi"),
)


@dataclass
class Difference:
    field: str
    old: object
    new: object


def snapshot_list(*, report: Report) -> list[ReportSnapshot]:
    """Every sent version of ``report``, oldest first (one query)."""
    return list(ReportSnapshot.objects.filter(report=report).select_related("sent_by").order_by("number"))


def _kegiatan(service: dict) -> dict[str, dict]:
    return {k["name"]: k for k in service.get("kegiatan", [])}


def _service_differences(label: str, old: dict, new: dict) -> list[Difference]:
    found = [Difference(f"{label}: {name}", old.get(key), new.get(key)) for key, name in FIELDS]
    old_mutu = {m["name"]: m for m in old.get("mutu", [])}
    for mutu in new.get("mutu", []):
        before = old_mutu.get(mutu["name"], {})
        found += [
            Difference(f"{label} / {mutu['name']}: {name}", before.get(key), mutu.get(key))
            for key, name in MUTU_FIELDS
        ]
    old_kegiatan, new_kegiatan = _kegiatan(old), _kegiatan(new)
    for name in sorted(old_kegiatan.keys() | new_kegiatan.keys()):
        before, after = old_kegiatan.get(name, {}), new_kegiatan.get(name, {})
        for key in ("pagu", "realisasi"):
            found.append(Difference(f"{label} / kegiatan {name}: {key}", before.get(key), after.get(key)))
    return found


def _problem_differences(old: list[dict], new: list[dict]) -> list[Difference]:
    """Permasalahan are matched by category and text (a snapshot keeps no id): a changed solusi shows as such, a
    changed text as one note gone and one added. A version sent before solusi existed has no "solution"."""

    def by_note(problems):
        found: dict[tuple[str, str], list[str]] = {}
        for problem in problems:
            found.setdefault((problem.get("category", ""), problem.get("text", "")), []).append(
                problem.get("solution") or ""
            )
        return found

    before, after = by_note(old), by_note(new)
    found = []
    for category, text in [*after, *(key for key in before if key not in after)]:
        old_solutions, new_solutions = before.get((category, text), []), after.get((category, text), [])
        for index in range(max(len(old_solutions), len(new_solutions))):
            was = old_solutions[index] if index < len(old_solutions) else None
            now = new_solutions[index] if index < len(new_solutions) else None
            if was is None or now is None:  # the note is only in one version
                shown = (None if side is None else text for side in (was, now))
                found.append(Difference(f"Permasalahan {category}", *shown))
            found.append(Difference(f"Permasalahan {category} / solusi: {text[:80]}", was or "", now or ""))
    return found


def snapshot_differences(old: dict, new: dict) -> list[Difference]:
    """What changed between two sent versions' ``data``: figures per service, mutu and kegiatan, the
    permasalahan with their solusi, and the summary.

    Pure (no query); a row only in one version shows "-" on the other side.
    """
    found: list[Difference] = []
    old_services = {s["code"]: s for s in old.get("services", [])}
    new_services = {s["code"]: s for s in new.get("services", [])}
    for code in [*new_services, *(c for c in old_services if c not in new_services)]:
        service = new_services.get(code) or old_services[code]
        found += _service_differences(service["name"], old_services.get(code, {}), new_services.get(code, {}))
    found += _problem_differences(old.get("permasalahan", []), new.get("permasalahan", []))
    old_summary, new_summary = old.get("summary", {}), new.get("summary", {})
    for key, name in SUMMARY_FIELDS:
        before, after = old_summary.get(key), new_summary.get(key)
        if key == "indeks":  # stored as exact decimal text: shown the Indonesian way
            before, after = (None if v is None else format_percent(Decimal(v)) for v in (before, after))
        found.append(Difference(name, before, after))
    return [d for d in found if d.old != d.new]
