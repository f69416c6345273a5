"""Reads behind the dashboards, the monitoring pages and the public figures, one module per reader:
``dashboard`` (a pemda's year), ``province`` (a province's kab/kota), ``national`` (the ministry's view and
the pemda that have not reported), ``public_figures`` (the open data), ``trends`` (the years side by side);
``common`` holds what they share (the sent version's columns, the periods, the catalogue's required figures).

Everything here is built on the summary fields the report services keep on every
write (``Report.indeks``, ``figures_filled``, ``pagu_total``...), with aggregate
queries whose number does not grow with the data. What a user sees is scoped only
through :mod:`reporting.selectors.access`.

Rules used throughout:

- a report counts as *reported* once it is sent (submitted, returned or accepted);
  drafts are private to their pemda and count as not reported;
- *on time*: sent no later than the pemda's deadline in that period (its
  ``PeriodExtension`` if any, else the period's ``closes_at``);
- *expected*: the active pemda (``Region.is_active``) times the urusan, so a rate is
  never above 100 %;
- *fill rate* of a group: figures filled in its sent reports over the figures
  required, where a report not sent counts with the catalogue's required figures
  of its level and nothing filled (the seed's "Kota Bogor 17 %, Pendidikan 0 %").
"""
