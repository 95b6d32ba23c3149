// weir for Node: the thin JS side of the native addon.
//
// Every function takes and returns plain JS data (camelCase keys, like Kubernetes
// manifests; the shapes are in types.d.ts). Data crosses to Rust as JSON text (see
// bindings-node/src/convert.rs for why). Errors are `Error` objects with a stable
// `err.code` ('validation', 'parse_quantity', 'invalid_input', 'invalid_transition',
// 'conflict', 'cycle', 'not_found') and `err.details`.
'use strict';

const native = require('./weir.node');

/** JSON would write NaN and ±Infinity as null (silently "absent"): refuse them instead. */
function finite(key, v) {
  if (typeof v === 'number' && !Number.isFinite(v)) {
    throw new TypeError(`${v} at \`${key || '(root)'}\` is not a finite number`);
  }
  return v;
}

/** JSON text of a value; what JSON cannot carry (NaN, BigInt, cycles) is `invalid_input`. */
function encode(value) {
  let text;
  try {
    text = JSON.stringify(value, finite);
  } catch (e) {
    const err = new Error(`invalid input: ${e.message}`);
    err.code = 'invalid_input';
    err.details = { type: 'invalidInput', reason: e.message };
    throw err;
  }
  return text === undefined ? 'null' : text;
}

function wrap(fn) {
  return (arg) => JSON.parse(fn(encode(arg)));
}

/**
 * The versions, draft and release state of one app service (a sans-IO state machine).
 * `new VersionHistory(profile?)`; `apply(command)` takes a command tagged by `type` and
 * returns the outcome (a refused command throws and changes nothing); `snapshot()`
 * returns the whole state; `VersionHistory.restore(snapshot)` continues from it.
 */
class VersionHistory {
  constructor(profile) {
    this._native = new native.VersionHistory(encode(profile === undefined ? null : profile));
  }

  apply(command) {
    return JSON.parse(this._native.apply(encode(command)));
  }

  snapshot() {
    return JSON.parse(this._native.snapshot());
  }

  static restore(snapshot) {
    const h = Object.create(VersionHistory.prototype);
    h._native = native.VersionHistory.restore(encode(snapshot));
    return h;
  }
}

module.exports = {
  /** Parse a Kubernetes quantity ('500m', '1.5Gi', 0.5): canonical form, format, exact values. */
  parseQuantity: wrap(native.parseQuantity),
  /** Check label keys and values; throws a 'validation' error listing every bad entry. */
  validateLabels: wrap(native.validateLabels),
  /** Validate a label selector and test labels: {selector, labels} → {matches}. */
  matchLabelSelector: wrap(native.matchLabelSelector),
  /** Validate a node selector and test a node: {nodeSelector, nodeName, labels} → {matches, matchedTerm?}. */
  matchNodeSelector: wrap(native.matchNodeSelector),
  /** Validate an app service ({spec, profile?}); throws a 'validation' error listing every problem. */
  validateAppService: wrap(native.validateAppService),
  /** Validate and return the spec with every default filled ({spec, profile?} → spec). */
  normalizeAppService: wrap(native.normalizeAppService),
  /** What changed between two versions and what the release implies ({from, to, rules?}). */
  diffAppServices: wrap(native.diffAppServices),
  VersionHistory,
  /** Validate a release order's dependencies: order, waves, earliest times, critical path; a 'cycle' error lists every cycle. */
  analyzeDag: wrap(native.analyzeDag),
  /** Which dependency edges another path already implies (at most 10,000 services). */
  transitiveReduction: wrap(native.transitiveReduction),
  /** DOT and Mermaid text of a release order's DAG. */
  renderDag: wrap(native.renderDag),
  /** Split replicas evenly over units ({replicas, units} → [{unit, replicas}]). */
  splitUnits: wrap(native.splitUnits),
  /** Group one service's pods for a release (beta, fast / perPod / single, pauses). */
  planGroups: wrap(native.planGroups),
  /** The version of the native addon. */
  version: native.version(),
};
