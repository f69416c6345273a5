"""Forum post rendering: markdown first, then HTML sanitising with nh3.

machina stores the rendered HTML next to the raw text and templates print it unescaped, so this
function is the one gate between what a user types and what other users' browsers run.
"""

import nh3
from markdown2 import markdown

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "s",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(html: str) -> str:
    """Keep only harmless formatting; links get rel="nofollow noopener noreferrer".

    Example: ``sanitize_html('<p onclick="x()">Hi<script>x()</script></p>')`` gives ``'<p>Hi</p>'``.
    """
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )


def render_post(text: str) -> str:
    """Render a post's markdown (raw HTML escaped) and sanitise the result.

    Example: ``render_post("**Tebal** <img src=x onerror=alert(1)>")`` gives
    ``'<p><strong>Tebal</strong> &lt;img src=x onerror=alert(1)&gt;</p>'``.
    """
    html = markdown(text or "", safe_mode="escape", extras={"break-on-newline": True, "tables": True})
    return sanitize_html(html.strip())
