"""Small files made in code for the demo content: a valid one-page PDF and a banner image.

The real regulation texts and photos are not part of the repository; the demo shows
these placeholders and says so on the page.
"""

import io
import textwrap

from PIL import Image, ImageDraw

PDF_LINE_WIDTH = 80


def _pdf_text(text: str) -> str:
    """Escape for a PDF literal string; characters outside Latin-1 become "?"."""
    text = text.encode("latin-1", "replace").decode("latin-1")
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def placeholder_pdf(title: str, paragraphs: list[str]) -> bytes:
    """A one-page A4 PDF 1.4 with a bold title and wrapped paragraphs (Helvetica, no dependencies)."""
    lines = ["BT", "/F2 14 Tf", "56 780 Td", "16 TL"]
    for chunk in textwrap.wrap(title, 64):
        lines.append(f"({_pdf_text(chunk)}) Tj T*")
    lines += ["/F1 11 Tf", "14 TL", "T*"]
    for paragraph in paragraphs:
        for chunk in textwrap.wrap(paragraph, PDF_LINE_WIDTH) or [""]:
            lines.append(f"({_pdf_text(chunk)}) Tj T*")
        lines.append("T*")
    lines.append("ET")
    stream = "\n".join(lines).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def placeholder_banner(seed: int, size: tuple[int, int] = (1200, 630)) -> bytes:
    """A PNG banner in the portal's blues with a few soft circles placed by ``seed``."""
    width, height = size
    image = Image.new("RGB", size, (11, 58, 110))
    draw = ImageDraw.Draw(image)
    for row in range(height):
        shade = int(30 * row / height)
        draw.line([(0, row), (width, row)], fill=(11 + shade, 58 + shade, 110 + shade))
    for i in range(5):
        radius = 60 + ((seed * 37 + i * 53) % 140)
        x = (seed * 211 + i * 263) % width
        y = (seed * 97 + i * 151) % height
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], outline=(242, 183, 5), width=6)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
