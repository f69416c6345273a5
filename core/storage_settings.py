"""The ``STORAGES`` setting, built from the environment that ``portal/settings/base.py`` reads.

Pure functions (no Django import): the settings module calls them, the unit tests check them. Two storages
share one bucket under two prefixes: ``media/`` (public: Wagtail images and documents) and ``private/``
(report files, forum attachments, job results; only permission-checked views read them). Without S3
settings both stay on the local file system, as ``make run`` and the tests want.
"""

from urllib.parse import parse_qs, unquote, urlsplit

from botocore.config import Config


def s3_client_config() -> Config:
    """django-storages' own default client settings, with short timeouts and one retry: a bucket that does not
    answer fails an upload or download within seconds (the Indonesian 503 page, core.middleware), instead of
    botocore's 60 s connect timeout times five attempts."""
    return Config(
        s3={"addressing_style": None},
        signature_version=None,
        proxies=None,
        connect_timeout=3,
        read_timeout=20,
        retries={"max_attempts": 2, "mode": "standard"},
    )


S3_SCHEMES = {"s3": "https", "s3+https": "https", "s3+http": "http"}


def s3_options_from_url(url: str) -> dict:
    """The S3 options a ``STORAGE_URL`` names.

    ``s3+http://KEY:SECRET@minio:9000/spm?region=us-east-1`` gives ``{"bucket_name": "spm",
    "endpoint_url": "http://minio:9000", "access_key": "KEY", "secret_key": "SECRET",
    "region_name": "us-east-1"}``; ``s3://KEY:SECRET@/spm`` (no host) uses AWS's own endpoint.
    Key and secret may be percent-encoded.
    """
    parts = urlsplit(url)
    if parts.scheme not in S3_SCHEMES:
        raise ValueError(f"STORAGE_URL must start with one of {sorted(S3_SCHEMES)}: {parts.scheme!r}")
    bucket = parts.path.strip("/")
    if not bucket or "/" in bucket:
        raise ValueError("STORAGE_URL must name exactly one bucket as its path, e.g. s3://key:secret@host/spm")
    host = parts.hostname
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    return {
        "bucket_name": bucket,
        "endpoint_url": f"{S3_SCHEMES[parts.scheme]}://{host}{f':{parts.port}' if parts.port else ''}"
        if host
        else None,
        "access_key": unquote(parts.username or "") or None,
        "secret_key": unquote(parts.password or "") or None,
        "region_name": query.get("region") or None,
    }


def s3_options(
    *,
    url: str = "",
    bucket: str = "",
    endpoint_url: str = "",
    access_key: str = "",
    secret_key: str = "",
    region: str = "",
) -> dict | None:
    """The S3 options from ``STORAGE_URL`` or else the ``AWS_*`` variables; None when neither names a bucket."""
    if url:
        return s3_options_from_url(url)
    if not bucket:
        return None
    return {
        "bucket_name": bucket,
        "endpoint_url": endpoint_url or None,
        "access_key": access_key or None,
        "secret_key": secret_key or None,
        "region_name": region or None,
    }


def storages_setting(*, s3: dict | None, private_root) -> dict:
    """``STORAGES`` for the bucket ``s3`` describes, or the two local folders when ``s3`` is None."""
    if s3 is None:
        return {
            # No location: it follows MEDIA_ROOT (settings overrides included).
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "private": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": private_root, "base_url": None},
            },
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
        }
    common = {
        **{key: value for key, value in s3.items() if value is not None},
        # Two uploads of "laporan.pdf" must both survive, as on the file system.
        "file_overwrite": False,
        # The bucket stays private: objects carry no ACL, public media is served through /media/.
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": 300,
        "client_config": s3_client_config(),
    }
    return {
        "default": {"BACKEND": "core.storage.PublicMediaStorage", "OPTIONS": {**common, "location": "media"}},
        "private": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**common, "location": "private"}},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
