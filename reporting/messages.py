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
RULE_TARGET_CHANGE_LIMIT = _("Perubahan jumlah harus dilayani: isi perubahan paling besar, dalam persen.")


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

# --- Background jobs (reporting.jobs) ----------------------------------------------------------------
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
# A job whose worker stopped in the middle (killed, host lost, database cut): jobs_recover and job_execute.
JOB_RETRYING = (
    "Pekerja latar berhenti di tengah pekerjaan ini; pekerjaan diulang otomatis dari awal "
    "(percobaan ke-{attempt} dari {limit}). Belum ada berkas hasil yang tersimpan."
)
JOB_GAVE_UP = (
    "Pekerjaan dihentikan karena pekerja latar berhenti {attempts} kali di tengah pekerjaan ini. "
    "Tidak ada berkas hasil yang tersimpan dan tidak ada data yang berubah. Coba lagi nanti; "
    "bila terulang, hubungi admin kementerian."
)
JOB_INTERRUPTED = (
    "Pekerjaan terhenti karena pekerja latar berhenti sebelum selesai; hasilnya tidak tersimpan. "
    "Periksa datanya sebelum menjalankannya lagi."
)
JOB_INTERRUPTED_AFTER_COMMIT = (
    "Pekerja latar berhenti setelah perubahan dari pekerjaan ini tersimpan, sebelum ringkasannya dicatat. "
    "Perubahannya sudah tersimpan: jangan jalankan lagi, periksa datanya."
)
IMPORT_INTERRUPTED = (
    "Impor terhenti karena pekerja latar berhenti sebelum selesai. Tidak ada data yang berubah: laporan tetap "
    "seperti sebelum berkas diunggah. Unggah berkas yang sama sekali lagi."
)
ACCOUNT_LIST_INTERRUPTED = (
    "Pembuatan daftar akun terhenti karena pekerja latar berhenti; daftar password tidak tersimpan. "
    "Akun yang sempat dibuat atau direset tidak punya password yang diketahui siapa pun: buat daftar lagi "
    "untuk wilayah yang sama dengan pilihan reset."
)
REMINDERS_INTERRUPTED = (
    "Pengiriman pengingat terhenti karena pekerja latar berhenti; pengingat yang belum terkirim dikirim "
    "otomatis pada putaran berikutnya, yang sudah terkirim tidak dikirim lagi."
)
# A job that ran past its kind's maximum run time ({limit}, e.g. "30 menit"; JOB_MAX_RUN_SECONDS): failed, and
# whatever its run still writes is refused (reporting.jobs.leases.job_time_out).
JOB_TIMED_OUT = (
    "Pekerjaan dihentikan karena berjalan lebih lama dari batas waktunya ({limit}). Tidak ada berkas hasil yang "
    "tersimpan dan tidak ada data yang berubah. Coba lagi nanti; bila terulang, hubungi admin kementerian."
)
JOB_TIMED_OUT_AFTER_COMMIT = (
    "Pekerjaan dihentikan karena berjalan lebih lama dari batas waktunya ({limit}), setelah perubahannya "
    "tersimpan dan sebelum ringkasannya dicatat. Perubahannya sudah tersimpan: jangan jalankan lagi, periksa datanya."
)
IMPORT_TIMED_OUT = (
    "Impor dihentikan karena berjalan lebih lama dari batas waktunya ({limit}). Tidak ada data yang berubah: "
    "laporan tetap seperti sebelum berkas diunggah. Coba lagi nanti; bila terulang, hubungi admin kementerian."
)
ACCOUNT_LIST_TIMED_OUT = (
    "Pembuatan daftar akun dihentikan karena berjalan lebih lama dari batas waktunya ({limit}). Tidak ada "
    "password yang diubah: setiap pemda tetap masuk dengan password lamanya. Coba lagi nanti; bila terulang, "
    "hubungi admin kementerian."
)
REMINDERS_TIMED_OUT = (
    "Pengiriman pengingat dihentikan karena berjalan lebih lama dari batas waktunya ({limit}); pengingat yang "
    "belum terkirim dikirim otomatis pada putaran berikutnya, yang sudah terkirim tidak dikirim lagi."
)
# Limits on job starts per account (reporting.jobs.queue.job_start).
JOB_TOO_MANY_QUEUED = (
    "Akun ini sudah punya {count} pekerjaan latar yang menunggu atau berjalan (paling banyak {limit}). "
    "Tunggu salah satunya selesai, lalu coba lagi."
)
JOB_RATE_LIMITED = (
    "Akun ini sudah memulai {limit} pekerjaan latar dalam satu jam terakhir (batasnya {limit} per jam). "
    "Coba lagi setelah pukul {time} WIB."
)
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

# --- API tokens (reporting.accounts.services.api_tokens) -------------------------------------------
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

# --- Cetak PDF as a job, kegiatan caps, the sent version for other readers (issue 24.1, 24.6) ----------
REPORT_PDF_DONE = "PDF laporan {region} · {urusan} · {period} siap: {pages} halaman."
REPORT_PDF_NOT_ALLOWED = "Akun ini tidak lagi berhak membaca laporan ini."
PDF_JOBS_BUSY = (
    "Anda masih menunggu {count} cetakan PDF yang sedang disiapkan (paling banyak {limit} sekaligus). Tunggu "
    "sampai salah satunya selesai, lalu cetak lagi."
)
PDF_TOO_MANY_PAGES = (
    "Cetakan ini akan lebih dari {limit} halaman, batas satu cetakan PDF, sehingga tidak dibuat. Unduh "
    "laporannya sebagai Excel, atau persingkat isian yang sangat panjang (kegiatan, permasalahan) lalu cetak lagi."
)
PDF_TOO_LARGE = (
    "Isi laporan ini terlalu panjang untuk dicetak sebagai PDF (lebih dari {limit} halaman). Unduh laporannya "
    "sebagai Excel, atau persingkat isian yang sangat panjang (kegiatan, permasalahan) lalu cetak lagi."
)
KEGIATAN_CAP_SERVICE = (
    "Jenis pelayanan “{service}” sudah memuat {limit} sub kegiatan, batas per jenis pelayanan. Gabungkan sub "
    "kegiatan yang sejenis atau hapus yang tidak dipakai."
)
KEGIATAN_CAP_REPORT = (
    "Laporan ini sudah memuat {limit} sub kegiatan, batas per laporan. Gabungkan sub kegiatan yang sejenis "
    "atau hapus yang tidak dipakai."
)
KEGIATAN_CAP_IMPORT_SERVICE = (
    "Lembar “{sheet}”: jenis pelayanan “{service}” akan memuat {count} sub kegiatan, lebih dari batas "
    "{limit} per jenis pelayanan. Tidak ada yang disimpan."
)
KEGIATAN_CAP_IMPORT_REPORT = (
    "Lembar “{sheet}”: laporan akan memuat {count} sub kegiatan, lebih dari batas {limit} per laporan. Tidak "
    "ada yang disimpan."
)
SENT_VERSION_SHOWN = (
    "Laporan ini dikembalikan dan sedang diperbaiki oleh pemda. Yang tampil di sini (juga di Excel, PDF dan "
    "API) adalah versi terakhir yang dikirim pada {sent_at}; perbaikan tampil setelah dikirim lagi."
)
# --- Issue 24 (accounts, tokens, uploads, forum, rate limits) ------------------------------------------------
PASSWORD_APP_WORD_USED = "Password tidak boleh memuat nama aplikasi atau instansi (%(word)s)."
PASSWORD_PREVIOUS_USED = (
    "Password ini pernah Anda pakai (termasuk password sekali pakai yang dibagikan). Pilih password yang belum "
    "pernah dipakai."
)
PASSWORD_PATTERN = (
    "Password ini berupa pola yang mudah ditebak (%(pattern)s): huruf yang diulang, bagian yang diketik dua kali "
    "atau urutan seperti 12345 dan qwerty."
)
PASSWORD_PREVIOUS_HELP = _("Password baru tidak boleh sama dengan password yang pernah dipakai akun ini.")
PASSWORD_PATTERN_HELP = _("Password tidak boleh berupa pola seperti aaaa, bagian yang diulang, 12345 atau qwerty.")
OPERATOR_USERNAME_RESERVED = (
    "Nama pengguna ini tidak dapat dipakai: kode wilayah dan nama yang mirip akun kementerian, moderator atau "
    "admin (%(word)s) disediakan. Pilih nama lain, misalnya nama dinas."
)
ACCOUNT_RIGHTS_EXCEEDED = (
    "Anda tidak dapat mengubah, mereset atau menonaktifkan akun yang hak aksesnya lebih tinggi dari akun Anda "
    "sendiri (misalnya superuser)."
)
ACCOUNT_GRANT_EXCEEDED = "Anda tidak dapat memberikan peran atau hak akses yang lebih tinggi dari milik Anda sendiri."
API_AUTH_FAILURES_LIMITED = (
    "Terlalu banyak token yang salah dari alamat ini. Coba lagi setelah {seconds} detik dengan token yang benar."
)
PASSWORD_RESET_EMAIL_UNAVAILABLE = (
    "Akun pemda dan operator tidak dapat mereset password lewat e-mail. Hubungi admin kementerian (untuk akun "
    "pemda) atau akun pemda Anda (untuk operator) agar diberi password sekali pakai baru."
)
# Why an upload is refused (core.uploads.content_problem gives the key).
UPLOAD_REFUSED = {
    "unsound": (
        "Isi berkas rusak atau tidak sesuai jenisnya. Unggah berkas asli (misalnya PDF hasil cetak/simpan "
        "sebagai PDF)."
    ),
    "pdf_script": "PDF ini memuat skrip (JavaScript) yang dapat berjalan saat dibuka. Cetak ulang sebagai PDF biasa.",
    "pdf_xfa": (
        "PDF ini berupa formulir XFA yang dapat menjalankan skrip. Cetak ulang sebagai PDF biasa (Print → Save as "
        "PDF), lalu unggah lagi."
    ),
    "pdf_embedded_file": "PDF ini membawa berkas sisipan (lampiran di dalam PDF). Unggah berkas-berkasnya terpisah.",
    "pdf_external_action": (
        "PDF ini memuat tindakan yang membuka program atau berkas lain (Launch, GoToR, GoToE). Cetak ulang sebagai "
        "PDF biasa."
    ),
    "pdf_uri": (
        "PDF ini memuat tautan yang menjalankan skrip atau membuka berkas di komputer lain (javascript:, file:, "
        "alamat jaringan). Hanya tautan http, https dan mailto yang diterima."
    ),
    "pdf_form_submit": "PDF ini memuat formulir yang mengirim atau mengambil data. Cetak ulang sebagai PDF biasa.",
    "office_macro": (
        "Dokumen ini memuat makro (VBA) atau kontrol ActiveX, misalnya .xlsm atau .docm yang diberi nama .xlsx/.docx. "
        "Simpan ulang sebagai dokumen tanpa makro (.xlsx, .docx, .pptx), lalu unggah lagi."
    ),
    "docx_remote_template": (
        "Dokumen Word ini memakai templat dari luar berkas (templat jarak jauh) yang diambil saat dibuka. Simpan "
        "ulang dokumen tanpa templat terlampir, lalu unggah lagi."
    ),
    "office_external": (
        "Dokumen ini memuat isi yang diambil dari luar berkas saat dibuka (objek tertaut atau bingkai jarak jauh). "
        "Simpan ulang tanpa tautan ke berkas lain, lalu unggah lagi."
    ),
    "xlsx_external_link": (
        "Workbook ini memuat tautan ke workbook atau sumber data lain (external links, koneksi data). Putuskan "
        "tautannya (Data → Edit Links → Break Link), lalu unggah lagi."
    ),
    "docx_live_field": (
        "Dokumen Word ini memuat field yang menjalankan program atau mengambil isi dari luar berkas (DDE, DDEAUTO, "
        "INCLUDETEXT, INCLUDEPICTURE, LINK). Hapus field itu (Ctrl+Shift+F9 mengubahnya jadi teks biasa), lalu "
        "unggah lagi."
    ),
    "xlsx_live_formula": (
        "Workbook ini memuat rumus yang menjalankan program atau membuka alamat jaringan (DDE, \\\\server, "
        "WEBSERVICE). Ganti rumus itu dengan nilainya, lalu unggah lagi."
    ),
}
# --- Phone, error summary, the check before Kirim, closed quarters, notifications (issue 25) ----------
# The error summary at the top of a form that was refused (templates/includes/error_summary.html).
ERROR_SUMMARY_TITLE = "Ada isian yang perlu diperbaiki"
ERROR_SUMMARY_INTRO = "Data belum disimpan. Pilih tautan untuk menuju isiannya; nilai yang Anda ketik tetap ada."
# Kirim: the check step (reporting.views.submit_check) and the service (report_submit).
INCOMPLETE_REASON_REQUIRED = (
    "Masih ada isian capaian yang kosong. Tulis alasan laporan dikirim belum lengkap; pemeriksa akan membacanya."
)
INCOMPLETE_SUBMIT_FORBIDDEN = (
    "Kementerian menetapkan bahwa laporan hanya dapat dikirim bila semua isian capaian terisi. "
    "Lengkapi isian yang masih kosong di tab A."
)
INCOMPLETE_REASON_TOO_LONG = "Alasan paling banyak {limit} karakter."
INCOMPLETE_EVENT = "Laporan dikirim belum lengkap ({filled} dari {required} isian). Alasan: {reason}"
# Daftar bidang: why a quarter without a report cannot be filled (reporting.selectors.reports).
QUARTER_CLOSED = "Ditutup: batas input {closes_at} telah lewat"
QUARTER_NOT_OPEN = "Belum dibuka: pengisian mulai {opens_at}"
QUARTER_NO_REPORT = "Tidak ada laporan yang dibuat untuk triwulan ini."
REPORT_START_CLOSED = "Triwulan ini tidak dapat diisi lagi, sehingga tidak ada laporan baru yang dibuat."
# Notifications.
NOTIFICATION_NOT_FOUND = "Notifikasi tidak ditemukan."
FORUM_ABUSE_TEXT = "Tulisan \u201c{subject}\u201d di forum dilaporkan ({reason}). Laporan terbuka: {open_count}."
FORUM_ABUSE_SUBJECT = "Laporan penyalahgunaan forum baru"
# A table that keeps its columns on a phone says it scrolls (portal.js writes it above the table).
TABLE_SCROLL_HINT = "Geser tabel ke samping untuk melihat semua kolom \u2192"

# --- Evaluasi capaian per pemda (reporting.selectors.evaluation, services.evaluation) ----------------
EVALUATION_NO_PERIOD = "Belum ada periode pelaporan untuk dievaluasi."
EVALUATION_NOT_ALLOWED = "Evaluasi seluruh pemda hanya dapat dibuat oleh kementerian."
EVALUATION_PERIOD_GONE = "Periode yang diminta tidak ada lagi. Pilih periode lain lalu buat ulang."
EVALUATION_ZIP_DONE = "Evaluasi capaian {period} selesai: {count} pemda, satu PDF per pemda dalam satu berkas zip."

# A form submitted again after its first submission was saved (the answer was lost): reporting.services.idempotency
SUBMISSION_ALREADY_SAVED = (
    "Perubahan Anda sebelumnya sudah tersimpan. Kiriman yang sama tidak disimpan dua kali; periksa isiannya di bawah."
)
