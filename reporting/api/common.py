"""Pieces every router uses: pagination, the documented error answers, periods by year and quarter."""

from typing import Annotated

from ninja import Query, Schema
from pydantic import Field

from reporting.messages import API_PERIOD_NOT_FOUND
from reporting.models import Period

from .errors import ApiError, ErrorOut

MAX_LIMIT = 100
READ_ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}
WRITE_ERRORS = {**READ_ERRORS, 403: ErrorOut, 409: ErrorOut, 423: ErrorOut}


class PageQuery(Schema):
    limit: Annotated[int, Field(ge=1, le=MAX_LIMIT)] = 50
    offset: Annotated[int, Field(ge=0, le=1_000_000)] = 0


PageParams = Query[PageQuery]


def paginate(rows, page: PageQuery, convert=lambda row: row) -> dict:
    """One COUNT and one sliced query for a queryset (or a slice of a list), whatever the page size."""
    count = rows.count() if hasattr(rows, "count") and not isinstance(rows, list) else len(rows)
    items = [convert(row) for row in rows[page.offset : page.offset + page.limit]]
    return {"count": count, "limit": page.limit, "offset": page.offset, "items": items}


def period_or_404(year: int, quarter: int) -> Period:
    period = Period.objects.filter(year=year, quarter=quarter).first()
    if period is None:
        raise ApiError(404, API_PERIOD_NOT_FOUND)
    return period
