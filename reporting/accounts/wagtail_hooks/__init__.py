"""Wagtail admin for accounts: "Akun" (accounts, the password reset, the pemda account list) and
"Keamanan login" (django-axes' records, lifting a lock)."""

from . import accounts, lockout  # noqa: F401 -- registering is the import's side effect
