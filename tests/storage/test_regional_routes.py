"""A regional route map set on an open store drives its automatic transitions; real store, cheap Argon2id (KdfParams.TESTING)."""

from pathlib import Path

from stalking_tui.domain.levels import Track
from stalking_tui.domain.regional import active_route_map

RATIONALE = "Fictieve onderbouwing die lang genoeg is voor de controle."


def test_regional_acuut_steps_drive_transition(make_store, make_report, tmp_path: Path):
    override = tmp_path / "regio.toml"
    override.write_text(
        'id = "regio-test"\nregion = "Regio Test (fictief)"\nversion = "1"\n'
        f'[[drop]]\ntrack = "ACUUT"\nstep = "ervaringsdeskundige_betrekken"\nrationale = "{RATIONALE}"\n',
        encoding="utf-8",
    )
    routes = active_route_map(override)
    store = make_store()
    store.set_route_map(routes)
    case = store.report_case(make_report(gate={"acutely_unsafe": True}))

    for step in routes.track(Track.ACUUT).steps:
        state = store.record(case.case_id, "step.marked", {"step_id": step.id, "status": "gedaan", "outcome": "nee" if step.options else ""})

    # With the national map the dropped step would keep the case in ACUUT.
    assert "ervaringsdeskundige_betrekken" not in {step.id for step in routes.track(Track.ACUUT).steps}
    assert state.track == Track.HOOG
