"""Checks every upload point shares: a zip-based file must not be a zip bomb, and a file must really be what
its first bytes claim (a PDF parses and runs nothing, an image decodes, an Office file has its parts).

Content sniffing differs per upload point (what each accepts), but the archive check is one
mechanism: reporting data dukung, SK Tim and rencana aksi, the Excel import, forum attachments
and CMS documents all call ``zip_is_safe`` before accepting a zip-based file.
"""

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
# Names in a PDF that run code, open other programs or carry files: a report attachment needs none of them.
PDF_ACTIVE_NAMES = frozenset(
    {"/JavaScript", "/JS", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/SubmitForm", "/ImportData"}
)
# A PDF with more objects than this is refused rather than walked (a walk must not be a denial of service).
MAX_PDF_OBJECTS = 100_000
# The part each Office Open XML kind cannot do without.
OOXML_MAIN_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


def _pdf_objects_clean(root) -> bool:
    """Walk every object reachable from ``root``; False at the first active name or past the object limit."""
    seen: set[tuple[int, int]] = set()
    stack = [root]
    steps = 0
    while stack:
        steps += 1
        if steps > MAX_PDF_OBJECTS:
            return False
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        if isinstance(item, NameObject):
            if item in PDF_ACTIVE_NAMES:
                return False
        elif isinstance(item, DictionaryObject):
            if any(key in PDF_ACTIVE_NAMES for key in item):
                return False
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return True


def pdf_is_safe(fileobj) -> bool:
    """True when ``fileobj`` parses as a PDF with at least one page and carries no JavaScript, launch
    action, embedded file or form submission anywhere in its object graph (names are compared decoded, so
    ``/J#61vaScript`` is ``/JavaScript``). An encrypted PDF cannot be checked and is refused."""
    position = fileobj.tell()
    try:
        fileobj.seek(0)
        reader = PdfReader(fileobj, strict=False)
        if reader.is_encrypted or len(reader.pages) == 0:
            return False
        return _pdf_objects_clean(reader.trailer)
    except Exception:  # noqa: BLE001 -- pypdf raises many types for a damaged or hostile file
        return False
    finally:
        fileobj.seek(position)


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
    """True when ``fileobj`` is a safe zip (``zip_is_safe``) holding ``[Content_Types].xml`` and the main part
    of its kind as XML; a workbook must also open with openpyxl (read-only). A zip of
    ``[Content_Types].xml`` and an HTML page is not a document."""
    main = OOXML_MAIN_PARTS.get(extension)
    if main is None or not zip_is_safe(fileobj):
        return False
    position = fileobj.tell()
    try:
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names or main not in names:
                return False
            with archive.open(main) as part:
                if not _root_is_office(part, main.rsplit("/", 1)[1].removesuffix(".xml")):
                    return False
        if extension == "xlsx":
            fileobj.seek(0)
            workbook = load_workbook(fileobj, read_only=True)
            try:
                return bool(workbook.sheetnames)
            finally:
                workbook.close()
        return True
    except Exception:  # noqa: BLE001 -- zipfile/openpyxl raise many types for a damaged file
        return False
    finally:
        fileobj.seek(position)


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


def content_is_sound(fileobj, extension: str) -> bool:
    """The structure check for a file whose bytes already proved ``extension`` (the one place that picks it):
    ``content_is_sound(f, "pdf")`` is ``pdf_is_safe(f)``. An extension without a check here is refused."""
    if extension == "pdf":
        return pdf_is_safe(fileobj)
    if extension in IMAGE_EXTENSIONS:
        return image_is_sound(fileobj)
    if extension in OOXML_MAIN_PARTS:
        return ooxml_is_sound(fileobj, extension)
    if extension in ("doc", "xls", "ppt"):
        return ole_is_sound(fileobj)
    if extension in ZIP_EXTENSIONS:
        return zip_is_safe(fileobj)
    return False
