"""factory_boy factories for the core models. Apps add theirs in tests/<app>/factories.py."""

from __future__ import annotations

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from accounts.models import User
from accounts.roles import Role
from allocations.choices import RegionLevel
from allocations.models import (
    ActivityMenu,
    Allocation,
    FiscalYear,
    PlannedActivity,
    ProblemCode,
    Region,
    Sentra,
)

PASSWORD = "Sandi-Uji-12345"


class ProvinceFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{(n % 60) + 40}")
    name = factory.LazyAttribute(lambda o: f"Provinsi Uji {o.code}")
    level = RegionLevel.PROVINSI
    parent = None


class RegionFactory(DjangoModelFactory):
    """A kabupaten under a (new or given) province."""

    class Meta:
        model = Region
        django_get_or_create = ("code",)

    parent = factory.SubFactory(ProvinceFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.parent.code}.{(n % 89) + 1:02d}")
    name = factory.LazyAttribute(lambda o: f"Kabupaten Uji {o.code}")
    level = RegionLevel.KABUPATEN


class FiscalYearFactory(DjangoModelFactory):
    class Meta:
        model = FiscalYear
        django_get_or_create = ("year",)

    year = 2024


class AllocationFactory(DjangoModelFactory):
    class Meta:
        model = Allocation

    region = factory.SubFactory(RegionFactory)
    fiscal_year = factory.SubFactory(FiscalYearFactory)
    pagu = Decimal("2000000000.00")


class SentraFactory(DjangoModelFactory):
    class Meta:
        model = Sentra

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Sentra Uji {n}")
    commodity = "Anyaman"


def menu(code: str = "MESIN_PERALATAN") -> ActivityMenu:
    return ActivityMenu.objects.get_or_create(code=code, defaults={"name": code.title()})[0]


def problem_code(code: int) -> ProblemCode:
    return ProblemCode.objects.get_or_create(code=code, defaults={"name": f"Masalah {code}"})[0]


class PlannedActivityFactory(DjangoModelFactory):
    class Meta:
        model = PlannedActivity

    allocation = factory.SubFactory(AllocationFactory)
    code = factory.Sequence(lambda n: f"RK-{n + 1:02d}")
    menu = factory.LazyFunction(menu)
    description = factory.Sequence(lambda n: f"Pengadaan mesin {n}")
    volume = Decimal("1")
    unit = "paket"
    pagu = Decimal("500000000.00")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.DITJEN
    region = None
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def make_user(role: str, region: Region | None = None, **kwargs) -> User:
    return UserFactory(role=role, region=region, is_staff=role == Role.DITJEN, **kwargs)
