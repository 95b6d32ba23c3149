// Binding overhead from Node: the smallest call, against docs/performance.md (<= 3 us).
// Run after building the addon: `node benches/binding_overhead.js [seconds]`.
'use strict';

const path = require('node:path');
const weir = require(path.resolve(__dirname, '../bindings-node'));

const TARGET_US = 3.0;
const seconds = Number(process.argv[2] || 0.5);

// The smallest HPA call: one pod, one CPU sample (docs/performance.md's example).
const HPA_ONE_POD = {
  spec: { maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] },
  currentReplicas: 1,
  pods: [{ name: 'a', ready: true, startTime: '2025-12-01T00:00:00Z', containers: [{ name: 'c', requests: { cpu: '1' } }] }],
  metrics: [{ pods: [{ pod: 'a', value: '900m' }] }],
};

// One long-lived HpaState fed a reconcile every 15 s of simulated time, as a controller
// does (its history stays at the window's 20 entries).
function reconcileEvery15s() {
  const state = new weir.HpaState();
  let t = Date.parse('2026-01-01T00:00:00Z');
  return (i) => {
    t += 15000;
    return state.handle(new Date(t).toISOString(), i);
  };
}

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
  'HpaState.handle(1 pod)': [reconcileEvery15s(), HPA_ONE_POD],
  'js baseline (arrow fn)': [(x) => x, '1'],
};
for (const [name, [fn, arg]] of Object.entries(cases)) {
  const rounds = Array.from({ length: 5 }, () => perCall(fn, arg, seconds / 5)).sort((a, b) => a - b);
  const us = rounds[2];
  const verdict = name.includes('baseline') ? '' : us <= TARGET_US ? '  OK (target <= 3 us)' : '  OVER target 3 us';
  console.log(`node    ${name.padEnd(30)} ${us.toFixed(3).padStart(7)} us/call${verdict}`);
}

// One recommendation over 100 pods (docs/performance.md: <= 30 us through Node).
const pods = Array.from({ length: 100 }, (_, i) => ({ name: `pod-${i}`, ready: true, startTime: '2025-12-31T00:00:00Z', containers: [{ name: 'app', requests: { cpu: '500m' } }] }));
const HPA_100 = {
  spec: { minReplicas: 2, maxReplicas: 1000, behavior: {}, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] },
  currentReplicas: 100,
  pods,
  metrics: [{ pods: pods.map((p, i) => ({ pod: p.name, value: `${300 + ((i * 37) % 400)}m` })) }],
};
const rounds = Array.from({ length: 5 }, () => perCall(reconcileEvery15s(), HPA_100, seconds / 5)).sort((a, b) => a - b);
const us = rounds[2];
console.log(`target: HPA via Node, 100-pod input, one recommendation: ${us.toFixed(1)} us (target <= 30 us) ${us <= 30 ? 'OK' : 'OVER'}`);
