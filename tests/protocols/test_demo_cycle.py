"""The demo's lived-in cycle is made through the services, so it obeys every rule the pages do."""

import pytest

from council.models import Deadline
from protocols.demo import load_demo_cycle
from protocols.models import Assignment, Protocol
from secretariat.models import Meeting

pytestmark = pytest.mark.django_db


def test_the_demo_cycle_has_a_signed_protocol_under_control_and_a_next_meeting(demo, today):
    made = load_demo_cycle(today=today, password="demo-pass-123")
    protocol = made["protocol"]
    assert protocol.status == Protocol.Status.DISPATCHED and protocol.registration
    assert protocol.sha256_kk and protocol.sha256_ru
    assert Assignment.objects.filter(decision__item__protocol=protocol, responsible=True).count() == 3
    assert made["upcoming"].date > today and made["upcoming"].items.count() == 2
    assert Deadline.objects.filter(kind="materials", state="open").count() == 2
    assert load_demo_cycle(today=today, password="demo-pass-123") == {}  # safe to run again
    assert Meeting.objects.count() == 2
