from django.urls import path

from reporting import urls_monitoring, urls_reports
from reporting.views import accounts, dashboard

app_name = "reporting"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("operator/", accounts.operator_list, name="operator_list"),
    *urls_reports.urlpatterns,
    *urls_monitoring.urlpatterns,
]
