"""factory-boy factories for the portal's models."""

import datetime

import factory
from django.utils.text import slugify

from gwa_portal.core.models import Role, User
from quartiere.demo import hexagon
from quartiere.models import Koordination, Quartier, Stadtteil

PASSWORD = "Sicheres-Testpasswort-1"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Sequence(lambda n: f"Person {n}")
    role = Role.KOORDINATION
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class StadtteilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stadtteil

    name = factory.Sequence(lambda n: f"Stadtteil {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    art = Stadtteil.Art.KERNSTADT


class QuartierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quartier

    name = factory.Sequence(lambda n: f"Quartier {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    stadtteil = factory.SubFactory(StadtteilFactory)
    typologie = Quartier.Typologie.URBAN
    beschreibung = "Ein Quartier für Tests."
    grenze = factory.LazyFunction(lambda: hexagon(52.44, 9.74, 0.5))


class KoordinationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Koordination

    quartier = factory.SubFactory(QuartierFactory)
    user = factory.SubFactory(UserFactory, role=Role.KOORDINATION)
    von = datetime.date(2024, 1, 1)
    bis = None
