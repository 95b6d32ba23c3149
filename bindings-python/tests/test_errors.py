"""Hostile input from Python: every case is a typed WeirError, never a crash."""

import math

import pytest

import weir

SELECTOR = {"nodeSelector": {"nodeSelectorTerms": [{}]}, "nodeName": "n1", "labels": {}}


@pytest.mark.parametrize(
    "call",
    [
        lambda: weir.parse_quantity(None),
        lambda: weir.parse_quantity([]),
        lambda: weir.parse_quantity({"a": 1}),
        lambda: weir.parse_quantity(b"1Gi"),
        lambda: weir.validate_labels(["a"]),
        lambda: weir.validate_labels({1: "a"}),
        lambda: weir.validate_labels({"a": 1}),
        lambda: weir.validate_labels({"a": None}),
        lambda: weir.match_label_selector(None),
        lambda: weir.match_label_selector("selector"),
        lambda: weir.match_label_selector({"selector": {"matchLabels": {"a": float("nan")}}}),
        lambda: weir.match_node_selector({}),
        lambda: weir.match_node_selector({**SELECTOR, "nodeName": 2**60}),
        lambda: weir.match_node_selector({**SELECTOR, "nodeName": math.inf}),
        lambda: weir.match_node_selector({**SELECTOR, "nodeSelector": {"nodeSelectorTerms": [{"matchExpressions": [{"key": "a", "operator": "In", "values": [float("nan")]}]}]}}),
        lambda: weir.match_node_selector({**SELECTOR, "nodeSelector": {"nodeSelectorTerms": [{"matchExpressions": [{"key": "a", "operator": 7}]}]}}),
    ],
)
def test_wrong_shapes_are_invalid_input(call):
    with pytest.raises(weir.InvalidInputError) as info:
        call()
    assert info.value.code == "invalid_input"
    assert info.value.details["type"] == "invalidInput"
    assert isinstance(info.value, weir.WeirError)


@pytest.mark.parametrize(
    "value,reason",
    [(float("nan"), "not_finite"), (math.inf, "not_finite"), (-math.inf, "not_finite"),
     (-1, "negative"), (2**50, None), (2**60, "beyond_2_53"), (2**64, "beyond_2_53"), (10**30, "beyond_2_53"),
     (1e300, "beyond_2_53")],
)
def test_numbers_as_quantities(value, reason):
    if reason is None:
        assert weir.parse_quantity(value)["value"] == str(value)
        return
    if reason in ("not_finite", "beyond_2_53"):
        # Refused before conversion, exactly as the Node binding refuses them (JavaScript
        # cannot carry an integer beyond 2^53 exactly: a huge quantity is written as a string).
        with pytest.raises(weir.InvalidInputError):
            weir.parse_quantity(value)
        return
    with pytest.raises(weir.ParseQuantityError) as info:
        weir.parse_quantity(value)
    assert info.value.details["reason"] == reason


def test_huge_inputs_are_handled():
    labels = {f"key-{i}": "v" for i in range(100_000)}
    weir.validate_labels(labels)
    labels["-bad"] = "v"
    with pytest.raises(weir.ValidationError) as info:
        weir.validate_labels(labels)
    assert [f["path"] for f in info.value.details["fields"]] == ["labels[-bad]"]
    with pytest.raises(weir.ParseQuantityError):
        weir.parse_quantity("9" * 1_000_000)
    terms = [{"matchExpressions": [{"key": "k", "operator": "In", "values": ["x"] * 10}]}] * 10_000
    out = weir.match_node_selector({"nodeSelector": {"nodeSelectorTerms": terms}, "nodeName": "n", "labels": {"k": "x"}})
    assert out == {"matches": True, "matchedTerm": 0}


def test_validation_collects_every_problem():
    with pytest.raises(weir.ValidationError) as info:
        weir.validate_labels({"-a": "ok", "b": "-bad", "c" * 64: "v"})
    fields = info.value.details["fields"]
    assert [(f["path"], f["code"]) for f in fields] == [
        ("labels[-a]", "invalid"), ("labels[b]", "invalid"), (f"labels[{'c' * 64}]", "too_long")]
    assert all(f["message"] for f in fields)


def test_exception_hierarchy():
    for cls in (weir.ValidationError, weir.ParseQuantityError, weir.InvalidInputError):
        assert issubclass(cls, weir.WeirError)
    assert issubclass(weir.WeirError, Exception)


def spec(**kw):
    s = {"name": "web", "app": "web", "template": {"containers": [{"name": "web", "image": "nginx:1.25"}]}}
    s.update(kw)
    return s


def test_hostile_app_service_gets_every_error_at_once():
    containers = [{"name": f"c{i}", "image": "", "resources": {"requests": {"cpu": "-1"}}} for i in range(10_000)]
    with pytest.raises(weir.ValidationError) as info:
        weir.validate_app_service({"spec": spec(name="Bad Name", template={"containers": containers})})
    fields = info.value.details["fields"]
    assert len(fields) == 1 + 2 * 10_000
    assert fields[0]["path"] == "name"
    ports = [{"protocol": "TCP", "port": p, "targetPort": 80} for p in (0, 70000)]
    with pytest.raises(weir.ValidationError) as info:
        weir.validate_app_service({"spec": spec(services=[{"name": "s", "access": {"type": "clusterIP", "ports": ports}}])})
    assert [f["path"] for f in info.value.details["fields"]] == ["services[0].access.ports[0].port", "services[0].access.ports[1].port"]


@pytest.mark.parametrize("bad", [
    None, [], "spec", {"spec": None}, {"spec": spec(replicas=3)}, {"spec": spec(scaling={"type": "fixed", "replicas": 2**60})},
    {"spec": spec(scaling={"type": "fixed", "replicas": float("nan")})}, {"spec": spec(), "profile": {"platform": "moon"}},
])
def test_app_service_wrong_shapes(bad):
    with pytest.raises(weir.InvalidInputError):
        weir.validate_app_service(bad)


def test_version_history_class():
    h = weir.VersionHistory()
    out = h.handle("2026-11-27T09:00:00Z", {"type": "create", "spec": spec(), "author": "ana"})
    assert out["version"]["id"] == "v1"
    with pytest.raises(weir.InvalidTransitionError):
        h.handle("2026-11-27T09:00:00Z", {"type": "submit", "author": "ana"})
    h.handle("2026-11-27T10:00:00Z", {"type": "beginRelease", "version": "v1", "releaseOrder": "o1"})
    with pytest.raises(weir.ConflictError) as info:
        h.handle("2026-11-27T10:00:00Z", {"type": "delete"})
    assert info.value.code == "conflict"
    with pytest.raises(weir.NotFoundError):
        h.handle("2026-11-27T10:00:00Z", {"type": "copyToDraft", "version": "v2"})
    with pytest.raises(weir.InvalidInputError):
        h.handle("2026-11-27T10:00:00Z", {"type": "create"})
    snap = h.snapshot()
    again = weir.VersionHistory.restore(snap)
    assert again.snapshot() == snap
    with pytest.raises(weir.ValidationError):
        weir.VersionHistory.restore({**snap, "deployedVersion": "v9"})
    with pytest.raises(weir.InvalidInputError):
        weir.VersionHistory.restore({"versions": "no"})


NOW = "2026-01-01T00:00:00Z"
HPA_INPUT = {
    "spec": {"maxReplicas": 10, "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 50}}}]},
    "currentReplicas": 1,
    "pods": [{"name": "a", "ready": True, "startTime": "2025-12-01T00:00:00Z", "containers": [{"name": "c", "requests": {"cpu": "1"}}]}],
    "metrics": [{"pods": [{"pod": "a", "value": "900m"}]}],
}


@pytest.mark.parametrize(
    "bad",
    [
        {**HPA_INPUT, "currentReplicas": float("nan")},
        {**HPA_INPUT, "currentReplicas": 2**40},
        {**HPA_INPUT, "currentReplicas": "1"},
        {**HPA_INPUT, "pods": [{"name": "a", "phase": "Exploded"}]},
        {k: v for k, v in HPA_INPUT.items() if k != "spec"},
        {**HPA_INPUT, "metrics": [{"pods": [{"pod": "a", "value": math.inf}]}]},
        {**HPA_INPUT, "unknown": 1},
    ],
)
def test_hpa_wrong_shapes_change_nothing(bad):
    hpa = weir.HpaState()
    before = hpa.snapshot()
    with pytest.raises(weir.InvalidInputError):
        hpa.handle(NOW, bad)
    assert hpa.snapshot() == before


def test_hpa_class_round_trip():
    hpa = weir.HpaState({"tolerance": 0.05})
    r = hpa.handle(NOW, HPA_INPUT)
    # 90 % of the request against 50 %: ceil(1.8 × 1) = 2.
    assert (r["desiredReplicas"], r["reason"]) == (2, "DesiredWithinRange")
    again = weir.HpaState.restore(hpa.snapshot())
    assert again.snapshot() == hpa.snapshot()
    assert again.poll_timeout() == "2026-01-01T00:00:15Z"
    with pytest.raises(weir.ValidationError) as info:
        again.handle("yesterday", HPA_INPUT)
    assert [f["path"] for f in info.value.details["fields"]] == ["now"]
    with pytest.raises(weir.InvalidTransitionError):
        again.handle("2025-12-31T23:59:59Z", HPA_INPUT)
    assert again.snapshot() == hpa.snapshot()
    with pytest.raises(weir.ValidationError):
        weir.HpaState({"tolerance": -1})


def test_curve_limits_and_svg():
    scaling = {"type": "elastic", "initialReplicas": 1, "minReplicas": 1, "maxReplicas": 5,
               "policies": [{"name": "up", "schedule": {"cron": "0 * * * *"}, "action": {"type": "replicas", "replicas": 3}}]}
    curve = weir.replica_curve({"scaling": scaling, "from": "2026-01-01T00:00:00Z", "to": "2026-01-01T03:00:00Z", "stepSeconds": 1800})
    assert [p["replicas"] for p in curve["points"]] == [3] * 7
    svg = weir.replica_curve_svg(curve)
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    with pytest.raises(weir.ValidationError) as info:
        weir.replica_curve({"scaling": scaling, "from": "2026-01-01T00:00:00Z", "to": "2027-01-01T00:00:00Z", "stepSeconds": 1})
    assert info.value.details["fields"][0]["code"] == "too_many"
    with pytest.raises(weir.InvalidInputError):
        weir.replica_curve({"scaling": scaling, "from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z", "stepSeconds": float("nan")})
    with pytest.raises(weir.InvalidInputError):
        weir.replica_curve_svg({"points": "many"})
    with pytest.raises(weir.ValidationError):
        weir.cron_next({"cron": "0 9 * * 1-5", "after": "2026-01-01T00:00:00Z", "count": 10**6})


SNAPSHOT = {"nodes": [{"metadata": {"name": "n1"}, "status": {"allocatable": {"cpu": "2", "memory": "4Gi"}}}]}
WEB = {"metadata": {"name": "web-0"}, "spec": {"containers": [{"name": "c", "resources": {"requests": {"cpu": "1"}}}]}}


@pytest.mark.parametrize(
    "bad",
    [
        {"snapshot": {"nodes": [{"metadata": {"name": 7}}]}, "pod": WEB},
        {"snapshot": SNAPSHOT, "pod": {**WEB, "spec": {"priority": float("nan")}}},
        {"snapshot": SNAPSHOT, "pod": {**WEB, "spec": {"priority": 2**40}}},
        {"snapshot": {"nodes": [{"metadata": {"name": "n1"}, "spec": {"taints": [{"key": "k", "effect": "Sometimes"}]}}]}, "pod": WEB},
        {"snapshot": SNAPSHOT},
        {"snapshot": SNAPSHOT, "pod": WEB, "extra": True},
    ],
)
def test_scheduling_wrong_shapes(bad):
    with pytest.raises(weir.InvalidInputError):
        weir.schedule_one(bad)


def test_scheduling_validation_and_results():
    dup = {"nodes": SNAPSHOT["nodes"] * 2}
    with pytest.raises(weir.ValidationError) as info:
        weir.schedule_one({"snapshot": dup, "pod": WEB})
    assert info.value.details["fields"][0]["code"] == "duplicate"
    placed = weir.schedule_one({"snapshot": SNAPSHOT, "pod": WEB})
    assert placed["node"] == "n1"
    big = {**WEB, "spec": {"containers": [{"name": "c", "resources": {"requests": {"cpu": "3"}}}]}}
    refused = weir.schedule_one({"snapshot": SNAPSHOT, "pod": big})
    assert refused["message"] == "0/1 nodes are available: 1 Insufficient cpu."
    with pytest.raises(weir.NotFoundError):
        weir.drain({"snapshot": SNAPSHOT, "node": "nope"})


def test_scheduler_schedule_all_takes_no_argument_like_node():
    s = weir.Scheduler({"nodes": [], "pods": [{"metadata": {"name": "web-0"}}]})
    out = s.schedule_all()
    assert [p["pod"] for p in out["placements"]] == ["default/web-0"]
    assert out["placements"][0].get("node") is None
