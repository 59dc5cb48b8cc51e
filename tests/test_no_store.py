"""Finding 14 of the second trust round: what a signed-in person is shown carries ``Cache-Control: no-store``
(the API token page, a disclosed material, the access log exports, protocol PDFs, the API), so no proxy or
browser disk keeps it; an anonymous public page keeps its own policy."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.helpers import at

pytestmark = pytest.mark.django_db


def test_the_api_token_page_is_not_stored(client, sign_in):
    sign_in("member_mvd")
    response = client.post(reverse("api_tokens"), {"name": "laptop"})
    assert "no-store" in response["Cache-Control"]
    assert "no-store" in client.get(reverse("api_tokens"))["Cache-Control"]


def test_a_protocol_pdf_is_not_stored(client, sign_in, signed, user_named):
    from protocols.services import protocol_dispatch

    protocol_dispatch(actor=user_named("secretary"), protocol=signed, now=at(dt.date(2026, 12, 8), 9))
    sign_in("member_mvd")
    response = client.get(reverse("protocols:protocol_pdf", args=[signed.pk, "kk"]))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_a_signed_in_page_and_an_api_answer_are_not_stored_and_the_public_site_is_left_alone(client, sign_in):
    sign_in("member_mvd")
    assert "no-store" in client.get(reverse("home"))["Cache-Control"]
    client.logout()
    token = client.get(reverse("api_tokens"))
    assert token.status_code == 302  # to the login page
    api = client.get(reverse("oparl-system"), HTTP_AUTHORIZATION="Bearer not-a-token")
    assert "no-store" in api["Cache-Control"]
    public = client.get(reverse("secretariat:public_reports", args=["republic"]))
    assert "no-store" not in public.get("Cache-Control", "")
