"""The demo's example of information-analytical work (seed 004) loads, and loads again without change."""

import pytest
from django.core.management import call_command

from council.access import category_of
from council.models import Council, SensitiveMaterial, User
from plans.models import UnplannedWork
from tests.helpers import NOW

pytestmark = pytest.mark.django_db


def test_the_demo_analytics_load_twice(demo, time_machine):
    time_machine.move_to(NOW)
    call_command("load_demo_analytics")
    call_command("load_demo_analytics")
    office = Council.objects.get(code="gpo-analytics")
    work = UnplannedWork.objects.get(council=office)
    assert work.status == UnplannedWork.Status.REPORTED  # accepted (R-004-10) and its result attached (R-004-14)
    assert SensitiveMaterial.objects.filter(council=office).count() == 1
    assert category_of(User.objects.get(username="analyst"), NOW.date()).number == 4
