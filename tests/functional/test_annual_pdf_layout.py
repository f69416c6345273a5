"""The laporan penerapan SPM tahunan as laid out by WeasyPrint: every box fits the A4 page's content area, no
page is an empty urusan page, and only what the pemda sent (never a draft) reaches the summary.

The layout is checked on WeasyPrint's own boxes (the same engine that writes the PDF), so a table that runs
past the right margin fails here whatever the PDF viewer would have cut.
"""

import pytest

from django.template.loader import render_to_string

from reporting.selectors import printouts
from reporting.services import reports as svc
from tests import factories

# Six urusan as the catalogue names them: long names in the summary's first column.
URUSAN = [
    ("1.01", "Pendidikan", "PENDIDIKAN"),
    ("1.02", "Kesehatan", "KESEHATAN"),
    ("1.03", "Pekerjaan Umum dan Penataan Ruang", "PEKERJAAN UMUM"),
    ("1.04", "Perumahan Rakyat dan Kawasan Permukiman", "PERUMAHAN RAKYAT DAN KAWASAN PERMUKIMAN"),
    ("1.05", "Ketenteraman, Ketertiban Umum, dan Pelindungan Masyarakat", "TRANTIBUMLINMAS"),
    ("1.06", "Sosial", "SOSIAL"),
]


def _render(context) -> list:
    """WeasyPrint's pages of the annual template rendered with ``context``."""
    weasyprint = pytest.importorskip("weasyprint")
    html = render_to_string("reporting/pdf/annual.html", context)
    return weasyprint.HTML(string=html, base_url=None).render().pages


def _boxes(box):
    yield box
    for child in getattr(box, "children", ()) or ():
        yield from _boxes(child)


def overflowing_boxes(pages) -> list[str]:
    """Every layout box whose border box ends right of (or starts left of) its page's content area."""
    found = []
    for number, page in enumerate(pages, start=1):
        page_box = page._page_box
        left = page_box.content_box_x()
        right = left + page_box.width
        for box in _boxes(page_box):
            if box is page_box or not hasattr(box, "border_box_x") or box.width is None:
                continue
            start, end = box.border_box_x(), box.border_box_x() + box.border_width()
            if start < left - 0.5 or end > right + 0.5:
                tag = getattr(box, "element_tag", type(box).__name__)
                text = getattr(box, "text", "")[:40]
                found.append(f"halaman {number}: {tag} {text!r} {start:.0f}-{end:.0f} > {left:.0f}-{right:.0f}")
    return found


def _page_texts(pages) -> list[str]:
    texts = []
    for page in pages:
        words = [getattr(box, "text", "") for box in _boxes(page._page_box)]
        texts.append(" ".join(" ".join(w for w in words if w).split()))
    return texts


@pytest.fixture
def year_of_reports(kabkota, pemda_user):
    """Jombang's 2026: Pendidikan sent in TW I and TW II (TW II with the seed's kegiatan, rupiah in the
    billions), Kesehatan a draft only, the four other urusan never opened."""
    urusan = [factories.UrusanFactory(code=c, name=n, short_name=s, order=i) for i, (c, n, s) in enumerate(URUSAN)]
    periods = [factories.PeriodFactory(year=2026, quarter=q) for q in (1, 2, 3, 4)]
    for item in urusan[:2]:
        service = factories.ServiceTypeFactory(
            urusan=item, year=2026, level="kabkota", name="Pendidikan Anak Usia Dini dan Pendidikan Kesetaraan"
        )
        factories.MutuItemFactory(service=service, name="Buku dan alat pendidikan")

    def fill(report, harus, terlayani, kegiatan=()):
        entry = report.entries.get()
        mutu = entry.mutu_entries.get()
        report = svc.report_capaian_save(
            report=report,
            user=pemda_user,
            expected_version=report.version,
            entries={
                entry.pk: {
                    "harus_dilayani": harus,
                    "terlayani": terlayani,
                    "mutu": {mutu.pk: {"harus_dipenuhi": harus, "terpenuhi": terlayani}},
                }
            },
        )
        for name, pagu, realisasi in kegiatan:
            svc.activity_create(
                report=report, user=pemda_user, entry_id=entry.pk, name=name, pagu=pagu, realisasi=realisasi
            )
        report.refresh_from_db()
        return report

    first = fill(svc.report_get_or_create(region=kabkota, urusan=urusan[0], period=periods[0]), 41250, 38000)
    svc.report_submit(report=first, user=pemda_user)
    second = fill(
        svc.report_get_or_create(region=kabkota, urusan=urusan[0], period=periods[1]),
        41250,
        39870,
        [
            ("Pembangunan Gedung/Ruang Kelas/Ruang Guru PAUD", 1072692000000, 1071045000000),
            ("Pengembangan Karir Pendidik dan Tenaga Kependidikan PAUD", 178310000000, 158965200000),
        ],
    )
    svc.report_submit(report=second, user=pemda_user)
    # A draft that reaches 100 %: it must not lift the summary nor its average.
    draft = fill(svc.report_get_or_create(region=kabkota, urusan=urusan[1], period=periods[1]), 500, 500)
    return first, second, draft


def test_every_box_of_the_annual_report_fits_the_a4_content_area(pemda_user, kabkota, year_of_reports):
    printout = printouts.annual_printout_get(user=pemda_user, region=kabkota, year=2026)
    assert overflowing_boxes(_render(printout.__dict__)) == []


def test_no_page_of_the_annual_report_is_an_empty_urusan_page(pemda_user, kabkota, year_of_reports):
    """Urusan without a sent report are named in one sentence instead of a page each."""
    printout = printouts.annual_printout_get(user=pemda_user, region=kabkota, year=2026)
    texts = _page_texts(_render(printout.__dict__))
    for text in texts:
        assert "Belum ada laporan pada tahun ini" not in text
    assert len(texts) <= 3, [t[:120] for t in texts]
    whole = " ".join(texts)
    assert "Urusan tanpa laporan terkirim pada tahun 2026:" in whole
    for name in ("Kesehatan", "Sosial", "Pekerjaan Umum dan Penataan Ruang"):
        assert name in whole


def test_the_annual_summary_counts_only_sent_reports_and_names_their_quarter(pemda_user, kabkota, year_of_reports):
    _first, second, draft = year_of_reports
    printout = printouts.annual_printout_get(user=pemda_user, region=kabkota, year=2026)
    assert printout.year_indeks == second.indeks  # the draft's 100 % is not in the average
    whole = " ".join(_page_texts(_render(printout.__dict__)))
    assert "100,00 %" not in whole  # the draft's figures appear nowhere
    assert "Pendidikan TW II" in whole  # the average says which quarter each urusan's figure is from
    assert "(TW II)" in whole  # so does the serapan column
    assert "98,32 %" in whole  # the seed's urusan total, from the sent TW II


def test_what_changed_after_a_return_is_not_printed_until_it_is_sent_again(pemda_user, kabkota, year_of_reports):
    """A returned report being corrected: the annual report keeps the version the pemda sent."""
    _first, second, _draft = year_of_reports
    reviewer = factories.PemdaUserFactory(region=kabkota.province)
    svc.report_return(report=second, user=reviewer, reason="Periksa kembali terlayani")
    second.refresh_from_db()
    entry = second.entries.get()
    svc.report_capaian_save(
        report=second,
        user=pemda_user,
        expected_version=second.version,
        entries={entry.pk: {"harus_dilayani": 41250, "terlayani": 41250}},
    )
    printout = printouts.annual_printout_get(user=pemda_user, region=kabkota, year=2026)
    pendidikan = printout.urusan[0]
    assert pendidikan.quarters[1].indeks == second.sent_snapshot.indeks
    assert pendidikan.services[0].quarters[1].entry.terlayani == 39870
