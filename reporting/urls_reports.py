"""Routes of the quarterly report (owned by the reporting work)."""

urlpatterns = []
