"""Binding overhead from Python: the smallest call, against docs/performance.md (<= 3 us).

Run with the package installed: `python benches/binding_overhead.py [seconds]`.
Prints the median of 5 rounds per call, with a trivial Python call as a baseline for scale.
"""

import statistics
import sys
import time

import weir

TARGET_US = 3.0

# The smallest HPA call: one pod, one CPU sample (docs/performance.md's example).
HPA_ONE_POD = {
    "spec": {"maxReplicas": 10, "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 50}}}]},
    "currentReplicas": 1,
    "pods": [{"name": "a", "ready": True, "startTime": "2025-12-01T00:00:00Z", "containers": [{"name": "c", "requests": {"cpu": "1"}}]}],
    "metrics": [{"pods": [{"pod": "a", "value": "900m"}]}],
}


def reconcile_every_15s():
    """One long-lived HpaState fed a reconcile every 15 s of simulated time, as a
    controller does (its history stays at the window's 20 entries)."""
    import datetime

    state = weir.HpaState()
    start = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    stamps = [(start + datetime.timedelta(seconds=15 * n)).strftime("%Y-%m-%dT%H:%M:%SZ") for n in range(200_000)]
    it = iter(stamps)

    def call(i):
        # Time never runs backwards for a machine: when the stamps run out, a fresh state
        # starts over (rarely: 200,000 reconciles).
        nonlocal state, it
        now = next(it, None)
        if now is None:
            state, it = weir.HpaState(), iter(stamps)
            now = next(it)
        return state.handle(now, i)

    return call


def per_call(fn, arg, seconds):
    n, t0 = 0, time.perf_counter()
    while True:
        for _ in range(1000):
            fn(arg)
        n += 1000
        t = time.perf_counter() - t0
        if t >= seconds:
            return t / n * 1e6


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 0.5
    cases = {
        "parse_quantity('1')": (weir.parse_quantity, "1"),
        "validate_labels({})": (weir.validate_labels, {}),
        "match_label_selector(small)": (weir.match_label_selector, {"selector": {"matchLabels": {"app": "vote"}}, "labels": {"app": "vote"}}),
        "HpaState.handle(1 pod)": (reconcile_every_15s(), HPA_ONE_POD),
        "python baseline (lambda)": (lambda x: x, "1"),
    }
    for name, (fn, arg) in cases.items():
        us = statistics.median(per_call(fn, arg, seconds / 5) for _ in range(5))
        verdict = "" if "baseline" in name else ("  OK (target <= 3 us)" if us <= TARGET_US else "  OVER target 3 us")
        print(f"python  {name:<30} {us:7.3f} us/call{verdict}")


if __name__ == "__main__":
    main()
