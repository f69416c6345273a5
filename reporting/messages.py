"""Messages the user sees about reports and accounts, in one place: the forms, the models, the services, the
selectors and the API import them from here, and so do the tests that check them."""

from django.utils.translation import gettext_lazy as _

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
# What the views say after a save.
DATA_SAVED = "Data tersimpan."
FORM_NOT_SAVED = "Periksa isian yang ditandai; data belum disimpan."
# After a save that leaves plausibility warnings open (reporting.views.quality.warn_after_save).
SAVE_WARNING = "Peringatan pemeriksaan data · {label}: {message}"
SAVE_WARNINGS_MORE = "Dan {count} peringatan lain."
SAVE_WARNINGS_OPEN = "Data tetap tersimpan. Perbaiki isiannya atau konfirmasi peringatan di halaman Kirim."
REPORT_SENT = "Laporan terkirim. Laporan hanya dapat dibaca sampai diperiksa."


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
# The User constraints' own texts, for a check that reaches the database without User.clean's field messages.
OPERATOR_URUSAN_AND_PARENT_REQUIRED = "Akun operator harus memiliki urusan dan akun pemda induk."
ONE_PEMDA_ACCOUNT_PER_REGION = "Wilayah ini sudah memiliki akun pemda; satu wilayah satu akun pemda."
OPERATOR_USERNAME_TAKEN = "Nama pengguna itu sudah dipakai. Pilih nama lain."
SIGNATORY_NOT_ALLOWED = "Hanya akun pemda sendiri yang dapat mengubah pejabat penanda tangan laporan."
ACCOUNT_INACTIVE = _("Akun ini tidak aktif.")
OPERATOR_USERNAME_INVALID = _("Gunakan 4-40 huruf, angka, titik, garis bawah atau tanda minus.")
SIGNATORY_NAME_REQUIRED = _("Nama pejabat penanda tangan wajib diisi.")
SIGNATORY_TITLE_REQUIRED = _("Jabatan penanda tangan wajib diisi.")
REGIONS_UNKNOWN = "Kode login tidak dikenal atau wilayahnya tidak aktif: {codes}."


# --- Plausibility warnings (reporting.services.quality) ---------------------------------------------
# After an Excel import, appended to its summary when the recheck leaves warnings open.
IMPORT_OPEN_WARNINGS = (
    "Pemeriksaan data menemukan {count} peringatan yang belum dikonfirmasi: periksa di halaman Kirim "
    "sebelum mengirim laporan."
)
UNCONFIRMED_WARNINGS = (
    "Masih ada peringatan pemeriksaan data yang belum dikonfirmasi. Perbaiki isiannya atau tuliskan catatan "
    "konfirmasi untuk setiap peringatan, lalu kirim kembali."
)
WARNING_NOTE_TOO_LONG = "Catatan konfirmasi terlalu panjang: paling banyak 2.000 karakter."
WARNING_CONFIRMED_NEEDS_NOTE = _("Peringatan yang dikonfirmasi harus memiliki catatan.")
# The rules' constraints (the "Aturan pemeriksaan data" admin screen).
RULE_OUTLIER_FACTOR = _("Nilai jauh: isi faktor lebih dari 1, misalnya 3.")
RULE_SERAPAN_BOUND = _("Serapan: isi batas paling rendah atau paling tinggi.")
RULE_TARGET_CHANGE_LIMIT = _("Perubahan jumlah harus dilayani: isi perubahan paling besar (%).")


# --- Excel import (reporting.services.excel_import) -------------------------------------------------
IMPORT_TOO_LARGE = "Berkas terlalu besar: paling besar {limit} MB."
IMPORT_NOT_XLSX = "Berkas bukan file Excel .xlsx yang sah. Unggah templat yang diunduh dari laporan ini."
IMPORT_ZIP_BOMB = "Isi berkas Excel terlalu besar atau tidak wajar setelah diekstrak; berkas ditolak."
IMPORT_FILE_REQUIRED = "Pilih berkas Excel untuk diunggah."
IMPORT_SHEET_MISSING = "Lembar “{sheet}” tidak ditemukan. Gunakan templat yang diunduh dari laporan ini."
IMPORT_WRONG_REPORT = "Berkas ini adalah templat laporan lain. Unduh templat dari laporan ini."
IMPORT_VERSION_MISSING = "Lembar “Info” rusak: versi laporan tidak terbaca. Unduh templat baru."
IMPORT_CONFLICT = (
    "Laporan ini sudah diubah setelah templat diunduh. Tidak ada yang disimpan; unduh templat terbaru, "
    "isi kembali, lalu unggah."
)
IMPORT_UNKNOWN_ID = "Kode baris “{value}” di kolom tersembunyi A tidak dikenal. Jangan mengubah kolom A."
IMPORT_CELL = "Lembar “{sheet}”, baris {row}, kolom {column} ({label}): {message}"
IMPORT_TOO_MANY_ROWS = "Lembar “{sheet}” berisi lebih dari {limit} baris."
IMPORTED = (
    "Berkas Excel diimpor: {changed} nilai berubah. Dari {figures} isian capaian yang diperiksa, "
    "{figures_changed} berubah; sub kegiatan {created} ditambah, {updated} diubah, {deleted} dihapus."
)
IMPORTED_UNCHANGED = "Berkas Excel diimpor: {figures} isian capaian diperiksa, tidak ada nilai yang berubah."

# --- Background jobs (reporting.services.jobs) ------------------------------------------------------
JOB_QUEUED = "Pekerjaan sudah masuk antrean; halaman ini menampilkan kemajuannya."
JOB_FAILED_UNEXPECTED = (
    "Pekerjaan gagal karena kesalahan sistem; tidak ada berkas atau data yang tersimpan setengah jadi. "
    "Coba lagi; bila terulang, hubungi admin kementerian."
)
RECAP_PERIOD_GONE = "Periode rekap tidak ditemukan lagi."
RECAP_NOT_ALLOWED = "Akun ini tidak lagi berhak membuat rekap."
IMPORT_FAILED = "Berkas tidak diimpor; tidak ada data yang berubah. Perbaiki kesalahan berikut lalu unggah lagi:"
IMPORT_NOT_ALLOWED = "Akun ini tidak lagi berhak mengubah laporan ini; berkas tidak diimpor."
RECAP_DONE = "Rekap selesai: {rows} baris layanan."
REMINDERS_DONE = (
    "Pengingat terkirim: {sent} pemda ({failed} gagal); yang sudah diingatkan sebelumnya tidak dikirimi lagi."
)
ACCOUNT_LIST_NOT_ALLOWED = "Hanya admin kementerian yang boleh membuat daftar akun pemda."
ACCOUNT_LIST_DONE = "Daftar akun siap: {count} akun pemda diberi password sekali pakai."
ACCOUNT_LIST_NOT_STORED = (
    "Daftar akun tidak dapat disimpan karena tempat penyimpanan berkas sedang tidak dapat dihubungi. Tidak ada "
    "password yang diubah: setiap pemda tetap masuk dengan password lamanya. Jalankan lagi setelah penyimpanan pulih."
)
ACCOUNT_LIST_NONE = "Tidak ada akun yang diberi password baru: setiap pemda terpilih sudah punya akun."
ANNUAL_PDF_DONE = "Laporan penerapan SPM {region} tahun {year} selesai dicetak: {pages} halaman."
ANNUAL_PDF_NOT_ALLOWED = "Akun ini tidak lagi berhak membaca laporan wilayah ini."
JOB_RESULT_GONE = "Berkas hasil sudah dihapus (sudah diunduh atau kedaluwarsa). Jalankan pekerjaan lagi bila perlu."
PDF_UNAVAILABLE = (
    "Cetak PDF belum tersedia di server ini (pustaka sistem WeasyPrint belum terpasang). Hubungi admin portal."
)

# --- API (reporting.api) ----------------------------------------------------------------------------
API_VALIDATION = "Data yang dikirim tidak valid. Perbaiki isian yang disebut di errors; tidak ada yang disimpan."
API_UNAUTHORIZED = "Token API tidak ada, tidak dikenal, sudah dicabut atau sudah kedaluwarsa."
API_FORBIDDEN = "Token ini tidak berhak melakukan tindakan ini."
API_READ_ONLY_TOKEN = "Token kementerian hanya dapat membaca data."
API_NOT_FOUND = "Data tidak ditemukan atau tidak dapat dibaca dengan token ini."
API_RATE_LIMITED = "Terlalu banyak permintaan dengan token ini. Coba lagi setelah {seconds} detik."
API_PERIOD_NOT_FOUND = "Periode pelaporan itu tidak ada."
# pydantic error types -> Indonesian messages (the ones the schemas can raise)
API_FIELD_ERRORS = {
    "missing": "Wajib diisi.",
    "int_type": "Isi dengan bilangan bulat.",
    "int_parsing": "Isi dengan bilangan bulat.",
    "int_from_float": "Isi dengan bilangan bulat tanpa desimal.",
    "greater_than_equal": "Nilai terlalu kecil: paling sedikit {ge}.",
    "greater_than": "Nilai terlalu kecil: harus lebih dari {gt}.",
    "less_than_equal": "Nilai terlalu besar: paling banyak {le}.",
    "less_than": "Nilai terlalu besar: harus kurang dari {lt}.",
    "string_type": "Isi dengan teks.",
    "string_too_long": "Teks terlalu panjang: paling banyak {max_length} karakter.",
    "string_too_short": "Teks terlalu pendek: paling sedikit {min_length} karakter.",
    "string_pattern_mismatch": "Teks berisi karakter yang tidak diizinkan.",
    "list_type": "Isi dengan daftar (list).",
    "too_long": "Daftar terlalu panjang: paling banyak {max_length} baris.",
    "dict_type": "Isi dengan objek JSON.",
    "model_type": "Isi dengan objek JSON.",
    "model_attributes_type": "Isi dengan objek JSON.",
    "bool_type": "Isi dengan true atau false.",
    "bool_parsing": "Isi dengan true atau false.",
    "enum": "Pilih salah satu nilai yang diizinkan: {expected}.",
    "literal_error": "Pilih salah satu nilai yang diizinkan: {expected}.",
    "datetime_type": "Isi dengan tanggal dan jam ISO 8601, misalnya 2026-04-01T00:00:00+07:00.",
    "datetime_parsing": "Isi dengan tanggal dan jam ISO 8601, misalnya 2026-04-01T00:00:00+07:00.",
    "datetime_from_date_parsing": "Isi dengan tanggal dan jam ISO 8601, misalnya 2026-04-01T00:00:00+07:00.",
    "extra_forbidden": "Isian ini tidak dikenal.",
    "json_invalid": "Badan permintaan bukan JSON yang valid.",
    "value_error": "Nilai tidak valid.",
}
API_FIELD_ERROR_FALLBACK = "Nilai tidak valid."
API_HISTORY_NOTE = "Melalui API: {name} ({prefix})"

# --- API tokens (reporting.services.api_tokens) -----------------------------------------------------
TOKEN_NAME_REQUIRED = "Nama sistem wajib diisi."
TOKEN_EXPIRY_INVALID = "Masa berlaku harus antara 1 dan {days} hari."
TOKEN_ISSUE_NOT_ALLOWED = "Anda tidak berhak membuat token API ini."
TOKEN_REVOKE_NOT_ALLOWED = "Anda tidak berhak mencabut token API ini."
TOKEN_ALREADY_REVOKED = "Token ini sudah dicabut."

# --- Documents (SK Tim, tahapan, rencana aksi) ------------------------------------------------------
DOCUMENTS_NOT_ALLOWED = "Hanya akun pemda yang dapat mengelola dokumen penerapan SPM daerahnya."
YEAR_INVALID = "Tahun tidak valid."
SK_FILE_REQUIRED = "Unggah dokumen SK (PDF)."
STAGE_STATUS_INVALID = "Pilih status tahapan."

# --- Notifications ----------------------------------------------------------------------------------
EMAIL_INVALID = "Alamat e-mail tidak valid."
NOTIFICATION_PREFERENCES_SAVED = "Pilihan notifikasi tersimpan."
NOTIFICATIONS_MARKED_READ = "Notifikasi ditandai sudah dibaca."

# --- Login, logout and passwords --------------------------------------------------------------------
LOGGED_OUT = _("Anda telah keluar.")
SIGNATORY_SAVED = _("Pejabat penanda tangan laporan tersimpan.")
LOGIN_CODE_CHANGED = _(
    "Kode wilayah %(old)s sudah berubah menjadi %(new)s (%(name)s). Silakan masuk dengan kode %(new)s."
)
LOGIN_REPORTS_THROUGH_PROVINCE = _(
    "Kode %(code)s adalah wilayah administrasi DKI Jakarta yang tidak melapor sendiri: laporannya diisi oleh "
    "Provinsi DKI Jakarta. Silakan masuk dengan kode %(province)s."
)
LOGIN_INVALID = _("Kode wilayah atau password salah. Periksa kembali lalu coba lagi.")
LOCKED_OUT = _(
    "Terlalu banyak percobaan masuk yang gagal dari alamat ini, sehingga login dari alamat ini dikunci "
    "sementara. Coba lagi dalam %(minutes)s menit atau hubungi admin kementerian untuk membuka kunci. "
    "Akun Anda tetap dapat dipakai dari jaringan lain."
)
PASSWORD_REGION_NAME_USED = "Password tidak boleh memuat nama atau jenis wilayah Anda (%(word)s)."
PASSWORD_REGION_CODE_USED = "Password tidak boleh memuat kode wilayah atau nama pengguna Anda."
PASSWORD_SAME_AS_CURRENT = "Password baru tidak boleh sama dengan password yang sedang dipakai."
PASSWORD_COMMON_ID = "Password ini terlalu umum dan mudah ditebak (%(word)s). Pilih gabungan kata yang tidak umum."
# The rules as the password forms list them (the validators' get_help_text).
PASSWORD_REGION_HELP = _("Password tidak boleh memuat nama, jenis atau kode wilayah Anda, maupun nama pengguna.")
PASSWORD_NOT_CURRENT_HELP = _("Password baru harus berbeda dari password yang sedang dipakai.")
PASSWORD_COMMON_ID_HELP = _(
    "Password tidak boleh berupa password yang umum dipakai (misalnya rahasia, bismillah, 123456)."
)

# A form submitted again after its first submission was saved (the answer was lost): reporting.services.idempotency
SUBMISSION_ALREADY_SAVED = (
    "Perubahan Anda sebelumnya sudah tersimpan. Kiriman yang sama tidak disimpan dua kali; periksa isiannya di bawah."
)
