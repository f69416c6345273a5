"""Accounts: login and logout, the lockout (django-axes), the password rules and history, operators, the
integration API's tokens, role groups, and the admin's "Akun" and "Keamanan login" screens.

A Django app of its own (label ``accounts``) nested in ``reporting``, because the project's top level is fixed.
It owns ``ApiToken`` and ``PasswordHistory``; their tables keep the names ``reporting`` gave them (migration
``0001`` moved them by state only, ``0002`` moved their content types, so permissions and admin history stay).

``User`` and ``Role`` stay in ``reporting.models`` (``AUTH_USER_MODEL = "reporting.User"``). Django does not
support changing ``AUTH_USER_MODEL`` once tables exist ("Changing to a custom user model mid-project" in its
documentation, ticket #25313), and a trial here (``User`` moved into this app with ``db_table =
"reporting_user"``, ``AUTH_USER_MODEL = "accounts.User"``) failed on every kind of database:

- migrated by the previous code: ``InconsistentMigrationHistory`` ("admin.0001_initial is applied before its
  dependency accounts.0001..."): Django's admin, Wagtail, machina and forum_abuse depend on
  ``swappable_dependency(AUTH_USER_MODEL)``, which then means this app's first migration;
- already holding this app's 0001: no state renders ("ApiToken.created_by was declared with a lazy reference
  to 'accounts.user', but app 'accounts' doesn't provide model 'user'");
- new: "Related model 'accounts.user' cannot be resolved" in ``reporting.0001``, whose models point at the
  user, while the user points at ``Region`` and ``Urusan`` made by ``reporting``'s migrations: a cycle.

Each would need hand edits of ``django_migrations`` on every deployed database. So everything else about
accounts lives here and imports ``User`` and ``Role`` from ``reporting.models``.
"""
