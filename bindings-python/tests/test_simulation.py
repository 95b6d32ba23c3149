"""The Simulation class: iterable step by step, the same result as `simulate`, a snapshot
that restores, and the quick start's scenario shipped with the package."""

import pytest

import weir


def test_iterating_gives_the_same_result_as_simulate():
    scenario = weir.quickstart_scenario()
    whole = weir.simulate(scenario)
    sim = weir.Simulation(scenario)
    reports = list(sim)
    assert len(reports) == whole["summary"]["steps"]
    assert sim.finished and sim.step() is None and sim.poll_timeout() is None
    assert sim.result()["summary"] == whole["summary"]
    assert [r["outcome"] for r in whole["summary"]["releases"]] == ["succeeded", "cancelled"]
    assert sim.svg().startswith("<svg")


def test_a_snapshot_continues_identically_and_an_edited_one_is_refused():
    scenario = weir.quickstart_scenario()
    sim = weir.Simulation(scenario)
    for _ in range(5):
        next(sim)
    snap = sim.snapshot()
    assert weir.Simulation.restore(snap).run() == sim.run()
    with pytest.raises(weir.ValidationError) as e:
        weir.Simulation.restore({**snap, "digest": "0" * 16})
    assert e.value.details["fields"][0]["path"] == "digest"


def test_handle_takes_every_step_due():
    sim = weir.Simulation(weir.quickstart_scenario())
    first = sim.poll_timeout()
    reports = sim.handle("2026-11-27T07:00:00+08:00")
    assert reports[0]["at"] == first
    with pytest.raises(weir.InvalidTransitionError):
        sim.handle(first)


def test_a_bad_scenario_lists_every_problem():
    scenario = weir.quickstart_scenario()
    scenario["stepSeconds"] = 0
    scenario["units"] = []
    with pytest.raises(weir.ValidationError) as e:
        weir.Simulation(scenario)
    paths = [f["path"] for f in e.value.details["fields"]]
    assert "stepSeconds" in paths
