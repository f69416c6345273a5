"""Indonesian number formats for templates (``{{ value|angka }}``, ``{{ value|persen }}``) and the inputs
of the report tabs.

The report tabs draw hundreds of inputs and rows per page; ``capaian_line``, ``figure_cell``,
``activity_row`` and ``activity_fields`` build them in Python (every value escaped) because a template
include or a form widget template per input made template rendering most of a tab's CPU time during
the deadline rush (bench/README.md).
"""

import html

from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

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


def _e(value) -> str:
    """HTML-escape like Django's ``escape`` without its lazy-string wrapper (called thousands of times a page)."""
    return html.escape(str(value), quote=True)


def _figure_cell(figure, role: str, context_label: str, editable: bool) -> str:
    """A figure's cell; its label is read out in full ("<figure>: <context>") and, on a phone, where the
    rows are stacked as cards (report.css), the figure's part of it is shown."""
    name, value, error, label = _e(figure.name), _e(figure.value), figure.error, _e(figure.label)
    if not editable:
        return (
            f'<td class="num" data-label="{label}"><span data-role="{role}" data-value="{value}">'
            f"{value or NOT_APPLICABLE}</span></td>"
        )
    caption = (
        f'<label class="cell-label" for="id-{name}">{label}<span class="visually-hidden">: {context_label}</span>'
        "</label>"
    )
    if not error:
        return (
            f'<td class="num">{caption}<input type="text" inputmode="numeric" autocomplete="off" class="num figure" '
            f'name="{name}" id="id-{name}" value="{value}" data-role="{role}"></td>'
        )
    return (
        f'<td class="num has-error">{caption}<input type="text" inputmode="numeric" autocomplete="off" '
        f'class="num figure is-invalid" name="{name}" id="id-{name}" value="{value}" data-role="{role}" '
        f'aria-invalid="true" aria-describedby="err-{name}"><p class="error" id="err-{name}">{_e(error)}</p></td>'
    )


@register.simple_tag
def figure_cell(figure, role: str, context_label: str, editable: bool):
    """One figure cell of tab A: a labelled input when editable (typed text and error kept), else the value."""
    return mark_safe(_figure_cell(figure, _e(role), _e(context_label), editable))  # noqa: S308 -- every value escaped


@register.simple_tag
def capaian_line(
    line: str, heading: str, context_label: str, target, met, belum, percent, editable: bool, *, number=None
):
    """One line of a tab A table (the service's penerima line or a numbered mutu line): its two figures
    (labelled "<figure>: <context_label>"), belum terlayani and the percentage."""
    heading = (
        f'<th scope="row" class="mutu-name">{_e(number)}. {_e(heading)}</th>'
        if number
        else f'<th scope="row">{_e(heading)}</th>'
    )
    context_label = _e(context_label)
    return mark_safe(  # noqa: S308 -- every value is escaped above or in _figure_cell
        f'<tr data-line="{_e(line)}">{heading}{_figure_cell(target, "target", context_label, editable)}'
        f"{_figure_cell(met, 'met', context_label, editable)}"
        f'<td class="num" data-label="Belum terlayani" data-out="belum">{_e(angka(belum))}</td>'
        f'<td class="num" data-label="Persentase" data-out="percent">{_e(persen(percent))}</td></tr>'
    )


@register.simple_tag(takes_context=True)
def activity_row(context, row, number: int, editable: bool):
    """One sub kegiatan line of tab B: name (and the justification), pagu, realisasi, serapan, and when
    editable its Ubah link and Hapus form."""
    activity = row.activity
    pk, name = activity.pk, _e(activity.name)
    justification = (
        f'<p class="small">Alasan realisasi melebihi pagu: {_e(activity.justification)}</p>'
        if activity.justification
        else ""
    )
    actions = ""
    if editable:
        csrf = _e(context.get("csrf_token", ""))  # the page's one masked token, as {% csrf_token %} writes it
        actions = (
            f'<td class="row-actions"><a class="button small secondary" href="?ubah={pk}#kegiatan-{pk}">Ubah</a>'
            f'<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
            f'<input type="hidden" name="version" value="{_e(context.get("form_version", ""))}">'
            f"{submission_key()}"
            f'<input type="hidden" name="action" value="delete"><input type="hidden" name="target" value="{pk}">'
            f'<button type="submit" class="button small danger" aria-label="Hapus {name}" '
            f'data-confirm="Hapus kegiatan ini?">Hapus</button></form></td>'
        )
    return mark_safe(  # noqa: S308 -- every value is escaped
        f'<tr id="kegiatan-{pk}"><td class="row-number">{_e(number)}.</td><td class="row-name">{name}{justification}</td>'
        f'<td class="num" data-label="Pagu (Rp)">{_e(angka(activity.pagu))}</td>'
        f'<td class="num" data-label="Realisasi (Rp)">{_e(angka(activity.realisasi))}</td>'
        f'<td class="num" data-label="Serapan">{_e(persen(row.serapan))}</td>{actions}</tr>'
    )


def _activity_input(bound, value, errors) -> str:
    """The control of one ActivityForm field, with the attributes Django's widget would give it."""
    field, widget = bound.field, bound.field.widget
    described = " ".join(
        ([f"{bound.auto_id}_error"] if errors else []) + ([f"{bound.auto_id}_helptext"] if field.help_text else [])
    )
    attrs = [(k, v) for k, v in widget.attrs.items() if k != "rows"]
    if errors:
        attrs.append(("aria-invalid", "true"))
    if described:
        attrs.append(("aria-describedby", described))
    extra = format_html_join("", ' {}="{}"', attrs)
    required = mark_safe(" required" if field.required else "")  # noqa: S308 -- a constant
    if isinstance(widget, forms.Textarea):
        return format_html(
            '<textarea name="{}" cols="40" rows="{}"{}{} id="{}">\n{}</textarea>',
            bound.html_name,
            widget.attrs.get("rows", 2),
            extra,
            required,
            bound.auto_id,
            value or "",
        )
    maxlength = format_html(' maxlength="{}"', field.max_length) if getattr(field, "max_length", None) else ""
    shown = format_html(' value="{}"', value) if value not in (None, "") else ""
    return format_html(
        '<input type="text" name="{}"{}{}{}{} id="{}">',
        bound.html_name,
        shown,
        maxlength,
        extra,
        required,
        bound.auto_id,
    )


@register.simple_tag
def activity_fields(form):
    """The inputs of a sub kegiatan form (add or change), each labelled, errors next to them, typed text kept.

    Same markup as Django's widgets (names and ids ``id_<prefix>-<field>``) without a widget template each.
    """
    errors = form.errors if form.is_bound else {}
    parts = []
    for name in form.fields:
        bound = form[name]
        field_errors = errors.get(name, [])
        value = bound.value()
        if value is not None and not isinstance(value, str):
            value = str(value)
        classes = (
            "field" + (" has-error" if field_errors else "") + (" justification" if name == "justification" else "")
        )
        parts.append(
            format_html(
                '<div class="{}"><label for="{}">{}</label>{}{}{}</div>',
                classes,
                bound.auto_id,
                bound.label,
                _activity_input(bound, value, field_errors),
                format_html('<p class="help" id="{}_helptext">{}</p>', bound.auto_id, bound.help_text)
                if bound.help_text
                else "",
                format_html_join(
                    "",
                    '<p class="error" role="alert"{}>{}</p>',
                    (
                        (format_html(' id="{}_error"', bound.auto_id) if i == 0 else "", e)
                        for i, e in enumerate(field_errors)
                    ),
                ),
            )
        )
    parts.append(
        format_html_join(
            "",
            '<p class="error" role="alert">{}</p>',
            ((e,) for e in form.non_field_errors()) if form.is_bound else (),
        )
    )
    parts.append(mark_safe('<p class="small">Serapan: <output data-out="serapan">-</output></p>'))  # noqa: S308 -- constant
    return mark_safe("".join(parts))  # noqa: S308 -- every part is built by format_html


@register.simple_tag
def submission_key():
    """``{% submission_key %}`` in a report form: its hidden submission key, new at every drawing (a cached
    tab part keeps its keys with its version; the posted content tells submissions apart,
    ``reporting.services.idempotency``)."""
    return format_html(
        '<input type="hidden" name="{}" value="{}">', idempotency.FIELD, idempotency.submission_key_new()
    )


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
