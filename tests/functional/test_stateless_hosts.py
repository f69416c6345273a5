"""Stateless app hosts: ``check --deploy`` fails while a storage is a local folder or a cache is not shared,
and machina's attachment cache is the shared cache, never a file cache under the code folder."""

import pytest

from django.core.management import call_command
from django.core.management.base import SystemCheckError

from core.checks import check_caches_are_shared, check_storages_are_shared
from tests import s3

REDIS = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/15"}


def test_local_folders_fail_the_deploy_check_and_a_bucket_passes(s3_server):
    assert {error.id for error in check_storages_are_shared()} == {"core.E001"}
    assert len(check_storages_are_shared()) == 2  # media and private files
    with s3.use_bucket(s3_server, "unused"):
        assert check_storages_are_shared() == []


@pytest.mark.parametrize("backend", ["locmem.LocMemCache", "filebased.FileBasedCache", "dummy.DummyCache"])
def test_an_unshared_cache_fails_the_deploy_check(settings, backend):
    settings.CACHES = {"default": REDIS, "machina_attachments": {"BACKEND": f"django.core.cache.backends.{backend}"}}
    errors = check_caches_are_shared()
    assert [error.id for error in errors] == ["core.E002"] and "machina_attachments" in errors[0].msg


def test_redis_caches_pass_the_deploy_check(settings):
    settings.CACHES = {"default": REDIS, "machina_attachments": {**REDIS, "KEY_PREFIX": "machina_attachments"}}
    assert check_caches_are_shared() == []


def test_manage_py_check_deploy_names_the_failing_parts():
    with pytest.raises(SystemCheckError) as raised:
        call_command("check", "--deploy", "--fail-level", "ERROR")
    assert "core.E001" in str(raised.value) and "core.E002" in str(raised.value)


def test_machina_attachment_cache_is_the_shared_cache_with_its_own_prefix(monkeypatch):
    import importlib

    import portal.settings.base as base

    monkeypatch.setenv("CACHE_URL", "redis://cache.internal:6379/1")
    try:
        reloaded = importlib.reload(base)
        attachments = reloaded.CACHES["machina_attachments"]
        assert attachments["BACKEND"] == "core.cache.FailOpenRedisCache"
        assert attachments["LOCATION"] == reloaded.CACHES["default"]["LOCATION"]
        assert attachments["KEY_PREFIX"] == "machina_attachments"
    finally:
        monkeypatch.delenv("CACHE_URL")
        importlib.reload(base)
