"""Scaling from Python against docs/performance.md.

- cron: 10k next-fire computations, weir vs croniter (target: weir >= 10x faster);
- HPA: one recommendation over 100 pods through Python (target <= 30 us), with a
  straightforward pure-Python HPA following the Kubernetes formula for scale.

Run with the package and croniter installed: `python benches/peers_scaling.py`.
"""

import datetime
import math
import statistics
import sys
import time
import zoneinfo

import weir

CRON = "*/5 9-17 * * 1-5"
ZONE = "America/New_York"
START = "2026-01-01T00:00:00Z"
N = 10_000


def best_of(fn, rounds=5):
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def cron():
    from croniter import croniter

    tz = zoneinfo.ZoneInfo(ZONE)
    start = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc).astimezone(tz)

    def peer():
        it = croniter(CRON, start)
        return [it.get_next(datetime.datetime) for _ in range(N)]

    def ours_batch():
        return weir.cron_next({"cron": CRON, "timeZone": ZONE, "after": START, "count": N})["fires"]

    def ours_calls():
        after, out = START, []
        for _ in range(N):
            after = weir.cron_next({"cron": CRON, "timeZone": ZONE, "after": after})["fires"][0]
            out.append(after)
        return out

    a, b = peer(), ours_batch()
    same = [x.isoformat() for x in a] == b
    if not same:
        print("cron: weir and croniter DISAGREE on the fires", file=sys.stderr)
        sys.exit(1)
    tp, tb, tc = best_of(peer), best_of(ours_batch), best_of(ours_calls, 3)
    for name, t in [("one call, count 10k", tb), ("10k calls of count 1", tc)]:
        ratio = tp / t
        verdict = "OK" if ratio >= 10 else "UNDER"
        print(f"target: cron via Python, 10k next fires ({name}): weir {t * 1e3:.1f} ms, "
              f"croniter {tp * 1e3:.1f} ms: {ratio:.1f}x (target >= 10x) {verdict}")


def hpa_input(pods):
    return {
        "spec": {"minReplicas": 2, "maxReplicas": 1000, "behavior": {}, "metrics": [
            {"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 50}}}]},
        "currentReplicas": pods,
        "pods": [{"name": f"pod-{i}", "ready": True, "startTime": "2025-12-31T00:00:00Z",
                  "containers": [{"name": "app", "requests": {"cpu": "500m"}}]} for i in range(pods)],
        "metrics": [{"pods": [{"pod": f"pod-{i}", "value": f"{300 + (i * 37) % 400}m"} for i in range(pods)]}],
    }


def python_hpa(current, target, requests, usage):
    """The Kubernetes formula, fast path only: integer percent, tolerance, ceil."""
    util = sum(usage) * 100 // sum(requests)
    ratio = util / target
    if abs(1.0 - ratio) <= 0.1:
        return current
    return math.ceil(ratio * len(usage))


def hpa():
    inp = hpa_input(100)
    state = weir.HpaState()
    start = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    stamps = iter([(start + datetime.timedelta(seconds=15 * n)).strftime("%Y-%m-%dT%H:%M:%SZ") for n in range(20_000)])

    def ours():
        # A reconcile every 15 s of simulated time on one long-lived state, as a controller.
        state.handle(next(stamps), inp)

    reqs = [500] * 100
    use = [300 + (i * 37) % 400 for i in range(100)]

    def peer():
        python_hpa(100, 50, reqs, use)

    n = 2000
    t_ours = best_of(lambda: [ours() for _ in range(n)]) / n * 1e6
    t_peer = best_of(lambda: [peer() for _ in range(n)]) / n * 1e6
    verdict = "OK" if t_ours <= 30 else "OVER"
    print(f"target: HPA via Python, 100-pod input, one recommendation: {t_ours:.1f} us "
          f"(target <= 30 us) {verdict}; pure-Python fast-path formula alone: {t_peer:.1f} us")
    expect = python_hpa(100, 50, reqs, use)
    got = weir.HpaState().handle("2026-01-01T00:00:00Z", inp)["metricReplicas"]
    if got != expect:
        print(f"HPA: weir {got} vs the plain formula {expect}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    cron()
    hpa()
