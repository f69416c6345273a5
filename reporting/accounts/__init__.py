"""Accounts: login and logout, the lockout (django-axes), the password rules and history, operators, the
integration API's tokens, role groups, and the admin's "Akun" and "Keamanan login" screens.

A Django app of its own (label ``accounts``) nested in ``reporting``, because the project's top level is fixed.
It owns ``ApiToken`` and ``PasswordHistory``; their tables keep the names ``reporting`` gave them (migration
``0001`` moved them by state only, ``0002`` moved their content types, so permissions and admin history stay).

``User`` and ``Role`` stay in ``reporting.models`` (``AUTH_USER_MODEL = "reporting.User"``). Django does not
support changing ``AUTH_USER_MODEL`` once tables exist (its documentation on substituting the user model,
ticket #25313). Here that change would not even start on an existing database: 34 installed migrations
(Wagtail's, machina's, axes', Django's admin and auth) depend on ``swappable_dependency(AUTH_USER_MODEL)``,
which would then name this app's first migration; they are applied and it is not, so ``migrate`` stops
with ``InconsistentMigrationHistory`` before any operation, and a fresh database would need ``reporting``'s
first migration (which creates the user with its FKs to ``Region`` and ``Urusan``) to come after this app's.
Everything else about accounts lives here and imports ``User`` and ``Role`` from ``reporting.models``.
"""
