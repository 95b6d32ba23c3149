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
    InvalidInputError,
    ParseQuantityError,
    ValidationError,
    WeirError,
    __version__,
    match_label_selector,
    match_node_selector,
    parse_quantity,
    validate_labels,
)

__all__ = [
    "InvalidInputError",
    "ParseQuantityError",
    "ValidationError",
    "WeirError",
    "__version__",
    "match_label_selector",
    "match_node_selector",
    "parse_quantity",
    "types",
    "validate_labels",
]
