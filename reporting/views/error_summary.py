"""The error summary (GOV.UK pattern) of a refused form: one entry per refused field, each a link to it.

``templates/includes/error_summary.html`` draws the list at the top of the page and portal.js moves the
focus to it on load, so a value refused 3,000 px down the page is never out of view.
"""


def figure_error_summary(rows) -> list[dict]:
    """Tab A: every figure input (``reporting.forms.reports.capaian_inputs``) that carries an error."""
    found = []
    for row in rows:
        figures = [row.target, row.served]
        for mutu_row in row.mutu_rows:
            figures += [mutu_row.target, mutu_row.met]
        found += [
            {"href": f"#id-{f.name}", "text": f"{f.label} ({row.entry.service_name}): {f.error}"}
            for f in figures
            if f.error
        ]
    return found


def form_error_summary(*forms) -> list[dict]:
    """Bound Django forms (tab B's kegiatan, tab C's notes and uploads...): each field error links to its
    input; an error of the whole form links to the form's first input."""
    found = []
    for form in forms:
        if form is None or not form.is_bound or not form.errors:
            continue
        first = next(iter(form.fields), None)
        for name, errors in form.errors.items():
            target = form[name] if name in form.fields else (form[first] if first else None)
            label = form.fields[name].label if name in form.fields else ""
            href = f"#{target.auto_id}" if target is not None else "#konten"
            found += [{"href": href, "text": f"{label}: {error}" if label else str(error)} for error in errors]
    return found
