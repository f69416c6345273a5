"""Wagtail admin for reporting, one module per area."""

from . import accounts, catalogue, lockout, quality, reminders, reports  # noqa: F401 -- registering is the import's side effect
