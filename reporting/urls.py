from django.urls import path

from reporting import urls_monitoring, urls_reports
from reporting.views import accounts, dashboard, notifications

app_name = "reporting"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("operator/", accounts.operator_list, name="operator_list"),
    path("notifikasi/", notifications.notification_list_page, name="notification_list"),
    path("notifikasi/baca/", notifications.notification_mark_read, name="notification_mark_read"),
    path("notifikasi/pilihan/", notifications.notification_preferences, name="notification_preferences"),
    *urls_reports.urlpatterns,
    *urls_monitoring.urlpatterns,
]
