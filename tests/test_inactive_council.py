"""Finding 12 of the second trust round: with a council deactivated, its meetings, protocols and their PDFs,
assignments, plans and API objects still opened. A deactivated council is closed to everyone but
administrators, however it was deactivated (here by a bulk update, which no signal sees)."""

import datetime as dt

import pytest
from django.urls import reverse

from council.models import Council
from council.token_services import api_token_create
from protocols.models import Assignment
from protocols.services import protocol_dispatch
from tests import clock
from tests.helpers import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(signed, user_named, approved_item):
    protocol_dispatch(actor=user_named("secretary"), protocol=signed, now=at(dt.date(2026, 12, 8), 9))
    assignment = Assignment.objects.filter(council=signed.council).first()
    return [
        reverse("secretariat:meeting_detail", args=[signed.meeting_id]),
        reverse("protocols:protocol_detail", args=[signed.pk]),
        reverse("protocols:protocol_pdf", args=[signed.pk, "kk"]),
        reverse("protocols:assignment_detail", args=[assignment.pk]),
        reverse("plans:plan_detail", args=[approved_item.plan_id]),
        reverse("council_detail", args=[signed.council.code]),
    ]


@pytest.mark.parametrize("username", ["secretary", "member_mvd", "chair"])
def test_a_deactivated_councils_pages_and_files_open_to_no_one_of_it(client, pages, user_named, username, signed):
    client.force_login(user_named(username))
    assert all(client.get(url).status_code == 200 for url in pages), "open while the council is active"
    Council.objects.filter(pk=signed.council_id).update(is_active=False)
    for url in pages:
        assert client.get(url).status_code in (403, 404), url


def test_its_api_objects_are_gone_and_an_administrator_still_reads_them(client, pages, user_named, signed):
    raw = api_token_create(actor=user_named("member_mvd"), name="t", now=clock.now())[1]
    paper = reverse("oparl-paper-protocol", args=[signed.pk])
    assert client.get(paper, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    Council.objects.filter(pk=signed.council_id).update(is_active=False)
    assert client.get(paper, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 404
    client.force_login(user_named("admin"))
    assert client.get(pages[1]).status_code == 200  # to inspect it before it is reactivated
