"""factory-boy factories for the portal's models."""

import datetime

import factory
from django.utils.text import slugify

from gwa_portal.core.models import Role, User
from quartiere.demo import hexagon
from quartiere.models import (
    Aktivitaet,
    Bedarf,
    Handlungsfeld,
    Kennzahl,
    Koordination,
    Massnahme,
    Merkmal,
    Quartier,
    Stadtteil,
    Zielgruppe,
)

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


class HandlungsfeldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Handlungsfeld
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Handlungsfeld {n}")


class ZielgruppeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Zielgruppe
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Zielgruppe {n}")


class KennzahlFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kennzahl

    quartier = factory.SubFactory(QuartierFactory)
    jahr = factory.Sequence(lambda n: 2000 + n % 25)
    merkmal = Merkmal.EINWOHNER
    wert = 1234


class AktivitaetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aktivitaet
        skip_postgeneration_save = True

    datum = datetime.date(2024, 5, 14)
    quartier = factory.SubFactory(QuartierFactory)
    autor = factory.SubFactory(UserFactory, role=Role.KOORDINATION)
    art = Aktivitaet.Art.TREFFEN
    kurzbeschreibung = factory.Sequence(lambda n: f"Aktivität {n}")
    teilnehmende = 8
    stunden = 2

    @factory.post_generation
    def handlungsfelder(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.handlungsfelder.set(extracted)

    @factory.post_generation
    def zielgruppen(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.zielgruppen.set(extracted)


class BedarfFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bedarf
        skip_postgeneration_save = True

    quartier = factory.SubFactory(QuartierFactory)
    titel = factory.Sequence(lambda n: f"Bedarf {n}")
    quelle = Bedarf.Quelle.KOORDINATION
    handlungsfeld = factory.SubFactory(HandlungsfeldFactory)

    @factory.post_generation
    def zielgruppen(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.zielgruppen.set(extracted)


class MassnahmeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Massnahme
        skip_postgeneration_save = True

    titel = factory.Sequence(lambda n: f"Maßnahme {n}")
    status = Massnahme.Status.LAUFEND

    @factory.post_generation
    def quartiere(obj, create, extracted, **kwargs):
        if create:
            obj.quartiere.set(extracted if extracted is not None else [QuartierFactory()])

    @factory.post_generation
    def bedarfe(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.bedarfe.set(extracted)
