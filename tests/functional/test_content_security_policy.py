"""The portal's pages forbid inline script (a stored XSS cannot run); only the Wagtail admin and the API docs,
whose vendors write inline scripts, keep 'unsafe-inline' for scripts."""

import re
from pathlib import Path

import pytest

from django.conf import settings

from core.middleware import content_security_policy

TEMPLATES = Path(settings.BASE_DIR) / "templates"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=\s*[\"']", re.IGNORECASE)


def _script_src(policy: str) -> str:
    return next(part for part in policy.split(";") if part.strip().startswith("script-src")).strip()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/login/", "/pelaporan/data-capaian/", "/forum/"])
def test_portal_pages_allow_only_their_own_scripts(client, path):
    response = client.get(path)
    assert _script_src(response["Content-Security-Policy"]) == "script-src 'self'"


@pytest.mark.django_db
def test_the_reporting_pages_of_a_logged_in_pemda_forbid_inline_script(client):
    from tests import factories

    client.force_login(factories.PemdaUserFactory())
    response = client.get("/pelaporan/")
    assert response.status_code == 200
    assert "'unsafe-inline'" not in _script_src(response["Content-Security-Policy"])


@pytest.mark.parametrize("path", ["/admin/", "/admin/login/", "/_util/login/", "/api/v1/docs"])
def test_the_wagtail_admin_and_the_api_docs_keep_inline_scripts(path):
    assert "'unsafe-inline'" in _script_src(content_security_policy(path))


def test_no_project_template_holds_an_inline_script_or_an_event_handler():
    """Moving a script into a template would break under the policy: keep them in static/js/."""
    offenders = []
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        if INLINE_SCRIPT.search(text) or EVENT_HANDLER.search(text):
            offenders.append(str(template.relative_to(TEMPLATES)))
    assert not offenders, offenders
