"""Regional override files: applying deviations, required rationales, and the `routes check` command."""

import tomllib
from pathlib import Path

import pytest

import stalking_tui.data
from stalking_tui.cli import main
from stalking_tui.domain.levels import Track
from stalking_tui.domain.regional import active_route_map, apply_override, check_file
from stalking_tui.domain.routemap import national_text

SAMPLE = str(Path(stalking_tui.data.__file__).parent / "regio_voorbeeld.toml")
RATIONALE = "Fictieve onderbouwing die lang genoeg is voor de controle."


def override(**sections) -> dict:
    return {"id": "regio-test", "region": "Regio Test (fictief)", "version": "1", **sections}


def apply(data: dict):
    return apply_override(tomllib.loads(national_text()), data)


def fields(problems) -> list[str]:
    return [problem.field for problem in problems]


def test_sample_override_applies():
    routes = active_route_map(SAMPLE)
    melding = [step.id for step in routes.track(Track.MELDING).steps]
    assert "cit_raadplegen" not in melding
    assert melding.index("meldingsoverleg") == melding.index("screening") + 1
    assert routes.step("meldingsoverleg").deviation.kind == "toegevoegd"
    assert "Voorbeeldland" in routes.step("zvh_periodiek").deviation.rationale
    assert routes.step("zvh_periodiek").repeat_days == 28
    assert routes.signals.waakvlam_months == [1, 3, 6, 12]
    assert {d.kind for d in routes.deviations} == {"toegevoegd", "gewijzigd", "vervallen"}


def test_national_map_has_no_deviations():
    routes = active_route_map()
    assert routes.deviations == []
    assert all(step.deviation is None for spec in routes.tracks.values() for step in spec.steps)


def test_missing_rationale_rejected():
    routes, problems = apply(override(drop=[{"track": "MELDING", "step": "cit_raadplegen"}]))
    assert routes is None
    assert fields(problems) == ["drop[0].rationale"]
    assert "onderbouwing" in problems[0].message


def test_short_rationale_rejected():
    routes, problems = apply(override(drop=[{"track": "MELDING", "step": "cit_raadplegen", "rationale": "geen CIT"}]))
    assert routes is None
    assert "minstens 20 tekens" in problems[0].message


def test_unknown_step_in_drop_and_change():
    routes, problems = apply(override(
        drop=[{"track": "LAAG", "step": "bestaat_niet", "rationale": RATIONALE}],
        change=[{"track": "HOOG", "step": "ook_niet", "set": {"due_days": 3}, "rationale": RATIONALE}],
    ))
    assert routes is None
    assert fields(problems) == ["drop[0].step", "change[0].step"]
    assert "bestaat_niet" in problems[0].message


def test_added_step_with_unknown_organisation():
    step = {"id": "extra", "title": {"nl": "Extra", "en": "Extra"}, "organisations": ["XYZ"]}
    routes, problems = apply(override(add=[{"track": "LAAG", "step": step, "rationale": RATIONALE}]))
    assert routes is None
    assert problems[0].field == "tracks.LAAG.steps[5:extra].organisations"
    assert "XYZ" in problems[0].message


def test_dropping_decision_makes_branch_steps_unreachable():
    routes, problems = apply(override(drop=[{"track": "HOOG", "step": "om_beslissing", "rationale": RATIONALE}]))
    assert routes is None
    assert any("bewijs_verdiepen" in field and field.endswith("requires_step") for field in fields(problems))


def test_change_without_track_changes_shared_step_everywhere():
    routes, problems = apply(override(change=[{"step": "contact_pleger", "set": {"due_days": 2}, "rationale": RATIONALE}]))
    assert problems == []
    for track in (Track.ACUUT, Track.LAAG, Track.MIDDEN, Track.HOOG):
        step = next(step for step in routes.track(track).steps if step.id == "contact_pleger")
        assert step.due_days == 2
        assert step.deviation.rationale == RATIONALE


def test_changing_step_id_rejected():
    routes, problems = apply(override(change=[{"track": "LAAG", "step": "probleemanalyse", "set": {"id": "anders"}, "rationale": RATIONALE}]))
    assert routes is None
    assert fields(problems) == ["change[0].set.id"]


def test_dead_end_rejected():
    closed = [{"track": track, "set": {"closable": False, "deescalate_to": []}, "rationale": RATIONALE} for track in ("LAAG", "MIDDEN", "HOOG")]
    routes, problems = apply(override(change_track=closed))
    assert routes is None
    assert "tracks.HOOG.closable" in fields(problems)
    assert any("doodlopende" in problem.message for problem in problems)


def test_unknown_field_named():
    routes, problems = apply(override(drop=[{"track": "LAAG", "step": "probleemanalyse", "rationale": RATIONALE, "waarom": "x"}]))
    assert routes is None
    assert fields(problems) == ["drop[0].waarom"]


def test_check_file_reports_toml_syntax(tmp_path):
    path = tmp_path / "kapot.toml"
    path.write_text("id = ", encoding="utf-8")
    routes, problems = check_file(path)
    assert routes is None
    assert "Geen geldige TOML" in problems[0].message


def test_routes_check_command_exit_codes(tmp_path, capsys):
    assert main(["routes", "check", SAMPLE]) == 0
    assert "geldig" in capsys.readouterr().out

    bad = tmp_path / "regio.toml"
    bad.write_text('id = "x"\nregion = "R"\nversion = "1"\n[[drop]]\ntrack = "LAAG"\nstep = "probleemanalyse"\n', encoding="utf-8")
    assert main(["routes", "check", str(bad)]) == 1
    output = capsys.readouterr().out
    assert "drop[0].rationale" in output
    assert "1 probleem gevonden" in output


def test_invalid_override_raises_for_app(tmp_path):
    bad = tmp_path / "regio.toml"
    bad.write_text('id = "x"\nregion = "R"\nversion = "1"\nbase = "elders"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="base"):
        active_route_map(bad)
