"""Routes of dashboards, monitoring and Excel (owned by the monitoring work)."""

urlpatterns = []
