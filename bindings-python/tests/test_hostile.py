"""Hostile input at the Python door: the same tables as bindings-node/test/hostile.test.js.

Every case is a typed WeirError (never a PanicException, TypeError or a silently different
answer), and an invalid_input names the field path of the offending value.
"""

import pytest

import weir

ORDER = {"id": "o", "units": ["u1"], "services": [{"name": "web", "toVersion": "v1", "toSpec": {
    "name": "web", "app": "web", "template": {"containers": [{"name": "c", "image": "nginx:1"}]},
    "scaling": {"type": "fixed", "replicas": 1}}}]}
NODE = {"metadata": {"name": "n1"}, "status": {"allocatable": {"cpu": "2", "memory": "4Gi"}}}


def invalid_at(path, call):
    with pytest.raises(weir.InvalidInputError) as info:
        call()
    assert info.value.code == "invalid_input"
    assert info.value.details["type"] == "invalidInput"
    assert info.value.details["path"] == path, info.value
    assert "line 1" not in str(info.value)
    return info.value


# 1. A dict that changes while weir reads it is never a panic (a BaseException).

def test_a_value_that_mutates_its_dict_is_not_a_panic():
    config = {}

    class Evil(int):
        def __float__(self):
            config["added"] = 1
            return 1.0

        def __index__(self):
            config["added2"] = 1
            return 1

    config["tolerance"] = Evil(2**70)
    config["cpuInitializationPeriodSeconds"] = 1
    invalid_at("tolerance", lambda: weir.HpaState(config))


# 2. Enum tags and variant names are strings only, never a variant index.

def test_an_int_tag_is_not_a_variant_index():
    guard = weir.ReleaseGuard()
    invalid_at("type", lambda: guard.handle("2026-11-27T10:00:00Z", {"type": 2, "service": "web", "operation": "restart"}))
    assert guard.snapshot() == weir.ReleaseGuard().snapshot()
    invalid_at("scaling.type", lambda: weir.validate_scaling({"scaling": {"type": 0, "replicas": 2}}))
    # A tag nested in another tagged enum (read from serde's buffer) too.
    policy = {"name": "p", "schedule": {"cron": "0 9 * * *"}, "action": {"type": 0, "replicas": 6}}
    invalid_at("scaling.policies[0].action.type", lambda: weir.validate_scaling({"scaling": {
        "type": "elastic", "initialReplicas": 2, "minReplicas": 1, "maxReplicas": 20, "policies": [policy]}}))


# 3. Unknown keys are refused (vectors cover the selectors; here a nested input).

def test_unknown_keys_are_refused_at_their_path():
    invalid_at("selectr", lambda: weir.match_label_selector({"selectr": {}, "labels": {}}))
    invalid_at("nodeSelector.nodeSelectorTerms[0].matchExpression",
               lambda: weir.match_node_selector({"nodeSelector": {"nodeSelectorTerms": [{"matchExpression": []}]},
                                                 "nodeName": "n"}))


# 4. String parameters: a non-str, or a str with a lone surrogate, is invalid_input.

@pytest.mark.parametrize("value", [7, None, b"n1", "\ud800", "n\udfff1"])
def test_string_parameters(value):
    engine = weir.ReleaseEngine(weir.plan_release(ORDER))
    invalid_at("now", lambda: engine.status(value))
    invalid_at("now", lambda: engine.handle(value, {"type": "start"}))
    scheduler = weir.Scheduler({"nodes": [NODE]})
    invalid_at("node", lambda: scheduler.drain(value))
    invalid_at("now", lambda: scheduler.taint_evictions(value))
    assert scheduler.snapshot() == weir.Scheduler({"nodes": [NODE]}).snapshot()


def test_lone_surrogates_inside_data():
    invalid_at("a", lambda: weir.validate_labels({"a": "x\ud800"}))
    invalid_at("", lambda: weir.validate_labels({"\ud800": "x"}))
    invalid_at("nodeName", lambda: weir.match_node_selector({"nodeSelector": {"nodeSelectorTerms": [{}]},
                                                            "nodeName": "\udc00"}))


# 5. Numbers: the same table at both doors.

NUMBERS = [
    # (value, the quantity's `value`, or None when refused as invalid_input)
    (2**53, "9007199254740992"),
    (-(2**53), None),  # in range, but negative: parse_quantity (checked below)
    (2**53 + 2, None),
    (-(2**53 + 2), None),
    (2**60, None),
    (2**64, None),
    (10**30, None),
    (1e21, None),
    (1e300, None),
    (float(2**60), None),
    (1.0, "1"),
    (-0.0, "0"),
    (0.0, "0"),
    (0.5, "1"),
    (1.5e3, "1500"),
]


@pytest.mark.parametrize("value,expected", NUMBERS)
def test_numbers_as_quantities(value, expected):
    if value == -(2**53):
        with pytest.raises(weir.ParseQuantityError) as info:
            weir.parse_quantity(value)
        assert info.value.details["reason"] == "negative"
        return
    if expected is None:
        invalid_at("", lambda: weir.parse_quantity(value))
    else:
        assert weir.parse_quantity(value)["value"] == expected


@pytest.mark.parametrize("replicas,ok", [(3, True), (3.0, True), (-0.0, True), (3.5, False), (2**53 + 2, False)])
def test_integral_floats_are_integers(replicas, ok):
    call = lambda: weir.split_units({"replicas": replicas, "units": ["a", "b"]})  # noqa: E731
    if ok:
        assert sum(u["replicas"] for u in call()) == int(replicas)
    else:
        invalid_at("replicas", call)


# 6. invalid_input names its path, in details and message.

def test_invalid_input_names_its_path():
    err = invalid_at("nodeSelector.nodeSelectorTerms[1].matchFields[0].operator", lambda: weir.match_node_selector({
        "nodeSelector": {"nodeSelectorTerms": [{}, {"matchFields": [{"key": "metadata.name", "operator": 7}]}]},
        "nodeName": "n"}))
    assert "nodeSelector.nodeSelectorTerms[1].matchFields[0].operator" in str(err)
    invalid_at("", lambda: weir.parse_quantity(None))


# 7. An error quotes at most a bounded slice of the input.

def test_errors_do_not_repeat_huge_input():
    with pytest.raises(weir.ParseQuantityError) as info:
        weir.parse_quantity("9" * 10_000_000)
    assert len(str(info.value)) < 500
    assert len(info.value.details["input"]) == 65 and info.value.details["input"].endswith("…")
    with pytest.raises(weir.ValidationError) as info:
        weir.validate_labels({"-" * 1_000_000: "v", "k": "-" * 1_000_000})
    assert len(str(info.value)) < 2_000
    assert all(len(f["path"]) < 400 and len(f["message"]) < 500 for f in info.value.details["fields"])
    err = invalid_at("scaling.type", lambda: weir.validate_scaling({"scaling": {"type": "x" * 1_000_000}}))
    assert len(str(err)) < 500
    err = invalid_at("x" * 320 + "…", lambda: weir.match_label_selector({"x" * 1_000_000: 1}))
    assert len(str(err)) < 1_000
    with pytest.raises(weir.ValidationError) as info:
        weir.validate_labels({f"-{i}": "v" for i in range(10_000)})
    assert len(info.value.details["fields"]) == 10_000
    assert len(str(info.value)) < 5_000
