"""Rows of the synthetic national data written in bulk (``seed_national``): the columns per model, the
primary keys handed out before writing, ``bulk_create`` on any database or PostgreSQL's COPY, historical
timestamps instead of "now", and the count of what a run wrote."""

import contextlib
import datetime
import io
from dataclasses import dataclass

from django.db import connection, models
from django.db.models import Max

from reporting.models import Activity, MutuEntry, Problem, Report, ReportEvent, ServiceEntry


@dataclass
class SeedResult:
    """What one run wrote; ``skipped`` counts reports that already existed."""

    reports: int = 0
    entries: int = 0
    mutu_entries: int = 0
    activities: int = 0
    problems: int = 0
    events: int = 0
    skipped: int = 0

    @property
    def rows(self) -> int:
        return self.reports + self.entries + self.mutu_entries + self.activities + self.problems + self.events

    def add(self, model, count: int) -> None:
        name = {
            Report: "reports",
            ServiceEntry: "entries",
            MutuEntry: "mutu_entries",
            Activity: "activities",
            Problem: "problems",
            ReportEvent: "events",
        }[model]
        setattr(self, name, getattr(self, name) + count)


# Columns the generator fills, per model, in the order of its tuples. Any other column of the
# model (added later) is written with its field default.
COLUMNS = {
    Report: (
        "id",
        "region_id",
        "urusan_id",
        "period_id",
        "status",
        "version",
        "created_at",
        "updated_at",
        "submitted_at",
        "reviewed_at",
        "return_reason",
        *Report.SUMMARY_FIELDS,
    ),
    ServiceEntry: (
        "id",
        "report_id",
        "service_id",
        "service_code",
        "service_name",
        "indikator",
        "order",
        "harus_dilayani",
        "terlayani",
    ),
    MutuEntry: ("id", "entry_id", "mutu_item_id", "name", "order", "harus_dipenuhi", "terpenuhi"),
    Activity: ("id", "entry_id", "name", "pagu", "realisasi", "justification", "created_at"),
    Problem: ("id", "report_id", "category", "text", "solution", "created_by_id", "created_at", "updated_at"),
    ReportEvent: ("id", "report_id", "user_id", "created_at", "kind", "field", "old_value", "new_value", "message"),
}
MODELS = tuple(COLUMNS)  # parents before children


class Ids:
    """Primary keys handed out here, starting past the highest existing one of each model."""

    def __init__(self):
        self._next = {m: (m.objects.aggregate(top=Max("pk"))["top"] or 0) + 1 for m in MODELS}

    def take(self, model) -> int:
        value = self._next[model]
        self._next[model] = value + 1
        return value


def _other_fields(model) -> list:
    return [f for f in model._meta.concrete_fields if f.attname not in COLUMNS[model]]


class _BulkSink:
    """Writes with ``bulk_create`` in batches: any database (SQLite in the tests)."""

    def __init__(self, batch_size: int):
        self.batch_size = batch_size

    def write(self, model, rows: list[tuple]) -> None:
        names = COLUMNS[model]
        model.objects.bulk_create(
            (model(**dict(zip(names, row, strict=True))) for row in rows), batch_size=self.batch_size
        )

    @contextlib.contextmanager
    def session(self):
        with _explicit_timestamps(*MODELS):
            yield


class _CopySink:
    """Writes with PostgreSQL's COPY: the same rows, about ten times faster than INSERT.

    Needed to load the national data (about four million rows) in minutes on two cores;
    the rows are exactly those ``_BulkSink`` writes.
    """

    def __init__(self):
        self.sql, self.tails = {}, {}
        quote = connection.ops.quote_name
        for model in MODELS:
            extra = _other_fields(model)
            columns = [model._meta.get_field(name).column for name in COLUMNS[model]] + [f.column for f in extra]
            self.sql[model] = f"COPY {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
            self.tails[model] = tuple(f.get_db_prep_save(f.get_default(), connection) for f in extra)

    def write(self, model, rows: list[tuple]) -> None:
        tail = self.tails[model]
        buffer = io.StringIO()
        buffer.writelines("\t".join(map(_copy_text, row + tail)) + "\n" for row in rows)
        buffer.seek(0)
        with connection.cursor() as cursor:
            raw = cursor.cursor
            if hasattr(raw, "copy_expert"):  # psycopg2
                raw.copy_expert(self.sql[model], buffer)
            else:  # psycopg 3
                with raw.copy(self.sql[model]) as copy:
                    copy.write(buffer.getvalue())

    @contextlib.contextmanager
    def session(self):
        yield


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value) -> str:
    """One value in COPY's text format."""
    kind = type(value)
    if kind is int:
        return str(value)
    if kind is str:
        return value.translate(_COPY_ESCAPES)
    if value is None:
        return "\\N"
    if kind is bool:
        return "t" if value else "f"
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return str(value).translate(_COPY_ESCAPES)


def sink(batch_size: int):
    return _CopySink() if connection.vendor == "postgresql" else _BulkSink(batch_size)


@contextlib.contextmanager
def _explicit_timestamps(*model_classes):
    """Let the seed write historical created_at / updated_at instead of "now".

    auto_now / auto_now_add would stamp every generated row with the seeding moment, and
    five years of history that all happened today would make trend pages meaningless.
    """
    switched = []
    for model in model_classes:
        for f in model._meta.concrete_fields:
            if isinstance(f, models.DateTimeField) and (f.auto_now or f.auto_now_add):
                switched.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in switched:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add
