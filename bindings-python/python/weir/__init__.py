"""weir: the pure policy engine behind a financial-grade container application platform.

Every function takes and returns plain Python data (dicts with camelCase keys, exactly
like Kubernetes manifests); the shapes are the TypedDicts in :mod:`weir.types`. Every
error is a :class:`WeirError` subclass with a stable ``.code`` and structured
``.details``.

>>> import weir
>>> weir.parse_quantity("1.5Gi")["canonical"]
'1536Mi'
>>> try:
...     weir.parse_quantity("-1")
... except weir.ParseQuantityError as e:
...     (e.code, e.details["reason"])
('parse_quantity', 'negative')
"""

from weir import types
from weir._weir import (
    Autoscaler,
    ConflictError,
    CycleError,
    HpaState,
    InvalidInputError,
    InvalidTransitionError,
    NotFoundError,
    ParseQuantityError,
    ReleaseEngine,
    ReleaseGuard,
    Scheduler,
    Simulation,
    ValidationError,
    VersionHistory,
    WeirError,
    __version__,
)

# The stateless operations, from the table in core (`weir::for_each_operation!`);
# `WEIR_BLESS=1 cargo test -p weir --test schema` rewrites the generated blocks.
# <generated: operations>
from weir._weir import (
    analyze_dag,
    cron_next,
    diff_app_services,
    drain,
    effective_at,
    fits_template,
    match_label_selector,
    match_node_selector,
    next_changes,
    normalize_app_service,
    parse_quantity,
    place,
    plan_groups,
    plan_release,
    render_dag,
    replica_curve,
    replica_curve_svg,
    schedule_all,
    schedule_one,
    simulate,
    simulation_svg,
    split_units,
    taint_evictions,
    transitive_reduction,
    validate_app_service,
    validate_labels,
    validate_scaling,
)
# </generated>

__all__ = [
    "Autoscaler",
    "ConflictError",
    "CycleError",
    "HpaState",
    "InvalidInputError",
    "InvalidTransitionError",
    "NotFoundError",
    "ParseQuantityError",
    "ReleaseEngine",
    "ReleaseGuard",
    "Scheduler",
    "Simulation",
    "ValidationError",
    "VersionHistory",
    "WeirError",
    "__version__",
    "quickstart_scenario",
    "types",
    # <generated: operation names>
    "analyze_dag",
    "cron_next",
    "diff_app_services",
    "drain",
    "effective_at",
    "fits_template",
    "match_label_selector",
    "match_node_selector",
    "next_changes",
    "normalize_app_service",
    "parse_quantity",
    "place",
    "plan_groups",
    "plan_release",
    "render_dag",
    "replica_curve",
    "replica_curve_svg",
    "schedule_all",
    "schedule_one",
    "simulate",
    "simulation_svg",
    "split_units",
    "taint_evictions",
    "transitive_reduction",
    "validate_app_service",
    "validate_labels",
    "validate_scaling",
    # </generated>
]


def quickstart_scenario() -> "types.Scenario":
    """The quick start's scenario (the aks-vote sample: a release with a beta pause, a
    failed quick image update rolled back, a day of timed scaling), as a fresh dict:
    ``weir.simulate(weir.quickstart_scenario())`` gives the same result as
    ``cargo run -p weir --example quickstart``."""
    import json
    from importlib.resources import files

    text = files(__package__).joinpath("quickstart_scenario.json").read_text(encoding="utf-8")
    scenario: types.Scenario = json.loads(text)
    return scenario
