"""The working-day calendar of the Republic of Kazakhstan (pure: no database, no clock).

Days off are Saturdays, Sundays, public holidays and days moved by government decree; a Saturday or
Sunday moved to a working day by decree is a working day. Holidays that fall on a day off move to the
next working day, except religious holidays (Kurban ait, Orthodox Christmas). All of that comes from the
`holidays` package (country KZ). Decrees it does not know yet (later years) and corrections are layered on
top as extra days off and extra working days; `council.models.CalendarDay` stores them and
`council.services.current_calendar()` builds the layered calendar from the database.
"""

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

import holidays

ONE_DAY = datetime.timedelta(days=1)

# The `holidays` package names KZ holidays in Kazakh and English only; these are the Russian names.
RUSSIAN_NAMES = {
    "New Year's Day": "Новый год",
    "Orthodox Christmas": "Православное Рождество",
    "International Women's Day": "Международный женский день",
    "Nowruz Holiday": "Наурыз мейрамы",
    "Kazakhstan's People Solidarity Holiday": "Праздник единства народа Казахстана",
    "Defender of the Fatherland Day": "День защитника Отечества",
    "Victory Day": "День Победы",
    "Eid al-Adha": "Курбан айт",
    "Capital Day": "День Столицы",
    "Constitution Day": "День Конституции Республики Казахстан",
    "Republic Day": "День Республики",
    "Independence Day": "День Независимости",
    "First President Day": "День Первого Президента Республики Казахстан",
}
_SUBSTITUTED = re.compile(r"^Day off \(substituted from (\d\d)/(\d\d)/(\d{4})\)$")


def russian_name(english: str) -> str:
    parts = []
    for name in english.split("; "):
        suffix = ""
        for marker, ru in ((" (observed)", " (перенесённый выходной)"), (" (estimated)", " (ориентировочно)")):
            if name.endswith(marker):
                name, suffix = name[: -len(marker)], ru + suffix
        moved = _SUBSTITUTED.match(name)
        if moved:
            month, day, year = moved.groups()
            parts.append(f"Выходной день (перенесён с {day}.{month}.{year}){suffix}")
        else:
            parts.append(RUSSIAN_NAMES.get(name, name) + suffix)
    return "; ".join(parts)


@dataclass(frozen=True)
class DayOff:
    day: datetime.date
    name_kk: str
    name_ru: str
    name_en: str
    source: str  # "statute" (holidays package) or "decree" (entered in the application)


@dataclass(frozen=True)
class Correction:
    """A day made a day off or a working day by a decree the `holidays` package does not know."""

    day: datetime.date
    working: bool
    name_kk: str = ""
    name_ru: str = ""


@lru_cache(maxsize=64)
def _statutory_year(year: int):
    """Holidays (with names) and working weekend days of one year, from the `holidays` package."""
    en = holidays.country_holidays("KZ", years=year, language="en_US")
    kk = holidays.country_holidays("KZ", years=year, language="kk")
    days_off = {day: (kk.get(day, name), russian_name(name), name) for day, name in en.items() if day.year == year}
    working_weekend = frozenset(d for d in getattr(en, "weekend_workdays", ()) if d.year == year)
    return days_off, working_weekend


class WorkingCalendar:
    def __init__(self, corrections=()):
        self._extra_off = {c.day: c for c in corrections if not c.working}
        self._extra_working = {c.day: c for c in corrections if c.working}

    def with_corrections(self, corrections):
        return WorkingCalendar([*self._extra_off.values(), *self._extra_working.values(), *corrections])

    def is_working_day(self, day: datetime.date) -> bool:
        if day in self._extra_working:
            return True
        if day in self._extra_off:
            return False
        days_off, working_weekend = _statutory_year(day.year)
        if day in days_off:
            return False
        if day.weekday() >= 5:
            return day in working_weekend
        return True

    def next_working_day(self, day: datetime.date) -> datetime.date:
        """``day`` itself if it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def previous_working_day(self, day: datetime.date) -> datetime.date:
        """``day`` itself if it is a working day, else the last working day before it."""
        while not self.is_working_day(day):
            day -= ONE_DAY
        return day

    def add_working_days(self, day: datetime.date, n: int) -> datetime.date:
        """The n-th working day after ``day`` (counting starts the day after the event; n >= 1)."""
        if n < 1:
            raise ValueError("n must be at least 1")
        while n:
            day += ONE_DAY
            if self.is_working_day(day):
                n -= 1
        return day

    def subtract_working_days(self, day: datetime.date, n: int) -> datetime.date:
        """The n-th working day before ``day`` (n >= 1)."""
        if n < 1:
            raise ValueError("n must be at least 1")
        while n:
            day -= ONE_DAY
            if self.is_working_day(day):
                n -= 1
        return day

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative when ``end`` is earlier)."""
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start
        while day < end:
            day += ONE_DAY
            count += self.is_working_day(day)
        return count

    def days_off(self, year: int) -> list[DayOff]:
        """Every day off of ``year`` that is not a plain Saturday or Sunday, with its name."""
        statutory, _ = _statutory_year(year)
        result = {}
        for day, (kk, ru, en) in statutory.items():
            if day not in self._extra_working:
                result[day] = DayOff(day, kk, ru, en, "statute")
        for day, c in self._extra_off.items():
            if day.year == year:
                result[day] = DayOff(day, c.name_kk, c.name_ru, c.name_ru, "decree")
        return [result[d] for d in sorted(result)]

    def working_weekend_days(self, year: int) -> list[datetime.date]:
        """Saturdays and Sundays that are working days by decree."""
        _, statutory = _statutory_year(year)
        days = {d for d in statutory if d not in self._extra_off}
        days |= {d for d in self._extra_working if d.year == year and d.weekday() >= 5}
        return sorted(days)


_DEFAULT = WorkingCalendar()


def default_calendar() -> WorkingCalendar:
    """The calendar of statutes and decrees known to the `holidays` package, without database corrections."""
    return _DEFAULT
