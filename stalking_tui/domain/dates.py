"""Dates and times as caseworkers type them (dd-mm-jjjj, dd-mm-jjjj uu:mm), in Dutch local time."""

import calendar
import re
from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

from babel.dates import get_month_names

from ..i18n import _, current_language

# Every date in the app is Dutch local time, whatever the device is set to.
TZ = ZoneInfo("Europe/Amsterdam")
MIN_YEAR = 1900

_DATE = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")
_DATETIME = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})\s+(\d{1,2}):(\d{2})")


class DateError(ValueError):
    """Invalid date or time text; the user-facing message names the expected format."""


def now() -> datetime:
    """Return the current time, aware, in Europe/Amsterdam."""
    return datetime.now(TZ)


def today() -> date:
    return now().date()


def local(moment: datetime) -> datetime:
    """Return `moment` in Europe/Amsterdam; a naive `moment` is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(TZ)


def parse_date(text: str) -> date:
    """Parse "dd-mm-jjjj" (also "d-m-jjjj"); raises DateError with a Dutch message."""
    cleaned = text.strip()
    if not cleaned:
        raise DateError(_("Vul een datum in als dd-mm-jjjj, bijvoorbeeld 24-03-2026."))
    match = _DATE.fullmatch(cleaned)
    if match is None:
        raise DateError(
            _("„{text}” is geen geldige datum. Schrijf de datum als dd-mm-jjjj, bijvoorbeeld 24-03-2026.").format(text=cleaned)
        )
    day, month, year = (int(part) for part in match.groups())
    return _checked_date(cleaned, day, month, year)


def parse_datetime(text: str) -> datetime:
    """Parse "dd-mm-jjjj uu:mm" as Dutch local time; returns an aware datetime."""
    cleaned = " ".join(text.split())
    example = _("Schrijf datum en tijd als dd-mm-jjjj uu:mm, bijvoorbeeld 24-03-2026 14:30.")
    if not cleaned:
        raise DateError(_("Vul datum en tijd in.") + " " + example)
    match = _DATETIME.fullmatch(cleaned)
    if match is None:
        raise DateError(_("„{text}” is geen geldige datum en tijd.").format(text=cleaned) + " " + example)

    day, month, year, hour, minute = (int(part) for part in match.groups())
    moment_date = _checked_date(cleaned, day, month, year)
    if hour > 23 or minute > 59:
        raise DateError(
            _("De tijd {hour:02d}:{minute:02d} bestaat niet. Uren gaan van 00 tot en met 23, minuten van 00 tot en met 59.").format(hour=hour, minute=minute)
        )

    moment = datetime.combine(moment_date, time(hour, minute), tzinfo=TZ)
    # In the spring gap (e.g. 02:30 on the last Sunday of March) the wall time does not exist.
    if local(moment.astimezone(timezone.utc)).replace(tzinfo=None) != moment.replace(tzinfo=None):
        raise DateError(
            _("{text} bestaat niet: die nacht gaat de klok een uur vooruit naar de zomertijd. Kies een tijd vóór 02:00 of vanaf 03:00.").format(text=cleaned)
        )
    return moment


def format_date(value: date | datetime) -> str:
    """Return `value` as "dd-mm-jjjj"; an aware datetime is shown in Dutch local time first."""
    if isinstance(value, datetime):
        value = local(value).date()
    return value.strftime("%d-%m-%Y")


def format_datetime(moment: datetime) -> str:
    """Return `moment` as "dd-mm-jjjj uu:mm" in Dutch local time."""
    return local(moment).strftime("%d-%m-%Y %H:%M")


def _checked_date(text: str, day: int, month: int, year: int) -> date:
    # Every wrong part is named at once, so "00-00-0000" is not fixed one part per attempt.
    problems = []
    if not 1 <= day <= 31:
        problems.append(_("Dag {day} bestaat niet. Vul een dag van 1 tot en met 31 in.").format(day=day))
    if not 1 <= month <= 12:
        problems.append(_("Maand {month} bestaat niet. Vul een maand van 1 tot en met 12 in.").format(month=month))
    if year < MIN_YEAR:
        problems.append(_("Het jaar {year} is te vroeg. Vul een jaar vanaf {minimum} in.").format(year=year, minimum=MIN_YEAR))
    if problems:
        raise DateError(" ".join(problems))

    days_in_month = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days_in_month:
        month_name = get_month_names("wide", locale=current_language())[month]
        raise DateError(
            _("{text} bestaat niet: {month} {year} heeft {days} dagen.").format(
                text=text.split()[0], month=month_name, year=year, days=days_in_month,
            )
        )
    return date(year, month, day)
