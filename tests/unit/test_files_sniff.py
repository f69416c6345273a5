"""Upload content checks: the bytes decide, never the name."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from reporting.services.files import KIND_IMAGE, KIND_OFFICE, KIND_PDF, file_sniff, safe_name

PNG = bytes.fromhex("89504E470D0A1A0A0000000D49484452") + b"\x00" * 32


def zipped(*names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return buffer.getvalue()


def test_pdf_png_and_office_files_are_recognised_by_content():
    assert file_sniff(SimpleUploadedFile("x.bin", b"%PDF-1.7 ...")).kind == KIND_PDF
    assert file_sniff(SimpleUploadedFile("foto.pdf", PNG)).kind == KIND_IMAGE
    sheet = file_sniff(SimpleUploadedFile("a.zip", zipped("[Content_Types].xml", "xl/workbook.xml")))
    assert (sheet.kind, sheet.extension) == (KIND_OFFICE, "xlsx")


def test_a_plain_zip_without_content_types_is_refused():
    assert file_sniff(SimpleUploadedFile("a.docx", zipped("word/document.xml"))) is None


def test_html_and_executables_are_refused_whatever_their_name():
    assert file_sniff(SimpleUploadedFile("a.pdf", b"<!doctype html><script>")) is None
    assert file_sniff(SimpleUploadedFile("a.docx", b"MZ\x90\x00")) is None


def test_stored_name_drops_folders_and_takes_the_proven_extension():
    assert safe_name("../../etc/data dukung.exe", "pdf") == "data dukung.pdf"
