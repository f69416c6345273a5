"""schemathesis against the OpenAPI document: every operation, generated requests with a pemda token and a
ministry token, no server error, every answer as documented (status code, content type, body schema)."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    response_schema_conformance,
    status_code_conformance,
)

from django.core.handlers.wsgi import WSGIHandler

from reporting.accounts.models import ApiTokenKind
from reporting.models import Period, Urusan
from reporting.services import reports as report_services

from .conftest import YEAR, issue

EXAMPLES = 15
CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    ignored_auth,
]


@pytest.fixture
def keep_test_connection():
    """As Django's test client does: a raw WSGI request must not close the test's database connection
    (``close_old_connections`` at request end closes PostgreSQL's, inside the test's transaction)."""
    from django.core import signals
    from django.db import close_old_connections

    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.mark.django_db
def test_the_api_answers_as_its_openapi_document_says(api_world, settings, keep_test_connection):
    """Each operation in turn, with hypothesis driving schemathesis's strategies (its pytest plugin needs a
    newer pytest hook than ours); the database is the test's, so the WSGI app sees the reports made here."""
    settings.API_RATE_LIMIT_PER_MINUTE = 100_000
    period = Period.objects.get(year=YEAR, quarter=1)
    for urusan in Urusan.objects.all():  # reports to read and write
        report_services.report_get_or_create(region=api_world["kab_a"], urusan=urusan, period=period)
    tokens = [issue(api_world["pemda_a"]), issue(api_world["ministry"], kind=ApiTokenKind.MINISTRY)]
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 12

    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        def run(case):
            for secret in tokens:
                case.call_and_validate(headers={"Authorization": f"Bearer {secret}"}, checks=CHECKS)

        run()
