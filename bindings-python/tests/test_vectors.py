"""Runs the shared vectors (core/tests/vectors/**/*.json) through the installed package.

Results compare by value (``expect`` holds what the result must contain); errors by
``code`` and by the details a case names, never by message text. An op this runner does not know is a failure, never a skip.
"""

import json
import pathlib

import pytest

import weir

VECTORS = pathlib.Path(__file__).resolve().parents[2] / "core" / "tests" / "vectors"

OPERATIONS = VECTORS.parent.parent / "schema" / "operations.json"

# op -> how to call the package with the case's input: every operation of the table in
# core (core/schema/operations.json) takes the case's input as it is; the ones below
# take part of it, or run a transcript of a stateful engine.
OPS = {op["name"]: getattr(weir, op["name"]) for op in json.loads(OPERATIONS.read_text(encoding="utf-8"))["operations"]}
OPS.update({
    "parse_quantity": lambda i: weir.parse_quantity(i.get("quantity")),
    "validate_labels": lambda i: weir.validate_labels(i.get("labels")),
    "version_history": lambda i: run_history(i),
    "release_engine": lambda i: run_engine(i),
    "release_guard": lambda i: run_guard(i),
    "hpa": lambda i: run_hpa(i),
    "scheduler": lambda i: run_scheduler(i),
    "autoscaler": lambda i: run_autoscaler(i),
})

# op -> reason; every entry must say why this runner cannot run it (empty: all run).
SKIP = {}


def load():
    files = sorted(VECTORS.rglob("*.json"))
    assert files, f"no vectors under {VECTORS}"
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            yield pytest.param(doc["op"], case, id=f"{doc['op']}: {case['name']}")


def subset(expected, actual):
    """``expected`` is contained in ``actual``: object keys present with matching values
    (an expected null also matches an absent key), arrays element by element."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        return all((k in actual and subset(v, actual[k])) or (v is None and k not in actual) for k, v in expected.items())
    if isinstance(expected, list) and isinstance(actual, list):
        return len(expected) == len(actual) and all(subset(x, y) for x, y in zip(expected, actual))
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected is actual
    return expected == actual


def transcript(engine, steps, call, restore):
    """Run a transcript (see core/tests/vectors.rs): each step's result must contain its
    ``expect``, or the step must fail with its ``error`` and leave the snapshot unchanged;
    after every step the engine continues from ``restore(snapshot())``."""
    for n, step in enumerate(steps):
        before = engine.snapshot()
        if "error" in step:
            with pytest.raises(weir.WeirError) as info:
                call(engine, step)
            check_error(info.value, step["error"])
            assert engine.snapshot() == before, f"step {n}: a refused step changed the state"
        else:
            out = engine.poll_timeout() if "poll" in step else call(engine, step)
            if "expect" in step:
                assert subset(step["expect"], out), f"step {n}: expected {step['expect']}, got {out}"
        engine = restore(engine.snapshot())
    return engine


def run_history(i):
    """A history from ``restore(snapshot)`` or empty (with ``profile``); see core/tests/vectors.rs."""
    h = weir.VersionHistory.restore(i["snapshot"]) if "snapshot" in i else weir.VersionHistory(i.get("profile"))
    h = transcript(h, i["steps"], lambda h, s: h.handle(s["now"], s["event"]), weir.VersionHistory.restore)
    return h.snapshot()


def run_engine(i):
    """An engine from ``plan``, ``snapshot`` (restored) or ``plan_release(order)``; a step is
    an event at ``now`` or ``status`` at a time; see core/tests/vectors.rs."""
    if "plan" in i:
        engine = weir.ReleaseEngine(i["plan"])
    elif "snapshot" in i:
        engine = weir.ReleaseEngine.restore(i["snapshot"])
    else:
        engine = weir.ReleaseEngine(weir.plan_release(i["order"]))

    def call(e, s):
        return e.status(s["status"]) if "status" in s else e.handle(s["now"], s["event"])

    engine = transcript(engine, i["steps"], call, weir.ReleaseEngine.restore)
    now = i["steps"][-1].get("now", "") if i["steps"] else ""
    return engine.status(now if len(now) >= 20 and now[4] == "-" else "2026-01-01T00:00:00Z")


def run_guard(i):
    guard = weir.ReleaseGuard.restore(i["snapshot"]) if "snapshot" in i else weir.ReleaseGuard()
    guard = transcript(guard, i["steps"], lambda g, s: g.handle(s["now"], s["event"]), weir.ReleaseGuard.restore)
    return guard.snapshot()


def run_hpa(i):
    state = weir.HpaState.restore(i["state"]) if "state" in i else weir.HpaState()
    state = transcript(state, i["steps"], lambda h, s: h.handle(s["now"], s["input"]), weir.HpaState.restore)
    return state.snapshot()


def run_scheduler(i):
    def call(s, step):
        if "event" in step:
            return s.handle(step["now"], step["event"])
        if "scheduleOne" in step:
            return s.schedule_one(step["scheduleOne"])
        if "place" in step:
            return s.place(step["place"])
        if "drain" in step:
            return s.drain(step["drain"])
        if "taintEvictions" in step:
            return s.taint_evictions(step["taintEvictions"])
        return s.schedule_all(step["scheduleAll"])

    s = transcript(weir.Scheduler(i["snapshot"]), i["steps"], call, weir.Scheduler.restore)
    return s.cluster()


def run_autoscaler(i):
    """An autoscaler from ``config`` or ``snapshot`` (restored); a step is an event at
    ``now``, ``limits`` or ``poll`` (handled by ``transcript``); see core/tests/vectors.rs."""

    def call(a, step):
        if "limits" in step:
            return a.derived_limits()
        return a.handle(step["now"], step["event"])

    a = weir.Autoscaler.restore(i["snapshot"]) if "snapshot" in i else weir.Autoscaler(i["config"])
    a = transcript(a, i["steps"], call, weir.Autoscaler.restore)
    return a.snapshot()


def check_error(err, expected):
    assert isinstance(err, weir.WeirError)
    assert err.code == expected["code"], f"expected {expected['code']}, got {err.code}: {err}"
    for key, want in expected.items():
        if key == "code":
            continue
        if key == "fields":
            got = [{"path": f["path"], "code": f["code"]} for f in err.details["fields"]]
        else:
            got = err.details.get(key)
        assert got == want, f"details.{key}: expected {want}, got {got} ({err})"


@pytest.mark.parametrize("op,case", list(load()))
def test_vector(op, case):
    if op in SKIP:
        pytest.skip(SKIP[op])
    assert op in OPS, f"unknown op `{op}`: teach this runner to call it"
    call = OPS[op]
    if "error" in case:
        with pytest.raises(weir.WeirError) as info:
            result = call(case["input"])
            pytest.fail(f"expected error {case['error']}, got {result}")
        check_error(info.value, case["error"])
    else:
        result = call(case["input"])
        assert subset(case["expect"], result), f"expected {case['expect']}, got {result}"
