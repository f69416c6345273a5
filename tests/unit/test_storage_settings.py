"""STORAGE_URL and the AWS_* variables become STORAGES: a bucket with media/ and private/, or local folders."""

import pytest

from core.storage_settings import s3_options, s3_options_from_url, storages_setting


def test_minio_url_gives_endpoint_keys_bucket_and_region():
    assert s3_options_from_url("s3+http://KEY:S%2FCRET@minio:9000/spm?region=us-east-1") == {
        "bucket_name": "spm",
        "endpoint_url": "http://minio:9000",
        "access_key": "KEY",
        "secret_key": "S/CRET",
        "region_name": "us-east-1",
    }


def test_url_without_host_uses_the_aws_endpoint_and_s3_means_https():
    assert s3_options_from_url("s3://K:S@/spm")["endpoint_url"] is None
    assert s3_options_from_url("s3://K:S@rgw.example.go.id/spm")["endpoint_url"] == "https://rgw.example.go.id"


@pytest.mark.parametrize("url", ["http://minio:9000/spm", "s3://K:S@minio", "s3://K:S@minio/a/b"])
def test_url_without_scheme_or_one_bucket_is_refused(url):
    with pytest.raises(ValueError, match="STORAGE_URL"):
        s3_options_from_url(url)


def test_aws_variables_are_used_when_there_is_no_url_and_nothing_set_means_local():
    options = s3_options(bucket="spm", endpoint_url="http://127.0.0.1:9000", access_key="k", secret_key="s")
    assert options["bucket_name"] == "spm" and options["region_name"] is None
    assert s3_options() is None


def test_s3_storages_share_one_bucket_under_media_and_private_and_never_overwrite():
    setting = storages_setting(s3=s3_options(bucket="spm"), private_root="/unused")
    assert setting["default"]["OPTIONS"]["location"] == "media"
    assert setting["private"]["OPTIONS"]["location"] == "private"
    assert setting["default"]["BACKEND"] == "core.storage.PublicMediaStorage"
    assert not setting["private"]["OPTIONS"]["file_overwrite"]
    assert "endpoint_url" not in setting["private"]["OPTIONS"]  # unset values keep django-storages' defaults


def test_without_s3_both_storages_are_local_folders():
    setting = storages_setting(s3=None, private_root="/srv/spm/private_media")
    assert setting["private"]["OPTIONS"]["location"] == "/srv/spm/private_media"
    assert setting["default"]["BACKEND"].endswith("FileSystemStorage")
