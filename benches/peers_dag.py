"""DAG from Python against its peers (docs/performance.md): the same graph, conversion
included, weir.analyze_dag (validate + cycles + waves + order + critical path) against
networkx (is_directed_acyclic_graph + topological_generations) and the standard
library's graphlib (static_order). Targets: >= 10x networkx, >= 3x graphlib.

Run: `python benches/peers_dag.py [services]` (default 100,000, three dependencies each).
networkx is optional: the line says so when it is missing.
"""

import graphlib
import sys
import time

import weir


def graph(n, k=3, seed=42):
    x = seed
    services = []
    for i in range(n):
        deps = []
        if i:
            for _ in range(k):
                x = (x * 6364136223846793005 + 1442695040888963407) % 2**64
                name = f"svc-{(x >> 33) % i:07d}"
                if name not in deps:
                    deps.append(name)
        services.append({"name": f"svc-{i:07d}", "dependsOn": deps})
    return services


def best(fn, rounds=3):
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    services = graph(n)
    deps = {s["name"]: s["dependsOn"] for s in services}
    t_weir = best(lambda: weir.analyze_dag({"services": services}))
    t_graphlib = best(lambda: list(graphlib.TopologicalSorter(deps).static_order()))
    print(f"peers   DAG {n} services: weir {t_weir * 1000:.1f} ms (conversion included)")
    ratio = t_graphlib / t_weir
    print(f"peers   graphlib static_order {t_graphlib * 1000:.1f} ms: weir is {ratio:.1f}x faster (target >= 3x) {'OK' if ratio >= 3 else 'UNDER'}")
    try:
        import networkx as nx
    except ImportError:
        print("peers   networkx not installed: comparison skipped")
        return

    def with_networkx():
        g = nx.DiGraph()
        g.add_nodes_from(deps)
        g.add_edges_from((d, s) for s, ds in deps.items() for d in ds)
        assert nx.is_directed_acyclic_graph(g)
        return list(nx.topological_generations(g))

    t_nx = best(with_networkx)
    ratio = t_nx / t_weir
    print(f"peers   networkx {t_nx * 1000:.1f} ms: weir is {ratio:.1f}x faster (target >= 10x) {'OK' if ratio >= 10 else 'UNDER'}")


if __name__ == "__main__":
    main()
