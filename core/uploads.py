"""Checks every upload point shares: a zip-based file must not be a zip bomb, and a file must really be what
its first bytes claim (a PDF parses and runs nothing, an image decodes, an Office file has its parts).

Content sniffing differs per upload point (what each accepts), but the archive check is one
mechanism: reporting data dukung, SK Tim and rencana aksi, the Excel import, forum attachments
and CMS documents all call ``zip_is_safe`` before accepting a zip-based file.

``content_problem`` says why a file is refused as a key of ``reporting.messages.UPLOAD_REFUSED`` (each upload
point words it in Indonesian): active content is refused, not only broken files. A PDF may not carry
JavaScript, an XFA form, an embedded file, a launch or GoToR/GoToE action, a link other than http(s)/mailto,
or a form submission; an Office file may not carry macros or ActiveX (an .xlsm renamed .xlsx), a remote
template or other content fetched from outside (relationships with ``TargetMode="External"`` other than
hyperlinks), DDE fields, or, in a workbook, external links, data connections and formulas that run programs
or reach the network (DDE ``cmd|' /C calc'!A0``, ``\\\\server\\share``, ``WEBSERVICE``).
"""

import html
import re
import warnings
import zipfile
from xml.etree import ElementTree

from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

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


# --- Structure checks: the magic bytes say what a file claims to be, these say it really is one ---------

# Larger than any photo or scan the portal needs (a 12-megapixel phone photo is well below), far below what
# would exhaust a worker's memory when decoded.
MAX_IMAGE_PIXELS = 40_000_000
# Why a file is refused: keys of reporting.messages.UPLOAD_REFUSED.
UNSOUND = "unsound"
# Names in a PDF that run code, open other programs or files, or carry files, with the reason each gives: a
# report attachment needs none of them.
PDF_NAME_REASONS = {
    "/JavaScript": "pdf_script",
    "/JS": "pdf_script",
    "/RichMedia": "pdf_script",
    "/XFA": "pdf_xfa",
    "/Launch": "pdf_external_action",
    "/GoToR": "pdf_external_action",
    "/GoToE": "pdf_external_action",
    "/EmbeddedFile": "pdf_embedded_file",
    "/EmbeddedFiles": "pdf_embedded_file",
    "/EF": "pdf_embedded_file",
    "/FileAttachment": "pdf_embedded_file",
    "/SubmitForm": "pdf_form_submit",
    "/ImportData": "pdf_form_submit",
}
PDF_ACTIVE_NAMES = frozenset(PDF_NAME_REASONS)
# The only link targets a PDF may open: web pages and e-mail (not javascript:, file:, \\\\server, data:).
SAFE_URI_STARTS = ("http://", "https://", "mailto:")
# A PDF with more objects than this is refused rather than walked (a walk must not be a denial of service).
MAX_PDF_OBJECTS = 100_000
# The part each Office Open XML kind cannot do without.
OOXML_MAIN_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


def _pdf_uri_problem(item: DictionaryObject) -> str | None:
    """``pdf_uri`` when ``item`` is a URI action whose target is not a web page or e-mail address."""
    target = item.get("/URI")
    if isinstance(target, IndirectObject):
        target = target.get_object()
    if not isinstance(target, (str, bytes)):
        return None  # the catalogue's /URI dictionary (a base address), not an action
    text = target.decode("latin-1") if isinstance(target, bytes) else str(target)
    return None if text.strip().casefold().startswith(SAFE_URI_STARTS) else "pdf_uri"


def _pdf_objects_problem(root) -> str | None:
    """Walk every object reachable from ``root``; the reason at the first active name or link, ``UNSOUND``
    past the object limit, else ``None``."""
    seen: set[tuple[int, int]] = set()
    stack = [root]
    steps = 0
    while stack:
        steps += 1
        if steps > MAX_PDF_OBJECTS:
            return UNSOUND
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        if isinstance(item, NameObject):
            if item in PDF_NAME_REASONS:
                return PDF_NAME_REASONS[item]
        elif isinstance(item, DictionaryObject):
            named = next((key for key in item if key in PDF_NAME_REASONS), None)
            if named is not None:
                return PDF_NAME_REASONS[named]
            if "/URI" in item and (problem := _pdf_uri_problem(item)):
                return problem
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return None


def pdf_problem(fileobj) -> str | None:
    """Why ``fileobj`` is refused as a PDF, or ``None``: it must parse with at least one page and carry no
    JavaScript, XFA form, launch/GoToR/GoToE action, embedded file, form submission or link other than
    http(s)/mailto anywhere in its object graph (names are compared decoded, so ``/J#61vaScript`` is
    ``/JavaScript``). An encrypted PDF cannot be checked and is refused."""
    position = fileobj.tell()
    try:
        fileobj.seek(0)
        reader = PdfReader(fileobj, strict=False)
        if reader.is_encrypted or len(reader.pages) == 0:
            return UNSOUND
        return _pdf_objects_problem(reader.trailer)
    except Exception:  # noqa: BLE001 -- pypdf raises many types for a damaged or hostile file
        return UNSOUND
    finally:
        fileobj.seek(position)


def pdf_is_safe(fileobj) -> bool:
    """True when ``fileobj`` is a PDF ``pdf_problem`` finds nothing wrong with."""
    return pdf_problem(fileobj) is None


def image_is_sound(fileobj) -> bool:
    """True when ``fileobj`` decodes completely as a raster image of at most ``MAX_IMAGE_PIXELS`` pixels
    (Pillow's verify, then a full decode: a GIF header followed by script decodes to nothing)."""
    position = fileobj.tell()
    try:
        fileobj.seek(0)
        with Image.open(fileobj) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                return False
            image.verify()
        fileobj.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(fileobj) as image:
                image.load()
        return True
    except Exception:  # noqa: BLE001 -- Pillow raises many types for a damaged or hostile image
        return False
    finally:
        fileobj.seek(position)


def _root_is_office(part, local_name: str) -> bool:
    """True when the XML ``part``'s first element is ``local_name`` in an Office Open XML namespace
    (transitional or strict); an HTML page under the part's name is not."""
    try:
        # Only the first start tag is read: entities are never expanded, and ElementTree fetches no external ones.
        for _event, element in ElementTree.iterparse(part, events=("start",)):  # noqa: S314 -- see above
            namespace, _, name = element.tag.rpartition("}")
            return name == local_name and ("openxmlformats.org" in namespace or "purl.oclc.org/ooxml" in namespace)
    except ElementTree.ParseError:
        return False
    return False


def ooxml_is_sound(fileobj, extension: str) -> bool:
    """True when ``fileobj`` is a sound Office Open XML file of its kind with no active content
    (``ooxml_problem``)."""
    return ooxml_problem(fileobj, extension) is None


def ooxml_problem(fileobj, extension: str) -> str | None:
    """Why ``fileobj`` is refused as an Office Open XML file of ``extension``, or ``None``. It must be a safe zip
    (``zip_is_safe``) holding ``[Content_Types].xml`` and the main part of its kind as XML (a zip of
    ``[Content_Types].xml`` and an HTML page is not a document), a workbook must open with openpyxl
    (read-only), and it may hold no active content (``_ooxml_active_problem``)."""
    main = OOXML_MAIN_PARTS.get(extension)
    if main is None or not zip_is_safe(fileobj):
        return UNSOUND
    position = fileobj.tell()
    try:
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names or main not in names:
                return UNSOUND
            with archive.open(main) as part:
                if not _root_is_office(part, main.rsplit("/", 1)[1].removesuffix(".xml")):
                    return UNSOUND
            problem = _ooxml_active_problem(archive, extension)
            if problem:
                return problem
        if extension == "xlsx":
            fileobj.seek(0)
            workbook = load_workbook(fileobj, read_only=True)
            try:
                return None if workbook.sheetnames else UNSOUND
            finally:
                workbook.close()
        return None
    except Exception:  # noqa: BLE001 -- zipfile/openpyxl raise many types for a damaged file
        return UNSOUND
    finally:
        fileobj.seek(position)


# Macros and ActiveX, whatever the file is called: an .xlsm/.docm renamed .xlsx/.docx keeps these.
OOXML_MACRO_MARKS = ("macroenabled", "vbaproject", "vbadata", "activex")
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(rb'([\w:]+)\s*=\s*"([^"]*)"')
# A formula's text, a defined name's formula, a Word field's instruction.
# (Not a self-closing ``<f t="shared" si="0"/>``: it has no text.)
_FORMULA = re.compile(rb"<(?:\w+:)?f(?:\s[^>]*)?(?<!/)>(.*?)</(?:\w+:)?f>", re.DOTALL)
_DEFINED_NAME = re.compile(rb"<(?:\w+:)?definedName(?:\s[^>]*)?(?<!/)>(.*?)</(?:\w+:)?definedName>", re.DOTALL)
_FIELD_TEXT = re.compile(rb"<w:instrText\b[^>]*>(.*?)</w:instrText>", re.DOTALL)
_FIELD_SIMPLE = re.compile(rb"<w:fldSimple\b[^>]*w:instr=[\"']([^\"']*)")
_STRING_LITERAL = re.compile(r'"(?:[^"]|"")*"')
# Functions that run programs, call libraries or reach the network when the workbook calculates.
_LIVE_FUNCTIONS = re.compile(r"\b(WEBSERVICE|CALL|REGISTER(\.ID)?|EXEC|RTD)\s*\(", re.IGNORECASE)
_UNC_PATH = re.compile(r"\\\\[^\\\s]")
_LIVE_FIELDS = re.compile(r"\b(DDEAUTO|DDE|INCLUDETEXT|INCLUDEPICTURE|IMPORT|LINK)\b", re.IGNORECASE)


def _ooxml_active_problem(archive: zipfile.ZipFile, extension: str) -> str | None:
    names = archive.namelist()
    content_types = archive.read("[Content_Types].xml").decode("utf-8", "replace").casefold()
    lowered = [name.casefold() for name in names]
    if any(mark in content_types for mark in OOXML_MACRO_MARKS) or any(
        mark in name for name in lowered for mark in OOXML_MACRO_MARKS
    ):
        return "office_macro"
    for name in names:
        if name.casefold().endswith(".rels") and (problem := _relationships_problem(archive.read(name), extension)):
            return problem
    if extension == "xlsx":
        return _workbook_problem(archive, lowered, names)
    if extension == "docx":
        return _word_fields_problem(archive, names)
    return None


def _relationships_problem(part: bytes, extension: str) -> str | None:
    """A relationship to something outside the file other than a hyperlink: a remote template, a linked
    object or frame, a workbook's external link."""
    for element in _RELATIONSHIP.findall(part):
        attributes = {key.decode(): value.decode("utf-8", "replace") for key, value in _ATTRIBUTE.findall(element)}
        kind = attributes.get("Type", "").rsplit("/", 1)[-1].casefold()
        if attributes.get("TargetMode", "").casefold() != "external" or kind == "hyperlink":
            continue
        if kind == "attachedtemplate":
            return "docx_remote_template"
        if extension == "xlsx" or kind.startswith("externallink"):
            return "xlsx_external_link"
        return "office_external"
    return None


def _workbook_problem(archive: zipfile.ZipFile, lowered: list[str], names: list[str]) -> str | None:
    """External links and data connections of a workbook, and formulas (cells, defined names) that run a
    program (DDE), reach a network share (UNC) or call out (``WEBSERVICE``, ``CALL``, ``RTD``)."""
    if any(name.startswith(("xl/externallinks/", "xl/connections.xml", "xl/querytables/")) for name in lowered):
        return "xlsx_external_link"
    for name, low in zip(names, lowered, strict=True):
        if not (low.startswith("xl/worksheets/") or low == "xl/workbook.xml") or not low.endswith(".xml"):
            continue
        part = archive.read(name)
        formulas = _FORMULA.findall(part) + _DEFINED_NAME.findall(part)
        if any(_formula_is_live(html.unescape(f.decode("utf-8", "replace"))) for f in formulas):
            return "xlsx_live_formula"
    return None


def _formula_is_live(formula: str) -> bool:
    """``cmd|' /C calc'!A0`` (DDE: a ``|`` outside a string), ``'\\\\server\\share\\[a.xlsx]S'!A1`` or
    ``HYPERLINK("\\\\server\\x")`` (UNC), ``WEBSERVICE(...)``."""
    code = _STRING_LITERAL.sub('""', formula)
    return "|" in code or bool(_UNC_PATH.search(formula)) or bool(_LIVE_FUNCTIONS.search(code))


def _word_fields_problem(archive: zipfile.ZipFile, names: list[str]) -> str | None:
    """Word fields that run a program or fetch content when the document opens or updates (``DDEAUTO``,
    ``INCLUDETEXT``, ``INCLUDEPICTURE``); a field's instruction may be split over runs, so a part's are joined."""
    for name in names:
        if not (name.startswith("word/") and name.endswith(".xml")):
            continue
        part = archive.read(name)
        # Word joins a field's instruction runs as they are ("DD" + "EAUTO" is DDEAUTO); fields stay apart.
        instruction = b"".join(_FIELD_TEXT.findall(part)) + b" " + b" ".join(_FIELD_SIMPLE.findall(part))
        text = html.unescape(instruction.decode("utf-8", "replace"))
        if _LIVE_FIELDS.search(text):
            return "docx_live_field"
    return None


def ole_is_sound(fileobj) -> bool:
    """True when ``fileobj`` has a real OLE compound-file header (legacy .doc/.xls/.ppt): little-endian byte
    order mark, 512- or 4096-byte sectors, 64-byte mini sectors, and a size that is whole sectors. Only the
    CMS accepts these (regulations are published as DOC too); pemda uploads and the forum refuse them."""
    position = fileobj.tell()
    try:
        fileobj.seek(0)
        header = fileobj.read(512)
        fileobj.seek(0, 2)
        size = fileobj.tell()
    finally:
        fileobj.seek(position)
    if len(header) < 512 or not header.startswith(OLE_MAGIC):
        return False
    byte_order = header[28:30]
    sector_shift = int.from_bytes(header[30:32], "little")
    mini_shift = int.from_bytes(header[32:34], "little")
    if byte_order != b"\xfe\xff" or sector_shift not in (9, 12) or mini_shift != 6:
        return False
    sector = 1 << sector_shift
    return size >= 2 * sector and size % sector == 0


IMAGE_EXTENSIONS = frozenset({"jpg", "jpeg", "png", "gif", "webp"})
ZIP_EXTENSIONS = frozenset({"zip", "odt", "ods"})


def content_problem(fileobj, extension: str) -> str | None:
    """Why a file whose bytes already proved ``extension`` is refused (the one place that picks the check), as a
    key of ``reporting.messages.UPLOAD_REFUSED``, or ``None`` when it is sound and carries no active content:
    ``content_problem(f, "pdf")`` is ``pdf_problem(f)``. An extension without a check here is refused."""
    if extension == "pdf":
        return pdf_problem(fileobj)
    if extension in IMAGE_EXTENSIONS:
        return None if image_is_sound(fileobj) else UNSOUND
    if extension in OOXML_MAIN_PARTS:
        return ooxml_problem(fileobj, extension)
    if extension in ("doc", "xls", "ppt"):
        return None if ole_is_sound(fileobj) else UNSOUND
    if extension in ZIP_EXTENSIONS:
        return None if zip_is_safe(fileobj) else UNSOUND
    return UNSOUND


def content_is_sound(fileobj, extension: str) -> bool:
    """True when ``content_problem`` finds nothing: ``content_is_sound(f, "pdf")`` is ``pdf_is_safe(f)``."""
    return content_problem(fileobj, extension) is None
