// weir for Node: the thin JS side of the native addon.
//
// Every function takes and returns plain JS data (camelCase keys, like Kubernetes
// manifests; the shapes are in types.d.ts). Data crosses to Rust as JSON text (see
// bindings-node/src/convert.rs for why). Errors are `Error` objects with a stable
// `err.code` ('validation', 'parse_quantity', 'invalid_input') and `err.details`.
'use strict';

const native = require('./weir.node');

/** JSON text of a value; what JSON cannot carry (BigInt, cycles) is `invalid_input`. */
function encode(value) {
  let text;
  try {
    text = JSON.stringify(value);
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

module.exports = {
  /** Parse a Kubernetes quantity ('500m', '1.5Gi', 0.5): canonical form, format, exact values. */
  parseQuantity: wrap(native.parseQuantity),
  /** Check label keys and values; throws a 'validation' error listing every bad entry. */
  validateLabels: wrap(native.validateLabels),
  /** Validate a label selector and test labels: {selector, labels} → {matches}. */
  matchLabelSelector: wrap(native.matchLabelSelector),
  /** Validate a node selector and test a node: {nodeSelector, nodeName, labels} → {matches, matchedTerm?}. */
  matchNodeSelector: wrap(native.matchNodeSelector),
  /** The version of the native addon. */
  version: native.version(),
};
