"""Wagtail admin for reporting, one module per area (accounts and the login records: reporting.accounts)."""

from . import catalogue, quality, reminders, reports  # noqa: F401 -- registering is the import's side effect
