"""The summary fields of a report (``Report.SUMMARY_FIELDS``), recomputed from its rows.

Two halves: ``FIGURES`` (tab A: capaian, indeks, category, filled cells) and ``MONEY`` (tab B: pagu and
realisasi totals). A write refreshes only the half its rows feed (``ReportWrite.refresh``); tab C feeds
neither.
"""

from django.db.models import Sum

from reporting import calculations
from reporting.models import Activity, MutuEntry, Report, ServiceEntry
from reporting.selectors.reports import category_thresholds

FIGURES, MONEY = "figures", "money"


def report_summary_refresh(*, report: Report, parts=(FIGURES, MONEY)) -> None:
    """Recompute the summary fields of ``report`` (``parts`` of it) and save them, without a version bump:
    for a report being created and for repairs; writes refresh theirs through ``report_write``."""
    changed = report_summary_values(report, parts)
    for name, value in changed.items():
        setattr(report, name, value)
    Report.objects.filter(pk=report.pk).update(**changed)


def report_summary_values(report: Report, parts) -> dict:
    """The summary fields of ``report`` in ``parts``, recomputed from its rows (not saved).

    ``FIGURES`` (two queries): urusan capaian penerima / mutu / indeks = mean of the applicable service
    values (``calculations.mean_percentage``); category from the CategoryThreshold rows; figures_required
    counts every harus/terlayani/harus_dipenuhi/terpenuhi cell and figures_filled the non-empty ones.
    ``MONEY`` (one query): pagu/realisasi totals from the activities.
    """
    changed = {}
    if FIGURES in parts:
        changed.update(_figures(report))
    if MONEY in parts:
        money = Activity.objects.filter(entry__report=report).aggregate(pagu=Sum("pagu"), realisasi=Sum("realisasi"))
        changed.update(pagu_total=money["pagu"] or 0, realisasi_total=money["realisasi"] or 0)
    return changed


def summary_values_of_rows(rows, parts) -> dict:
    """``report_summary_values`` from rows already in memory (``values.ReportRows``, as a save left them):
    no query."""
    changed = {}
    if FIGURES in parts:
        entries = [(e.pk, e.harus_dilayani, e.terlayani) for e in rows.entries.values()]
        mutu = [(m.entry_id, m.harus_dipenuhi, m.terpenuhi) for m in rows.mutu.values()]
        changed.update(_figures_of(entries, mutu))
    if MONEY in parts:
        pagu = sum(a.pagu or 0 for a in rows.activities.values())
        realisasi = sum(a.realisasi or 0 for a in rows.activities.values())
        changed.update(pagu_total=pagu, realisasi_total=realisasi)
    return changed


def _figures(report: Report) -> dict:
    mutu = MutuEntry.objects.filter(entry__report=report).values_list("entry_id", "harus_dipenuhi", "terpenuhi")
    entries = ServiceEntry.objects.filter(report=report).values_list("id", "harus_dilayani", "terlayani")
    return _figures_of(list(entries), list(mutu))


def _figures_of(entries: list[tuple], mutu_rows: list[tuple]) -> dict:
    """The FIGURES half from (entry id, harus dilayani, terlayani) and (entry id, harus dipenuhi, terpenuhi)."""
    mutu_by_entry: dict[int, list[tuple]] = {}
    for entry_id, target, met in mutu_rows:
        mutu_by_entry.setdefault(entry_id, []).append((target, met))
    penerima_values, mutu_values, indeks_values = [], [], []
    required = filled = 0
    for entry_id, harus, terlayani in entries:
        mutu_pairs = mutu_by_entry.get(entry_id, [])
        penerima = calculations.capaian_penerima(harus, terlayani)
        mutu = calculations.capaian_mutu(mutu_pairs)
        penerima_values.append(penerima)
        mutu_values.append(mutu)
        indeks_values.append(calculations.indeks_capaian(penerima, mutu))
        cells = [harus, terlayani, *(value for pair in mutu_pairs for value in pair)]
        required += len(cells)
        filled += sum(1 for c in cells if c is not None)
    indeks = calculations.mean_percentage(indeks_values)
    return {
        "capaian_penerima": calculations.mean_percentage(penerima_values),
        "capaian_mutu": calculations.mean_percentage(mutu_values),
        "indeks": indeks,
        "category": calculations.category_for(indeks, category_thresholds()),
        "figures_required": required,
        "figures_filled": filled,
    }
