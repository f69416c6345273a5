"""Monitoring figures against a hand-computed fixture.

The world (period TW I 2026, deadline 20-04-2026 23:59:59 WIB; catalogue 2026 requires
4 figures per kab/kota report of either urusan and 2 per province report):

| pemda (active)   | PEND                                   | KES                                           |
| Prov. Jawa Timur | accepted, on time, indeks 100, 2/2     | -                                             |
| Kab. Jombang     | submitted, on time, indeks 80, 4/4     | accepted, 2 days late but extended 5 days: on time, indeks 60, 2/4 |
| Kota Surabaya    | draft (private), indeks 90, 4/4        | returned, 1 day late, indeks 40, 1/4          |
| Kab. Malang      | -                                      | accepted, on time, indeks 65.55, 4/4          |
| Prov. Jawa Barat | -                                      | -                                             |
| Kota Bogor       | submitted, on time, indeks 20, 1/4     | -                                             |
| (inactive 32.99) | submitted, on time                     | -                                             |
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from reporting.models import Period, PeriodExtension, Region, ReportStatus, WarningStatus
from reporting.selectors.monitoring.common import catalogue_required_map, period_list, period_pick
from reporting.selectors.monitoring.dashboard import dashboard_get
from reporting.selectors.monitoring.national import national_monitoring_get, not_reported_list
from reporting.selectors.monitoring.province import province_monitoring_get
from reporting.selectors.monitoring.public_figures import public_figure_list
from reporting.selectors.monitoring.trends import year_trend_get
from tests import factories

WIB = ZoneInfo("Asia/Jakarta")
CLOSES = datetime.datetime(2026, 4, 20, 23, 59, 59, tzinfo=WIB)
D = Decimal


def _report(region, urusan, period, status, *, submitted=None, indeks=None, required=4, filled=4, **extra):
    return factories.ReportFactory(
        region=region,
        urusan=urusan,
        period=period,
        status=status,
        submitted_at=submitted,
        indeks=None if indeks is None else D(indeks),
        category=extra.pop("category", ""),
        figures_required=required,
        figures_filled=filled,
        **extra,
    )


def build_world():
    """The fixture of the module docstring; returns a dict of its objects."""
    pend = factories.UrusanFactory(code="1.01", name="Pendidikan", short_name="PENDIDIKAN", order=1)
    kes = factories.UrusanFactory(code="1.02", name="Kesehatan", short_name="KESEHATAN", order=2)
    for urusan, services in ((pend, 1), (kes, 2)):
        for _ in range(services):
            service = factories.ServiceTypeFactory(year=2026, urusan=urusan, level="kabkota")
            if urusan == pend:
                factories.MutuItemFactory(service=service)
        factories.ServiceTypeFactory(year=2026, urusan=urusan, level="provinsi")
    period = factories.PeriodFactory(
        year=2026, quarter=1, opens_at=datetime.datetime(2026, 1, 1, tzinfo=WIB), closes_at=CLOSES
    )
    tw2 = factories.PeriodFactory(
        year=2026,
        quarter=2,
        opens_at=datetime.datetime(2026, 4, 1, tzinfo=WIB),
        closes_at=datetime.datetime(2026, 7, 20, 23, 59, 59, tzinfo=WIB),
    )
    jatim = factories.ProvinceFactory(code="35", login_code="3500", name="Jawa Timur")
    jabar = factories.ProvinceFactory(code="32", login_code="3200", name="Jawa Barat")
    jombang = factories.KabKotaFactory(code="35.17", login_code="3517", name="Kabupaten Jombang", province=jatim)
    surabaya = factories.KabKotaFactory(code="35.78", login_code="3578", name="Kota Surabaya", province=jatim)
    malang = factories.KabKotaFactory(code="35.07", login_code="3507", name="Kabupaten Malang", province=jatim)
    bogor = factories.KabKotaFactory(code="32.71", login_code="3271", name="Kota Bogor", province=jabar)
    gone = factories.KabKotaFactory(
        code="32.99", login_code="3299", name="Kabupaten Lama", province=jabar, is_active=False
    )
    early = CLOSES - datetime.timedelta(days=1)
    PeriodExtension.objects.create(period=period, region=jombang, closes_at=CLOSES + datetime.timedelta(days=5))
    S = ReportStatus
    reports = {
        "jatim_pend": _report(
            jatim,
            pend,
            period,
            S.ACCEPTED,
            submitted=early,
            indeks="100",
            required=2,
            filled=2,
            category="Tuntas Paripurna",
            capaian_penerima=D("100"),
            pagu_total=500,
            realisasi_total=250,
        ),
        "jombang_pend": _report(
            jombang,
            pend,
            period,
            S.SUBMITTED,
            submitted=early,
            indeks="80",
            category="Tuntas Utama",
            capaian_penerima=D("75"),
            capaian_mutu=D("100"),
            pagu_total=1000,
            realisasi_total=900,
        ),
        "jombang_kes": _report(
            jombang,
            kes,
            period,
            S.ACCEPTED,
            submitted=CLOSES + datetime.timedelta(days=2),
            indeks="60",
            filled=2,
            category="Tuntas Madya",
            capaian_penerima=D("55"),
            capaian_mutu=D("80"),
            pagu_total=2000,
            realisasi_total=2000,
        ),
        "surabaya_pend": _report(surabaya, pend, period, S.DRAFT, indeks="90", category="Tuntas Paripurna"),
        "surabaya_kes": _report(
            surabaya,
            kes,
            period,
            S.RETURNED,
            submitted=CLOSES + datetime.timedelta(days=1),
            indeks="40",
            filled=1,
            category="Tuntas Muda",
        ),
        "malang_kes": _report(
            malang,
            kes,
            period,
            S.ACCEPTED,
            submitted=early,
            indeks="65.55",
            category="Tuntas Madya",
            capaian_penerima=D("70"),
        ),
        "bogor_pend": _report(
            bogor, pend, period, S.SUBMITTED, submitted=early, indeks="20", filled=1, category="Tuntas Pratama"
        ),
        "gone_pend": _report(gone, pend, period, S.SUBMITTED, submitted=early, indeks="50", category="Tuntas Muda"),
        "jombang_pend_tw2": _report(
            jombang,
            pend,
            tw2,
            S.SUBMITTED,
            submitted=early,
            indeks="90",
            category="Tuntas Utama",
            pagu_total=1000,
            realisasi_total=1000,
        ),
    }
    return {
        "pend": pend,
        "kes": kes,
        "period": period,
        "tw2": tw2,
        "jatim": jatim,
        "jabar": jabar,
        "jombang": jombang,
        "surabaya": surabaya,
        "malang": malang,
        "bogor": bogor,
        "gone": gone,
        "reports": reports,
    }


def ministry():
    return factories.UserFactory(role="reviewer")


@pytest.fixture
def world(db):
    return build_world()


def test_catalogue_required_counts_two_figures_per_service_and_mutu(world):
    required = catalogue_required_map(year=2026)
    assert required[(world["pend"].pk, "kabkota")] == 4
    assert required[(world["kes"].pk, "kabkota")] == 4
    assert required[(world["pend"].pk, "provinsi")] == 2


def test_province_monitoring_matches_hand_computed_rows(world):
    user = factories.PemdaUserFactory(region=world["jatim"])
    rows = province_monitoring_get(user=user, province=world["jatim"], period=world["period"])
    by_code = {row.region["code"]: row for row in rows}
    assert list(by_code) == ["35.07", "35.17", "35.78"]
    jombang, surabaya, malang = by_code["35.17"], by_code["35.78"], by_code["35.07"]
    assert (jombang.reported, jombang.on_time, jombang.fill_rate, jombang.capaian) == (2, 2, D("75.00"), D("70.00"))
    assert (surabaya.reported, surabaya.on_time, surabaya.fill_rate, surabaya.capaian) == (
        1,
        0,
        D("12.50"),
        D("40.00"),
    )
    assert (malang.reported, malang.on_time, malang.fill_rate, malang.capaian) == (1, 1, D("50.00"), D("65.55"))


def test_province_monitoring_never_shows_a_kabkota_draft(world):
    user = factories.PemdaUserFactory(region=world["jatim"])
    rows = province_monitoring_get(user=user, province=world["jatim"], period=world["period"])
    surabaya = next(row for row in rows if row.region["code"] == "35.78")
    assert surabaya.cells[0].report is None
    assert surabaya.cells[0].status_label == "Belum dikirim"


def test_province_monitoring_sorts_on_the_server(world):
    user = factories.PemdaUserFactory(region=world["jatim"])
    rows = province_monitoring_get(
        user=user, province=world["jatim"], period=world["period"], sort="isian", descending=True
    )
    assert [row.region["code"] for row in rows] == ["35.17", "35.07", "35.78"]
    rows = province_monitoring_get(user=user, province=world["jatim"], period=world["period"], sort="capaian")
    assert [row.region["code"] for row in rows] == ["35.78", "35.07", "35.17"]


def test_province_monitoring_of_another_province_is_empty_for_a_province_user(world):
    user = factories.PemdaUserFactory(region=world["jatim"])
    assert province_monitoring_get(user=user, province=world["jabar"], period=world["period"]) == []


def test_national_monitoring_matches_hand_computed_rates(world):
    data = national_monitoring_get(user=ministry(), period=world["period"])
    total = data.total
    assert (total.expected, total.reported, total.on_time) == (12, 6, 5)
    assert (total.reporting_rate, total.on_time_rate, total.fill_rate) == (D("50.00"), D("41.67"), D("35.00"))
    pend, kes = data.by_urusan
    assert (pend.expected, pend.reported, pend.reporting_rate, pend.on_time_rate, pend.fill_rate) == (
        6,
        3,
        D("50.00"),
        D("50.00"),
        D("35.00"),
    )
    assert (kes.expected, kes.reported, kes.reporting_rate, kes.on_time_rate, kes.fill_rate) == (
        6,
        3,
        D("50.00"),
        D("33.33"),
        D("35.00"),
    )
    jabar, jatim = data.by_province
    assert (jatim.code, jatim.expected, jatim.reported, jatim.reporting_rate, jatim.on_time_rate, jatim.fill_rate) == (
        "35",
        8,
        5,
        D("62.50"),
        D("50.00"),
        D("46.43"),
    )
    assert (jabar.code, jabar.expected, jabar.reported, jabar.reporting_rate, jabar.on_time_rate, jabar.fill_rate) == (
        "32",
        4,
        1,
        D("25.00"),
        D("25.00"),
        D("8.33"),
    )


def test_national_rates_never_exceed_100_percent_with_inactive_pemda(world):
    world["jatim"].is_active = False
    Region.objects.filter(pk=world["jatim"].pk).update(is_active=False)
    data = national_monitoring_get(user=ministry(), period=world["period"])
    assert all(row.reported <= row.expected for row in [data.total, *data.by_urusan, *data.by_province])


def test_national_category_distribution_counts_sent_reports(world):
    data = national_monitoring_get(user=ministry(), period=world["period"])
    assert data.categories == [
        "Tuntas Paripurna",
        "Tuntas Utama",
        "Tuntas Madya",
        "Tuntas Muda",
        "Tuntas Pratama",
        "Belum Tuntas",
    ]
    (pend, pend_counts), (kes, kes_counts) = data.distribution
    assert pend_counts == [1, 1, 0, 0, 1, 0]
    assert kes_counts == [0, 0, 2, 1, 0, 0]


def test_national_trend_covers_every_quarter_of_the_year(world):
    data = national_monitoring_get(user=ministry(), period=world["period"])
    assert [(p.quarter, row.reported, row.reporting_rate) for p, row in data.trend] == [
        (1, 6, D("50.00")),
        (2, 1, D("8.33")),
    ]


def test_not_reported_list_gives_deadline_with_extension(world):
    regions = list(not_reported_list(user=ministry(), period=world["period"]))
    assert [r.code for r in regions] == ["32", "32.71", "35", "35.07", "35.78"]
    assert {r.code: r.sent for r in regions} == {"32": 0, "32.71": 1, "35": 1, "35.07": 1, "35.78": 1}
    assert all(r.deadline == CLOSES for r in regions)


def test_deadline_uses_a_later_extension(world):
    PeriodExtension.objects.create(
        period=world["period"], region=world["bogor"], closes_at=CLOSES + datetime.timedelta(days=3)
    )
    regions = {r.code: r for r in not_reported_list(user=ministry(), period=world["period"])}
    assert regions["32.71"].deadline == CLOSES + datetime.timedelta(days=3)


def test_dashboard_of_a_kabkota_matches_hand_computed_year(world):
    user = factories.PemdaUserFactory(region=world["jombang"])
    data = dashboard_get(user=user, region=world["jombang"], year=2026, quarter=1)
    pend, kes = data.rows
    assert (pend.status_label, pend.value("indeks"), pend.serapan) == ("Dikirim", D("80.00"), D("90.00"))
    assert (kes.status_label, kes.value("indeks"), kes.serapan) == ("Diterima", D("60.00"), D("100.00"))
    assert [(t.period.quarter, t.indeks, t.serapan) for t in data.trend] == [
        (1, D("70.00"), D("96.67")),
        (2, D("90.00"), D("100.00")),
    ]
    assert (data.year_indeks, data.year_serapan, data.pagu_total, data.realisasi_total) == (
        D("75.00"),
        D("100.00"),
        3000,
        3000,
    )


def test_dashboard_shows_the_pemda_its_own_draft(world):
    user = factories.PemdaUserFactory(region=world["surabaya"])
    data = dashboard_get(user=user, region=world["surabaya"], year=2026, quarter=1)
    assert data.rows[0].status_label == "Draft"
    assert data.rows[0].value("indeks") == D("90.00")


def test_public_figures_use_accepted_reports_only(world):
    figures = public_figure_list(period=world["period"])
    assert [(f.province_code, f.urusan, f.accepted) for f in figures] == [
        ("35", "PENDIDIKAN", 1),
        ("35", "KESEHATAN", 2),
    ]
    pend, kes = figures
    assert (pend.indeks, pend.serapan) == (D("100.00"), D("50.00"))
    assert (kes.indeks, kes.capaian_penerima, kes.capaian_mutu, kes.pagu, kes.serapan) == (
        D("62.78"),
        D("62.50"),
        D("80.00"),
        2000,
        D("100.00"),
    )


def test_period_pick_falls_back_to_latest_open_period(world):
    periods = period_list(year=2026)
    assert period_pick(periods, 2) == world["tw2"]
    assert isinstance(period_pick(periods, 9), Period)


def test_year_trend_of_a_province_is_shared_by_its_pemda_account_and_the_ministry(world, django_assert_num_queries):
    """The province page's five-year trend is kept for the public generation: computed once, then read with no
    query by the province's own account and by the ministry, with the same figures (sent reports only)."""
    years, jatim = [2026], world["jatim"]
    province_user = factories.PemdaUserFactory(region=jatim)
    reviewer = ministry()
    first = year_trend_get(user=province_user, years=years, province=jatim)
    with django_assert_num_queries(0):
        again = year_trend_get(user=reviewer, years=years, province=jatim)
    assert [(t.year, t.reported, t.indeks) for t in again] == [(t.year, t.reported, t.indeks) for t in first]
    assert first[0].reported == 5  # Jombang x2, Surabaya's returned KES, Malang; Surabaya's draft is not sent


def test_year_trend_of_an_operator_is_not_taken_from_the_shared_copy(world):
    """A province's operator reads only its own urusan of its own region: never the shared province figures."""
    years, jatim = [2026], world["jatim"]
    year_trend_get(user=ministry(), years=years, province=jatim)
    operator = factories.OperatorUserFactory(region=jatim, urusan=world["pend"])
    assert year_trend_get(user=operator, years=years, province=jatim)[0].reported == 0


def test_dashboard_counts_each_reports_open_warnings_only(world):
    """Per urusan the open warnings of the chosen quarter's report; confirmed and resolved ones do not count."""
    reports = world["reports"]
    factories.ReportWarningFactory.create_batch(2, report=reports["surabaya_pend"])
    factories.ReportWarningFactory(report=reports["surabaya_pend"], status=WarningStatus.CONFIRMED, note="Benar.")
    factories.ReportWarningFactory(report=reports["surabaya_kes"], status=WarningStatus.RESOLVED)
    factories.ReportWarningFactory(report=reports["jombang_pend"])  # another pemda's
    user = factories.PemdaUserFactory(region=world["surabaya"])
    data = dashboard_get(user=user, region=world["surabaya"], year=2026, quarter=1)
    assert [(row.urusan.short_name, row.open_warnings) for row in data.rows] == [("PENDIDIKAN", 2), ("KESEHATAN", 0)]
    assert data.open_warnings == 2
    later = dashboard_get(user=user, region=world["surabaya"], year=2026, quarter=2)
    assert later.open_warnings == 0
