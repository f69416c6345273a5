"""The zip-bomb check shared by every upload point."""

import io
import zipfile

from core import uploads


def _zip(members: dict[str, bytes]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


def test_an_ordinary_office_file_is_safe_and_the_position_is_kept():
    office = _zip(
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document>teks biasa</w:document>" * 50}
    )
    office.seek(7)
    assert uploads.zip_is_safe(office)
    assert office.tell() == 7


def test_a_member_that_inflates_a_thousand_times_is_a_bomb():
    assert not uploads.zip_is_safe(_zip({"xl/worksheets/sheet1.xml": b" " * (10 * 1024 * 1024)}))


def test_too_many_members_or_too_much_in_all_is_refused(monkeypatch):
    many = _zip({f"f{i}.xml": b"x" for i in range(uploads.MAX_ZIP_MEMBERS + 1)})
    assert not uploads.zip_is_safe(many)
    monkeypatch.setattr(uploads, "MAX_UNCOMPRESSED_BYTES", 1000)
    assert not uploads.zip_is_safe(_zip({"a.bin": bytes(range(256)) * 8}))


def test_something_that_is_not_a_zip_is_not_safe():
    assert not uploads.zip_is_safe(io.BytesIO(b"%PDF-1.4 bukan zip"))
