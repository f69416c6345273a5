"""The client address behind a trusted number of proxies (core.net.client_ip)."""

import pytest

from django.test import RequestFactory, override_settings

from core.net import client_ip


def _request(remote="10.0.0.7", forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_a_trusted_proxy_the_header_is_ignored():
    assert client_ip(_request(forwarded="203.0.113.9")) == "10.0.0.7"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_one_proxy_takes_the_rightmost_entry_not_what_the_client_wrote():
    assert client_ip(_request(forwarded="1.2.3.4, 203.0.113.9")) == "203.0.113.9"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_two_proxies_take_the_second_entry_from_the_right():
    assert client_ip(_request(forwarded="1.2.3.4, 203.0.113.9, 10.0.0.5")) == "203.0.113.9"


@override_settings(TRUSTED_PROXY_COUNT=1)
@pytest.mark.parametrize("forwarded", ["", "bukan-alamat", " , "])
def test_a_missing_or_garbled_header_falls_back_to_the_peer(forwarded):
    assert client_ip(_request(forwarded=forwarded)) == "10.0.0.7"


def test_no_request_has_no_address():
    assert client_ip(None) is None
