"""The secretary is told when materials arrive, late or reworked, and of contributions and execution reports;
the responsible body is told of a co-executor's contribution or part (R-000-10a, R-000-10b, R-000-10c,
R-000-11d, R-000-11e)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from council.models import Notification
from protocols import control
from protocols.models import Assignment
from protocols.services import protocol_dispatch
from secretariat.models import AgendaItem
from secretariat.services import item_decide, item_report, material_submit
from tests.helpers import NOW, at, pdf_of, upload

pytestmark = pytest.mark.django_db


def told(username, message):
    """What ``username`` was told with ``message``, in English, newest last."""
    with translation.override("en"):
        return [
            n.rendered()[0]
            for n in Notification.objects.filter(recipient__username=username, message=message).order_by("id")
        ]


def note(actor, item, now, kind="reference_note"):
    return material_submit(actor=actor, item=item, kind=kind, upload=upload("note.pdf", pdf_of(2)), now=now)


def test_the_secretary_hears_of_materials_and_of_their_rework(scheduled_item, user_named):
    """The materials of question 1 of the meeting of 22 January 2027 arrive, are returned, and come back."""
    sec_mvd, secretary = user_named("sec_mvd"), user_named("secretary")
    note(sec_mvd, scheduled_item, NOW)
    [first] = told("secretary", "materials.arrived")
    assert "submitted the materials of question 1" in first and "Jan. 22, 2027" in first
    assert "late" not in first
    notice = Notification.objects.get(recipient=secretary, message="materials.arrived")
    assert notice.url == reverse("secretariat:item_materials", args=[scheduled_item.pk])
    assert told("sec_mvd", "materials.arrived") == []  # not told of their own upload

    item_report(actor=secretary, item=scheduled_item, now=NOW)
    item_decide(actor=user_named("chair"), item=scheduled_item, accept=False, remarks="Нет статистики", now=NOW)
    assert AgendaItem.objects.get(pk=scheduled_item.pk).status == AgendaItem.Status.RETURNED
    note(sec_mvd, scheduled_item, NOW + dt.timedelta(days=1))
    assert "resubmitted the materials of question 1" in told("secretary", "materials.arrived")[-1]


def test_a_late_contribution_is_told_to_the_responsible_body_and_the_secretary(scheduled_item, user_named):
    """The KNB's contribution was due 25 December 2026 (R-000-10a.contributions); it comes on the 28th."""
    note(user_named("sec_knb"), scheduled_item, at(dt.date(2026, 12, 28)), kind="contribution")
    for username in ("sec_mvd", "secretary"):
        [title] = told(username, "contribution.arrived")
        assert "gave its contribution to question 1 late" in title
    assert told("sec_knb", "contribution.arrived") == []


def test_reports_and_parts_of_execution_are_told(signed, user_named):
    protocol_dispatch(actor=user_named("secretary"), protocol=signed, now=at(dt.date(2026, 12, 8), 9))
    lead = Assignment.objects.get(decision__item__protocol=signed, responsible=True)
    part = Assignment.objects.get(decision__item__protocol=signed, responsible=False)
    control.report_submit(actor=user_named("sec_gpo"), assignment=part, text="Переданы", now=at(dt.date(2026, 12, 20)))
    assert "gave its part of the execution (due Dec. 31, 2026)" in told("sec_mvd", "report.arrived")[-1]
    control.report_submit(actor=user_named("sec_mvd"), assignment=lead, text="Сделано", now=at(dt.date(2027, 1, 6)))
    assert "reported on execution late (due Jan. 5, 2027)" in told("secretary", "report.arrived")[-1]
