"""factory_boy factories shared by every test. Tests never load fixtures/ as test data."""

import datetime

import factory

from django.utils import timezone

from reporting import models
from reporting.services.registry import login_code_for


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: str(11 + n % 89))
    login_code = factory.LazyAttribute(lambda o: login_code_for(o.code))
    name = factory.Sequence(lambda n: f"Provinsi Uji {n}")
    level = models.RegionLevel.PROVINSI
    province = None


class KabKotaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Region
        django_get_or_create = ("code",)

    province = factory.SubFactory(ProvinceFactory)
    code = factory.Sequence(lambda n: f"{n // 99 + 11}.{n % 99 + 1:02d}")
    login_code = factory.LazyAttribute(lambda o: login_code_for(o.code))
    name = factory.Sequence(lambda n: f"Kabupaten Uji {n}")
    level = models.RegionLevel.KABKOTA


class UrusanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Urusan
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"1.{n + 1:02d}")
    name = factory.Sequence(lambda n: f"Urusan {n}")
    short_name = factory.LazyAttribute(lambda o: o.name.upper())
    order = factory.Sequence(lambda n: n)


class ServiceTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ServiceType

    year = 2026
    urusan = factory.SubFactory(UrusanFactory)
    level = models.RegionLevel.KABKOTA
    code = factory.Sequence(lambda n: f"9.99.K{n:03d}")
    name = factory.Sequence(lambda n: f"Pelayanan dasar {n}")
    indikator = "Jumlah Warga Negara yang mendapatkan layanan"
    order = factory.Sequence(lambda n: n)


class MutuItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.MutuItem

    service = factory.SubFactory(ServiceTypeFactory)
    name = factory.Sequence(lambda n: f"Mutu {n}")
    order = factory.Sequence(lambda n: n)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = models.Role.REVIEWER
    password = factory.PostGenerationMethodCall("set_password", "Rahasia-uji-123")

    @factory.post_generation
    def save_after(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class PemdaUserFactory(UserFactory):
    role = models.Role.PEMDA
    region = factory.SubFactory(KabKotaFactory)
    username = factory.LazyAttribute(lambda o: o.region.login_code)


class OperatorUserFactory(UserFactory):
    role = models.Role.OPERATOR
    parent = factory.SubFactory(PemdaUserFactory)
    region = factory.LazyAttribute(lambda o: o.parent.region)
    urusan = factory.SubFactory(UrusanFactory)


class PeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Period
        django_get_or_create = ("year", "quarter")

    year = 2026
    quarter = 1
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Report

    region = factory.SubFactory(KabKotaFactory)
    urusan = factory.SubFactory(UrusanFactory)
    period = factory.SubFactory(PeriodFactory)
    status = models.ReportStatus.DRAFT


class ServiceEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ServiceEntry

    report = factory.SubFactory(ReportFactory)
    service_code = factory.Sequence(lambda n: f"9.99.K{n:03d}")
    service_name = factory.Sequence(lambda n: f"Pelayanan dasar {n}")
    indikator = "Jumlah Warga Negara yang mendapatkan layanan"
    order = factory.Sequence(lambda n: n)


class MutuEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.MutuEntry

    entry = factory.SubFactory(ServiceEntryFactory)
    name = factory.Sequence(lambda n: f"Mutu {n}")
    order = factory.Sequence(lambda n: n)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Activity

    entry = factory.SubFactory(ServiceEntryFactory)
    name = factory.Sequence(lambda n: f"Sub kegiatan {n}")
    pagu = 1_000_000
    realisasi = 900_000


class ProblemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Problem

    report = factory.SubFactory(ReportFactory)
    category = models.ProblemCategory.PENGUMPULAN_DATA
    text = "Data sasaran belum lengkap"


# --- Public portal pages (home/) -------------------------------------------------------
# Pages are created under the sections that ``home.services.site_structure_ensure`` makes
# (/berita/, /landasan-hukum/), as the CMS does: through ``add_child``, live, and indexed for search.


def _pdf_document(title):
    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model

    from home.placeholder_files import placeholder_pdf

    document = get_document_model()(title=title)
    document.file.save("peraturan-uji.pdf", ContentFile(placeholder_pdf(title, ["uji"])), save=False)
    document.save()
    return document


_PAGE_SECTIONS = {"newspage": "berita", "regulationpage": "landasan-hukum"}


class _PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        from home.services import site_structure_ensure

        parent = parent or site_structure_ensure()[_PAGE_SECTIONS[model_class._meta.model_name]]
        page = model_class(**kwargs)
        parent.add_child(instance=page)
        return page


class NewsPageFactory(_PageFactory):
    class Meta:
        model = "home.NewsPage"

    title = factory.Sequence(lambda n: f"Berita uji {n}")
    slug = factory.Sequence(lambda n: f"berita-uji-{n}")
    date = datetime.date(2019, 11, 8)
    author = "MA"
    summary = "Ringkasan berita uji."
    body = "<p>Isi berita uji.</p>"


class RegulationPageFactory(_PageFactory):
    class Meta:
        model = "home.RegulationPage"

    title = factory.Sequence(lambda n: f"Peraturan Menteri Dalam Negeri Nomor {n} Tahun 2018 tentang Uji")
    slug = factory.Sequence(lambda n: f"peraturan-uji-{n}")
    nomor = factory.Sequence(lambda n: str(n))
    tahun = 2018
    tentang = "Penerapan Standar Pelayanan Minimal"
    kind = "landasan_hukum"
    document = factory.LazyAttribute(lambda o: _pdf_document(o.title))


# --- Forum (django-machina) ---------------------------------------------------------------------


def _first_forum():
    from machina.core.db.models import get_model

    return get_model("forum", "Forum").objects.filter(type=0).order_by("pk").first()


class ModeratorUserFactory(UserFactory):
    role = models.Role.MODERATOR


class ForumTopicFactory(factory.django.DjangoModelFactory):
    """A thread with its first post (machina keeps the topic's counters from its posts)."""

    class Meta:
        model = "forum_conversation.Topic"
        skip_postgeneration_save = True

    forum = factory.LazyFunction(_first_forum)
    poster = factory.SubFactory(PemdaUserFactory)
    subject = factory.Sequence(lambda n: f"Thread uji {n}")
    type = 0
    status = 0
    approved = True

    @factory.post_generation
    def first_post(obj, create, extracted, **kwargs):
        if create:
            ForumPostFactory(topic=obj, poster=obj.poster, subject=obj.subject, content=extracted or "Isi thread uji")


class ForumPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "forum_conversation.Post"

    topic = factory.SubFactory(ForumTopicFactory)
    poster = factory.SubFactory(PemdaUserFactory)
    subject = factory.LazyAttribute(lambda o: f"Tanggapan: {o.topic.subject}")
    content = "Tanggapan uji"
    approved = True


# --- Synthetic national data (reporting.services.seed, synthetic) --------------------------------


def seed_world(*, provinces: int, kabkota_per_province: int, years: list[int], urusan: int = 6) -> list:
    """A tiny registry and catalogue for ``seed_national``: regions, urusan, services with mutu items,
    and the periods of ``years``. Returns the active regions (provinces and their kab/kota)."""
    from reporting.services.periods import periods_create_year

    urusan_rows = [UrusanFactory(code=f"1.{i:02d}", name=f"Urusan {i}", order=i) for i in range(1, urusan + 1)]
    for year in years:
        for u in urusan_rows:
            for level, mutu_counts in ((models.RegionLevel.PROVINSI, (2,)), (models.RegionLevel.KABKOTA, (3, 0))):
                for n, mutu_count in enumerate(mutu_counts, start=1):
                    service = ServiceTypeFactory(
                        year=year, urusan=u, level=level, order=n, code=f"{u.code}.{level[0].upper()}{n}"
                    )
                    for m in range(1, mutu_count + 1):
                        MutuItemFactory(service=service, order=m, name=f"Mutu {m} {service.code}")
        periods_create_year(year=year)
    regions = []
    for p in range(provinces):
        province = ProvinceFactory(code=str(11 + p), name=f"Provinsi Seed {p}")
        regions.append(province)
        for k in range(kabkota_per_province):
            regions.append(
                KabKotaFactory(code=f"{11 + p}.{k + 1:02d}", province=province, name=f"Kabupaten Seed {p}-{k}")
            )
    return regions


def report_with_catalogue(region, *, services: int = 2, mutu: int = 1, year: int = 2026):
    """A Pendidikan report of TW I ``year`` for ``region``, made by the service from a small catalogue."""
    from reporting.services.reports import report_get_or_create

    urusan = UrusanFactory(code="1.01", name="Pendidikan", short_name="PENDIDIKAN")
    period = PeriodFactory(year=year, quarter=1)
    for i in range(services):
        service = ServiceTypeFactory(urusan=urusan, year=year, level=region.level, name=f"Layanan {i}")
        for j in range(mutu):
            MutuItemFactory(service=service, name=f"Mutu {i}.{j}")
    return report_get_or_create(region=region, urusan=urusan, period=period)


def default_rules_ensure() -> None:
    """The default ValidationRule rows of migration 0008: a transactional test (the browser journeys) flushes
    the tables after each test, so the rows the data migration made are gone for the next one."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("reporting.migrations.0008_quality_rules")
    migration.create_default_rules(apps, None)


class ReportWarningFactory(factory.django.DjangoModelFactory):
    """A stored plausibility warning (open unless told), under an ad hoc serapan rule."""

    class Meta:
        model = models.ReportWarning

    report = factory.SubFactory(ReportFactory)
    rule = factory.LazyFunction(
        lambda: models.ValidationRule.objects.create(name="Serapan uji", kind="serapan", min_percent=40)
    )
    target_key = factory.Sequence(lambda n: f"kegiatan:{n}")
    label = "Kegiatan uji"
    message = "Serapan di bawah harapan."
