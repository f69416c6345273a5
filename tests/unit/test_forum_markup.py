"""Post HTML is sanitised after markdown rendering: known XSS payloads come out harmless."""

from html.parser import HTMLParser

import pytest

from forum.forum_abuse.markup import ALLOWED_TAGS, render_post, sanitize_html


class _ElementCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def _elements(html):
    collector = _ElementCollector()
    collector.feed(html)
    return collector.elements


XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<svg/onload=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '![x](" onerror="alert(1))',
    "<<script>script>alert(1)<</script>/script>",
    '<p style="background:url(javascript:alert(1))">x</p>',
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_rendered_post_contains_no_active_content(payload):
    """Payloads may survive as visible text, never as elements, handlers or script URLs."""
    for tag, attrs in _elements(render_post(payload)):
        assert tag in ALLOWED_TAGS
        assert set(attrs) <= {"href", "title", "rel", "scope"}
        assert not (attrs.get("href") or "").lower().startswith(("javascript:", "data:", "vbscript:"))


def test_markdown_formatting_survives_sanitising():
    html = render_post("**Tebal** dan *miring*\n\n- satu\n- dua\n\n[Kemendagri](https://www.kemendagri.go.id)")
    assert "<strong>Tebal</strong>" in html
    assert "<em>miring</em>" in html
    assert "<li>satu</li>" in html
    assert 'href="https://www.kemendagri.go.id"' in html
    assert 'rel="nofollow noopener noreferrer"' in html


def test_sanitiser_drops_event_handlers_and_script_bodies():
    assert sanitize_html('<p onclick="x()">Hi<script>x()</script></p>') == "<p>Hi</p>"


def test_empty_post_renders_empty():
    assert render_post("") in ("", "<p></p>")
