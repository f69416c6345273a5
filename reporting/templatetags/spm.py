"""Indonesian number formats for templates (``{{ value|angka }}``, ``{{ value|persen }}``) and the inputs
of the report tabs.

The report tabs draw hundreds of inputs and rows per page. Their markup is in templates (autoescaped),
the tags here only gather what it is drawn from: ``capaian_tables`` a service's table of tab A, one
template with one loop over its lines and cells (not an include or a widget template per input, which
made template rendering most of a tab's CPU time during the deadline rush, bench/README.md), each table
kept in the cache under what it shows; ``kegiatan_lines`` tab B's rows, drawn in the page's own loop
(``reporting/report/kegiatan.html``); ``activity_fields`` a whole sub kegiatan form.
"""

from django import forms, template

from reporting import calculations
from reporting.calculations import NOT_APPLICABLE
from reporting.services import idempotency
from reporting.views import fragments

register = template.Library()


@register.filter
def angka(value):
    """1200998320 -> "1.200.998.320"; empty -> "-"."""
    if value in (None, ""):
        return calculations.NOT_APPLICABLE
    return calculations.format_number(int(value))


@register.filter
def persen(value):
    """Decimal("99.85") -> "99,85 %"; None -> "-"."""
    if value in (None, ""):
        return calculations.NOT_APPLICABLE
    return calculations.format_percent(value)


@register.filter
def tile_label(tile):
    """What a tile of the national map says to a screen reader, in the drawing and in the phone's list alike."""
    return f"{tile.label}: {tile.category_name}, indeks {persen(tile.indeks)}, pelaporan {persen(tile.reporting_rate)}"


@register.filter
def angka_teks(value):
    """A history value: plain digits grouped ("1200998320" -> "1.200.998.320"), other text as it is; empty -> "-"."""
    if value in (None, ""):
        return calculations.NOT_APPLICABLE
    text = str(value)
    return calculations.format_number(int(text)) if text.isascii() and text.isdigit() else text


@register.filter
def pelaku(user):
    """Who made a history entry: the operator's or pemda's name with the username ("Kabupaten Jombang (3517)")."""
    if user is None:
        return calculations.NOT_APPLICABLE
    return f"{user.first_name} ({user.username})" if user.first_name else user.username


@register.simple_tag
def capaian_tables(rows, editable: bool) -> list:
    """``{% capaian_tables rows editable as tables %}``: tab A's table of each service (``rows`` from
    ``selectors.report_capaian_rows`` with their inputs from ``forms.capaian_inputs``), drawn by
    ``components/capaian_table.html`` from what ``capaian_table`` gathers, each kept in the cache under
    what it is drawn from (``fragments.blocks_render``): after a save, the services it left alone are not
    drawn again."""
    tables = [capaian_table(row, number, editable) for number, row in enumerate(rows, 1)]
    return fragments.blocks_render("components/capaian_table.html", tables)


def capaian_table(row, number: int, editable: bool) -> dict:
    """Everything one service's table shows, as text: its penerima line, then each mutu line numbered; every
    line has its two figures, labelled "<figure>: <the line's service or mutu>", belum terlayani and the
    percentage; then the service's capaian, indeks and category."""
    entry = row.entry
    lines = [
        _capaian_line("penerima", entry.indikator, entry.service_name, row.target, row.served, row.belum, row.penerima)
    ]
    for mutu_number, mutu in enumerate(row.mutu_rows, 1):
        name = mutu.entry.name
        lines.append(_capaian_line("mutu", name, name, mutu.target, mutu.met, mutu.belum, mutu.percent, mutu_number))
    return {
        "number": number,
        "service": entry.service_name,
        "editable": editable,
        "lines": lines,
        "penerima": persen(row.penerima),
        "mutu": persen(row.mutu),
        "indeks": persen(row.indeks),
        "category": row.category or NOT_APPLICABLE,
    }


def _capaian_line(kind: str, heading: str, context_label: str, target, met, belum, percent, number=None) -> dict:
    return {
        "kind": kind,
        "heading": heading,
        "number": number,
        "context_label": context_label,
        "cells": (_figure_cell(target, "target"), _figure_cell(met, "met")),
        "belum": angka(belum),
        "percent": persen(percent),
    }


def _figure_cell(figure, role: str) -> dict:
    # A dict, not the FigureInput: the template engine reads a dict's keys first and an object's attributes
    # only after a failed item lookup, thousands of times a page.
    return {
        "name": figure.name,
        "label": str(figure.label),
        "value": figure.value,
        "error": str(figure.error),
        "role": role,
    }


@register.simple_tag
def kegiatan_lines(rows, editable: bool) -> list[dict]:
    """``{% kegiatan_lines group.activities editable as lines %}``: tab B's sub kegiatan of a service as text
    (amounts formatted), each with a new submission key for its Hapus form when editable. The row writes
    the key's input as ``components/submission_key.html`` does: that template drawn in every row made the
    rows cost half as much again."""
    return [
        {
            "row": row,
            "pk": activity.pk,
            "name": activity.name,
            "justification": activity.justification,
            "pagu": angka(activity.pagu),
            "realisasi": angka(activity.realisasi),
            "serapan": persen(row.serapan),
            "key": {"name": idempotency.FIELD, "value": idempotency.submission_key_new()} if editable else None,
        }
        for row in rows
        for activity in (row.activity,)
    ]


@register.simple_tag
def activity_fields(form):
    """The inputs of a sub kegiatan form (add or change), each labelled, errors next to them, typed text kept.

    Same markup as Django's widgets (names and ids ``id_<prefix>-<field>``) without a widget template each,
    drawn by ``components/activity_fields.html`` and kept in the cache under what it shows (tab B has an
    empty form for every service).
    """
    errors = form.errors if form.is_bound else {}
    content = {
        "fields": [_activity_field(form[name], errors.get(name, [])) for name in form.fields],
        "non_field_errors": [str(e) for e in form.non_field_errors()] if form.is_bound else [],
    }
    return fragments.blocks_render("components/activity_fields.html", [content])[0]


def _activity_field(bound, errors) -> dict:
    """One field of an ActivityForm as its template draws it, with the attributes Django's widget would give it;
    text only (no lazy translation), as the cache key is its ``repr``."""
    field, widget = bound.field, bound.field.widget
    value = bound.value()
    described = ([f"{bound.auto_id}_error"] if errors else []) + (
        [f"{bound.auto_id}_helptext"] if field.help_text else []
    )
    attrs = [(k, v) for k, v in widget.attrs.items() if k not in ("cols", "rows")]
    if errors:
        attrs.append(("aria-invalid", "true"))
    if described:
        attrs.append(("aria-describedby", " ".join(described)))
    textarea = isinstance(widget, forms.Textarea)
    return {
        "id": bound.auto_id,
        "name": bound.html_name,
        "label": str(bound.label),
        "classes": " ".join(
            ["field"]
            + (["has-error"] if errors else [])
            + (["justification"] if bound.name == "justification" else [])
        ),
        "textarea": textarea,
        "cols": widget.attrs.get("cols", 40),
        "rows": widget.attrs.get("rows", 2),
        "attrs": attrs,
        "required": field.required,
        "maxlength": None if textarea else getattr(field, "max_length", None),
        "value": "" if value is None else str(value),
        "help_text": str(bound.help_text),
        "errors": [str(e) for e in errors],
    }


@register.inclusion_tag("components/submission_key.html")
def submission_key() -> dict:
    """``{% submission_key %}`` in a report form: its hidden submission key, new at every drawing (a cached
    tab part keeps its keys with its version; the posted content tells submissions apart,
    ``reporting.services.idempotency``)."""
    return {"name": idempotency.FIELD, "key": idempotency.submission_key_new()}


# --- Cached parts of the report tabs (reporting/views/fragments.py) --------------------------------


class ReportCachedNode(template.Node):
    def __init__(self, part: str, nodelist):
        self.part, self.nodelist = part, nodelist

    def render(self, context):
        def render(csrf_token):
            if csrf_token is None:
                return self.nodelist.render(context)
            with context.push(csrf_token=csrf_token):
                return self.nodelist.render(context)

        return fragments.fragment_render(context.get("fragments"), self.part, render, context.get("csrf_token", ""))


@register.tag
def report_cached(parser, token):
    """``{% report_cached "tab" %}...{% endreport_cached %}``: the part from the cache when the view looked
    it up (``context["fragments"]``), else rendered; the viewer's CSRF token is put in either way."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][1:-1] not in fragments.PARTS:
        raise template.TemplateSyntaxError(f"{bits[0]} needs one of {fragments.PARTS} in quotes")
    nodelist = parser.parse(("endreport_cached",))
    parser.delete_first_token()
    return ReportCachedNode(bits[1][1:-1], nodelist)


@register.simple_tag
def msg(name: str) -> str:
    """A text of ``reporting.messages`` by its constant name (``{% msg "ERROR_SUMMARY_TITLE" %}``): templates
    show the same words the code and the tests import."""
    from reporting import messages

    return getattr(messages, name)


@register.filter
def error_links(form) -> list[dict]:
    """The error summary's entries of a bound form (``{% include "includes/error_summary.html" with
    errors=form|error_links %}``): each refused field, linked to its input."""
    from reporting.views.error_summary import form_error_summary

    return form_error_summary(form)
