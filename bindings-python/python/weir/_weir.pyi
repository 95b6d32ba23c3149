# Stub of the native module (checked with `python -m mypy.stubtest weir._weir` in CI).
from typing import Any, Dict, Union

from weir.types import (
    LabelSelectorMatch,
    LabelSelectorMatchInput,
    NodeSelectorMatch,
    NodeSelectorMatchInput,
    ParsedQuantity,
)

__version__: str

class WeirError(Exception):
    """Base class of every weir error; `.code` and `.details` say what went wrong."""

    code: str
    details: Dict[str, Any]

class ValidationError(WeirError):
    """The input broke one or more rules; `.details['fields']` lists every problem with its field path."""

class ParseQuantityError(WeirError):
    """A Kubernetes quantity could not be parsed; `.details['reason']` says why."""

class InvalidInputError(WeirError):
    """The input does not have the expected shape (wrong type, missing field, out-of-range number)."""

def parse_quantity(quantity: Union[str, int, float]) -> ParsedQuantity: ...
def validate_labels(labels: Dict[str, str]) -> None: ...
def match_label_selector(input: LabelSelectorMatchInput) -> LabelSelectorMatch: ...
def match_node_selector(input: NodeSelectorMatchInput) -> NodeSelectorMatch: ...
