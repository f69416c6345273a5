"""Deterministic synthetic national data for load tests and the benchmark (``manage.py seed_national``): the run.

What one report holds is generated in ``reporting.services.synthetic`` (every report from its own
``random.Random`` seeded with the run's seed and the report's natural key, region code, urusan code, year,
quarter, so the same seed gives the same numbers whatever else is in the database and whichever subset is
generated); the rows are written in bulk by ``reporting.services.bulk_load``, primary keys assigned there so
children can point at their parents without a read-back; the sequences are moved past them at the end.
Here: the run over regions, urusan and periods, the load-test accounts and the command's summary line.
"""

import datetime
import math
from collections.abc import Callable, Iterable

from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from reporting import calculations
from reporting.accounts.services.accounts import IssuedPassword, password_generate
from reporting.models import Period, Region, Report, Role, Urusan, User
from reporting.selectors.public import public_figures_changed
from reporting.selectors.reports import category_thresholds
from reporting.services.bulk_load import MODELS, SeedResult
from reporting.services.bulk_load import Ids as _Ids
from reporting.services.bulk_load import sink as _sink
from reporting.services.synthetic import Generator as _Generator
from reporting.services.synthetic import catalogue_by_year as _catalogue

DEFAULT_SEED = 20260
DEFAULT_BATCH_SIZE = 5000
# Reports generated before their children are flushed to the database.
REPORTS_PER_FLUSH = 1500


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
