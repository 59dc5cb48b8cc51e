"""R-003-33: the regional quarterly report on the collegium and the regional coordination council, by the
5th of the month after the quarter, at most 5 pages, opened each quarter for each territorial council."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from council.models import Deadline
from territorial.models import RegionalReport
from territorial.reports import regional_report_submit, regional_reports_open
from tests.helpers import at, pdf_of, upload

pytestmark = pytest.mark.django_db


def test_each_quarter_opens_the_report_of_every_territorial_council(demo):
    """The second quarter of 2026: the 5th of July is a Sunday and the 6th is Capital Day: due 7 July."""
    opened = regional_reports_open(today=dt.date(2026, 5, 10), now=at(dt.date(2026, 5, 10)))
    assert [r.council for r in opened] == [demo["oblast"]]  # not the republic council nor the group
    report = opened[0]
    deadline = Deadline.objects.get(kind="regional-report", subject_id=report.pk)
    assert (deadline.rule_id, deadline.due_date) == ("R-003-33", dt.date(2026, 7, 7))
    assert regional_reports_open(today=dt.date(2026, 6, 30), now=at(dt.date(2026, 6, 30))) == []  # once
    fourth = regional_reports_open(today=dt.date(2026, 11, 23), now=at(dt.date(2026, 11, 23)))[0]
    assert Deadline.objects.get(kind="regional-report", subject_id=fourth.pk).due_date == dt.date(2027, 1, 5)


def test_a_report_over_5_pages_is_refused_and_5_pages_meet_the_deadline(demo, user_named):
    (report,) = regional_reports_open(today=dt.date(2026, 5, 10), now=at(dt.date(2026, 5, 10)))
    secretary = user_named("oblast_secretary")
    with pytest.raises(PermissionDenied):
        regional_report_submit(
            actor=user_named("secretary"), report=report, upload=upload("r.pdf", pdf_of(5)), now=at(dt.date(2026, 7, 1))
        )
    with translation.override("en"), pytest.raises(ValidationError, match=r"6 pages; at most 5.*R-003-33"):
        regional_report_submit(
            actor=secretary, report=report, upload=upload("r.pdf", pdf_of(6)), now=at(dt.date(2026, 7, 1))
        )
    regional_report_submit(
        actor=secretary, report=report, upload=upload("r.pdf", pdf_of(5)), now=at(dt.date(2026, 7, 7))
    )
    report.refresh_from_db()
    assert report.pages == 5 and report.sha256
    assert Deadline.objects.get(kind="regional-report", subject_id=report.pk).state == Deadline.State.MET


def test_the_reports_page_takes_the_upload_and_names_the_refusal(demo, client, sign_in, time_machine):
    (report,) = regional_reports_open(today=dt.date(2026, 5, 10), now=at(dt.date(2026, 5, 10)))
    time_machine.move_to(at(dt.date(2026, 7, 1)))
    sign_in("oblast_secretary", language="en")
    url = reverse("territorial:regional_reports", args=[demo["oblast"].code])
    page = client.get(url).content.decode()
    assert "07.07.2026" in page and "R-003-33" in page
    page = client.post(url, {"report": report.pk, "document": upload("r.pdf", pdf_of(7))}).content.decode()
    assert "7 pages; at most 5" in page
    assert client.post(url, {"report": report.pk, "document": upload("r.pdf", pdf_of(2))}).status_code == 302
    assert RegionalReport.objects.get().pages == 2
    assert client.get(reverse("territorial:regional_report_document", args=[report.pk])).status_code == 200
