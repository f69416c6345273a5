"""A real S3 API server for the tests: moto's server mode on a free loopback port, not a mock object.

``start_server()`` serves S3 over HTTP from a thread of this process (the tests' session fixture in
tests/conftest.py); ``python -m tests.s3`` runs one in the foreground for other processes (gunicorn hosts,
a worker). ``use_bucket(server, bucket)`` switches ``STORAGES`` to that bucket for the block, the way
``STORAGE_URL`` does in production (core.storage_settings), and back.
"""

import argparse
import contextlib
import dataclasses
import uuid

import boto3
from moto.server import ThreadedMotoServer

from django.test import override_settings

from core import storage_settings

ACCESS_KEY = "test-access-key"
SECRET_KEY = "test-secret-key"  # noqa: S105 -- the local test server accepts any key
REGION = "us-east-1"


@dataclasses.dataclass(frozen=True)
class S3Server:
    endpoint_url: str
    access_key: str = ACCESS_KEY
    secret_key: str = SECRET_KEY
    region: str = REGION

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name=self.region,
        )

    def create_bucket(self, name: str | None = None) -> str:
        name = name or f"spm-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(Bucket=name)
        return name

    def storage_url(self, bucket: str) -> str:
        """The ``STORAGE_URL`` of ``bucket`` on this server, as production would write it."""
        host = self.endpoint_url.removeprefix("http://")
        return f"s3+http://{self.access_key}:{self.secret_key}@{host}/{bucket}?region={self.region}"

    def keys(self, bucket: str, prefix: str = "") -> list[str]:
        listing = self.client().list_objects_v2(Bucket=bucket, Prefix=prefix)
        return [item["Key"] for item in listing.get("Contents", [])]


def start_server(host: str = "127.0.0.1", port: int = 0) -> tuple[S3Server, ThreadedMotoServer]:
    """An S3 API server on ``host`` and a free port (or ``port``); stop it with the second value's stop()."""
    moto = ThreadedMotoServer(ip_address=host, port=port, verbose=False)
    moto.start()
    bound_host, bound_port = moto.get_host_and_port()
    return S3Server(endpoint_url=f"http://{bound_host}:{bound_port}"), moto


def storages_for(server: S3Server, bucket: str) -> dict:
    """``STORAGES`` with media and private files in ``bucket`` (plain static files, as in the tests)."""
    options = storage_settings.s3_options_from_url(server.storage_url(bucket))
    setting = storage_settings.storages_setting(s3=options, private_root=None)
    setting["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    return setting


@contextlib.contextmanager
def use_bucket(server: S3Server, bucket: str):
    """Within the block every storage (fields' private handle included) writes to ``bucket``.

    override_settings sends setting_changed: Django drops its cached storages (``storages._storages``,
    ``default_storage``) and core.storage drops the private handle, on entry and on exit. In a test that
    also uses pytest-django's ``settings``, take the ``s3_bucket`` fixture instead (tests/conftest.py): an
    override made inside this block and undone after it would bring the bucket back.
    """
    with override_settings(STORAGES=storages_for(server, bucket)):
        yield


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve an S3 API (moto) until interrupted.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    server, moto = start_server(args.host, args.port)
    print(server.endpoint_url, flush=True)  # noqa: T201 -- the caller reads the address
    try:
        moto._thread.join()  # noqa: SLF001 -- wait on the serving thread
    except KeyboardInterrupt:
        moto.stop()


if __name__ == "__main__":
    main()
