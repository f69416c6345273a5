"""Routes of the quarterly report (owned by the reporting work); spliced into the ``reporting`` namespace."""

from django.urls import path

from reporting.views import documents, printouts, reports, versions

urlpatterns = [
    path("bidang/", reports.bidang_list, name="bidang_list"),
    path("kabkota/", reports.kabkota_list, name="kabkota_list"),
    path(
        "laporan/buka/<str:login_code>/<int:urusan_id>/<int:year>/<int:quarter>/",
        reports.report_open,
        name="report_open",
    ),
    path("laporan/<int:pk>/", reports.report_capaian, name="report_detail"),
    path("laporan/<int:pk>/capaian/", reports.report_capaian, name="report_capaian"),
    path("laporan/<int:pk>/kegiatan/", reports.report_kegiatan, name="report_kegiatan"),
    path("laporan/<int:pk>/permasalahan/", reports.report_permasalahan, name="report_permasalahan"),
    path("laporan/<int:pk>/berkas/<int:file_pk>/", reports.supporting_file_download, name="report_file"),
    path("laporan/<int:pk>/kirim/", reports.report_submit, name="report_submit"),
    path("laporan/<int:pk>/versi/", versions.report_versions, name="report_versions"),
    path("laporan/<int:pk>/terima/", reports.report_accept, name="report_accept"),
    path("laporan/<int:pk>/kembalikan/", reports.report_return, name="report_return"),
    path("laporan/<int:pk>/pdf/", printouts.report_pdf, name="report_pdf"),
    path("laporan-tahunan/<int:year>/pdf/", printouts.annual_pdf, name="annual_pdf"),
    path("dokumen/", documents.documents_own, name="documents_own"),
    path("dokumen/<str:login_code>/", documents.documents, name="documents"),
    path("dokumen/<str:login_code>/<int:year>/<str:kind>/", documents.document_download, name="document_file"),
]
