"""JSON log lines: one object per line, each with the request id of the request that caused it.

Used by Django's logging (``LOGGING`` in portal/settings/base.py) and by gunicorn (deploy/gunicorn.conf.py),
whose access lines carry the request id of the response header that core.requestid sets.
"""

import datetime
import json
import logging

from core.requestid import current_request_id

# gunicorn's access-log atoms worth keeping, under readable names.
ACCESS_FIELDS = {
    "m": "method",
    "U": "path",
    "q": "query",
    "s": "status",
    "B": "bytes",
    "D": "duration_us",
    "h": "remote",
    "a": "user_agent",
    "{x-request-id}o": "request_id",
}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": _request_id(record),
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            entry.update(_access_fields(record.args))
        if isinstance(getattr(record, "status_code", None), int):
            entry["status"] = record.status_code
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _request_id(record: logging.LogRecord) -> str | None:
    # Django logs a 4xx/5xx response (django.request) after the middleware has returned, with the request.
    return getattr(getattr(record, "request", None), "request_id", None) or current_request_id()


def _access_fields(atoms: dict) -> dict:
    fields = {}
    for atom, name in ACCESS_FIELDS.items():
        value = atoms.get(atom)
        if value not in (None, "-", ""):
            fields[name] = int(value) if name in ("status", "bytes", "duration_us") and str(value).isdigit() else value
    return fields
