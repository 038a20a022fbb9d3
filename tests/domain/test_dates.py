from datetime import date, datetime

import pytest

from stalking_tui.domain.dates import TZ, DateError, format_date, format_datetime, now, parse_date, parse_datetime


def test_parse_date_valid():
    assert parse_date("24-03-2026") == date(2026, 3, 24)
    assert parse_date("4-3-2026") == date(2026, 3, 4)
    assert parse_date("  29-02-2028 ") == date(2028, 2, 29)


def test_parse_date_impossible():
    with pytest.raises(DateError, match="31-02-2026 bestaat niet: februari 2026 heeft 28 dagen"):
        parse_date("31-02-2026")
    with pytest.raises(DateError, match="Maand 13 bestaat niet"):
        parse_date("01-13-2026")
    with pytest.raises(DateError, match="28 dagen"):
        parse_date("29-02-2027")


@pytest.mark.parametrize("text", ["2026-03-24", "24/03/2026", "24-03-26", "morgen", "24-03-2026 10:00"])
def test_parse_date_wrong_format_names_format(text):
    with pytest.raises(DateError, match="dd-mm-jjjj"):
        parse_date(text)


def test_parse_date_empty():
    with pytest.raises(DateError, match="Vul een datum in"):
        parse_date("")


def test_parse_date_too_early_year():
    with pytest.raises(DateError, match="1850"):
        parse_date("01-01-1850")


def test_parse_datetime_is_amsterdam_time():
    moment = parse_datetime("24-03-2026 14:30")
    assert moment == datetime(2026, 3, 24, 14, 30, tzinfo=TZ)
    assert moment.utcoffset().total_seconds() == 3600
    assert parse_datetime("1-7-2026 9:05").utcoffset().total_seconds() == 7200


def test_parse_datetime_errors():
    with pytest.raises(DateError, match="dd-mm-jjjj uu:mm"):
        parse_datetime("24-03-2026")
    with pytest.raises(DateError, match="De tijd 25:00 bestaat niet"):
        parse_datetime("24-03-2026 25:00")
    with pytest.raises(DateError, match="bestaat niet: februari"):
        parse_datetime("30-02-2026 10:00")


def test_parse_datetime_spring_gap():
    with pytest.raises(DateError, match="zomertijd"):
        parse_datetime("29-03-2026 02:30")


def test_format_round_trip():
    moment = parse_datetime("05-01-2026 08:07")
    assert format_datetime(moment) == "05-01-2026 08:07"
    assert format_date(date(2026, 1, 5)) == "05-01-2026"
    assert format_date(moment) == "05-01-2026"


def test_format_converts_to_amsterdam():
    utc_late = datetime.fromisoformat("2026-01-05T23:30:00+00:00")
    assert format_datetime(utc_late) == "06-01-2026 00:30"
    assert format_date(utc_late) == "06-01-2026"


def test_now_is_aware_amsterdam():
    assert now().tzinfo == TZ


def test_parse_date_all_zero_names_every_part():
    with pytest.raises(DateError) as caught:
        parse_date("00-00-0000")

    message = str(caught.value)
    assert "Dag 0 bestaat niet" in message
    assert "Maand 0 bestaat niet" in message
    assert "Het jaar 0 is te vroeg" in message
