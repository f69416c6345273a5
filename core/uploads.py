"""Checks every upload point shares: a zip-based file (Office documents, workbooks) must not be a zip bomb.

Content sniffing differs per upload point (what each accepts), but the archive check is one
mechanism: reporting data dukung, SK Tim and rencana aksi, the Excel import, forum attachments
and CMS documents all call ``zip_is_safe`` before accepting a zip-based file.
"""

import zipfile

# A real Office file of the portal's size limits inflates far below these.
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_ZIP_MEMBERS = 500
MAX_COMPRESSION_RATIO = 200


def zip_is_safe(fileobj) -> bool:
    """True when ``fileobj`` is a zip whose declared contents stay within the limits.

    Only the central directory is read (nothing is inflated); the position is restored.
    A member claiming more than ``MAX_COMPRESSION_RATIO`` times its compressed size, more
    than ``MAX_ZIP_MEMBERS`` members, or ``MAX_UNCOMPRESSED_BYTES`` in all is refused.
    """
    position = fileobj.tell()
    try:
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
    finally:
        fileobj.seek(position)
    if len(members) > MAX_ZIP_MEMBERS or sum(m.file_size for m in members) > MAX_UNCOMPRESSED_BYTES:
        return False
    return all(m.file_size <= max(m.compress_size, 1) * MAX_COMPRESSION_RATIO for m in members)
