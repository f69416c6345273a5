"""`manage.py check --deploy` warns when TRUSTED_PROXY_COUNT and the traffic disagree (issue 24, item 7).

With 0 behind HAProxy, every visitor shares the balancer's address (31 failed logins locked everybody out);
with 1 and gunicorn reachable without the balancer, an attacker picks the address the lockout counts. The
production settings run core.proxy_traffic.ProxyTrafficMiddleware, which samples the requests into the
shared cache; the deploy check compares the sample with the setting."""

import pytest

from django.core.checks import run_checks
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from core import proxy_traffic
from core.checks import check_proxy_traffic

BALANCER = "10.0.0.7"


@pytest.fixture(autouse=True)
def empty_sample(settings):
    settings.PROXY_TRAFFIC_FLUSH_SECONDS = 0  # every request reaches the shared sample at once
    proxy_traffic.reset()
    yield
    proxy_traffic.reset()


def arrive(path="/", peer=BALANCER, forwarded_for=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    request = RequestFactory().get(path, REMOTE_ADDR=peer, **headers)
    return proxy_traffic.ProxyTrafficMiddleware(lambda request: HttpResponse("ok"))(request)


def warnings():
    return {message.id: message.msg for message in check_proxy_traffic()}


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_setting_0_behind_a_balancer_that_sets_the_header_warns_w010():
    arrive(forwarded_for="203.0.113.9")
    found = warnings()
    assert set(found) == {"core.W010"} and BALANCER in found["core.W010"]


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_setting_1_with_requests_from_the_balancer_address_without_the_header_warns_w011():
    arrive(forwarded_for="203.0.113.9")
    arrive(peer=BALANCER)  # the balancer does not set it, or someone on its address reaches gunicorn directly
    found = warnings()
    assert set(found) == {"core.W011"} and f"{BALANCER} (1)" in found["core.W011"]


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_setting_1_with_a_client_reaching_the_app_host_directly_warns_w011():
    arrive(forwarded_for="203.0.113.9")
    arrive(peer="198.51.100.23")  # gunicorn reachable from the internet
    assert "198.51.100.23 (1)" in warnings()["core.W011"]


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_traffic_that_matches_the_setting_gives_no_warning_and_health_checks_are_not_counted():
    for client in ("203.0.113.9", "203.0.113.10", "198.51.100.1"):
        arrive(forwarded_for=client)
    arrive("/healthz", peer=BALANCER)  # HAProxy's checks carry no X-Forwarded-For
    assert warnings() == {}
    assert proxy_traffic.sample() == {BALANCER: [3, 0]}


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_setting_0_with_direct_clients_only_gives_no_warning():
    arrive(peer="203.0.113.9")
    arrive(peer="198.51.100.1")
    assert warnings() == {}


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_the_warning_is_part_of_check_deploy():
    arrive(peer=BALANCER)
    ids = {message.id for message in run_checks(include_deployment_checks=True)}
    assert "core.W011" in ids
    proxy_traffic.reset()
    assert "core.W011" not in {message.id for message in run_checks(include_deployment_checks=True)}


def test_the_sample_keeps_a_bounded_number_of_addresses(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(proxy_traffic.MAX_ADDRESSES + 15):
        arrive(peer=f"198.51.100.{n}")
    assert len(proxy_traffic.sample()) == proxy_traffic.MAX_ADDRESSES
