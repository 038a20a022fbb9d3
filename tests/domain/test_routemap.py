import pytest
from pydantic import ValidationError

from stalking_tui.domain.levels import Track
from stalking_tui.domain.organisations import ORGANISATIONS, organisation_name
from stalking_tui.domain.routemap import load_route_map, national_text


def test_national_map_has_every_track(routes):
    assert set(routes.tracks) == set(Track)
    assert routes.track(Track.ACUUT).next_when_done == Track.HOOG


def test_national_map_key_steps(routes):
    assert routes.step("vt_informeren").when_source == "politie"
    assert routes.step("politie_informeren").when_source == "veilig_thuis"
    assert routes.step("om_beslissing").kind == "decision"
    assert routes.step("om_beslissing").options == ["ja", "nee"]
    assert routes.step("zvh_agenderen").requires_step == "om_beslissing"
    assert routes.step("zvh_agenderen").requires_outcome == "ja"


def test_national_map_laag_lists_care_options(routes):
    options = [option.nl.lower() for option in routes.track(Track.LAAG).care_options]
    assert any("ggz" in option for option in options)
    assert "wijkteam" in options
    assert "wijkagent" in options


def test_every_role_has_a_title(routes):
    for spec in routes.tracks.values():
        for role in spec.roles:
            assert role in routes.role_titles


def test_unknown_organisation_rejected():
    text = national_text().replace('organisations = ["OM"]', 'organisations = ["XYZ"]', 1)
    with pytest.raises(ValidationError, match="organisations: Organisatie XYZ is onbekend"):
        load_route_map(text)


def test_unknown_partner_rejected():
    text = national_text().replace('partners = ["POL", "VT", "CIT"]', 'partners = ["POL", "NOPE"]', 1)
    with pytest.raises(ValidationError, match="tracks.MELDING.partners: Organisatie NOPE is onbekend"):
        load_route_map(text)


def test_step_requiring_unknown_step_rejected():
    text = national_text().replace('requires_step = "om_beslissing"', 'requires_step = "bestaat_niet"', 1)
    with pytest.raises(ValidationError, match="requires_step: Stap bestaat_niet bestaat niet in dit spoor"):
        load_route_map(text)


def test_requires_outcome_outside_options_rejected():
    text = national_text().replace('requires_outcome = "ja"', 'requires_outcome = "misschien"', 1)
    with pytest.raises(ValidationError, match="requires_outcome: Uitkomst misschien is geen optie van om_beslissing"):
        load_route_map(text)


def test_track_without_steps_rejected():
    text = national_text()
    start = text.index("[[tracks.LAAG.steps]]")
    end = text.index("[tracks.MIDDEN]")
    broken = text[:start] + "steps = []\n\n" + text[end:]
    with pytest.raises(ValidationError, match="tracks.LAAG.steps: Spoor LAAG heeft geen stappen"):
        load_route_map(broken)


def test_missing_track_rejected():
    text = national_text()
    start = text.index("[tracks.LAAG]")
    end = text.index("[tracks.MIDDEN]")
    with pytest.raises(ValidationError, match="Spoor LAAG ontbreekt"):
        load_route_map(text[:start] + text[end:])


def test_conditional_step_in_track_with_next_rejected():
    text = national_text().replace(
        'id = "aware_overwegen"', 'id = "aware_overwegen"\nwhen_source = "politie"', 1,
    )
    with pytest.raises(ValidationError, match="kan geen voorwaardelijke of terugkerende stappen hebben"):
        load_route_map(text)


def test_shared_step_id_must_match():
    text = national_text().replace(
        'title = { nl = "Zaakofficier aanwijzen", en = "Assign a case prosecutor" }',
        'title = { nl = "Officier kiezen", en = "Pick a prosecutor" }', 1,
    )
    with pytest.raises(ValidationError, match="zaakofficier_aanwijzen"):
        load_route_map(text)


def test_organisation_table():
    assert set(ORGANISATIONS) == {"VT", "POL", "OM", "ZVH", "ZSM", "RvdK", "RECL", "SHN", "VO", "CIT", "GGD", "GGZ", "WT"}
    assert organisation_name("RvdK") == "Raad voor de Kinderbescherming"
    assert organisation_name("POL", "en") == "Police"
    assert organisation_name("XYZ") == "XYZ"


def test_step_in_requirement_cycle_rejected():
    # Make the OM decision wait for one of its own branch steps: neither can ever appear.
    text = national_text().replace(
        'id = "om_beslissing"', 'id = "om_beslissing"\nrequires_step = "bewijs_verdiepen"\nrequires_outcome = "ja"', 1,
    ).replace('id = "bewijs_verdiepen"', 'id = "bewijs_verdiepen"\nkind = "decision"\noptions = ["ja", "nee"]', 1)
    with pytest.raises(ValidationError, match="om_beslissing is onbereikbaar"):
        load_route_map(text)


def test_acuut_without_exit_is_dead_end():
    text = national_text().replace('next_when_done = "HOOG"\n', "", 1).replace('deescalate_to = ["HOOG"]\n', "", 1)
    with pytest.raises(ValidationError, match="tracks.ACUUT.closable: Spoor ACUUT is een doodlopende weg"):
        load_route_map(text)
