"""What the check step before Kirim shows: per service which capaian figures are filled and which are empty."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from reporting.models import MutuEntry, Report


@dataclass
class EmptyFigure:
    """One empty figure: its label and the id of its input on tab A (``id-<key>``)."""

    label: str
    key: str


@dataclass
class ServiceCompleteness:
    name: str
    filled: int = 0
    required: int = 0
    empty: list[EmptyFigure] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.filled == self.required


def report_completeness_list(*, report: Report) -> list[ServiceCompleteness]:
    """Every service of ``report`` with its filled and empty figures, counted the way ``figures_filled`` is
    (harus dilayani, terlayani, and each mutu's two figures). Two queries."""
    entries = report.entries.order_by("order", "id").prefetch_related(
        Prefetch("mutu_entries", queryset=MutuEntry.objects.order_by("order", "id"))
    )
    result = []
    for entry in entries:
        item = ServiceCompleteness(name=entry.service_name)
        cells = [
            ("Jumlah yang harus dilayani", f"entry-{entry.pk}-harus_dilayani", entry.harus_dilayani),
            ("Jumlah yang terlayani", f"entry-{entry.pk}-terlayani", entry.terlayani),
        ]
        for number, mutu in enumerate(entry.mutu_entries.all(), start=1):
            cells += [
                (
                    f"Mutu {number} ({mutu.name}): jumlah yang harus dipenuhi",
                    f"mutu-{mutu.pk}-harus_dipenuhi",
                    mutu.harus_dipenuhi,
                ),
                (f"Mutu {number} ({mutu.name}): jumlah yang terpenuhi", f"mutu-{mutu.pk}-terpenuhi", mutu.terpenuhi),
            ]
        for label, key, value in cells:
            item.required += 1
            if value is None:
                item.empty.append(EmptyFigure(label=label, key=key))
            else:
                item.filled += 1
        result.append(item)
    return result
