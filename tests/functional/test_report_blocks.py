"""Blocks of a tab kept in the cache under what they are drawn from (``fragments.blocks_render``, tab A's
table of each service): drawn once per content, never shown for other content."""

import re

import pytest

from django.core.cache import cache
from django.template.backends.django import Template
from django.urls import reverse

from reporting.models import Report
from reporting.services import reports as svc
from reporting.views.fragments import blocks_render
from tests import factories

TABLE = "components/capaian_table.html"
RANDOM = re.compile(r'name="(csrfmiddlewaretoken|submission_key)" value="[^"]*"')


@pytest.fixture
def report(kabkota):
    return factories.report_with_catalogue(kabkota, services=3, mutu=2)


def _content(value: str) -> dict:
    cell = {"name": "entry-1-terlayani", "label": "Jumlah", "value": value, "error": "", "role": "met"}
    line = {"kind": "penerima", "heading": "Jumlah warga", "number": None, "context_label": "Layanan", "belum": "-"}
    return {
        "number": 1,
        "service": "Layanan",
        "editable": True,
        "lines": [{**line, "cells": (cell, cell), "percent": "-"}],
    }


def _drawn(monkeypatch) -> list:
    drawn = []
    original = Template.render

    def render(self, context=None, request=None):
        drawn.append(context)
        return original(self, context, request)

    monkeypatch.setattr(Template, "render", render)
    return drawn


def test_a_block_is_drawn_once_per_content_and_each_content_gets_its_own(db, monkeypatch):
    drawn = _drawn(monkeypatch)
    first = blocks_render(TABLE, [_content("1.200"), _content("7")])
    assert len(drawn) == 2 and 'value="1.200"' in first[0] and 'value="7"' in first[1]
    again = blocks_render(TABLE, [_content("7"), _content("1.200"), _content("8")])
    assert again[:2] == [first[1], first[0]]
    assert len(drawn) == 3 and 'value="8"' in again[2]  # only the new content is drawn


def test_tab_a_after_a_save_is_the_page_an_empty_cache_draws(client, pemda_user, report):
    """The services a save left alone come from the cache, the one it changed is drawn anew: the page is
    the same as one drawn with nothing cached."""
    client.force_login(pemda_user)
    url = reverse("reporting:report_capaian", kwargs={"pk": report.pk})
    assert client.get(url).status_code == 200  # every table in the cache
    entry = report.entries.order_by("order").first()
    version = Report.objects.get(pk=report.pk).version
    data = {"version": version, f"entry-{entry.pk}-harus_dilayani": "1.200", f"entry-{entry.pk}-terlayani": "900"}
    assert client.post(url, data).status_code == 302

    def tab() -> str:
        page = client.get(url, {"ubah": "0"}).content.decode()  # drawn anew, not kept as a whole
        page = page.split("<h2>A. Capaian SPM</h2>", 1)[1].split('<section class="card workflow"', 1)[0]
        return RANDOM.sub("", page)  # the CSRF token and the submission key

    after_save = tab()
    assert 'value="1.200"' in after_save and "75,00 %" in after_save
    cache.clear()
    assert tab() == after_save


def test_a_read_only_viewer_gets_its_own_tables(client, pemda_user, report):
    client.force_login(pemda_user)
    url = reverse("reporting:report_capaian", kwargs={"pk": report.pk})
    assert 'class="num figure' in client.get(url).content.decode()
    svc.report_submit(report=Report.objects.get(pk=report.pk), user=pemda_user)
    page = client.get(url).content.decode()
    assert 'class="num figure' not in page and 'data-role="target" data-value=""' in page
