// Binding overhead from Node: the smallest call, against spec/07-quality.md (<= 3 us).
// Run after building the addon: `node benches/binding_overhead.js [seconds]`.
'use strict';

const path = require('node:path');
const weir = require(path.resolve(__dirname, '../bindings-node'));

const TARGET_US = 3.0;
const seconds = Number(process.argv[2] || 0.5);

function perCall(fn, arg, budget) {
  let n = 0;
  const t0 = process.hrtime.bigint();
  for (;;) {
    for (let i = 0; i < 1000; i++) fn(arg);
    n += 1000;
    const t = Number(process.hrtime.bigint() - t0) / 1e9;
    if (t >= budget) return (t / n) * 1e6;
  }
}

const cases = {
  "parseQuantity('1')": [weir.parseQuantity, '1'],
  'validateLabels({})': [weir.validateLabels, {}],
  'matchLabelSelector(small)': [weir.matchLabelSelector, { selector: { matchLabels: { app: 'vote' } }, labels: { app: 'vote' } }],
  'js baseline (arrow fn)': [(x) => x, '1'],
};
for (const [name, [fn, arg]] of Object.entries(cases)) {
  const rounds = Array.from({ length: 5 }, () => perCall(fn, arg, seconds / 5)).sort((a, b) => a - b);
  const us = rounds[2];
  const verdict = name.includes('baseline') ? '' : us <= TARGET_US ? '  OK (target <= 3 us)' : '  OVER target 3 us';
  console.log(`node    ${name.padEnd(30)} ${us.toFixed(3).padStart(7)} us/call${verdict}`);
}
