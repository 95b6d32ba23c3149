"""Runs the shared vectors (core/tests/vectors/**/*.json) through the installed package.

Results compare by value; errors by ``code`` and by the details a case names, never by
message text. An op this runner does not know is a failure, never a skip.
"""

import json
import pathlib

import pytest

import weir

VECTORS = pathlib.Path(__file__).resolve().parents[2] / "core" / "tests" / "vectors"

# op -> how to call the package with the case's input.
OPS = {
    "parse_quantity": lambda i: weir.parse_quantity(i.get("quantity")),
    "validate_labels": lambda i: weir.validate_labels(i.get("labels")),
    "match_label_selector": weir.match_label_selector,
    "match_node_selector": weir.match_node_selector,
}

# op -> reason; every entry must say why this runner cannot run it (empty: all run).
SKIP = {}


def load():
    files = sorted(VECTORS.rglob("*.json"))
    assert files, f"no vectors under {VECTORS}"
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            yield pytest.param(doc["op"], case, id=f"{doc['op']}: {case['name']}")


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
        assert call(case["input"]) == case["expect"]
