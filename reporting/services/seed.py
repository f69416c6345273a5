"""Deterministic synthetic national data for load tests and the benchmark (``manage.py seed_national``).

Every report is generated from its own ``random.Random`` seeded with the run's seed and the
report's natural key (region code, urusan code, year, quarter), so the same seed gives the
same numbers whatever else is in the database and whichever subset is generated. Rows are
written with ``bulk_create`` in batches, primary keys assigned here so children can point at
their parents without a read-back; the sequences are moved past them at the end.

The summary fields of each report are computed with ``reporting.calculations`` exactly as
``reporting.services.reports.report_summary_refresh`` does (a test checks they agree).
"""

import contextlib
import datetime
import io
import math
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from reporting import calculations
from reporting.accounts.services.accounts import IssuedPassword, password_generate
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
    Role,
    ServiceEntry,
    ServiceType,
    Urusan,
    User,
)
from reporting.selectors.public import public_figures_changed
from reporting.selectors.reports import category_thresholds

DEFAULT_SEED = 20260
DEFAULT_BATCH_SIZE = 5000
# Reports generated before their children are flushed to the database.
REPORTS_PER_FLUSH = 1500

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


@dataclass
class SeedResult:
    """What one run wrote; ``skipped`` counts reports that already existed."""

    reports: int = 0
    entries: int = 0
    mutu_entries: int = 0
    activities: int = 0
    problems: int = 0
    events: int = 0
    skipped: int = 0

    @property
    def rows(self) -> int:
        return self.reports + self.entries + self.mutu_entries + self.activities + self.problems + self.events

    def add(self, model, count: int) -> None:
        name = {
            Report: "reports",
            ServiceEntry: "entries",
            MutuEntry: "mutu_entries",
            Activity: "activities",
            Problem: "problems",
            ReportEvent: "events",
        }[model]
        setattr(self, name, getattr(self, name) + count)


# Columns the generator fills, per model, in the order of its tuples. Any other column of the
# model (added later) is written with its field default.
COLUMNS = {
    Report: (
        "id",
        "region_id",
        "urusan_id",
        "period_id",
        "status",
        "version",
        "created_at",
        "updated_at",
        "submitted_at",
        "reviewed_at",
        "return_reason",
        *Report.SUMMARY_FIELDS,
    ),
    ServiceEntry: (
        "id",
        "report_id",
        "service_id",
        "service_code",
        "service_name",
        "indikator",
        "order",
        "harus_dilayani",
        "terlayani",
    ),
    MutuEntry: ("id", "entry_id", "mutu_item_id", "name", "order", "harus_dipenuhi", "terpenuhi"),
    Activity: ("id", "entry_id", "name", "pagu", "realisasi", "justification", "created_at"),
    Problem: ("id", "report_id", "category", "text", "solution", "created_by_id", "created_at", "updated_at"),
    ReportEvent: ("id", "report_id", "user_id", "created_at", "kind", "field", "old_value", "new_value", "message"),
}
MODELS = tuple(COLUMNS)  # parents before children


class _Ids:
    """Primary keys handed out here, starting past the highest existing one of each model."""

    def __init__(self):
        self._next = {m: (m.objects.aggregate(top=Max("pk"))["top"] or 0) + 1 for m in MODELS}

    def take(self, model) -> int:
        value = self._next[model]
        self._next[model] = value + 1
        return value


def _other_fields(model) -> list:
    return [f for f in model._meta.concrete_fields if f.attname not in COLUMNS[model]]


class _BulkSink:
    """Writes with ``bulk_create`` in batches: any database (SQLite in the tests)."""

    def __init__(self, batch_size: int):
        self.batch_size = batch_size

    def write(self, model, rows: list[tuple]) -> None:
        names = COLUMNS[model]
        model.objects.bulk_create(
            (model(**dict(zip(names, row, strict=True))) for row in rows), batch_size=self.batch_size
        )

    @contextlib.contextmanager
    def session(self):
        with _explicit_timestamps(*MODELS):
            yield


class _CopySink:
    """Writes with PostgreSQL's COPY: the same rows, about ten times faster than INSERT.

    Needed to load the national data (about four million rows) in minutes on two cores;
    the rows are exactly those ``_BulkSink`` writes.
    """

    def __init__(self):
        self.sql, self.tails = {}, {}
        quote = connection.ops.quote_name
        for model in MODELS:
            extra = _other_fields(model)
            columns = [model._meta.get_field(name).column for name in COLUMNS[model]] + [f.column for f in extra]
            self.sql[model] = f"COPY {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
            self.tails[model] = tuple(f.get_db_prep_save(f.get_default(), connection) for f in extra)

    def write(self, model, rows: list[tuple]) -> None:
        tail = self.tails[model]
        buffer = io.StringIO()
        buffer.writelines("\t".join(map(_copy_text, row + tail)) + "\n" for row in rows)
        buffer.seek(0)
        with connection.cursor() as cursor:
            raw = cursor.cursor
            if hasattr(raw, "copy_expert"):  # psycopg2
                raw.copy_expert(self.sql[model], buffer)
            else:  # psycopg 3
                with raw.copy(self.sql[model]) as copy:
                    copy.write(buffer.getvalue())

    @contextlib.contextmanager
    def session(self):
        yield


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value) -> str:
    """One value in COPY's text format."""
    kind = type(value)
    if kind is int:
        return str(value)
    if kind is str:
        return value.translate(_COPY_ESCAPES)
    if value is None:
        return "\\N"
    if kind is bool:
        return "t" if value else "f"
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return str(value).translate(_COPY_ESCAPES)


def _sink(batch_size: int):
    return _CopySink() if connection.vendor == "postgresql" else _BulkSink(batch_size)


@contextlib.contextmanager
def _explicit_timestamps(*model_classes):
    """Let the seed write historical created_at / updated_at instead of "now".

    auto_now / auto_now_add would stamp every generated row with the seeding moment, and
    five years of history that all happened today would make trend pages meaningless.
    """
    switched = []
    for model in model_classes:
        for f in model._meta.concrete_fields:
            if isinstance(f, models.DateTimeField) and (f.auto_now or f.auto_now_add):
                switched.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in switched:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


# --- Catalogue ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Service:
    pk: int
    code: str
    name: str
    indikator: str
    mutu: tuple[tuple[int, str], ...]  # (MutuItem.pk, name) in order


def _catalogue(years: Iterable[int]) -> dict[tuple[int, str, int], list[_Service]]:
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


class _Generator:
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


# --- The run -----------------------------------------------------------------------------------


def _sequences_reset() -> None:
    """Move the id sequences past the ids handed out here (no-op on SQLite, which follows by itself)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(MODELS))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def seed_national(
    *,
    regions: Iterable[Region],
    years: Iterable[int],
    seed: int = DEFAULT_SEED,
    now: datetime.datetime | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Callable[[str], None] | None = None,
) -> SeedResult:
    """Generate the reports of ``regions`` for every urusan and every period of ``years`` that has opened.

    Periods must exist (``periods_create_year``) and the catalogue must cover the years.
    Reports that already exist are left alone and counted as skipped, so a run can be
    repeated or extended (more years, more provinces) and gives the same data.
    """
    now = now or timezone.now()
    years = sorted(set(years))
    regions = sorted(regions, key=lambda r: r.code)
    region_ids = [r.pk for r in regions]
    periods = list(Period.objects.filter(year__in=years, opens_at__lte=now).order_by("year", "quarter"))
    urusan_list = list(Urusan.objects.order_by("order", "code"))
    existing = set(
        Report.objects.filter(period__in=periods, region__in=region_ids).values_list(
            "region_id", "urusan_id", "period_id"
        )
    )
    users = dict(User.objects.filter(role=Role.PEMDA, region__in=region_ids).values_list("region_id", "pk"))
    generator = _Generator(
        seed=seed,
        ids=_Ids(),
        thresholds=category_thresholds(),
        catalogue=_catalogue(years),
        now=now,
        first_year=years[0] if years else 0,
    )
    sink, result = _sink(batch_size), SeedResult()
    with sink.session():
        for period in periods:
            for region in regions:
                for urusan in urusan_list:
                    if (region.pk, urusan.pk, period.pk) in existing:
                        result.skipped += 1
                        continue
                    generator.report(region, urusan, period, users.get(region.pk))
                    if generator.pending() >= REPORTS_PER_FLUSH:
                        generator.flush(sink, result)
            generator.flush(sink, result)
            if progress:
                progress(f"{period}: {result.reports} laporan, {result.rows} baris")
    _sequences_reset()
    public_figures_changed()  # written in bulk: no service call said so
    return result


@transaction.atomic
def load_test_accounts_issue(*, regions: Iterable[Region]) -> list[IssuedPassword]:
    """Give each of ``regions`` a pemda account with a new random password, ready to log in.

    For load-test databases only: existing pemda accounts of these regions get a new
    password, and the forced change at first login is switched off so that simulated
    users can work straight away.
    """
    issued = []
    for region in sorted(regions, key=lambda r: r.code):
        user = User.objects.filter(role=Role.PEMDA, region=region).first()
        if user is None:
            user = User(
                username=region.login_code, role=Role.PEMDA, region=region, first_name=region.display_name[:150]
            )
        password = password_generate()
        user.set_password(password)
        user.must_change_password = False
        user.save()
        issued.append(IssuedPassword(region=region, username=user.username, password=password))
    return issued


def estimated_rows(result: SeedResult, seconds: float) -> str:
    """One line for the command's output: ``"4.012.345 baris dalam 312 detik (12.860 baris/detik)"``."""
    per_second = result.rows / seconds if seconds > 0 else math.inf
    return (
        f"{calculations.format_number(result.rows)} baris dalam {seconds:.0f} detik "
        f"({calculations.format_number(int(per_second)) if per_second != math.inf else '-'} baris/detik)"
    )
