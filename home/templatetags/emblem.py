"""``{% portal_emblem as emblem %}`` for a page's header, ``{% portal_emblem_embedded as emblem %}`` for a
printout (the image inline): ``emblem.src``, ``emblem.alt``, ``emblem.width``, ``emblem.height``."""

from django import template

from home.emblem import Emblem, emblem_embedded_get, emblem_get

register = template.Library()


@register.simple_tag
def portal_emblem() -> Emblem:
    return emblem_get()


@register.simple_tag
def portal_emblem_embedded() -> Emblem:
    return emblem_embedded_get()
