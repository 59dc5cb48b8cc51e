"""A police chief's report to the public (seed 002) lives by its own profile: no materials deadline, no
agenda dispatch, no quorum; its deadlines are the publication 10 calendar days before (R-002-8.2) and the
protocol on the day (R-002-12, R-002-14)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from council.models import Deadline
from protocols.models import Protocol
from secretariat.meeting_day import attendance_record, meeting_hold
from secretariat.models import AgendaItem, Meeting
from tests.helpers import at, roster
from tests.police import police_body, schedule_report

pytestmark = pytest.mark.django_db
NOW = at(dt.date(2026, 12, 1))


def deadlines_of_meeting(meeting):
    from django.contrib.contenttypes.models import ContentType

    return Deadline.objects.filter(
        subject_type=ContentType.objects.get_for_model(Meeting), subject_id=meeting.pk
    ) | Deadline.objects.filter(
        subject_type=ContentType.objects.get_for_model(AgendaItem),
        subject_id__in=AgendaItem.objects.filter(meeting=meeting).values("pk"),
    )


def test_a_police_report_never_opens_a_coordination_councils_deadline(demo):
    """R-002-4..R-002-8: scheduling opens the publication only; no R-000-10b materials, no R-000-10e agenda,
    nothing of another seed's rules."""
    report = schedule_report(now=NOW)
    rows = list(deadlines_of_meeting(report.meeting).values_list("kind", "rule_id"))
    assert rows == [("publication", "R-002-8.2")]
    assert not Deadline.objects.filter(council=report.council).exclude(rule_id__startswith="R-002-").exists()


@pytest.mark.parametrize(
    "report_day, due",
    [
        (dt.date(2027, 2, 18), dt.date(2027, 2, 8)),  # ten calendar days before, a Monday
        (dt.date(2027, 3, 3), dt.date(2027, 2, 19)),  # 21 February is a Sunday: back to Friday the 19th
    ],
)
def test_the_announcement_is_due_ten_calendar_days_before_the_report(demo, report_day, due):
    """R-002-8.2, Decision: calendar days (ten working days before 18 February 2027 would be 4 February);
    a day off moves back to the previous working day."""
    report = schedule_report(date=report_day, now=NOW)
    deadline = Deadline.objects.get(kind="publication", subject_id=report.meeting.pk)
    assert deadline.due_date == due
    rules = report.council.profile.rules["R-002-8.2"]
    assert (rules["amount"], rules["unit"], rules["direction"]) == (10, "calendar_days", "before")


def test_the_report_is_held_without_an_agenda_or_a_quorum_and_its_protocol_is_due_the_same_day(demo):
    """R-002-4, R-002-12, R-002-14: held in person straight from the schedule; the protocol's deadline is
    the day of the report."""
    report = schedule_report(date=dt.date(2027, 2, 18), now=NOW)
    council, _chief, secretary = police_body()
    day = at(dt.date(2027, 2, 18), 16)
    meeting = report.meeting
    attendance_record(
        actor=secretary, meeting=meeting, presence={e.seat.pk: "present" for e in roster(meeting)}, now=day
    )
    meeting_hold(actor=secretary, meeting=meeting, now=day)
    protocol = Protocol.objects.get(meeting=meeting)
    deadline = Deadline.objects.get(kind="protocol", subject_id=protocol.pk)
    assert (deadline.rule_id, deadline.due_date) == ("R-002-12", dt.date(2027, 2, 18))


def test_a_coordination_council_meeting_is_still_held_only_after_its_agenda_is_sent(demo, user_named):
    """R-000-10e: the straight move to held is only for a profile that sends no agenda."""
    from secretariat.services import meeting_schedule

    secretary = user_named("secretary")
    meeting = meeting_schedule(actor=secretary, council=demo["republic"], date=dt.date(2026, 12, 10), now=NOW)
    with translation.override("en"), pytest.raises(ValidationError, match="agenda"):
        meeting_hold(actor=secretary, meeting=meeting, now=at(dt.date(2026, 12, 10), 16))


def test_a_report_is_held_in_the_year_after_the_reporting_year(demo):
    """R-002-4: the report on 2026 is held in 2027."""
    with pytest.raises(ValidationError) as exc:
        schedule_report(date=dt.date(2026, 12, 20), now=NOW)
    assert "R-002-4" in str(exc.value)


# The yearly schedule (R-002-4, R-002-8.1, R-002-11) ----------------------------------------------------


@pytest.mark.parametrize(
    "meetings, rules",
    [([dt.date(2027, 2, 18)], []), ([dt.date(2027, 4, 10)], ["R-002-4"]), ([], ["R-002-4"])],
)
def test_the_coverage_check_flags_a_year_without_a_first_quarter_report(meetings, rules):
    """R-002-4: at least once a year, in the first quarter of the following year."""
    from plans.coverage import coverage_warnings

    warnings = coverage_warnings(
        start=dt.date(2027, 1, 1),
        end=dt.date(2027, 12, 31),
        min_meetings={"per": "year_first_quarter", "count": 1},
        meeting_dates=meetings,
        items_without_responsible=[],
    )
    assert [w.rule for w in warnings] == rules


def test_the_compliance_dashboard_shows_a_body_without_a_first_quarter_report_as_a_miss(demo):
    """R-002-4: the first quarter needs one report; other quarters have no minimum."""
    from protocols.compliance import dashboard

    council, _chief, secretary = police_body()
    args = {"councils": [council], "start": dt.date(2027, 1, 1), "end": dt.date(2027, 12, 31)}
    [row] = dashboard(**args, today=dt.date(2027, 5, 1))["councils"]
    assert [(q.month, n, required) for q, n, required in row["meetings"]] == [(1, 0, 1), (4, 0, None)]
    report = schedule_report(date=dt.date(2027, 2, 18), now=NOW)
    day = at(dt.date(2027, 2, 18), 16)
    attendance_record(
        actor=secretary,
        meeting=report.meeting,
        presence={e.seat.pk: "present" for e in roster(report.meeting)},
        now=day,
    )
    meeting_hold(actor=secretary, meeting=report.meeting, now=day)
    [row] = dashboard(**args, today=dt.date(2027, 5, 1))["councils"]
    assert row["meetings"][0][1:] == (1, 1)


def test_the_schedule_and_the_invited_groups_are_recorded(demo):
    """R-002-8.1: the approved schedule; R-002-4: the akimat is always invited; R-002-11's groups."""
    report = schedule_report(now=NOW)
    assert (report.schedule.year, report.schedule.approval_number) == (2026, "12-ш")
    assert report.invitee_groups == ["akimat", "maslikhat", "public", "media"]
    assert report.akimat_ru == "Акимат города Алматы"
    with pytest.raises(ValidationError):  # one schedule per reporting year
        from secretariat.services.police import schedule_approve

        schedule_approve(actor=police_body()[2], council=report.council, year=2026, approved_on=NOW.date(), now=NOW)


# Publication (R-002-8.2) and the public pages ----------------------------------------------------------


def test_a_publication_by_its_date_meets_the_deadline_and_a_later_one_is_late(demo):
    from secretariat.services.police import publication_record

    _council, _chief, secretary = police_body()
    report = schedule_report(date=dt.date(2027, 2, 18), now=NOW)
    with translation.override("en"), pytest.raises(ValidationError, match="copy"):
        publication_record(
            actor=secretary, report=report, channel="web", outlet="polisia.kz", published_on=dt.date(2027, 2, 1),
            now=at(dt.date(2027, 2, 2)),
        )  # fmt: skip
    publication = publication_record(
        actor=secretary, report=report, channel="periodical", outlet="Вечерний Алматы",
        published_on=dt.date(2027, 2, 8), link="https://vecher.kz/2027/02/08/otchet", now=at(dt.date(2027, 2, 9)),
    )  # fmt: skip
    assert publication.on_time
    assert Deadline.objects.get(kind="publication", subject_id=report.meeting.pk).state == Deadline.State.MET
    late = schedule_report(date=dt.date(2027, 3, 3), now=NOW)  # due 19 February 2027
    publication = publication_record(
        actor=secretary, report=late, channel="broadcast", outlet="Алматы ТВ", published_on=dt.date(2027, 2, 22),
        link="https://almaty.tv/news/1", now=at(dt.date(2027, 2, 22)),
    )  # fmt: skip
    assert not publication.on_time
    assert Deadline.objects.get(kind="publication", subject_id=late.meeting.pk).state == Deadline.State.MET_LATE


def test_the_text_to_publish_is_generated_in_kazakh_and_russian(demo):
    """R-002-8.2: time, place, schedule and how to send questions, from the report's data."""
    from secretariat.police_report import announcement_text

    report = schedule_report(date=dt.date(2027, 2, 18), now=NOW)
    ru, kk = announcement_text(report, "ru"), announcement_text(report, "kk")
    for text, place, how in (
        (ru, "проспект Абая, 10", "police@almaty.kz или по телефону 102"),
        (kk, "Абай даңғылы, 10", "102 телефонына"),
    ):
        assert "18.02.2027" in text and "15:00" in text and place in text and how in text
    assert ru != kk


SECRETS = ("77-ОТЧ", "Иванов Пётр", "+7 701 000 00 00", "Вечерний Алматы", "12-ш", "Акимат города Алматы")


def test_the_public_page_shows_only_the_listed_fields(client, demo, time_machine):
    """R-002-8.2: the public page (no login) shows the time, place, topics and how to send questions in
    Kazakh and Russian, and nothing else of the system."""
    from django.urls import reverse

    from secretariat.police_report import PUBLIC_FIELDS
    from secretariat.services.police import publication_record, question_add, report_register, report_topics_save

    _council, _chief, secretary = police_body()
    report = schedule_report(date=dt.date(2027, 2, 18), now=NOW)
    report_topics_save(actor=secretary, report=report, topics=["crime", "corruption"], now=NOW)
    report_register(actor=secretary, report=report, registration_number="77-ОТЧ", now=NOW)
    question_add(
        actor=secretary, report=report, kind="complaint", received="before", author="Иванов Пётр",
        contact="+7 701 000 00 00", consent_to_contact=True, text="Нет освещения", now=NOW,
    )  # fmt: skip
    publication_record(
        actor=secretary, report=report, channel="periodical", outlet="Вечерний Алматы",
        published_on=NOW.date(), link="https://vecher.kz/1", now=NOW,
    )  # fmt: skip
    time_machine.move_to(NOW)
    response = client.get(reverse("secretariat:public_report", args=[report.pk]))
    assert response.status_code == 200
    assert set(response.context["fields"]) == set(PUBLIC_FIELDS) == set(response.context["facts"]["ru"])
    page = response.content.decode()
    from django.utils import translation

    from secretariat.models import Topic

    topics = []
    for lang in ("kk", "ru"):
        with translation.override(lang):
            topics += [str(Topic.CRIME.label), str(Topic.CORRUPTION.label)]
    for shown in ("18.02.2027", "15:00", "проспект Абая, 10", "Абай даңғылы, 10", "police@almaty.kz", *topics):
        assert shown in page, shown
    with translation.override("ru"):
        assert str(Topic.OPINION.label) not in page  # only the topics covered
    for secret in SECRETS:
        assert secret not in page, secret
    assert "<form" not in page and "href=" not in page.split("</head>")[1]  # no way into the system
    listing = client.get(reverse("secretariat:public_reports", args=[report.council.code])).content.decode()
    assert reverse("secretariat:public_report", args=[report.pk]) in listing and "проспект Абая, 10" in listing
    for secret in SECRETS:
        assert secret not in listing, secret
    assert client.get(reverse("secretariat:public_reports", args=["republic"])).status_code == 404


def test_the_public_list_shows_only_upcoming_reports(client, demo, time_machine):
    from django.urls import reverse

    first = schedule_report(date=dt.date(2027, 2, 18), now=NOW)
    second = schedule_report(date=dt.date(2027, 3, 25), now=NOW)
    time_machine.move_to(at(dt.date(2027, 3, 1)))
    listing = client.get(reverse("secretariat:public_reports", args=[first.council.code])).content.decode()
    assert reverse("secretariat:public_report", args=[second.pk]) in listing
    assert reverse("secretariat:public_report", args=[first.pk]) not in listing


# The ten topics (R-002-6), the sources (R-002-10), keeping (R-002-18) ---------------------------------------


def test_the_topics_checklist_and_the_sources_and_the_registration_show_on_the_report(client, demo, time_machine):
    from django.urls import reverse

    from tests.helpers import upload
    from tests.world import PDF

    _council, _chief, secretary = police_body()
    report = schedule_report(date=dt.date(2027, 2, 18), now=NOW)
    time_machine.move_to(NOW)
    client.force_login(secretary)
    url = reverse("secretariat:police_report", args=[report.pk])
    client.post(reverse("secretariat:report_topics", args=[report.pk]), {"topics": ["crime", "opinion"]})
    client.post(
        reverse("secretariat:source_add", args=[report.pk]),
        {"kind": "statistics", "file": upload("stat.pdf", PDF)},
    )
    client.post(reverse("secretariat:report_register", args=[report.pk]), {"registration_number": "15/2027"})
    response = client.get(url)
    page = response.content.decode()
    assert page.count("✓") == 2 and page.count("○") == 8  # R-002-6: ten topics, two covered
    assert "stat.pdf" in page and "15/2027" in page  # R-002-10 source; R-002-18 registration number
    assert response.context["retention_years"] is None  # R-002-18: the keeping period is the staff's to set
    source = report.sources.get()
    assert client.get(reverse("secretariat:report_source", args=[source.pk])).status_code == 200
    response = client.post(reverse("secretariat:report_topics", args=[report.pk]), {"topics": ["nonsense"]})
    assert response.status_code == 302 and report.__class__.objects.get(pk=report.pk).topics == ["crime", "opinion"]


# Citizens' questions (R-002-13, R-002-16) -------------------------------------------------------------


def test_a_contact_is_kept_only_with_consent_and_an_answer_only_after_the_report(demo):
    from secretariat.services.police import question_add, question_answer

    _council, _chief, secretary = police_body()
    report = schedule_report(date=dt.date(2027, 2, 18), now=NOW)
    with translation.override("en"), pytest.raises(ValidationError, match="consent"):
        question_add(
            actor=secretary, report=report, kind="proposal", received="before", author="А. Б.",
            contact="a@b.kz", text="Предложение", now=NOW,
        )  # fmt: skip
    question = question_add(
        actor=secretary, report=report, kind="proposal", received="before", author="А. Б.", text="Предложение",
        now=NOW,
    )  # fmt: skip
    with pytest.raises(ValidationError):
        question_answer(actor=secretary, question=question, answer="Ответ", now=NOW)


def test_a_publications_copy_is_kept_and_read_by_the_secretary_only(client, demo, time_machine, user_named):
    """R-002-8.2: the copy of the publication, stored with its SHA-256 (store_upload)."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from secretariat.services.police import publication_record
    from tests.world import PDF

    _council, _chief, secretary = police_body()
    report = schedule_report(date=dt.date(2027, 2, 18), now=NOW)
    publication = publication_record(
        actor=secretary, report=report, channel="periodical", outlet="Вечерний Алматы",
        published_on=NOW.date(), upload=SimpleUploadedFile("copy.pdf", PDF), now=NOW,
    )  # fmt: skip
    assert publication.original_name == "copy.pdf" and len(publication.sha256) == 64
    time_machine.move_to(NOW)
    url = reverse("secretariat:publication_copy", args=[publication.pk])
    client.force_login(secretary)
    assert client.get(url).status_code == 200
    client.force_login(user_named("secretary"))  # the republic council's secretary: not this body's
    assert client.get(url).status_code == 404
    with pytest.raises(ValidationError):  # not a document
        publication_record(
            actor=secretary, report=report, channel="web", outlet="x", published_on=NOW.date(),
            upload=SimpleUploadedFile("copy.exe", b"MZ"), now=NOW,
        )  # fmt: skip
