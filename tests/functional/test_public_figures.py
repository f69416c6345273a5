"""Public figures: open to everyone, accepted reports only, as HTML, CSV and JSON."""

import csv
import io
import json

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from reporting.models import ReportStatus
from tests import factories
from tests.integration.test_monitoring_selectors import build_world

PARAMS = {"tahun": 2026, "triwulan": 1}


@pytest.fixture
def world(db):
    return build_world()


def test_anonymous_sees_accepted_figures(client, world):
    response = client.get("/pelaporan/data-capaian/", PARAMS)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jawa Timur" in html and "62,78 %" in html
    assert "Jawa Barat" not in html  # Bogor's report is only submitted


def test_csv_download_matches_the_fixture(client, world):
    response = client.get("/pelaporan/data-capaian.csv", PARAMS)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["provinsi"], r["urusan"], r["laporan_diterima"], r["indeks"], r["serapan"]) for r in rows] == [
        ("Jawa Timur", "PENDIDIKAN", "1", "100.00", "50.00"),
        ("Jawa Timur", "KESEHATAN", "2", "62.78", "100.00"),
    ]


def test_json_download_matches_the_fixture(client, world):
    data = json.loads(client.get("/pelaporan/data-capaian.json", PARAMS).content)
    assert data["periode"] == {"tahun": 2026, "triwulan": 1}
    assert [(d["kode_provinsi"], d["urusan"], d["capaian_penerima"], d["pagu"]) for d in data["data"]] == [
        ("35", "PENDIDIKAN", "100.00", 500),
        ("35", "KESEHATAN", "62.50", 2000),
    ]


def test_a_draft_never_reaches_the_public(client, world):
    report = world["reports"]["surabaya_pend"]
    assert report.status == ReportStatus.DRAFT
    data = json.loads(client.get("/pelaporan/data-capaian.json", PARAMS).content)
    assert all(d["urusan"] != "PENDIDIKAN" or d["laporan_diterima"] == 1 for d in data["data"])


@pytest.mark.parametrize(
    "url", ["/pelaporan/data-capaian/", "/pelaporan/data-capaian.csv", "/pelaporan/data-capaian.json"]
)
def test_public_query_count_does_not_grow_with_data(client, world, url):
    client.get(url, PARAMS)  # the first visit also stores a session
    with CaptureQueriesContext(connection) as small:
        client.get(url, PARAMS)
    for n in range(6):
        region = factories.KabKotaFactory(code=f"32.{40 + n}", login_code=f"32{40 + n}", province=world["jabar"])
        factories.ReportFactory(
            region=region, urusan=world["kes"], period=world["period"], status=ReportStatus.ACCEPTED
        )
    with CaptureQueriesContext(connection) as large:
        client.get(url, PARAMS)
    assert len(large.captured_queries) == len(small.captured_queries)
