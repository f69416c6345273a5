"""Messages the user sees about reports and accounts, in one place: the forms, the models, the services, the
selectors and the API import them from here, and so do the tests that check them."""

# --- Values -----------------------------------------------------------------------------------------
COUNT_INVALID = "Isi dengan bilangan bulat tidak negatif, misalnya 1200 atau 1.200."
NUMBER_TOO_LARGE = "Angka terlalu besar: paling besar 999.999.999.999.999."
SERVED_EXCEEDS_TARGET = "Jumlah yang terlayani tidak boleh melebihi jumlah yang harus dilayani."
MET_EXCEEDS_TARGET = "Jumlah yang terpenuhi tidak boleh melebihi jumlah yang harus dipenuhi."
UNKNOWN_ROW = "Baris ini bukan bagian dari laporan ini."
MONEY_INVALID = "Isi dengan angka rupiah tanpa desimal, misalnya 1200998320 atau 1.200.998.320."
MONEY_REQUIRED = "Wajib diisi (boleh 0)."
ACTIVITY_NAME_REQUIRED = "Nama sub kegiatan wajib diisi."
JUSTIFICATION_REQUIRED = "Realisasi melebihi pagu: tuliskan alasannya."
PROBLEM_TEXT_REQUIRED = "Catatan permasalahan wajib diisi."
TEXT_TOO_LONG = "Teks terlalu panjang: paling banyak {limit} karakter, yang diisi {length} karakter."
TEXT_LIMIT_HELP = "Paling banyak {limit} karakter."


def _grouped(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def text_too_long(value: str | None, limit: int) -> str | None:
    """TEXT_TOO_LONG for a text past ``limit`` characters, None when it fits: 5001 of 5000 gives
    "... paling banyak 5.000 karakter, yang diisi 5.001 karakter."."""
    length = len(value or "")
    return TEXT_TOO_LONG.format(limit=_grouped(limit), length=_grouped(length)) if length > limit else None


def text_limit_help(limit: int) -> str:
    return TEXT_LIMIT_HELP.format(limit=_grouped(limit))


PROBLEM_CATEGORY_INVALID = "Pilih salah satu kategori permasalahan."
RETURN_REASON_REQUIRED = "Tuliskan alasan laporan dikembalikan agar pemda dapat memperbaikinya."
REOPEN_UNTIL_PAST = "Tanggal buka kembali harus setelah saat ini."
# What the forms say about a field left empty or not parsed.
PAGU_REQUIRED = "Pagu wajib diisi (boleh 0)."
REALISASI_REQUIRED = "Realisasi wajib diisi (boleh 0)."
PROBLEM_CATEGORY_REQUIRED = "Pilih kategori permasalahan."
RETURN_REASON_MISSING = "Tuliskan alasan laporan dikembalikan."
REOPEN_UNTIL_REQUIRED = "Isi tanggal dan jam batas baru."
DATETIME_INVALID = "Tanggal dan jam tidak valid."
NOMOR_REQUIRED = "Nomor SK wajib diisi."
JUDUL_REQUIRED = "Judul SK wajib diisi."
RENCANA_AKSI_FILE_REQUIRED = "Pilih berkas rencana aksi."

# --- Files ------------------------------------------------------------------------------------------
FILE_REQUIRED = "Pilih berkas yang akan diunggah."
FILE_TOO_LARGE = "Berkas terlalu besar: paling besar %(limit)s MB."
FILE_EMPTY = "Berkas kosong."
FILE_TYPE_NOT_ALLOWED = (
    "Jenis berkas tidak diizinkan. Unggah PDF, gambar (JPG, PNG), atau dokumen Office (docx, xlsx, pptx)."
)
FILE_LEGACY_OFFICE = (
    "Jenis berkas tidak diizinkan: dokumen Office lama (.doc, .xls, .ppt) tidak diterima. "
    "Simpan ulang sebagai .docx, .xlsx, .pptx atau PDF, lalu unggah lagi."
)
FILE_UNSOUND = (
    "Isi berkas rusak atau tidak sesuai jenisnya, atau PDF memuat skrip, tindakan otomatis atau berkas "
    "sisipan. Unggah berkas asli (misalnya PDF hasil cetak/simpan sebagai PDF)."
)
FILE_PDF_ONLY = "Dokumen harus berupa PDF."
FILE_NOT_FOUND = "Berkas tidak ditemukan pada laporan ini."

# --- Who may write, and when ------------------------------------------------------------------------
CONFLICT = (
    "Laporan ini sudah diubah oleh pengguna lain setelah formulir Anda dibuka. Perubahan Anda tidak disimpan; "
    "muat ulang halaman untuk melihat data terbaru lalu isi kembali."
)
NOT_ALLOWED = "Anda tidak berhak mengubah laporan ini."
CANNOT_SUBMIT = "Hanya akun pemda yang dapat mengirim laporannya sendiri."
CANNOT_REVIEW = "Anda tidak berhak memeriksa laporan ini."
NOT_SUBMITTED = "Hanya laporan yang sudah dikirim yang dapat diterima atau dikembalikan."
ALREADY_SENT = "Laporan ini sudah dikirim atau sudah diterima."
REOPEN_ONLY_MINISTRY = "Hanya kementerian yang dapat membuka kembali laporan."
NO_CATALOGUE = "Katalog SPM untuk tahun ini belum tersedia. Hubungi Kementerian Dalam Negeri."
WINDOW_CLOSED = (
    "Batas waktu pengisian telah berakhir. Laporan hanya dapat dibaca; "
    "hubungi Kementerian Dalam Negeri bila laporan perlu dibuka kembali."
)
WINDOW_NOT_OPEN = "Periode pengisian belum dibuka. Laporan dapat diisi mulai tanggal pembukaan."
READ_ONLY_SUBMITTED = "Laporan sudah dikirim dan hanya dapat dibaca sampai dikembalikan oleh pemeriksa."
READ_ONLY_ACCEPTED = "Laporan sudah diterima dan tidak dapat diubah lagi."

# --- Accounts (the "Akun" admin screen) -------------------------------------------------------------
ACCOUNT_REGION_REQUIRED = "Akun pemda dan operator harus memiliki wilayah."
ACCOUNT_REGION_TAKEN = "Wilayah ini sudah memiliki akun pemda ({username}); satu wilayah satu akun pemda."
PEMDA_USERNAME_IS_LOGIN_CODE = "Nama pengguna akun pemda adalah kode login wilayahnya: {code}."
OPERATOR_URUSAN_REQUIRED = "Pilih urusan yang datanya diisi operator ini."
OPERATOR_PARENT_REQUIRED = "Pilih akun pemda induk operator ini."
OPERATOR_PARENT_INVALID = "Akun induk harus akun pemda dari wilayah yang sama dengan operator."

# --- Plausibility warnings (reporting.services.quality) -------------------------------------------
# After an Excel import, appended to its summary when the recheck leaves warnings open.
IMPORT_OPEN_WARNINGS = (
    "Pemeriksaan data menemukan {count} peringatan yang belum dikonfirmasi: periksa di halaman Kirim "
    "sebelum mengirim laporan."
)
