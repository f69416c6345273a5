"""Routes of dashboards, monitoring, Excel and the public figures (owned by the monitoring work)."""

from django.urls import path

from reporting.views import excel, jobs, monitoring, public, quality

urlpatterns = [
    path("monitoring/provinsi/", monitoring.province_monitoring, name="monitoring_province_own"),
    path("monitoring/provinsi/<str:code>/", monitoring.province_monitoring, name="monitoring_province"),
    path("monitoring/nasional/", monitoring.national_monitoring, name="monitoring_national"),
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
