"""What one synthetic report holds (``seed_national``): its status and dates, the figures per service and
mutu item, the kegiatan, the notes and the history, generated from a ``random.Random`` seeded with the run's
seed and the report's natural key (region code, urusan code, year, quarter), so the same seed gives the same
numbers whatever else is in the database and whichever subset is generated.

The summary fields of each report are computed with ``reporting.calculations`` exactly as
``reporting.services.reports.report_summary_refresh`` does (a test checks they agree).
"""

import datetime
import random
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from reporting import calculations
from reporting.models import (
    Activity,
    MutuEntry,
    Period,
    Problem,
    ProblemCategory,
    Region,
    Report,
    ReportEvent,
    ReportStatus,
    ServiceEntry,
    ServiceType,
    Urusan,
)
from reporting.services.bulk_load import MODELS, SeedResult
from reporting.services.bulk_load import Ids as _Ids

SUB_KEGIATAN = (
    "Penyediaan Layanan {service}",
    "Pengelolaan Data Sasaran {service}",
    "Peningkatan Kapasitas SDM {service}",
    "Pengadaan Sarana dan Prasarana {service}",
    "Sosialisasi dan Edukasi {service}",
    "Monitoring dan Evaluasi {service}",
    "Koordinasi Lintas Sektor {service}",
    "Pendampingan Teknis {service}",
)
PROBLEM_TEXTS = {
    ProblemCategory.PENGUMPULAN_DATA: (
        "Data sasaran dari desa/kelurahan belum lengkap dan terlambat diterima.",
        "Data by name by address belum terintegrasi dengan data kependudukan.",
    ),
    ProblemCategory.PENGHITUNGAN_KEBUTUHAN: (
        "Standar harga satuan belum mutakhir sehingga kebutuhan biaya kurang tepat.",
        "Kebutuhan SDM belum dihitung per fasilitas pelayanan.",
    ),
    ProblemCategory.PERENCANAAN: (
        "Pagu anggaran tidak mencukupi kebutuhan pemenuhan SPM.",
        "Program SPM belum seluruhnya tercantum dalam RKPD.",
    ),
    ProblemCategory.PELAKSANAAN: (
        "Pengadaan barang terlambat karena proses lelang ulang.",
        "Keterbatasan tenaga pelaksana di wilayah terpencil.",
    ),
    ProblemCategory.LAIN_LAIN: (
        "Bencana alam mengganggu jadwal pelayanan.",
        "Pergantian pejabat pengelola SPM di perangkat daerah.",
    ),
}
RETURN_REASONS = (
    "Jumlah yang terlayani belum didukung data dukung.",
    "Realisasi anggaran tidak sesuai dengan laporan keuangan; mohon diperiksa kembali.",
    "Mutu pelayanan belum diisi lengkap.",
)
OVER_PAGU_JUSTIFICATION = "Tambahan kebutuhan karena kenaikan jumlah sasaran; disetujui dalam APBD perubahan."


# --- Catalogue ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Service:
    pk: int
    code: str
    name: str
    indikator: str
    mutu: tuple[tuple[int, str], ...]  # (MutuItem.pk, name) in order


def catalogue_by_year(years: Iterable[int]) -> dict[tuple[int, str, int], list[_Service]]:
    """(report year, level, urusan id) -> the services a report of that year copies.

    Same rule as the report service: the catalogue of the year, else the latest earlier one.
    """
    rows = ServiceType.objects.prefetch_related("mutu_items").order_by("year", "order", "code")
    by_year: dict[int, dict[tuple[str, int], list[_Service]]] = {}
    for s in rows:
        mutu = tuple((m.pk, m.name) for m in sorted(s.mutu_items.all(), key=lambda m: (m.order, m.pk)))
        by_year.setdefault(s.year, {}).setdefault((s.level, s.urusan_id), []).append(
            _Service(s.pk, s.code, s.name, s.indikator, mutu)
        )
    catalogue = {}
    for year in years:
        known = [y for y in by_year if y <= year]
        if known:
            for (level, urusan_id), services in by_year[max(known)].items():
                catalogue[(year, level, urusan_id)] = services
    return catalogue


# --- One report ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Profile:
    """A pemda's lasting traits: how well it serves, how big it is, how punctual it is."""

    ability: float
    size: float
    punctuality: float


def _profile(seed: int, region: Region) -> _Profile:
    rng = random.Random(f"{seed}:{region.code}")  # noqa: S311 -- synthetic data must be reproducible, not secret
    size = rng.lognormvariate(0, 0.8) * (8 if region.level == "provinsi" else 1)
    return _Profile(ability=rng.uniform(0.55, 0.97), size=size, punctuality=rng.uniform(0.6, 0.98))


@dataclass
class _Plan:
    """Status, dates and fill rate of one report."""

    status: str
    fill: float
    version: int
    submitted_at: datetime.datetime | None = None
    reviewed_at: datetime.datetime | None = None
    return_reason: str = ""


def _plan(
    rng: random.Random, profile: _Profile, period: Period, created: datetime.datetime, now: datetime.datetime
) -> _Plan:
    """Past periods: mostly accepted, some sent late, some returned, a few never sent.
    The open period (the deadline rush): mostly drafts at every stage of filling, some already sent."""
    opens, closes = created, period.closes_at
    is_open = closes > now
    roll = rng.random()
    if is_open:
        if roll < 0.2:
            status = ReportStatus.SUBMITTED
        elif roll < 0.25:
            status = ReportStatus.RETURNED
        else:
            fill = 0.0 if rng.random() < 0.15 else rng.uniform(0.2, 1.0)
            return _Plan(ReportStatus.DRAFT, fill, 1 if fill == 0 else rng.randint(2, 12))
    elif roll < 0.78:
        status = ReportStatus.ACCEPTED
    elif roll < 0.86:
        status = ReportStatus.SUBMITTED
    elif roll < 0.91:
        status = ReportStatus.RETURNED
    else:
        return _Plan(ReportStatus.DRAFT, rng.uniform(0.0, 0.7), rng.randint(1, 6))
    late = not is_open and rng.random() > profile.punctuality
    if late:
        submitted = closes + datetime.timedelta(days=rng.uniform(1, 30))
    else:
        latest = min(closes, now)
        earliest = max(opens, latest - datetime.timedelta(days=40))
        submitted = earliest + (latest - earliest) * rng.random()
    plan = _Plan(status, 1.0, rng.randint(3, 20), submitted_at=submitted)
    if status in (ReportStatus.ACCEPTED, ReportStatus.RETURNED):
        plan.reviewed_at = min(submitted + datetime.timedelta(days=rng.uniform(0.5, 14)), max(now, submitted))
    if status == ReportStatus.RETURNED:
        plan.return_reason = rng.choice(RETURN_REASONS)
    return plan


def _rate(rng: random.Random, profile: _Profile, year_offset: int) -> float:
    """Share served: the pemda's ability, improving a little every year, with noise; often exactly 100 %."""
    if rng.random() < 0.3:
        return 1.0
    return min(1.0, max(0.0, rng.gauss(profile.ability + 0.015 * year_offset, 0.08)))


def _figures(rng: random.Random, profile: _Profile, filled: bool, base: float, rate: float):
    if not filled:
        return None, None
    target = 0 if rng.random() < 0.02 else max(1, int(base * profile.size * rng.uniform(0.85, 1.15)))
    return target, int(target * rate)


class Generator:
    """Builds the rows of one report (as tuples in ``COLUMNS`` order) and its summary."""

    def __init__(self, *, seed: int, ids: _Ids, thresholds, catalogue, now, first_year: int):
        self.seed, self.ids, self.thresholds, self.catalogue = seed, ids, thresholds, catalogue
        self.now, self.first_year = now, first_year
        self.rows: dict = {model: [] for model in MODELS}
        self.profiles: dict[int, _Profile] = {}

    def report(self, region: Region, urusan: Urusan, period: Period, user_id: int | None) -> None:
        # noqa below: synthetic data must be reproducible from the seed, not secret.
        rng = random.Random(f"{self.seed}:{region.code}:{urusan.code}:{period.year}:{period.quarter}")  # noqa: S311
        profile = self.profiles.get(region.pk) or self.profiles.setdefault(region.pk, _profile(self.seed, region))
        created = min(period.opens_at + datetime.timedelta(days=rng.uniform(0, 20)), self.now)
        plan = _plan(rng, profile, period, created, self.now)
        report_id = self.ids.take(Report)
        summary = _SummaryBuilder()
        services = self.catalogue.get((period.year, region.level, urusan.pk), [])
        for order, service in enumerate(services, start=1):
            self._entry(rng, profile, report_id, period.year, created, service, order, plan, summary)
        updated = max(created, plan.reviewed_at or plan.submitted_at or created)
        self.rows[Report].append(
            (
                report_id,
                region.pk,
                urusan.pk,
                period.pk,
                plan.status,
                plan.version,
                created,
                updated,
                plan.submitted_at,
                plan.reviewed_at,
                plan.return_reason,
                *summary.fields(self.thresholds),
            )
        )
        self._problems(rng, report_id, created, plan, user_id)
        self._events(report_id, created, plan, user_id)

    def _entry(self, rng, profile, report_id, year, created, service: _Service, order, plan: _Plan, summary) -> None:
        year_offset = year - self.first_year
        filled = plan.fill >= 1.0 or rng.random() < plan.fill
        base = 10 ** rng.uniform(2.3, 4.7)
        target, served = _figures(rng, profile, filled, base, _rate(rng, profile, year_offset))
        entry_id = self.ids.take(ServiceEntry)
        self.rows[ServiceEntry].append(
            (entry_id, report_id, service.pk, service.code, service.name, service.indikator, order, target, served)
        )
        mutu_pairs = []
        for mutu_order, (item_pk, name) in enumerate(service.mutu, start=1):
            m_target, m_met = _figures(rng, profile, filled, base / 10, _rate(rng, profile, year_offset))
            self.rows[MutuEntry].append(
                (self.ids.take(MutuEntry), entry_id, item_pk, name, mutu_order, m_target, m_met)
            )
            mutu_pairs.append((m_target, m_met))
        money = self._activities(rng, entry_id, service, created) if filled else []
        summary.add(target, served, mutu_pairs, money)

    def _activities(self, rng, entry_id, service: _Service, created) -> list[tuple[int, int]]:
        money = []
        for name in rng.sample(SUB_KEGIATAN, rng.randint(3, 8)):
            pagu = rng.randrange(25, 2500) * 1_000_000
            over = rng.random() < 0.02
            realisasi = int(pagu * (rng.uniform(1.01, 1.1) if over else rng.uniform(0.55, 1.0)))
            self.rows[Activity].append(
                (
                    self.ids.take(Activity),
                    entry_id,
                    name.format(service=service.name)[:500],
                    pagu,
                    realisasi,
                    OVER_PAGU_JUSTIFICATION if over else "",
                    created,
                )
            )
            money.append((pagu, realisasi))
        return money

    def _problems(self, rng, report_id, created, plan: _Plan, user_id) -> None:
        if plan.fill == 0:
            return
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
            category = rng.choice(ProblemCategory.values)
            self.rows[Problem].append(
                (
                    self.ids.take(Problem),
                    report_id,
                    category,
                    rng.choice(PROBLEM_TEXTS[category]),
                    "",
                    user_id,
                    created,
                    created,
                )
            )

    def _events(self, report_id, created, plan: _Plan, user_id) -> None:
        def event(when, kind, field_name, old, new, message):
            self.rows[ReportEvent].append(
                (self.ids.take(ReportEvent), report_id, user_id, when, kind, field_name, old, new, message)
            )

        if plan.version > 1:
            event(created, ReportEvent.Kind.CHANGE.value, "Capaian", "", "", "Data capaian diisi")
        if plan.submitted_at is None:
            return
        transition = ReportEvent.Kind.TRANSITION.value
        event(plan.submitted_at, transition, "Status", "Draft", "Dikirim", "Laporan dikirim")
        if plan.status == ReportStatus.ACCEPTED:
            event(plan.reviewed_at, transition, "Status", "Dikirim", "Diterima", "Laporan diterima")
        elif plan.status == ReportStatus.RETURNED and plan.reviewed_at:
            event(plan.reviewed_at, transition, "Status", "Dikirim", "Dikembalikan", plan.return_reason)

    def pending(self) -> int:
        return len(self.rows[Report])

    def flush(self, sink, result: SeedResult) -> None:
        with transaction.atomic():
            for model in MODELS:
                rows = self.rows[model]
                if rows:
                    sink.write(model, rows)
                    result.add(model, len(rows))
                    rows.clear()


class _SummaryBuilder:
    """The Report summary fields, by the same rules as ``report_summary_refresh``."""

    def __init__(self):
        self.penerima, self.mutu, self.indeks = [], [], []
        self.required = self.filled = self.pagu = self.realisasi = 0

    def add(self, target, served, mutu_pairs, money) -> None:
        penerima = calculations.capaian_penerima(target, served)
        mutu = calculations.capaian_mutu(mutu_pairs)
        self.penerima.append(penerima)
        self.mutu.append(mutu)
        self.indeks.append(calculations.indeks_capaian(penerima, mutu))
        cells = [target, served] + [v for pair in mutu_pairs for v in pair]
        self.required += len(cells)
        self.filled += sum(1 for c in cells if c is not None)
        pagu, realisasi, _ = calculations.money_totals(money)
        self.pagu += pagu
        self.realisasi += realisasi

    def fields(self, thresholds) -> tuple:
        """capaian_penerima, capaian_mutu, indeks, category, figures_required, figures_filled, pagu, realisasi."""
        indeks = calculations.mean_percentage(self.indeks)
        return (
            calculations.mean_percentage(self.penerima),
            calculations.mean_percentage(self.mutu),
            indeks,
            calculations.category_for(indeks, thresholds),
            self.required,
            self.filled,
            self.pagu,
            self.realisasi,
        )
