"""Storage classes and handles: the public media and the private files, local or in an S3 bucket.

``private_storage()`` is what model fields name: a handle that follows ``storages["private"]``, so a test
that overrides ``STORAGES`` reaches the fields too (a field keeps the storage object it was given).
"""

from botocore.exceptions import ClientError, HTTPClientError
from botocore.exceptions import ConnectionError as BotoConnectionError
from storages.backends.s3 import S3Storage

from django.conf import settings
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.encoding import filepath_to_uri
from django.utils.functional import LazyObject, empty


class PublicMediaStorage(S3Storage):
    """Public media in the bucket, addressed through the portal's own ``/media/`` route (core.views).

    The bucket stays private and may sit on an internal network; pages keep their same-origin policy.
    """

    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + filepath_to_uri(name)


class StorageHandle(LazyObject):
    """``storages[alias]``, looked up again after ``STORAGES`` changes."""

    def __init__(self, alias: str):
        self.__dict__["alias"] = alias
        super().__init__()

    def _setup(self):
        self._wrapped = storages[self.__dict__["alias"]]


private = StorageHandle("private")


def private_storage():
    """Report files, forum attachments, job results: never under MEDIA_URL, served by permission-checked views."""
    return private


@receiver(setting_changed)
def _storages_changed(*, setting, **kwargs):
    if setting == "STORAGES":
        private.__dict__["_wrapped"] = empty


def storage_unreachable(error: BaseException) -> bool:
    """Is ``error`` the object storage being unreachable (refused, timed out, cut, or answering 5xx)? A missing
    object (404) or a refused key (403) is not: those are the caller's to handle."""
    if isinstance(error, BotoConnectionError | HTTPClientError):
        return True
    if isinstance(error, ClientError):
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0
        return status >= 500
    return False
