"""factory_boy factories for the registry and the deadline engine (also used by bench/)."""

import datetime as dt

import factory
from django.contrib.contenttypes.models import ContentType

from council import models

START = dt.date(2024, 1, 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    full_name_ru = factory.Sequence(lambda n: f"Пользователь {n}")
    full_name_kk = factory.Sequence(lambda n: f"Пайдаланушы {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.kz")
    preferred_language = "ru"
    password = factory.django.Password("pass-12345")


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Body
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"body-{n}")
    name_ru = factory.Sequence(lambda n: f"Орган {n}")
    name_kk = factory.Sequence(lambda n: f"Орган {n} (kk)")


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Position

    body = factory.SubFactory(BodyFactory)
    title_ru = factory.LazyAttribute(lambda p: f"Руководитель: {p.body.name_ru}")
    title_kk = factory.LazyAttribute(lambda p: f"Басшы: {p.body.name_kk}")
    is_head = True


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Council
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"council-{n}")
    kind = models.Council.Kind.TERRITORIAL
    name_ru = factory.Sequence(lambda n: f"Координационный совет области {n}")
    name_kk = factory.Sequence(lambda n: f"{n} облысының үйлестіру кеңесі")


class SeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Seat

    council = factory.SubFactory(CouncilFactory)
    position = factory.SubFactory(PositionFactory)
    kind = models.Seat.Kind.PERMANENT
    role = models.Seat.Role.MEMBER
    valid_from = START


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Appointment

    position = factory.SubFactory(PositionFactory)
    person = factory.SubFactory(UserFactory)
    kind = models.Appointment.Kind.HOLDER
    start = START


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CouncilOfficer

    council = factory.SubFactory(CouncilFactory)
    person = factory.SubFactory(UserFactory)
    role = models.CouncilOfficer.Role.SECRETARIAT
    body = factory.SubFactory(BodyFactory)
    start = START


class DeadlineFactory(factory.django.DjangoModelFactory):
    """A raw deadline row (the services compute due dates; this is for lists and volume)."""

    class Meta:
        model = models.Deadline

    council = factory.SubFactory(CouncilFactory)
    subject_type = factory.LazyAttribute(lambda d: ContentType.objects.get_for_model(models.Council))
    subject_id = factory.LazyAttribute(lambda d: d.council.pk)
    kind = factory.Sequence(lambda n: f"item-{n}")
    title_ru = factory.Sequence(lambda n: f"Срок {n}")
    title_kk = factory.Sequence(lambda n: f"Мерзім {n}")
    rule_id = "R-000-10c"
    anchor_date = dt.date(2026, 11, 23)
    due_date = dt.date(2026, 11, 26)
    created_at = factory.LazyFunction(lambda: dt.datetime(2026, 11, 23, 3, tzinfo=dt.UTC))
