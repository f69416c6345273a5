"""Request and response shapes of the API (what the OpenAPI document shows)."""

import datetime
from decimal import Decimal
from typing import Annotated

from ninja import Schema
from pydantic import Field, StringConstraints

from reporting.calculations import MAX_WHOLE_NUMBER

MAX_ID = 2_147_483_647
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Count = Annotated[int, Field(ge=0, le=MAX_WHOLE_NUMBER)]
# No NUL characters: PostgreSQL cannot store them in text.
NoNul = r"^[^\x00]*$"
ShortText = Annotated[str, StringConstraints(max_length=500, pattern=NoNul)]
LongText = Annotated[str, StringConstraints(max_length=5000, pattern=NoNul)]


# Region codes: the registry's dotted code is canonical (every answer carries it); the login code is accepted too.
REGION_CODE_HELP = (
    "Kode wilayah registri, bentuk baku yang dipakai setiap jawaban: 35.17 (kode login 3517 juga diterima)"
)
PROVINCE_CODE_HELP = (
    "Kode provinsi registri, bentuk baku yang dipakai setiap jawaban: 35 (kode login 3500 juga diterima)"
)


class Page(Schema):
    count: int
    limit: int
    offset: int


class RegionOut(Schema):
    id: int
    code: str = Field(description="Kode wilayah registri (bentuk baku): 35 atau 35.17")
    login_code: str = Field(description="Kode login pemda: 3500 atau 3517 (diterima juga sebagai kode wilayah)")
    name: str
    level: str
    province_code: str | None = Field(description="Kode registri provinsinya: 35; kosong untuk provinsi")


class RegionPage(Page):
    items: list[RegionOut]


class UrusanOut(Schema):
    id: int
    code: str
    name: str
    short_name: str


class UrusanPage(Page):
    items: list[UrusanOut]


class MutuItemOut(Schema):
    id: int
    name: str
    order: int


class ServiceOut(Schema):
    id: int
    year: int
    urusan_id: int
    level: str
    code: str
    name: str
    indikator: str
    mutu_items: list[MutuItemOut]


class ServicePage(Page):
    items: list[ServiceOut]


class PeriodOut(Schema):
    id: int
    year: int
    quarter: int
    label: str
    opens_at: datetime.datetime
    closes_at: datetime.datetime
    own_closes_at: datetime.datetime | None = Field(
        None, description="Batas input wilayah token (dengan perpanjangan); kosong untuk token kementerian."
    )


class PeriodPage(Page):
    items: list[PeriodOut]


class ReportSummaryOut(Schema):
    id: int
    region_code: str = Field(description="Kode wilayah registri (bentuk baku): 35.17")
    region_name: str
    urusan_id: int
    year: int
    quarter: int
    status: str
    version: int
    updated_at: datetime.datetime
    submitted_at: datetime.datetime | None
    capaian_penerima: Decimal | None
    capaian_mutu: Decimal | None
    indeks: Decimal | None
    category: str
    figures_required: int
    figures_filled: int
    pagu_total: int
    realisasi_total: int


class ReportPage(Page):
    items: list[ReportSummaryOut]


class MutuOut(Schema):
    id: int
    name: str
    harus_dipenuhi: int | None
    terpenuhi: int | None
    belum: int | None
    percent: Decimal | None


class EntryOut(Schema):
    id: int
    service_code: str
    service_name: str
    indikator: str
    harus_dilayani: int | None
    terlayani: int | None
    belum: int | None
    capaian_penerima: Decimal | None
    capaian_mutu: Decimal | None
    indeks: Decimal | None
    category: str
    mutu: list[MutuOut]


class ActivityOut(Schema):
    id: int
    entry_id: int
    name: str
    pagu: int
    realisasi: int
    justification: str
    serapan: Decimal | None


class ProblemOut(Schema):
    id: int
    category: str
    text: str
    solution: str = Field(description="Solusi / tindak lanjut; kosong bila belum diisi.")


class WarningOut(Schema):
    id: int
    label: str
    message: str
    status: str = Field(description="open: belum dikonfirmasi; confirmed: dikonfirmasi dengan catatan.")
    note: str = Field(description="Catatan konfirmasi petugas; kosong bila belum ada.")


class ReportOut(ReportSummaryOut):
    return_reason: str
    editable: bool
    lock_reason: str | None
    closes_at: datetime.datetime
    entries: list[EntryOut]
    kegiatan: list[ActivityOut]
    permasalahan: list[ProblemOut]
    peringatan: list[WarningOut] = Field(
        description="Peringatan pemeriksaan data yang masih berlaku (diperiksa ulang setelah setiap simpan)."
    )


class MutuIn(Schema):
    id: Id
    harus_dipenuhi: Count | None = None
    terpenuhi: Count | None = None


class EntryIn(Schema):
    id: Id
    harus_dilayani: Count | None = None
    terlayani: Count | None = None
    mutu: Annotated[list[MutuIn], Field(max_length=200)] = []


class ActivityIn(Schema):
    id: Id | None = Field(None, description="Kosong: kegiatan baru. Diisi: kegiatan yang ada diubah.")
    entry_id: Id
    name: ShortText
    pagu: Count
    realisasi: Count
    justification: LongText = ""


class ValuesIn(Schema):
    expected_version: Annotated[int, Field(ge=1, le=MAX_ID)]
    entries: Annotated[list[EntryIn], Field(max_length=500)] = []
    kegiatan: Annotated[list[ActivityIn], Field(max_length=500)] | None = Field(
        None,
        description="Bila dikirim: seluruh kegiatan laporan. Kegiatan yang tidak ada di daftar dihapus. "
        "Bila tidak dikirim: kegiatan tidak diubah.",
    )


class SubmitIn(Schema):
    expected_version: Annotated[int, Field(ge=1, le=MAX_ID)]
    confirmations: Annotated[dict[int, LongText], Field(max_length=500)] | None = Field(
        None,
        description="Catatan konfirmasi per id peringatan pemeriksaan data. Kirim tanpa catatan dijawab 422 "
        "dengan setiap peringatan yang belum dikonfirmasi di errors (loc: confirmations, id).",
    )
    incomplete_reason: LongText = Field(
        "",
        description="Alasan mengirim laporan yang isian capaiannya belum lengkap (dibaca pemeriksa). Wajib bila "
        "ada isian kosong; bila kementerian melarang kiriman belum lengkap, dijawab 422.",
    )


class ReportOpenIn(Schema):
    urusan_id: Id
    year: Annotated[int, Field(ge=2000, le=2100)]
    quarter: Annotated[int, Field(ge=1, le=4)]


class RateOut(Schema):
    label: str
    key: int
    code: str
    expected: int
    reported: int
    on_time: int
    not_reported: int
    reporting_rate: Decimal | None
    on_time_rate: Decimal | None
    fill_rate: Decimal


class NationalOut(Schema):
    year: int
    quarter: int
    total: RateOut
    by_urusan: list[RateOut]
    by_province: list[RateOut]


class ProvinceCellOut(Schema):
    urusan_id: int
    status: str
    on_time: bool
    fill_rate: Decimal | None


class ProvinceRowOut(Schema):
    region_code: str = Field(description="Kode wilayah registri (bentuk baku): 35.17")
    region_name: str
    reported: int
    on_time: int
    fill_rate: Decimal
    capaian: Decimal | None
    cells: list[ProvinceCellOut]


class ProvincePage(Page):
    items: list[ProvinceRowOut]


class PublicFigureOut(Schema):
    province_code: str = Field(description="Kode provinsi registri (bentuk baku): 35")
    province: str
    urusan: str
    accepted: int
    capaian_penerima: Decimal | None
    capaian_mutu: Decimal | None
    indeks: Decimal | None
    pagu: int
    realisasi: int
    serapan: Decimal | None


class PublicFigurePage(Page):
    items: list[PublicFigureOut]
