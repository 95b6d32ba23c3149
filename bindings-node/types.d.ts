// Data types of weir (camelCase keys, as on the wire).
// Generated from core/schema/*.json by `WEIR_BLESS=1 cargo test -p weir --test schema`. Do not edit.

/** Every field that broke a rule. */
export interface ErrorDetailsValidation {
  /** The field errors, in the order the input was walked. */
  fields: FieldError[];
  type: "validation";
}

/** The quantity that was rejected and why. */
export interface ErrorDetailsParseQuantity {
  /** The text as given. */
  input: string;
  /** The reason, a stable code. */
  reason: QuantityErrorReason;
  type: "parseQuantity";
}

/** Why the input did not have the expected shape. */
export interface ErrorDetailsInvalidInput {
  /** The converter's message. */
  reason: string;
  type: "invalidInput";
}

/** The error as it crosses a language boundary: `{code, message, details}`. */
export interface ErrorReport {
  /** The stable code (see [`Error::code`]). */
  code: string;
  /** The structured details, tagged by `type` (the same word as `code`, in camelCase). */
  details: ErrorDetails;
  /** The one-line human message; never match on it. */
  message: string;
}

/** One broken rule, at a Kubernetes-style field path such as
 * `spec.template.containers[0].resources.requests.cpu`. */
export interface FieldError {
  /** The kind of problem, a stable code. */
  code: FieldErrorCode;
  /** One lowercase line saying what is wrong. */
  message: string;
  /** Field path, Kubernetes style (`a.b[0].c`, map keys as `labels[key]`). */
  path: string;
}

/** A Kubernetes label selector (`metav1.LabelSelector`). */
export interface LabelSelector {
  /** Requirements, AND'ed with `matchLabels`. */
  matchExpressions?: LabelSelectorRequirement[];
  /** Exact key/value pairs, each like an `In` with one value. */
  matchLabels?: Record<string, string>;
}

/** Output of [`match_label_selector`]. */
export interface LabelSelectorMatch {
  /** Whether the labels satisfy the selector. */
  matches: boolean;
}

/** Input of [`match_label_selector`]. */
export interface LabelSelectorMatchInput {
  /** The labels to test. */
  labels?: Record<string, string>;
  /** The selector; `null` (absent) matches nothing, `{}` matches everything. */
  selector?: LabelSelector | null;
}

/** One requirement of a label selector. */
export interface LabelSelectorRequirement {
  /** The label key. */
  key: string;
  /** How the key relates to the values. */
  operator: LabelSelectorOperator;
  /** The values (none for `Exists`/`DoesNotExist`). */
  values?: string[];
}

/** Input of [`validate_labels`]. */
export interface LabelsInput {
  /** The labels to check. */
  labels?: Record<string, string>;
}

/** A Kubernetes node selector (`requiredDuringSchedulingIgnoredDuringExecution`): its terms
 * are OR'ed. */
export interface NodeSelector {
  /** The terms; at least one. */
  nodeSelectorTerms: NodeSelectorTerm[];
}

/** Output of [`match_node_selector`]. */
export interface NodeSelectorMatch {
  /** The index of the first satisfied term (why it matched), absent when none is. */
  matchedTerm?: number | null;
  /** Whether the node satisfies at least one term. */
  matches: boolean;
}

/** Input of [`match_node_selector`]. */
export interface NodeSelectorMatchInput {
  /** The node's `metadata.labels`. */
  labels?: Record<string, string>;
  /** The node's `metadata.name`. */
  nodeName: string;
  /** The node selector. */
  nodeSelector: NodeSelector;
}

/** One requirement of a node selector term (`matchExpressions` or `matchFields`). */
export interface NodeSelectorRequirement {
  /** The label key (or `metadata.name` in `matchFields`). */
  key: string;
  /** How the key relates to the values. */
  operator: NodeSelectorOperator;
  /** The values (none for `Exists`/`DoesNotExist`, one integer for `Gt`/`Lt`). */
  values?: string[];
}

/** One term of a node selector: its requirements are AND'ed. */
export interface NodeSelectorTerm {
  /** Requirements on node labels. */
  matchExpressions?: NodeSelectorRequirement[];
  /** Requirements on node fields (only `metadata.name`). */
  matchFields?: NodeSelectorRequirement[];
}

/** The result of [`parse_quantity`]: the canonical form and the exact values.
 * 
 * Values are decimal strings because they can exceed 2^53 (JavaScript's exact integers). */
export interface ParsedQuantity {
  /** The canonical Kubernetes form (`1536Mi`, `500m`). */
  canonical: string;
  /** The format the canonical form is written in. */
  format: QuantityFormat;
  /** Thousandths of a unit, rounded up (millicores for CPU), as a decimal string. */
  milliValue: string;
  /** Whole units, rounded up (bytes for memory), as a decimal string. */
  value: string;
}

/** Structured details of an [`Error`], internally tagged by `type`. */
export type ErrorDetails = ErrorDetailsValidation | ErrorDetailsParseQuantity | ErrorDetailsInvalidInput;

/** The kind of a field error; the spellings follow Kubernetes' `field.ErrorType`, as stable
 * snake_case codes. */
export type FieldErrorCode = "required" | "invalid" | "too_long" | "not_supported" | "duplicate" | "forbidden" | "too_many";

/** The operators of a label selector requirement (Kubernetes spellings). */
export type LabelSelectorOperator = "In" | "NotIn" | "Exists" | "DoesNotExist";

/** The operators of a node selector requirement (Kubernetes spellings). */
export type NodeSelectorOperator = "In" | "NotIn" | "Exists" | "DoesNotExist" | "Gt" | "Lt";

/** Why a quantity string was rejected. */
export type QuantityErrorReason = "empty" | "invalid_number" | "invalid_suffix" | "negative" | "overflow";

/** How a quantity was written, which decides its canonical form (Kubernetes' `Format`). */
export type QuantityFormat = "DecimalSI" | "BinarySI" | "DecimalExponent";
