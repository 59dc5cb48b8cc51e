"""Finding 9 of the second trust round: an appointment ended by ``QuerySet.update``, by raw SQL or by a
writer that could not reach Redis left the member their roles, and 24–39 pages, for up to an hour. Roles
kept between requests are kept under the registry's version, which the database raises on any change of
the tables roles are made of: the next request reads the change, however it was written."""

import datetime as dt

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from council.models import Appointment, RegistryVersion
from council.navcache import registry_version
from tests import clock

pytestmark = pytest.mark.django_db

UNREACHABLE = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}
}


def end_by_save(appointment, day):
    appointment.end = day
    appointment.save()


def end_by_update(appointment, day):
    Appointment.objects.filter(pk=appointment.pk).update(end=day)


def end_by_raw_sql(appointment, day):
    with connection.cursor() as cursor:
        cursor.execute('UPDATE council_appointment SET "end" = %s WHERE id = %s', [day, appointment.pk])


def end_without_the_cache(appointment, day):
    """The writer's cache is unreachable: its bump of the person's generation is lost (and logged)."""
    with override_settings(CACHES=UNREACHABLE):
        end_by_save(appointment, day)


@pytest.mark.parametrize("end", [end_by_save, end_by_update, end_by_raw_sql, end_without_the_cache])
def test_an_ended_appointment_closes_the_councils_pages_on_the_next_request(client, sign_in, user_named, demo, end):
    member = user_named("member_mvd")
    page = reverse("council_detail", args=[demo["republic"].code])
    sign_in("member_mvd")
    assert client.get(page).status_code == 200
    assert client.get(page).status_code == 200  # now read from what was kept
    appointment = Appointment.objects.get(person=member, end=None)
    end(appointment, clock.TODAY - dt.timedelta(days=1))
    assert client.get(page).status_code in (403, 404)


def test_the_database_raises_the_version_for_every_kind_of_write(demo, user_named):
    before = registry_version()
    Appointment.objects.filter(person=user_named("member_mvd")).update(basis="приказ № 1")
    assert registry_version() > before
    with connection.cursor() as cursor:
        cursor.execute('UPDATE council_seat SET "order" = "order" WHERE id = (SELECT min(id) FROM council_seat)')
    assert registry_version() > before + 1
    RegistryVersion.objects.all().delete()  # an emptied table: the next write makes the row again
    Appointment.objects.filter(person=user_named("member_mvd")).update(basis="приказ № 2")
    assert registry_version() == 1


def test_a_withdrawn_invitation_ends_the_invitees_role_however_it_was_deleted(scheduled_item, user_named):
    """The invitee's role (R-000-12) is kept as the others are: deleted in raw SQL, the next reading knows."""
    from council.models import User
    from council.roles import Role, council_roles
    from secretariat.models import Invitee
    from tests.factories import UserFactory

    judge = UserFactory(username="judge_fresh")
    council, day = scheduled_item.meeting.council, scheduled_item.meeting.date
    invitation = Invitee.objects.create(item=scheduled_item, person=judge, full_name_ru="Судья")
    assert council_roles(User.objects.get(pk=judge.pk), council, day) == {Role.INVITEE}
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM secretariat_invitee WHERE id = %s", [invitation.pk])
    assert council_roles(User.objects.get(pk=judge.pk), council, day) == frozenset()
