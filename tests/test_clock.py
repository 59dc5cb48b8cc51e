"""The suite never reads the machine's clock: every test runs at the instant tests/clock.py sets."""

import datetime as dt
import re
from pathlib import Path

from django.utils import timezone

from tests import clock

TESTS = Path(__file__).resolve().parent

# Reading "now" or "today" from the machine instead of from tests/clock.py.
REAL_CLOCK = re.compile(
    r"timezone\.now\(\)|\blocaldate\(\)|\bdate\.today\(\)|\bdatetime\.(?:now|utcnow|today)\(|\btime\.time\(\)"
)


def test_no_test_module_reads_the_clock_itself():
    offenders = []
    for path in sorted(TESTS.rglob("*.py")):
        if path.name in {"clock.py", "test_clock.py"}:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if REAL_CLOCK.search(line.split("#", 1)[0]):
                offenders.append(f"{path.relative_to(TESTS)}:{number}: {line.strip()}")
    assert offenders == [], "read the time from tests/clock.py:\n" + "\n".join(offenders)


def test_each_test_starts_at_the_suite_instant():
    assert timezone.localdate() == clock.TODAY
    started = timezone.now()
    assert dt.timedelta(0) <= started - clock.NOW < dt.timedelta(seconds=30)


def test_the_clock_goes_back_to_the_suite_instant_after_a_test_moved_it(time_machine):
    time_machine.move_to(dt.datetime(2030, 6, 1, 9, tzinfo=clock.TZ))
    assert timezone.localdate() == dt.date(2030, 6, 1)
    with clock.at_instant():
        assert timezone.localdate() == clock.TODAY


def test_the_suite_date_is_parsed_or_refused_with_the_format():
    assert clock._parse("2028-02-29") == dt.date(2028, 2, 29)
    try:
        clock._parse("29.02.2028")
    except SystemExit as error:
        assert "YYYY-MM-DD" in str(error)
    else:
        raise AssertionError("a malformed SUITE_DATE was accepted")
