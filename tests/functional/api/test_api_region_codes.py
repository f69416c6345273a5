"""Region codes in the API: the registry's dotted code is canonical, the login code is accepted everywhere."""

import pytest

from reporting.models import Region, RegionCodeChange, Urusan
from tests import factories

from .conftest import YEAR, Api, issue

pytestmark = pytest.mark.django_db


def test_laporan_filters_by_either_region_code_and_answers_the_dotted_one(pemda_api, api_world):
    kab_a, kab_b = api_world["kab_a"], api_world["kab_b"]
    pemda_api.post("/laporan", {"urusan_id": Urusan.objects.first().pk, "year": YEAR, "quarter": 1})
    assert (kab_a.code, kab_a.login_code) == ("11.01", "1101")

    for code in (kab_a.code, kab_a.login_code):
        items = pemda_api.get("/laporan", region=code).json()["items"]
        assert [item["region_code"] for item in items] == ["11.01"]
    assert pemda_api.get("/laporan", region=kab_b.login_code).json()["count"] == 0
    assert pemda_api.get("/laporan", region="9999").json()["count"] == 0


def test_wilayah_filters_by_either_province_code_and_answers_dotted_codes(ministry_api, api_world):
    province = api_world["province"]
    assert (province.code, province.login_code) == ("11", "1100")

    for code in (province.code, province.login_code):
        items = ministry_api.get("/wilayah", province=code).json()["items"]
        assert [(item["code"], item["login_code"], item["province_code"]) for item in items] == [
            ("11.01", "1101", "11"),
            ("11.02", "1102", "11"),
        ]


def test_province_monitoring_opens_by_either_code_and_answers_dotted_codes(ministry_api, api_world):
    province = api_world["province"]
    answers = [
        ministry_api.get(f"/monitoring/provinsi/{code}", year=YEAR, quarter=1)
        for code in (province.code, province.login_code)
    ]
    assert [answer.status_code for answer in answers] == [200, 200]
    assert answers[0].json() == answers[1].json()
    assert [row["region_code"] for row in answers[0].json()["items"]] == ["11.01", "11.02"]
    # A kab/kota's login code names no province.
    assert (
        ministry_api.get(f"/monitoring/provinsi/{api_world['kab_a'].login_code}", year=YEAR, quarter=1).status_code
        == 404
    )


def test_a_pemda_cannot_read_another_province_by_its_login_code(client, api_world):
    other = factories.ProvinceFactory(code="63")
    api = Api(client, issue(api_world["pemda_p"]))
    assert api.get(f"/monitoring/provinsi/{other.login_code}", year=YEAR, quarter=1).status_code == 404
    assert api.get(f"/monitoring/provinsi/{api_world['province'].login_code}", year=YEAR, quarter=1).status_code == 200


def test_the_openapi_document_names_the_canonical_code_and_the_accepted_login_code(client):
    schema = client.get("/api/v1/openapi.json").json()
    parameters = {
        (path, parameter["name"]): parameter.get("description", "")
        for path, methods in schema["paths"].items()
        for method in methods.values()
        for parameter in method.get("parameters", [])
    }
    for key in (
        ("/api/v1/laporan", "region"),
        ("/api/v1/wilayah", "province"),
        ("/api/v1/monitoring/provinsi/{province_code}", "province_code"),
    ):
        assert "bentuk baku" in parameters[key] and "kode login" in parameters[key], key
    assert "kode login pemda" in schema["info"]["description"]


def test_an_old_login_code_names_the_region_that_carries_it_now(pemda_api, ministry_api, api_world):
    kab_a = api_world["kab_a"]
    RegionCodeChange.objects.create(old_login_code="9101", region=kab_a, note="Pemekaran: kode lama")
    RegionCodeChange.objects.create(old_login_code="9102", region=kab_a)  # a second old code: still one row
    pemda_api.post("/laporan", {"urusan_id": Urusan.objects.first().pk, "year": YEAR, "quarter": 1})

    items = pemda_api.get("/laporan", region="9101").json()["items"]
    assert [item["region_code"] for item in items] == ["11.01"]  # answered with today's code
    assert pemda_api.get("/laporan", region=kab_a.code).json()["count"] == 1
    assert ministry_api.get("/wilayah", province="9101").json()["count"] == 0  # a kab/kota is no province
    assert list(Region.objects.with_code("9101")) == list(Region.objects.with_code("11.01")) == [kab_a]
