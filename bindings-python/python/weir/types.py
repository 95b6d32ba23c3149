"""Data types of weir, as TypedDicts (camelCase keys, as on the wire).

Generated from core/schema/*.json by `WEIR_BLESS=1 cargo test -p weir --test schema`. Do not edit.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, Dict, List, Literal, TypedDict, Union

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from typing import NotRequired
    else:
        from typing_extensions import NotRequired


class ErrorDetailsValidation(TypedDict):
    """Every field that broke a rule."""
    #: The field errors, in the order the input was walked.
    fields: List["FieldError"]
    type: Literal["validation"]


class ErrorDetailsParseQuantity(TypedDict):
    """The quantity that was rejected and why."""
    #: The text as given.
    input: str
    #: The reason, a stable code.
    reason: "QuantityErrorReason"
    type: Literal["parseQuantity"]


class ErrorDetailsInvalidInput(TypedDict):
    """Why the input did not have the expected shape."""
    #: The converter's message.
    reason: str
    type: Literal["invalidInput"]


class ErrorReport(TypedDict):
    """The error as it crosses a language boundary: `{code, message, details}`."""
    #: The stable code (see [`Error::code`]).
    code: str
    #: The structured details, tagged by `type` (the same word as `code`, in camelCase).
    details: "ErrorDetails"
    #: The one-line human message; never match on it.
    message: str


class FieldError(TypedDict):
    """One broken rule, at a Kubernetes-style field path such as
    `spec.template.containers[0].resources.requests.cpu`."""
    #: The kind of problem, a stable code.
    code: "FieldErrorCode"
    #: One lowercase line saying what is wrong.
    message: str
    #: Field path, Kubernetes style (`a.b[0].c`, map keys as `labels[key]`).
    path: str


class LabelSelector(TypedDict):
    """A Kubernetes label selector (`metav1.LabelSelector`)."""
    #: Requirements, AND'ed with `matchLabels`.
    matchExpressions: NotRequired[List["LabelSelectorRequirement"]]
    #: Exact key/value pairs, each like an `In` with one value.
    matchLabels: NotRequired[Dict[str, str]]


class LabelSelectorMatch(TypedDict):
    """Output of [`match_label_selector`]."""
    #: Whether the labels satisfy the selector.
    matches: bool


class LabelSelectorMatchInput(TypedDict):
    """Input of [`match_label_selector`]."""
    #: The labels to test.
    labels: NotRequired[Dict[str, str]]
    #: The selector; `null` (absent) matches nothing, `{}` matches everything.
    selector: NotRequired[Union["LabelSelector", None]]


class LabelSelectorRequirement(TypedDict):
    """One requirement of a label selector."""
    #: The label key.
    key: str
    #: How the key relates to the values.
    operator: "LabelSelectorOperator"
    #: The values (none for `Exists`/`DoesNotExist`).
    values: NotRequired[List[str]]


class LabelsInput(TypedDict):
    """Input of [`validate_labels`]."""
    #: The labels to check.
    labels: NotRequired[Dict[str, str]]


class NodeSelector(TypedDict):
    """A Kubernetes node selector (`requiredDuringSchedulingIgnoredDuringExecution`): its terms
    are OR'ed."""
    #: The terms; at least one.
    nodeSelectorTerms: List["NodeSelectorTerm"]


class NodeSelectorMatch(TypedDict):
    """Output of [`match_node_selector`]."""
    #: The index of the first satisfied term (why it matched), absent when none is.
    matchedTerm: NotRequired[Union[int, None]]
    #: Whether the node satisfies at least one term.
    matches: bool


class NodeSelectorMatchInput(TypedDict):
    """Input of [`match_node_selector`]."""
    #: The node's `metadata.labels`.
    labels: NotRequired[Dict[str, str]]
    #: The node's `metadata.name`.
    nodeName: str
    #: The node selector.
    nodeSelector: "NodeSelector"


class NodeSelectorRequirement(TypedDict):
    """One requirement of a node selector term (`matchExpressions` or `matchFields`)."""
    #: The label key (or `metadata.name` in `matchFields`).
    key: str
    #: How the key relates to the values.
    operator: "NodeSelectorOperator"
    #: The values (none for `Exists`/`DoesNotExist`, one integer for `Gt`/`Lt`).
    values: NotRequired[List[str]]


class NodeSelectorTerm(TypedDict):
    """One term of a node selector: its requirements are AND'ed."""
    #: Requirements on node labels.
    matchExpressions: NotRequired[List["NodeSelectorRequirement"]]
    #: Requirements on node fields (only `metadata.name`).
    matchFields: NotRequired[List["NodeSelectorRequirement"]]


class ParsedQuantity(TypedDict):
    """The result of [`parse_quantity`]: the canonical form and the exact values.
    
    Values are decimal strings because they can exceed 2^53 (JavaScript's exact integers)."""
    #: The canonical Kubernetes form (`1536Mi`, `500m`).
    canonical: str
    #: The format the canonical form is written in.
    format: "QuantityFormat"
    #: Thousandths of a unit, rounded up (millicores for CPU), as a decimal string.
    milliValue: str
    #: Whole units, rounded up (bytes for memory), as a decimal string.
    value: str


ErrorDetails = Union["ErrorDetailsValidation", "ErrorDetailsParseQuantity", "ErrorDetailsInvalidInput"]
"""Structured details of an [`Error`], internally tagged by `type`."""

FieldErrorCode = Literal["required", "invalid", "too_long", "not_supported", "duplicate", "forbidden", "too_many"]
"""The kind of a field error; the spellings follow Kubernetes' `field.ErrorType`, as stable
snake_case codes."""

LabelSelectorOperator = Literal["In", "NotIn", "Exists", "DoesNotExist"]
"""The operators of a label selector requirement (Kubernetes spellings)."""

NodeSelectorOperator = Literal["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"]
"""The operators of a node selector requirement (Kubernetes spellings)."""

QuantityErrorReason = Literal["empty", "invalid_number", "invalid_suffix", "negative", "overflow"]
"""Why a quantity string was rejected."""

QuantityFormat = Literal["DecimalSI", "BinarySI", "DecimalExponent"]
"""How a quantity was written, which decides its canonical form (Kubernetes' `Format`)."""
