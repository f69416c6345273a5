"""Every route of the reporting app, in the ``reporting`` namespace under ``/pelaporan/``."""

from django.urls import path

from reporting.accounts import views as accounts
from reporting.views import (
    dashboard,
    documents,
    evaluation,
    excel,
    jobs,
    monitoring,
    notifications,
    printouts,
    public,
    quality,
    report_capaian,
    report_files,
    report_kegiatan,
    report_lists,
    report_permasalahan,
    report_start,
    report_workflow,
    submit_check,
    versions,
)

app_name = "reporting"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    # The accounts app's page, kept in this namespace: templates and tests reverse "reporting:operator_list".
    path("operator/", accounts.operator_list, name="operator_list"),
    path("notifikasi/", notifications.notification_list_page, name="notification_list"),
    path("notifikasi/<int:pk>/", notifications.notification_open, name="notification_open"),
    path("notifikasi/baca/", notifications.notification_mark_read, name="notification_mark_read"),
    path("notifikasi/pilihan/", notifications.notification_preferences, name="notification_preferences"),
    # The quarterly report
    path("bidang/", report_lists.bidang_list, name="bidang_list"),
    path("kabkota/", report_lists.kabkota_list, name="kabkota_list"),
    path(
        "laporan/buka/<str:login_code>/<int:urusan_id>/<int:year>/<int:quarter>/",
        report_start.report_open,
        name="report_open",
    ),
    path("laporan/<int:pk>/", report_capaian.report_capaian, name="report_detail"),
    path("laporan/<int:pk>/capaian/", report_capaian.report_capaian, name="report_capaian"),
    path("laporan/<int:pk>/kegiatan/", report_kegiatan.report_kegiatan, name="report_kegiatan"),
    path("laporan/<int:pk>/permasalahan/", report_permasalahan.report_permasalahan, name="report_permasalahan"),
    path("laporan/<int:pk>/berkas/<int:file_pk>/", report_files.supporting_file_download, name="report_file"),
    path("laporan/<int:pk>/kirim/", submit_check.report_submit, name="report_submit"),
    path("laporan/<int:pk>/versi/", versions.report_versions, name="report_versions"),
    path("laporan/<int:pk>/terima/", report_workflow.report_accept, name="report_accept"),
    path("laporan/<int:pk>/kembalikan/", report_workflow.report_return, name="report_return"),
    path("laporan/<int:pk>/pdf/", printouts.report_pdf, name="report_pdf"),
    path("laporan-tahunan/<int:year>/pdf/", printouts.annual_pdf, name="annual_pdf"),
    path("dokumen/", documents.documents_own, name="documents_own"),
    path("dokumen/<str:login_code>/", documents.documents, name="documents"),
    path("dokumen/<str:login_code>/<int:year>/<str:kind>/", documents.document_download, name="document_file"),
    # Monitoring, Excel, background jobs and the public figures
    path("monitoring/provinsi/", monitoring.province_monitoring, name="monitoring_province_own"),
    path("monitoring/provinsi/<str:code>/", monitoring.province_monitoring, name="monitoring_province"),
    path("monitoring/nasional/", monitoring.national_monitoring, name="monitoring_national"),
    path("evaluasi/", evaluation.evaluation_page, name="evaluation"),
    path("evaluasi/pdf/", evaluation.evaluation_pdf, name="evaluation_pdf"),
    path("evaluasi/semua/", evaluation.evaluation_all, name="evaluation_all"),
    path("monitoring/peringatan/", quality.warning_monitoring, name="warning_monitoring"),
    path("excel/laporan/<int:pk>/", excel.report_export, name="excel_report"),
    path("excel/laporan/<int:pk>/templat/", excel.report_template, name="excel_template"),
    path("excel/laporan/<int:pk>/impor/", excel.report_import, name="excel_import"),
    path("excel/tahun/<int:year>/", excel.year_export, name="excel_year"),
    path("excel/rekap/<int:year>/<int:quarter>/", excel.recap_export, name="excel_recap"),
    path("pekerjaan/<int:pk>/", jobs.job_detail, name="job_detail"),
    path("pekerjaan/<int:pk>/status/", jobs.job_status, name="job_status"),
    path("pekerjaan/<int:pk>/unduh/", jobs.job_download, name="job_download"),
    path("data-capaian/", public.public_figures, name="public_figures"),
    path("data-capaian.csv", public.public_figures_csv, name="public_figures_csv"),
    path("data-capaian.json", public.public_figures_json, name="public_figures_json"),
]
