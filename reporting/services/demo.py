"""Demo reports so that a first visit shows real figures (the seed's worked examples).

The worked examples are filed in the quarter before the open one (sent, returned, accepted), and the open
quarter keeps a fresh draft of the same urusan (Jawa Timur Kesehatan, Jombang Pendidikan/PAUD) for a
newcomer to type them in and compare. Every run only adds what is missing: nothing a newcomer typed is
overwritten.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from reporting.models import Period, Region, Report, Urusan, User
from reporting.services import reports as report_services

PREVIOUS, CURRENT = "previous", "current"
# The closed quarter's demo reports are written through the ministry's reopen, with this reason in their history.
REOPEN_REASON = "Data contoh demo (setup_demo)"
RETURN_REASON = "Jumlah yang harus dilayani belum sesuai data Dukcapil; mohon diperiksa kembali."
# Empty drafts of the open quarter: the seed's worked examples are typed into these.
FRESH_DRAFTS = [("3500", "1.02"), ("3517", "1.01")]

# (login code, urusan code, {service code: (harus dilayani, terlayani, [mutu (harus, terpenuhi)...])},
#  {service code: [(sub kegiatan, pagu, realisasi)...]}, [(problem category, text)], final status, quarter)
Figures = dict[str, tuple[int, int, list[tuple[int, int]]]]
Kegiatan = dict[str, list[tuple[str, int, int]]]
DEMO_REPORTS: list[tuple[str, str, Figures, Kegiatan, list[tuple[str, str]], str, str]] = [
    (
        "3500",
        "1.02",
        {"1.02.P01": (229662, 229662, [(17550, 17550), (25000, 25000), (10000, 10000)])},
        {
            "1.02.P01": [
                (
                    "Pengelolaan Pelayanan Kesehatan bagi Penduduk Terdampak Krisis Kesehatan Akibat Bencana",
                    168585700,
                    167302510,
                ),
                (
                    "Pengelolaan Pelayanan Kesehatan bagi Penduduk pada Kondisi Kejadian Luar Biasa (KLB)",
                    635975000,
                    610536000,
                ),
            ]
        },
        [("pelaksanaan", "Distribusi logistik ke daerah terdampak terkendala akses jalan.")],
        "accepted",
        PREVIOUS,
    ),
    (
        "3517",
        "1.01",
        {"1.01.K01": (41250, 39870, [(41250, 40100)])},
        {
            "1.01.K01": [
                ("Pembangunan Gedung/Ruang Kelas/Ruang Guru PAUD", 1072692000, 1071045000),
                (
                    "Pengembangan Karir Pendidik dan Tenaga Kependidikan pada Satuan Pendidikan PAUD",
                    178310000,
                    158965200,
                ),
            ]
        },
        [("pengumpulan_data", "Data anak usia 5-6 tahun dari Dukcapil belum mutakhir.")],
        "submitted",
        PREVIOUS,
    ),
    ("3517", "1.03", {"1.03.K01": (352523, 352523, [(352523, 352523), (352523, 352523)])}, {}, [], "draft", CURRENT),
    (
        "3578",
        "1.01",
        {"1.01.K01": (38120, 36900, [(38120, 37000)])},
        {"1.01.K01": [("Penyediaan Pendidik dan Tenaga Kependidikan PAUD", 412000000, 398250000)]},
        [("penghitungan_kebutuhan", "Jumlah anak usia 5-6 tahun belum dipadankan dengan data Dukcapil.")],
        "returned",
        CURRENT,
    ),
    (
        "3271",
        "1.06",
        {"1.06.K01": (1200, 1100, [])},
        {"1.06.K01": [("Rehabilitasi sosial dasar", 250000000, 231500000)]},
        [],
        "accepted",
        CURRENT,
    ),
]


def _values(report: Report, figures: Figures) -> dict[int, dict]:
    entries = {}
    for entry in report.entries.prefetch_related("mutu_entries"):
        if entry.service_code not in figures:
            continue
        target, served, mutu = figures[entry.service_code]
        mutu_rows = list(entry.mutu_entries.all())
        entries[entry.pk] = {
            "harus_dilayani": target,
            "terlayani": served,
            "mutu": {m.pk: {"harus_dipenuhi": t, "terpenuhi": s} for m, (t, s) in zip(mutu_rows, mutu, strict=False)},
        }
    return entries


@transaction.atomic
def demo_reports_create(*, period: Period) -> int:
    """Fill the demo pemda's reports of ``period`` and of the quarter before it once, and keep the fresh drafts
    of the worked examples in ``period``; returns how many reports were created."""
    previous = period_before(period)
    created = 0
    for login_code, urusan_code, figures, activities, problems, status, when in DEMO_REPORTS:
        target = period if when == CURRENT else previous
        if target is None:
            continue
        region = Region.objects.get(login_code=login_code)
        urusan = Urusan.objects.get(code=urusan_code)
        if Report.objects.filter(region=region, urusan=urusan, period=target).exists():
            continue
        report = report_services.report_get_or_create(region=region, urusan=urusan, period=target)
        if when == PREVIOUS:
            report = report_services.report_reopen(
                report=report,
                user=User.objects.get(username="adminkemendagri"),
                until=timezone.now() + datetime.timedelta(hours=1),
                reason=REOPEN_REASON,
            )
        _fill(report, User.objects.get(username=login_code), figures, activities, problems, status)
        created += 1
    for login_code, urusan_code in FRESH_DRAFTS:
        region = Region.objects.get(login_code=login_code)
        urusan = Urusan.objects.get(code=urusan_code)
        if not Report.objects.filter(region=region, urusan=urusan, period=period).exists():
            report_services.report_get_or_create(region=region, urusan=urusan, period=period)
            created += 1
    return created


def _fill(
    report: Report, owner: User, figures: Figures, activities: Kegiatan, problems: list[tuple[str, str]], status: str
) -> None:
    report = report_services.report_capaian_save(
        report=report, user=owner, expected_version=report.version, entries=_values(report, figures)
    )
    by_code = {e.service_code: e.pk for e in report.entries.all()}
    for code, rows in activities.items():
        for name, pagu, realisasi in rows:
            report_services.activity_create(
                report=report, user=owner, entry_id=by_code[code], name=name, pagu=pagu, realisasi=realisasi
            )
    for category, text in problems:
        report_services.problem_create(report=report, user=owner, category=category, text=text)
    if status == "draft":
        return
    report_services.report_submit(report=report, user=owner)
    region = report.region
    reviewer = User.objects.get(username=region.province.login_code if region.province is not None else "reviewer")
    if status == "accepted":
        report_services.report_accept(report=report, user=reviewer)
    elif status == "returned":
        report_services.report_return(report=report, user=reviewer, reason=RETURN_REASON)


def period_before(period: Period) -> Period | None:
    """The quarter before ``period`` (TW IV of the year before TW I), when it exists."""
    year, quarter = (period.year, period.quarter - 1) if period.quarter > 1 else (period.year - 1, 4)
    return Period.objects.filter(year=year, quarter=quarter).first()


def demo_period() -> Period | None:
    """The period whose input window is open now (the demo fills it)."""
    now = timezone.now()
    return Period.objects.filter(opens_at__lte=now, closes_at__gte=now).order_by("-year", "-quarter").first()
