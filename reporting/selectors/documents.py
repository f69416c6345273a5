"""Reads of a pemda's yearly documents: SK Tim, the 4 tahapan, rencana aksi (three queries)."""

from dataclasses import dataclass, field

from reporting.models import ImplementationStage, Region, RencanaAksi, SkTim


@dataclass
class RegionDocuments:
    sk_tim: SkTim | None
    rencana_aksi: RencanaAksi | None
    stages: dict[int, ImplementationStage] = field(default_factory=dict)

    @property
    def stage_rows(self):
        """The four stages in order, with the stored row or ``None``."""
        return [(value, label, self.stages.get(value)) for value, label in ImplementationStage.Stage.choices]


def region_documents_get(*, region: Region, year: int) -> RegionDocuments:
    return RegionDocuments(
        sk_tim=SkTim.objects.filter(region=region, year=year).first(),
        rencana_aksi=RencanaAksi.objects.filter(region=region, year=year).first(),
        stages={s.stage: s for s in ImplementationStage.objects.filter(region=region, year=year)},
    )


def region_document_file(*, region: Region, year: int, kind: str):
    models: dict[str, type[SkTim] | type[RencanaAksi]] = {"sk-tim": SkTim, "rencana-aksi": RencanaAksi}
    model = models.get(kind)
    return model.objects.filter(region=region, year=year).first() if model else None


def document_year_choices(year: int) -> list[int]:
    """A few years around ``year`` for the year selector."""
    return list(range(max(year, 2019) + 1, 2018, -1)[:8])
