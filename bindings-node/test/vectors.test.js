// Runs the shared vectors (core/tests/vectors/**/*.json) through the built package.
// Results compare by value; errors by `code` and the details a case names, never by
// message text. An op this runner does not know is a failure, never a skip.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const weir = require('..');

const VECTORS = path.resolve(__dirname, '../../core/tests/vectors');

// op -> how to call the package with the case's input (ops are snake_case in the files).
const OPS = {
  parse_quantity: (i) => weir.parseQuantity(i.quantity),
  validate_labels: (i) => weir.validateLabels(i.labels),
  match_label_selector: (i) => weir.matchLabelSelector(i),
  match_node_selector: (i) => weir.matchNodeSelector(i),
};

// op -> reason; every entry must say why this runner cannot run it (empty: all run).
const SKIP = {};

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return e.name.endsWith('.json') ? [p] : [];
  }).sort();
}

function checkError(err, expected) {
  assert.ok(err instanceof Error, `expected an Error, got ${err}`);
  assert.equal(err.code, expected.code, `expected code ${expected.code}, got ${err.code}: ${err.message}`);
  for (const [key, want] of Object.entries(expected)) {
    if (key === 'code') continue;
    const got = key === 'fields'
      ? err.details.fields.map((f) => ({ path: f.path, code: f.code }))
      : err.details[key];
    assert.deepEqual(got, want, `details.${key}`);
  }
}

const paths = files(VECTORS);
assert.ok(paths.length > 0, `no vectors under ${VECTORS}`);
for (const file of paths) {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const c of doc.cases) {
    test(`${doc.op}: ${c.name}`, { skip: SKIP[doc.op] }, () => {
      const call = OPS[doc.op];
      assert.ok(call, `unknown op \`${doc.op}\`: teach this runner to call it`);
      if ('error' in c) {
        let result;
        try {
          result = call(c.input);
        } catch (err) {
          checkError(err, c.error);
          return;
        }
        assert.fail(`expected error ${JSON.stringify(c.error)}, got ${JSON.stringify(result)}`);
      } else {
        assert.deepEqual(call(c.input), c.expect);
      }
    });
  }
}
