"""The autoscaler step from Python, through the `Autoscaler` class, against
docs/performance.md: 10,000 nodes in 100 node groups, 5,000 pending pods no node takes.

Run with the package installed: `python benches/autoscaler.py`. Prints the median of 5
steps (the snapshot's conversion from Python included) and, as the same-run baseline, the
median of 5 `json.dumps` of the same snapshot (one pass over the data in Python). The Rust
figure is `cargo bench -p weir-benches --bench autoscaling`.
"""

import json
import statistics
import time

import weir

TARGET_MS = 50.0


def workload(nodes=10_000, groups=100, pending=5_000):
    """The Rust bench's workload (benches/src/lib.rs `autoscaler_workload`)."""
    cores = lambda g: 8 if g % 2 == 0 else 16
    config = {"nodeGroups": [{"name": f"group-{g:03}", "priority": g % 4, "maxNodes": 200,
                              "template": {"zone": f"zone-{g % 3}", "cpu": str(cores(g)), "memory": f"{cores(g) * 4}Gi"}}
                             for g in range(groups)]}
    node_list, pods = [], []
    for i in range(nodes):
        g = i % groups
        name = f"node-{i:05}"
        pods.append({"metadata": {"name": f"busy-{i:05}"}, "hints": {"nodeAutoscaling": True},
                     "spec": {"nodeName": name, "containers": [{"name": "c", "resources": {"requests": {
                         "cpu": f"{cores(g) * 1000 - 700}m", "memory": f"{cores(g) * 2}Gi"}}}]}})
        pods.append({"metadata": {"name": f"ds-{i:05}", "namespace": "kube-system"}, "hints": {"daemonSet": True},
                     "spec": {"nodeName": name, "containers": [{"name": "c", "resources": {"requests": {
                         "cpu": "200m", "memory": "256Mi"}}}]}})
        node_list.append({"metadata": {"name": name, "labels": {
            "weir.io/node-group": f"group-{g:03}", "cafe.sofastack.io/sub-cluster": "default",
            "cafe.sofastack.io/zone": f"zone-{g % 3}", "kubernetes.io/hostname": name}},
            "status": {"allocatable": {"cpu": str(cores(g)), "memory": f"{cores(g) * 4}Gi"}}})
    for i in range(pending):
        d = i % 10
        spec = {"containers": [{"name": "app", "resources": {"requests": {
            "cpu": f"{1000 + (d % 4) * 1000}m", "memory": f"{1 + d % 3}Gi"}}}]}
        if d % 5 == 0:
            spec["nodeSelector"] = {"cafe.sofastack.io/zone": f"zone-{d % 3}"}
        pods.append({"metadata": {"name": f"app-{d}-{i:05}", "labels": {"app": f"app-{d}"}},
                     "hints": {"nodeAutoscaling": True}, "spec": spec})
    return config, {"nodes": node_list, "pods": pods}


def median_ms(run, rounds=5):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def main():
    config, cluster = workload()
    now = "2026-01-01T00:00:00Z"
    counts = []

    def step():
        d = weir.Autoscaler(config).step(now, cluster)
        counts.append(d["scaleUp"]["count"] if d.get("scaleUp") else 0)

    step_ms = median_ms(step)
    floor_ms = median_ms(lambda: json.dumps(cluster))
    verdict = "OK" if step_ms <= TARGET_MS else "OVER"
    print(f"target: autoscaler step from Python, 10,000 nodes, 100 groups, 5,000 pending pods "
          f"(+{counts[-1]} nodes): {step_ms:.1f} ms (target <= {TARGET_MS:.0f} ms, stated for Rust) {verdict}; "
          f"{step_ms / floor_ms:.1f}x json.dumps of the snapshot ({floor_ms:.1f} ms) in the same run")


if __name__ == "__main__":
    main()
