"""Finding 11 of the second trust round: twelve wrong signing passwords were each answered 200 and the right
one then signed, with no failure audited. Signing is throttled as the login is: five wrong passwords within
half an hour lock signing until the half hour has passed, the right password included; each wrong password
is an audit event."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from council.models import AuditEvent, AuditVerb
from protocols.models import Protocol
from tests import clock
from tests.helpers import at

pytestmark = pytest.mark.django_db


def test_five_wrong_passwords_lock_signing_for_half_an_hour(client, sign_in, presented, time_machine, settings):
    assert (settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME) == (5, 0.5)
    start = at(clock.day(2026, 12, 7), 11)
    time_machine.move_to(start)
    sign_in("chair", "en")
    url = reverse("protocols:protocol_sign", args=[presented.pk])
    for _ in range(5):
        page = client.post(url, {"password": "guess"}, REMOTE_ADDR="10.0.0.9")
        assert page.status_code == 200 and "The password is not correct" in page.content.decode()
    failures = AuditEvent.objects.filter(verb=AuditVerb.PROTOCOL_SIGN_FAILED, subject_id=presented.pk)
    assert failures.count() == 5 and failures.first().data["address"] == "10.0.0.9"
    locked = client.post(url, {"password": "demo-pass-123"}).content.decode()
    assert "signing is locked until" in locked
    assert not presented.signatures.exists()
    time_machine.move_to(start + dt.timedelta(minutes=31))
    assert client.post(url, {"password": "demo-pass-123"}).status_code == 302
    presented.refresh_from_db()
    assert presented.status == Protocol.Status.SIGNED


def test_a_signature_ends_the_count(client, sign_in, presented, time_machine):
    """Four wrong passwords, then the right one: the count starts again from the signature."""
    from protocols.services.signing import check_signing_password

    start = at(clock.day(2026, 12, 7), 11)
    time_machine.move_to(start)
    sign_in("chair", "en")
    url = reverse("protocols:protocol_sign", args=[presented.pk])
    for _ in range(4):
        client.post(url, {"password": "guess"})
    assert client.post(url, {"password": "demo-pass-123"}).status_code == 302
    chair, later = presented.signatures.get().person, start + dt.timedelta(minutes=5)
    for _ in range(4):  # with the four before the signature they would make eight: not locked
        with pytest.raises(ValidationError, match="not correct"):
            check_signing_password(actor=chair, protocol=presented, password="guess", now=later)
    check_signing_password(actor=chair, protocol=presented, password="demo-pass-123", now=later)
