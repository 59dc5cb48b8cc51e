"""Composition on any date, the roster of a meeting, history (R-000-7, R-000-8, R-000-9d, R-000-12)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from council.models import Appointment, Council, Position, Seat, User
from council.roles import Role, council_roles, prime_council_roles
from council.selectors import council_composition, council_roster
from tests.factories import AppointmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_roster_puts_the_acting_official_in_the_holders_place(demo, today):
    """R-000-9d: the official acting in a permanent member's position counts and votes in their place."""
    roster = {e.seat.position.body.code: e for e in council_roster(council=demo["republic"], day=today)}
    assert roster["mju"].person.username == "acting_mju"
    assert roster["mju"].acting and roster["mju"].counts_for_quorum and roster["mju"].votes
    assert roster["mvd"].person.username == "member_mvd" and not roster["mvd"].acting


def test_delegated_members_vote_but_do_not_count_for_quorum(demo, today):
    """R-000-7, R-000-9d."""
    roster = {e.seat.position.body.code: e for e in council_roster(council=demo["republic"], day=today)}
    assert roster["afm"].votes
    assert not roster["afm"].counts_for_quorum
    assert sum(e.counts_for_quorum for e in roster.values()) == 6


def test_the_seat_stays_when_the_person_changes(demo, today):
    """R-000-7: membership is by position; history tells who held the seat on a date."""
    minister = Position.objects.get(title_ru="Министр внутренних дел Республики Казахстан")
    old = Appointment.objects.get(position=minister, kind=Appointment.Kind.HOLDER)
    old.end = dt.date(2026, 12, 31)
    old.save()
    successor = UserFactory(username="new_minister", full_name_ru="Новый Министр")
    AppointmentFactory(position=minister, person=successor, start=dt.date(2027, 1, 1))

    def holder_on(day):
        composition = council_composition(council=demo["republic"], day=day)
        seat = next(s for s in composition.seats if s.seat.position == minister)
        return seat.holder.person.username

    assert holder_on(dt.date(2026, 12, 31)) == "member_mvd"
    assert holder_on(dt.date(2027, 1, 1)) == "new_minister"
    assert Role.MEMBER in council_roles(successor, demo["republic"], dt.date(2027, 1, 1))
    assert council_roles(successor, demo["republic"], dt.date(2026, 12, 1)) == frozenset()
    assert Seat.objects.filter(position=minister).count() == 1


def test_vacant_seat_is_shown_and_does_not_vote(demo, today):
    chair_of_vap = Position.objects.get(title_ru="Председатель Высшей аудиторской палаты")
    Appointment.objects.filter(position=chair_of_vap).update(end=today - dt.timedelta(days=1))
    roster = {e.seat.position.body.code: e for e in council_roster(council=demo["republic"], day=today)}
    assert roster["vap"].person is None and not roster["vap"].votes and roster["vap"].counts_for_quorum


def test_roles_come_from_the_registry(demo, today, user_named):
    republic, oblast = demo["republic"], demo["oblast"]
    assert council_roles(user_named("chair"), republic, today) == {Role.CHAIR, Role.MEMBER}
    assert council_roles(user_named("secretary"), republic, today) == {Role.SECRETARY}
    assert council_roles(user_named("secretary"), oblast, today) == {Role.OVERSIGHT}
    assert council_roles(user_named("chair"), oblast, today) == {Role.OVERSIGHT}  # approves it (R-000-6)
    assert council_roles(user_named("sec_mvd"), republic, today) == {Role.SECRETARIAT}
    assert council_roles(user_named("acting_mju"), republic, today) == {Role.ACTING}
    assert council_roles(user_named("acting_mju"), republic, today + dt.timedelta(days=30)) == frozenset()
    assert council_roles(user_named("oblast_secretary"), republic, today) == frozenset()


def test_council_page_shows_the_change_log(client, demo, sign_in, today, time_machine):
    time_machine.move_to(today)
    minister = Position.objects.get(title_ru="Министр внутренних дел Республики Казахстан")
    appointment = Appointment.objects.get(position=minister, kind=Appointment.Kind.HOLDER)
    appointment.basis = "Указ № 77"
    appointment.save()
    sign_in("secretary")
    text = client.get(reverse("council_detail", args=["republic"])).content.decode()
    assert "История изменений" in text
    assert "Министр внутренних дел Республики Казахстан" in text
    assert "изменено" in text


def test_the_monitoring_group_has_a_police_side_and_a_bar_side(demo, today):
    """R-001-3a: chair from the police department, deputy chair from the bar, members of both sides."""
    group = demo["group"]
    roster = council_roster(council=group, day=today)
    sides = {e.seat.side for e in roster}
    assert sides == {Seat.Side.POLICE, Seat.Side.BAR}
    chair = next(e for e in roster if e.seat.role == Seat.Role.CHAIR)
    deputy = next(e for e in roster if e.seat.role == Seat.Role.DEPUTY_CHAIR)
    assert (chair.seat.side, deputy.seat.side) == (Seat.Side.POLICE, Seat.Side.BAR)
    assert group.profile.setting("quorum") == {"kind": "each_side_majority"}  # R-001-3d
    assert group.profile.setting("retention_years") == 3  # R-001-3e


def test_roles_primed_for_many_councils_are_the_roles_of_each_council_one_at_a_time(demo, today):
    """R-000-6, R-000-8, R-000-9d: the calendar asks the roles of every council a person sees at once; for
    every demo person, on every council and on a day before and after the demo's terms, the answer is the
    one the registry gives council by council (oversight of the oblast council by the republic staff too)."""
    councils = list(Council.objects.all())
    assert any(c.parent_id for c in councils)
    for day in (today, dt.date(2019, 1, 1)):
        for username in User.objects.values_list("username", flat=True):
            one_by_one = {c.pk: council_roles(User.objects.get(username=username), c, day) for c in councils}
            primed_user = User.objects.get(username=username)
            prime_council_roles(primed_user, councils, day)
            assert {c.pk: council_roles(primed_user, c, day) for c in councils} == one_by_one, username
    assert any(
        Role.OVERSIGHT in council_roles(User.objects.get(username=u), c, today)
        for c in councils
        for u in User.objects.values_list("username", flat=True)
    )


def test_the_calendar_of_the_republic_staff_asks_the_registry_once_for_all_its_councils(demo, client, today):
    """The republic secretariat's calendar lists the territorial councils it controls (R-000-8): adding
    councils adds no query."""
    secretary = User.objects.get(username=demo["republic"].officers.filter(role="secretary").first().person.username)
    client.force_login(secretary)
    url = reverse("secretariat:calendar_month")
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    oblast = Council.objects.filter(parent__isnull=False).first()
    for n in range(5):
        Council.objects.create(
            code=f"extra-{n}",
            name_ru=f"Совет {n}",
            name_kk=f"Кеңес {n}",
            kind=oblast.kind,
            parent=oblast.parent,
            profile=oblast.profile,
        )
    client.get(url)  # the header is refreshed once after the registry changes
    with CaptureQueriesContext(connection) as after:
        assert client.get(url).status_code == 200
    assert len(after) == len(before)
