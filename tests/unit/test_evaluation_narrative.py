"""The Evaluasi capaian narrative is written from the figures by fixed rules, in Indonesian: the seed's own
worked example (Kota Bogor, TW IV 2021: total fill 17 %, Pendidikan 0 % not yet filled) and its edges."""

from decimal import Decimal

from reporting.models import Period, Region, RegionLevel, Urusan
from reporting.selectors.evaluation import BidangEvaluation, Comparison, Evaluation, narrative_lines, whole_percent

JABAR = Region(pk=32, code="32", name="Jawa Barat", level=RegionLevel.PROVINSI)
BOGOR = Region(pk=3271, code="32.71", name="Kota Bogor", level=RegionLevel.KABKOTA, province=JABAR)
TW4_2021 = Period(year=2021, quarter=4)
TW3_2021 = Period(year=2021, quarter=3)
NAMES = ["Pendidikan", "Kesehatan", "Pekerjaan Umum", "Perumahan Rakyat", "Trantibumlinmas", "Sosial"]


def bidang(name, fill, *, province=Decimal(40), nation=Decimal(50), previous=None, below=()):
    return BidangEvaluation(
        urusan=Urusan(name=name),
        sent=bool(fill),
        fill=Comparison(fill, province, nation),
        indeks=Comparison(None, None, None),
        previous_fill=previous,
        below_target=list(below),
    )


def bogor(fills, *, filled=12, required=72, previous=None, previous_total=None, warnings=()):
    return Evaluation(
        region=BOGOR,
        province=JABAR,
        period=TW4_2021,
        previous=previous,
        bidang=[bidang(name, fill) for name, fill in zip(NAMES, fills, strict=True)],
        total_required=required,
        total_filled=filled,
        previous_total_fill=previous_total,
        warnings=list(warnings),
    )


def test_the_seeds_kota_bogor_example():
    """12 of 72 figures (16,67 %) with Pendidikan not sent: the seed's sentences."""
    fills = [Decimal(0), Decimal(25), Decimal(25), Decimal("16.67"), Decimal(25), Decimal("8.33")]
    lines = narrative_lines(bogor(fills))
    assert lines[0] == "Total pengisian 17 %: Kota Bogor telah mengisi 12 dari 72 isian capaian SPM TW IV 2021."
    assert "Pendidikan 0 %: belum diisi." in lines
    assert "Kesehatan 25 %: sebagian terisi." in lines
    assert "Pengisian capaian SPM Kota Bogor masih tergolong rendah (di bawah 50 %)." in lines
    assert (
        "Pengisian ini di bawah rata-rata Provinsi Jawa Barat (40 %) dan di bawah rata-rata nasional (50 %)." in lines
    )


def test_a_complete_quarter_is_high_and_names_no_bidang():
    lines = narrative_lines(bogor([Decimal(100)] * 6, filled=72))
    assert lines[0].startswith("Total pengisian 100 %:")
    assert "Pengisian capaian SPM Kota Bogor tergolong tinggi." in lines
    assert not any("belum diisi" in line or "sebagian" in line for line in lines)
    assert "Pengisian ini di atas rata-rata Provinsi Jawa Barat (40 %) dan di atas rata-rata nasional (50 %)." in lines


def test_the_trend_against_the_quarter_before():
    fills = [Decimal(0), Decimal(25), Decimal(25), Decimal("16.67"), Decimal(25), Decimal("8.33")]
    up = narrative_lines(bogor(fills, previous=TW3_2021, previous_total=Decimal("8.33")))
    assert "Dibanding TW III 2021, pengisian naik 8 poin (8 % menjadi 17 %)." in up
    down = narrative_lines(bogor(fills, previous=TW3_2021, previous_total=Decimal(50)))
    assert "Dibanding TW III 2021, pengisian turun 33 poin (50 % menjadi 17 %)." in down
    same = narrative_lines(bogor(fills, previous=TW3_2021, previous_total=Decimal("16.67")))
    assert "Dibanding TW III 2021, pengisian tetap 17 %." in same


def test_services_below_target_and_confirmed_warnings_are_counted():
    evaluation = bogor([Decimal(100)] * 6, filled=72, warnings=[(Urusan(name="Kesehatan"), "Isian", "Benar")])
    evaluation.bidang[1].below_target = [("Pelayanan kesehatan balita", Decimal("96.65"))]
    lines = narrative_lines(evaluation)
    assert "1 jenis pelayanan dasar belum mencapai target 100 %: Pelayanan kesehatan balita (Kesehatan)." in lines
    assert "1 peringatan pemeriksaan data dikonfirmasi dengan catatan petugas." in lines


def test_a_middle_fill_is_medium_and_nothing_required_is_not_named():
    fills = [Decimal(60), Decimal(60), None, Decimal(60), Decimal(60), Decimal(60)]
    lines = narrative_lines(bogor(fills, filled=36, required=60))
    assert "Pengisian capaian SPM Kota Bogor tergolong sedang." in lines
    assert not any(line.startswith("Pekerjaan Umum") for line in lines)


def test_whole_percent_rounds_half_up():
    assert whole_percent(Decimal("16.67")) == "17 %"
    assert whole_percent(Decimal("16.50")) == "17 %"
    assert whole_percent(Decimal("16.49")) == "16 %"
    assert whole_percent(None) == "-"
