"""Wagtail's users app with the portal's viewsets: accounts are edited in one screen, "Akun"
(reporting/accounts/wagtail_hooks/accounts.py), and Wagtail's own users screens lead there."""

from wagtail.users.apps import WagtailUsersAppConfig


class WagtailUsersConfig(WagtailUsersAppConfig):
    user_viewset = "reporting.accounts.wagtail_hooks.accounts.UsersToAccountsViewSet"
    group_viewset = "reporting.accounts.wagtail_hooks.accounts.GroupViewSet"
