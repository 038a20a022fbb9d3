from datetime import date, datetime

import pytest

from stalking_tui.domain.dates import TZ
from stalking_tui.domain.forms import FormErrors
from stalking_tui.domain.intake import IntakeValues, party_field, validate_intake
from stalking_tui.domain.levels import PartyRole, Relation, Source

NOW = datetime(2026, 3, 10, 15, 0, tzinfo=TZ)


def valid_values(**changes) -> IntakeValues:
    values = IntakeValues(source="politie", relation="ex_partner", received_at="10-03-2026 09:15")
    values.parties[0]["name"] = "Zoë Fictief"
    values.parties[1]["name"] = "Bram [bold]Verzonnen[/"
    for name, value in changes.items():
        setattr(values, name, value)
    return values


def errors_of(values: IntakeValues) -> dict[str, str]:
    with pytest.raises(FormErrors) as caught:
        validate_intake(values, NOW)
    return caught.value.errors


def test_valid_intake():
    report = validate_intake(valid_values(behaviours=["contact", "loitering"], first_incident_date="1-1-2026"), NOW)
    assert report.source == Source.POLITIE
    assert report.relation == Relation.EX_PARTNER
    assert report.received_at == datetime(2026, 3, 10, 9, 15, tzinfo=TZ)
    assert [party.role for party in report.parties] == [PartyRole.VICTIM, PartyRole.PERPETRATOR]
    assert report.parties[1].name == "Bram [bold]Verzonnen[/"
    assert report.first_incident_date == date(2026, 1, 1)
    assert report.notification is None


def test_empty_received_at_means_now():
    assert validate_intake(valid_values(received_at=""), NOW).received_at == NOW


def test_empty_form_collects_every_required_error():
    errors = errors_of(IntakeValues())
    assert set(errors) == {"source", "relation", party_field(0, "name"), party_field(1, "name")}
    assert errors[party_field(0, "name")] == "Vul de naam van het slachtoffer in."
    assert errors[party_field(1, "name")] == "Vul de naam van de pleger in."


def test_several_date_errors_at_once():
    values = valid_values(received_at="31-02-2026 10:00", first_incident_date="2026-01-01")
    values.parties[0]["birth_date"] = "01-01-2030"
    errors = errors_of(values)
    assert "februari 2026 heeft 28 dagen" in errors["received_at"]
    assert "dd-mm-jjjj" in errors["first_incident_date"]
    assert "toekomst" in errors[party_field(0, "birth_date")]


def test_future_report_rejected():
    assert "toekomst" in errors_of(valid_values(received_at="10-03-2026 15:01"))["received_at"]


def test_future_first_incident_rejected():
    assert "toekomst" in errors_of(valid_values(first_incident_date="11-03-2026"))["first_incident_date"]


def test_first_incident_after_report_rejected():
    errors = errors_of(valid_values(received_at="01-03-2026 10:00", first_incident_date="05-03-2026"))
    assert "na de melding" in errors["first_incident_date"]


def test_notification_valid():
    values = valid_values(
        informing_organisation="POL", informed_organisation="VT", informed_at="10-03-2026 10:00", informed_by="Agent Test",
    )
    notification = validate_intake(values, NOW).notification
    assert notification.informed_organisation == "VT"
    assert notification.informed_at == datetime(2026, 3, 10, 10, 0, tzinfo=TZ)


def test_notification_incomplete_and_too_early():
    values = valid_values(informing_organisation="POL", informed_organisation="POL", informed_at="10-03-2026 09:00")
    errors = errors_of(values)
    assert "andere" in errors["informed_organisation"]
    assert "vóór de ontvangst" in errors["informed_at"]
    assert errors["informed_by"] == "Vul in wie het bericht gaf."


def test_notification_unknown_organisation():
    values = valid_values(informing_organisation="POL", informed_organisation="XYZ", informed_at="10-03-2026 10:00", informed_by="x")
    assert "XYZ" in errors_of(values)["informed_organisation"]


def test_missing_victim_row():
    values = valid_values()
    values.parties[0]["role"] = "kind"
    assert errors_of(values)["parties"] == "Vul het slachtoffer in."


def test_empty_extra_party_row_ignored():
    values = valid_values()
    values.parties.append({"role": "kind", "name": "", "birth_date": "", "safe_contact": ""})
    assert len(validate_intake(values, NOW).parties) == 2


def test_unknown_behaviour_rejected():
    assert "vliegen" in errors_of(valid_values(behaviours=["vliegen"]))["behaviours"]


def test_overlong_name_rejected():
    values = valid_values()
    values.parties[0]["name"] = "x" * 201
    assert "maximaal 200" in errors_of(values)[party_field(0, "name")]


def test_gate_values_kept():
    report = validate_intake(valid_values(acutely_unsafe=True, safe_to_talk=False, children_present=True), NOW)
    assert report.gate.acutely_unsafe is True
    assert report.gate.safe_to_talk is False
    assert report.gate.children_present is True
