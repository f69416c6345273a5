"""Writes about accounts: ``accounts`` (pemda accounts, operators, resets, lockout lifting, what a change of an
account ends), ``api_tokens`` (the integration API's tokens) and ``roles`` (the admin's role groups)."""
