"""``{% cms_cached key %}...{% endcms_cached %}``: the enclosed fragment kept in the shared cache under ``key``
(``home.cms_cache.fragment_key``); drawn every time when ``key`` is empty (a search, a page past the cached ones)."""

from django import template
from django.core.cache import cache

from home.cms_cache import FRAGMENT_TTL

register = template.Library()


class CmsCachedNode(template.Node):
    def __init__(self, nodelist, key):
        self.nodelist, self.key = nodelist, key

    def render(self, context):
        key = self.key.resolve(context)
        if not key:
            return self.nodelist.render(context)
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, html, FRAGMENT_TTL)
        return html


@register.tag
def cms_cached(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% cms_cached key %} takes one argument")
    nodelist = parser.parse(("endcms_cached",))
    parser.delete_first_token()
    return CmsCachedNode(nodelist, parser.compile_filter(bits[1]))
