"""Long dependency chains and cycles from Python, on a thread with a small stack.

A hostile-input sweep killed the interpreter (SIGSEGV) with one dependency cycle through
100,000 services: the cycle finder recursed once per service. Every graph walk is iterative
now; these run the DAG entry points on a 256 KiB thread stack, where a recursive walk of
this length overflows at once.
"""

import threading

import pytest

import weir

N = 200_000


def ring(n):
    """One cycle through n services: s0 -> s1 -> ... -> s(n-1) -> s0."""
    return {"services": [{"name": f"s{i}", "dependsOn": [f"s{(i + 1) % n}"]} for i in range(n)]}


def chain(n):
    """One chain of n services: s0 depends on s1, ..., s(n-2) on s(n-1)."""
    return {"services": [{"name": f"s{i}", "dependsOn": [f"s{i + 1}"] if i + 1 < n else []} for i in range(n)]}


def on_small_stack(fn):
    """Run fn on a thread with a 256 KiB stack; return its result or raise its exception."""
    out = {}

    def run():
        try:
            out["value"] = fn()
        except BaseException as e:  # noqa: BLE001 - handed back to the caller
            out["error"] = e

    old = threading.stack_size(256 * 1024)
    try:
        t = threading.Thread(target=run)
        t.start()
        t.join()
    finally:
        threading.stack_size(old)
    if "error" in out:
        raise out["error"]
    return out["value"]


@pytest.mark.parametrize("call", [weir.analyze_dag, weir.render_dag])
def test_a_long_cycle_is_a_cycle_error(call):
    with pytest.raises(weir.CycleError) as info:
        on_small_stack(lambda: call(ring(N)))
    (cycle,) = info.value.details["cycles"]
    assert len(cycle) == N + 1 and cycle[0] == cycle[-1]


def test_a_long_chain_is_analysed():
    out = on_small_stack(lambda: weir.analyze_dag(chain(N)))
    assert len(out["waves"]) == N
    assert out["nodes"][0]["name"] == f"s{N - 1}"
    assert len(out["criticalPath"]) == N
