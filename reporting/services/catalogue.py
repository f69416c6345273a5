"""The SPM catalogue: load from the JSON fixture, copy to a new year."""

from decimal import Decimal

from django.db import transaction

from reporting.calculations import DEFAULT_CATEGORIES
from reporting.models import CategoryThreshold, MutuItem, ServiceType, Urusan
from reporting.selectors.reports import category_thresholds_forget

LEVELS = {"provinsi": "provinsi", "kabkota": "kabkota"}


def _sync_mutu(service: ServiceType, names: list[str]) -> None:
    existing = list(service.mutu_items.order_by("order", "id"))
    for order, name in enumerate(names, start=1):
        if order <= len(existing):
            item = existing[order - 1]
            if item.name != name or item.order != order:
                item.name, item.order = name, order
                item.save(update_fields=["name", "order"])
        else:
            MutuItem.objects.create(service=service, name=name, order=order)
    MutuItem.objects.filter(pk__in=[item.pk for item in existing[len(names) :]]).delete()


@transaction.atomic
def catalogue_load(*, year: int, urusan_rows: list[dict], items: list[dict]) -> int:
    """Create or update the urusan and the year's services from catalogue rows; returns the service count.

    Reports copy the texts they show, so changing a service here never alters a filed report.
    """
    urusan_by_name = {}
    for row in urusan_rows:
        urusan, _ = Urusan.objects.update_or_create(
            code=row["code"],
            defaults={"name": row["name"], "short_name": row["short_name"], "order": int(row["order"])},
        )
        urusan_by_name[urusan.name] = urusan
    counters: dict[tuple[str, str], int] = {}
    for item in items:
        key = (item["urusan"], item["level"])
        counters[key] = counters.get(key, 0) + 1
        service, _ = ServiceType.objects.update_or_create(
            year=year,
            code=item["code"],
            defaults={
                "urusan": urusan_by_name[item["urusan"]],
                "level": LEVELS[item["level"]],
                "name": item["name"],
                "indikator": item["indikator"],
                "order": counters[key],
            },
        )
        _sync_mutu(service, item.get("mutu", []))
    if not CategoryThreshold.objects.exists():
        CategoryThreshold.objects.bulk_create(
            CategoryThreshold(name=name, min_index=Decimal(lower)) for name, lower in DEFAULT_CATEGORIES
        )
        category_thresholds_forget()  # bulk_create sends no post_save
    return len(items)


@transaction.atomic
def catalogue_copy_year(*, from_year: int, to_year: int) -> int:
    """Start a new catalogue year as a copy of an earlier one; returns the services copied."""
    copied = 0
    services = ServiceType.objects.filter(year=from_year).prefetch_related("mutu_items")
    for source in services:
        service, created = ServiceType.objects.get_or_create(
            year=to_year,
            code=source.code,
            defaults={
                "urusan_id": source.urusan_id,
                "level": source.level,
                "name": source.name,
                "indikator": source.indikator,
                "order": source.order,
            },
        )
        if created:
            MutuItem.objects.bulk_create(
                MutuItem(service=service, name=m.name, order=m.order) for m in source.mutu_items.all()
            )
            copied += 1
    return copied
