"""Demo content for a first visit: the seed's four news items, the SPM regulations and the guide.

Loaded by ``manage.py load_demo_content`` (``make run``); idempotent: a page or file that
already exists (by slug or title) is left as the editors made it.
"""

import datetime

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from home.models import (
    GuidePage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    RegulationIndexPage,
    RegulationKind,
    RegulationPage,
)
from home.placeholder_files import placeholder_banner, placeholder_pdf
from reporting.models import Urusan

PLACEHOLDER_NOTE = (
    "<p><b>Berkas contoh.</b> Naskah resmi peraturan ini belum diunggah ke portal demo; berkas yang dapat "
    "diunduh hanyalah berkas PDF pengganti yang dibuat otomatis.</p>"
)
PLACEHOLDER_TEXT = (
    "Berkas contoh untuk portal demo Pelaporan SPM. Naskah resmi belum diunggah; "
    "admin kementerian menggantinya dari menu Dokumen di halaman admin."
)

# (slug, title, date, summary) from the seed's "MENU BERITA"; author "MA" as printed there.
NEWS = [
    (
        "pemerintah-daerah-diminta-persiapkan-penerapan-spm",
        "Pemerintah Daerah Diminta Persiapkan Penerapan SPM",
        datetime.date(2019, 11, 8),
        "JAKARTA – Direktur Jenderal Bina Pembangunan Daerah Kementerian Dalam Negeri Muhammad Hudori membuka secara "
        "resmi kegiatan yang meminta pemerintah daerah mempersiapkan penerapan Standar Pelayanan Minimal.",
    ),
    (
        "pemerintah-pusat-dorong-pemerintah-daerah-percepat-penerapan-spm",
        "Pemerintah Pusat Dorong Pemerintah Daerah Percepat Penerapan SPM",
        datetime.date(2019, 10, 17),
        "JAKARTA - Direktur Sinkronisasi Urusan Pemerintahan Daerah III Direktorat Jenderal Bina Pembangunan Daerah "
        "Kementerian Dalam Negeri Eduard Sigalingging mendorong pemerintah daerah mempercepat penerapan SPM.",
    ),
    (
        "ditjen-bina-pembangunan-daerah-gelar-pertemuan-pusat-dan-daerah",
        "Ditjen Bina Pembangunan Daerah Gelar Pertemuan Pusat dan Daerah",
        datetime.date(2019, 10, 9),
        "JAKARTA – Direktorat Jenderal Bina Pembangunan Daerah Kementerian Dalam Negeri menggelar pertemuan pusat dan "
        "daerah dalam rangka workshop penerapan Standar Pelayanan Minimal.",
    ),
    (
        "pemerintah-daerah-diminta-segera-membentuk-tim-penerapan-spm",
        "Pemerintah Daerah Diminta Segera Membentuk Tim Penerapan SPM",
        datetime.date(2019, 9, 18),
        "JAKARTA – Direktorat Jenderal Bina Pembangunan Daerah Kementerian Dalam Negeri menggelar pertemuan pusat dan "
        "daerah dalam rangka asistensi pembentukan Tim Penerapan SPM di daerah.",
    ),
]
NEWS_BODY = (
    "<p>{summary}</p>"
    "<p>Standar Pelayanan Minimal (SPM) merupakan ketentuan mengenai jenis dan mutu pelayanan dasar yang berhak "
    "diperoleh setiap warga negara secara minimal sebagaimana diatur dalam Peraturan Pemerintah Nomor 2 Tahun 2018. "
    "Pemerintah daerah provinsi dan kabupaten/kota melaporkan capaian penerapan SPM setiap triwulan melalui aplikasi "
    "pelaporan SPM.</p>"
    "<p><i>Konten demo: teks lengkap berita ini belum dimuat.</i></p>"
)

L, T = RegulationKind.LANDASAN_HUKUM, RegulationKind.PETUNJUK_TEKNIS
# (slug, nomor, tahun, kind, urusan codes, title, note) from reference/SPM_DOMAIN.md and the seed.
REGULATIONS = [
    ("pp-2-2018", "2", 2018, L, [], "Peraturan Pemerintah Nomor 2 Tahun 2018 tentang Standar Pelayanan Minimal", ""),
    (
        "permendagri-100-2018",
        "100",
        2018,
        L,
        [],
        "Peraturan Menteri Dalam Negeri Nomor 100 Tahun 2018 tentang Penerapan Standar Pelayanan Minimal",
        "Dicabut dan diganti dengan Peraturan Menteri Dalam Negeri Nomor 59 Tahun 2021.",
    ),
    (
        "permendagri-59-2021",
        "59",
        2021,
        L,
        [],
        "Peraturan Menteri Dalam Negeri Nomor 59 Tahun 2021 tentang Penerapan Standar Pelayanan Minimal",
        "",
    ),
    (
        "permendikbud-32-2018",
        "32",
        2018,
        T,
        ["1.01"],
        "Peraturan Menteri Pendidikan dan Kebudayaan Nomor 32 Tahun 2018 tentang Standar Teknis Pelayanan Minimal Pendidikan",
        "Kini diganti dengan Peraturan Menteri Pendidikan, Kebudayaan, Riset, dan Teknologi Nomor 32 Tahun 2022.",
    ),
    (
        "permenkes-4-2019",
        "4",
        2019,
        T,
        ["1.02"],
        "Peraturan Menteri Kesehatan Nomor 4 Tahun 2019 tentang Standar Teknis Pemenuhan Mutu Pelayanan Dasar pada "
        "Standar Pelayanan Minimal Bidang Kesehatan",
        "Kini diganti dengan Peraturan Menteri Kesehatan Nomor 6 Tahun 2024.",
    ),
    (
        "permen-pupr-29-2018",
        "29/PRT/M/2018",
        2018,
        T,
        ["1.03", "1.04"],
        "Peraturan Menteri Pekerjaan Umum dan Perumahan Rakyat Nomor 29/PRT/M/2018 tentang Standar Teknis Standar "
        "Pelayanan Minimal Pekerjaan Umum dan Perumahan Rakyat",
        "",
    ),
    (
        "permensos-9-2018",
        "9",
        2018,
        T,
        ["1.06"],
        "Peraturan Menteri Sosial Nomor 9 Tahun 2018 tentang Standar Teknis Pelayanan Dasar pada Standar Pelayanan "
        "Minimal Bidang Sosial di Daerah Provinsi dan di Daerah Kabupaten/Kota",
        "",
    ),
    (
        "permendagri-101-2018",
        "101",
        2018,
        T,
        ["1.05"],
        "Peraturan Menteri Dalam Negeri Nomor 101 Tahun 2018 tentang Standar Teknis Pelayanan Dasar pada Standar "
        "Pelayanan Minimal Sub-Urusan Bencana Daerah Kabupaten/Kota",
        "",
    ),
    (
        "permendagri-114-2018",
        "114",
        2018,
        T,
        ["1.05"],
        "Peraturan Menteri Dalam Negeri Nomor 114 Tahun 2018 tentang Standar Teknis Pelayanan Dasar pada Standar "
        "Pelayanan Minimal Sub-Urusan Kebakaran Daerah Kabupaten/Kota",
        "",
    ),
    (
        "permendagri-121-2018",
        "121",
        2018,
        T,
        ["1.05"],
        "Peraturan Menteri Dalam Negeri Nomor 121 Tahun 2018 tentang Standar Teknis Pemenuhan Mutu Pelayanan Dasar pada "
        "Standar Pelayanan Minimal Sub-Urusan Ketenteraman dan Ketertiban Umum di Provinsi dan Kabupaten/Kota",
        "",
    ),
]

GUIDE_TITLE = "Panduan Aplikasi Sistem Pelaporan Standar Pelayanan Minimal"
GUIDE_BODY = (
    "<h2>Panduan aplikasi Sistem Pelaporan Standar Pelayanan Minimal</h2>"
    "<p>Direktorat Jenderal Bina Pembangunan Daerah, Kementerian Dalam Negeri.</p>"
    "<p><b>Standar Pelayanan Minimal (SPM)</b> merupakan ketentuan mengenai Jenis Pelayanan Dasar dan Mutu Pelayanan "
    "Dasar yang berhak diperoleh setiap Warga Negara secara minimal sebagaimana diatur dalam Peraturan Pemerintah "
    "Nomor 2 Tahun 2018 tentang Standar Pelayanan Minimal.</p>"
    "<h3>Alur pelaporan</h3>"
    "<ol><li>Setiap perangkat daerah menentukan penanggung jawab pengolah data capaian SPM.</li>"
    "<li>Perangkat daerah menyampaikan data capaian setiap bidang secara berkala kepada Biro/Bagian Tata Pemerintahan.</li>"
    "<li>Biro/Bagian Tata Pemerintahan menginput dan mengirim capaian SPM per bidang setiap triwulan, paling lambat "
    "sesuai batas input yang ditetapkan kementerian.</li></ol>"
    "<h3>Login</h3>"
    "<ol><li>Pilih menu <b>LOGIN</b> di pojok kanan atas.</li>"
    "<li>Masukkan username (kode wilayah tanpa titik, misalnya 3517) dan password yang sudah diberikan.</li>"
    "<li>Pada login pertama Anda wajib mengganti password.</li></ol>"
)


def _document_ensure(title: str, filename: str, paragraphs: list[str]):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(filename, ContentFile(placeholder_pdf(title, paragraphs)), save=False)
        document.save()
    return document


def _image_ensure(title: str, seed: int):
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title)
        image.file = ImageFile(ContentFile(placeholder_banner(seed)), name=f"berita-{seed}.png")
        image.save()
    return image


def _add(parent, page):
    parent.add_child(instance=page)
    page.save_revision(log_action=False).publish(log_action=False)
    return page


def demo_news_load(index: NewsIndexPage) -> int:
    existing = set(index.get_children().values_list("slug", flat=True))
    created = 0
    for seed, (slug, title, date, summary) in enumerate(NEWS, start=1):
        if slug in existing:
            continue
        image = _image_ensure(f"Gambar berita: {title}", seed)
        body = NEWS_BODY.format(summary=summary)
        _add(
            index,
            NewsPage(slug=slug, title=title, date=date, author="MA", summary=summary, body=body, lead_image=image),
        )
        created += 1
    return created


def demo_regulations_load(index: RegulationIndexPage) -> int:
    existing = set(index.get_children().values_list("slug", flat=True))
    urusan = {u.code: u for u in Urusan.objects.all()}
    created = 0
    for slug, nomor, tahun, kind, codes, title, note in REGULATIONS:
        if slug in existing:
            continue
        document = _document_ensure(title, f"{slug}.pdf", [PLACEHOLDER_TEXT])
        page = RegulationPage(
            slug=slug,
            title=title,
            nomor=nomor,
            tahun=tahun,
            kind=kind,
            document=document,
            tentang=title.split(" tentang ", 1)[1],
            note=(f"<p>{note}</p>" if note else "") + PLACEHOLDER_NOTE,
        )
        page.urusan = [urusan[code] for code in codes if code in urusan]
        _add(index, page)
        created += 1
    return created


def demo_guide_load(guide: GuidePage) -> bool:
    """Fill the guide page once; an edited guide is never overwritten."""
    if guide.body:
        return False
    guide.body = GUIDE_BODY
    guide.guide_document = _document_ensure(
        GUIDE_TITLE,
        "panduan-aplikasi-spm.pdf",
        ["Buku panduan contoh untuk portal demo. Versi lengkap diunggah oleh admin kementerian.", PLACEHOLDER_TEXT],
    )
    guide.save_revision(log_action=False).publish(log_action=False)
    return True


def demo_home_load(home: HomePage) -> bool:
    if home.intro and "Sistem Informasi Pelaporan SPM" in home.intro:
        return False
    home.intro = (
        "<p><b>Standar Pelayanan Minimal (SPM)</b> merupakan ketentuan mengenai Jenis Pelayanan Dasar dan Mutu "
        "Pelayanan Dasar yang berhak diperoleh setiap Warga Negara secara minimal.</p>"
        "<p><b>Sistem Informasi Pelaporan SPM</b> adalah aplikasi berbasis web untuk mengelola data capaian SPM di "
        "daerah, sehingga seluruh proses kegiatan terkelola menjadi informasi yang bermanfaat.</p>"
    )
    home.save_revision(log_action=False).publish(log_action=False)
    return True


@transaction.atomic
def demo_content_load(pages: dict) -> dict[str, int]:
    return {
        "beranda": int(demo_home_load(pages["home"])),
        "berita": demo_news_load(pages["berita"]),
        "peraturan": demo_regulations_load(pages["landasan-hukum"]),
        "panduan": int(demo_guide_load(pages["buku-panduan"])),
    }
