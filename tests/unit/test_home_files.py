"""Upload content checks and the demo's generated files (no database)."""

import io

import pytest
from PIL import Image

from home.document_forms import OLE2_MAGIC, content_family, document_content_matches
from home.placeholder_files import placeholder_banner, placeholder_pdf
from home.selectors import search_query_clean, search_terms


def test_placeholder_pdf_is_a_complete_pdf_with_a_valid_cross_reference_table():
    data = placeholder_pdf("Peraturan (uji) \\ Nomor 2", ["Teks dengan é dan “kutip”.", "Baris kedua."])

    assert data.startswith(b"%PDF-1.4")
    assert data.rstrip().endswith(b"%%EOF")
    xref = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert data[xref : xref + 4] == b"xref"
    offsets = [int(line[:10]) for line in data[xref:].split(b"\n")[3:9]]
    assert all(data[offset:].startswith(b"%d 0 obj" % n) for n, offset in enumerate(offsets, start=1))
    assert b"Peraturan \\(uji\\) \\\\ Nomor 2" in data


def test_placeholder_banner_is_a_png_of_the_requested_size():
    image = Image.open(io.BytesIO(placeholder_banner(3, size=(300, 150))))

    assert (image.format, image.size) == ("PNG", (300, 150))


@pytest.mark.parametrize(
    ("name", "head", "ok"),
    [
        ("peraturan.pdf", placeholder_pdf("x", []), True),
        ("PERATURAN.PDF", b"%PDF-1.7\n", True),
        ("peraturan.pdf", b"MZ\x90\x00\x03", False),
        ("peraturan.pdf", b"PK\x03\x04" + b"\x00" * 30, False),
        ("lama.doc", OLE2_MAGIC + b"\x00" * 30, True),
        ("lama.docx", OLE2_MAGIC + b"\x00" * 30, False),
        ("arsip.zip", b"PK\x03\x04" + b"\x00" * 30, True),
        ("skrip.exe", b"MZ\x90\x00\x03", False),
        ("tanpa-ekstensi", b"%PDF-1.4", False),
    ],
)
def test_document_content_must_match_its_extension(name, head, ok):
    assert document_content_matches(name, head) is ok


def test_unknown_content_has_no_family():
    assert content_family(b"hello world") is None


def test_search_queries_are_trimmed_cut_and_stripped_of_syntax():
    assert search_query_clean("  tim   penerapan \n spm ") == "tim penerapan spm"
    assert len(search_query_clean("x" * 5000)) == 200
    assert search_terms('tim "penerapan" (spm) -* OR') == "tim penerapan spm OR"
    assert search_terms("\"'()*") == ""
