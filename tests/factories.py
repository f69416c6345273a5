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
