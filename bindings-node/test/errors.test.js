// Hostile input from JavaScript: every case is a typed error with a code, never a crash.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const weir = require('..');

const SEL = { nodeSelector: { nodeSelectorTerms: [{}] }, nodeName: 'n1', labels: {} };
const cyclic = {};
cyclic.self = cyclic;

const invalid = {
  'undefined quantity': () => weir.parseQuantity(undefined),
  'null quantity': () => weir.parseQuantity(null),
  'array quantity': () => weir.parseQuantity([]),
  'BigInt quantity': () => weir.parseQuantity(10n),
  'labels as array': () => weir.validateLabels(['a']),
  'label value number': () => weir.validateLabels({ a: 1 }),
  'label value NaN': () => weir.validateLabels({ a: NaN }),
  'cyclic input': () => weir.matchLabelSelector(cyclic),
  'selector string': () => weir.matchLabelSelector('x'),
  'missing nodeName': () => weir.matchNodeSelector({ nodeSelector: { nodeSelectorTerms: [] } }),
  'nodeName 2^60': () => weir.matchNodeSelector({ ...SEL, nodeName: 2 ** 60 }),
  'nodeName Infinity': () => weir.matchNodeSelector({ ...SEL, nodeName: Infinity }),
  'operator number': () => weir.matchNodeSelector({ ...SEL, nodeSelector: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'a', operator: 7 }] }] } }),
  'no argument': () => weir.matchNodeSelector(),
  'Scheduler drain of a number': () => new weir.Scheduler({ nodes: [] }).drain(7),
  'Scheduler taintEvictions without now': () => new weir.Scheduler({ nodes: [] }).taintEvictions(),
};
for (const [name, call] of Object.entries(invalid)) {
  test(`invalid_input: ${name}`, () => {
    assert.throws(call, (err) => {
      assert.ok(err instanceof Error);
      assert.equal(err.code, 'invalid_input', err.message);
      assert.equal(err.details.type, 'invalidInput');
      return true;
    });
  });
}

for (const [value, reason] of [[NaN, null], [Infinity, null], [-1, 'negative'], [1e21, null], [2 ** 64, null], [1e300, null]]) {
  test(`number ${value} as a quantity`, () => {
    assert.throws(() => weir.parseQuantity(value), (err) => {
      // NaN and Infinity are refused before JSON would turn them into null; an integer
      // beyond 2^53 is refused as it cannot be carried exactly (write it as a string).
      assert.equal(err.code, reason === null ? 'invalid_input' : 'parse_quantity', err.message);
      if (reason) assert.equal(err.details.reason, reason);
      return true;
    });
  });
}

test('2^60 is refused: a double cannot carry it exactly; the string is exact', () => {
  assert.throws(() => weir.parseQuantity(2 ** 60), { code: 'invalid_input' });
  assert.equal(weir.parseQuantity(String(2n ** 60n)).value, '1152921504606846976');
});

test('huge inputs are handled', () => {
  const labels = {};
  for (let i = 0; i < 100000; i++) labels[`key-${i}`] = 'v';
  assert.equal(weir.validateLabels(labels), null);
  labels['-bad'] = 'v';
  assert.throws(() => weir.validateLabels(labels), (err) => {
    assert.deepEqual(err.details.fields.map((f) => f.path), ['labels[-bad]']);
    return true;
  });
  assert.throws(() => weir.parseQuantity('9'.repeat(1000000)), { code: 'parse_quantity' });
  const terms = Array(10000).fill({ matchExpressions: [{ key: 'k', operator: 'In', values: Array(10).fill('x') }] });
  assert.deepEqual(weir.matchNodeSelector({ nodeSelector: { nodeSelectorTerms: terms }, nodeName: 'n', labels: { k: 'x' } }), { matches: true, matchedTerm: 0 });
});

test('validation collects every problem with its path', () => {
  assert.throws(() => weir.validateLabels({ '-a': 'ok', b: '-bad' }), (err) => {
    assert.equal(err.code, 'validation');
    assert.deepEqual(err.details.fields.map((f) => [f.path, f.code]), [['labels[-a]', 'invalid'], ['labels[b]', 'invalid']]);
    return true;
  });
});

test('index.d.ts declares exactly what index.js exports', () => {
  const dts = fs.readFileSync(path.join(__dirname, '..', 'index.d.ts'), 'utf8');
  const declared = [...dts.matchAll(/export declare (?:function|const|class) (\w+)/g)].map((m) => m[1]).sort();
  assert.deepEqual(declared, Object.keys(weir).sort());
});

const spec = (extra = {}) => ({ name: 'web', app: 'web', template: { containers: [{ name: 'web', image: 'nginx:1.25' }] }, ...extra });

test('hostile app service: every error at once', () => {
  const containers = Array.from({ length: 10000 }, (_, i) => ({ name: `c${i}`, image: '', resources: { requests: { cpu: '-1' } } }));
  assert.throws(() => weir.validateAppService({ spec: spec({ name: 'Bad Name', template: { containers } }) }), (err) => {
    assert.equal(err.code, 'validation');
    assert.equal(err.details.fields.length, 1 + 2 * 10000);
    return true;
  });
  const ports = [0, 70000].map((port) => ({ protocol: 'TCP', port, targetPort: 80 }));
  assert.throws(() => weir.validateAppService({ spec: spec({ services: [{ name: 's', access: { type: 'clusterIP', ports } }] }) }), (err) => {
    assert.deepEqual(err.details.fields.map((f) => f.path), ['services[0].access.ports[0].port', 'services[0].access.ports[1].port']);
    return true;
  });
});

for (const [name, bad] of Object.entries({
  'null input': null, 'string input': 'spec', 'spec null': { spec: null }, 'unknown field': { spec: spec({ replicas: 3 }) },
  'replicas 2^60': { spec: spec({ scaling: { type: 'fixed', replicas: 2 ** 60 } }) },
  'replicas NaN': { spec: spec({ scaling: { type: 'fixed', replicas: NaN } }) },
  'unknown platform': { spec: spec(), profile: { platform: 'moon' } },
})) {
  test(`app service invalid_input: ${name}`, () => {
    assert.throws(() => weir.validateAppService(bad), { code: 'invalid_input' });
  });
}

test('VersionHistory class', () => {
  const h = new weir.VersionHistory();
  assert.equal(h.handle('2026-11-27T09:00:00Z', { type: 'create', spec: spec(), author: 'ana' }).version.id, 'v1');
  assert.throws(() => h.handle('2026-11-27T09:00:00Z', { type: 'submit', author: 'ana' }), { code: 'invalid_transition' });
  h.handle('2026-11-27T10:00:00Z', { type: 'beginRelease', version: 'v1', releaseOrder: 'o1' });
  assert.throws(() => h.handle('2026-11-27T10:00:00Z', { type: 'delete' }), { code: 'conflict' });
  assert.throws(() => h.handle('2026-11-27T10:00:00Z', { type: 'copyToDraft', version: 'v2' }), { code: 'not_found' });
  assert.throws(() => h.handle('2026-11-27T10:00:00Z', { type: 'create' }), { code: 'invalid_input' });
  assert.throws(() => h.handle('2026-11-27T10:00:00Z', undefined), { code: 'invalid_input' });
  const snap = h.snapshot();
  assert.deepEqual(weir.VersionHistory.restore(snap).snapshot(), snap);
  assert.throws(() => weir.VersionHistory.restore({ ...snap, deployedVersion: 'v9' }), { code: 'validation' });
  assert.throws(() => weir.VersionHistory.restore({ versions: 'no' }), { code: 'invalid_input' });
  assert.throws(() => new weir.VersionHistory({ platform: 'moon' }), { code: 'invalid_input' });
});

const NOW = '2026-01-01T00:00:00Z';
const HPA_INPUT = {
  spec: { maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] },
  currentReplicas: 1,
  pods: [{ name: 'a', ready: true, startTime: '2025-12-01T00:00:00Z', containers: [{ name: 'c', requests: { cpu: '1' } }] }],
  metrics: [{ pods: [{ pod: 'a', value: '900m' }] }],
};

const badHpa = {
  'NaN replicas': { ...HPA_INPUT, currentReplicas: NaN },
  'replicas 2^40': { ...HPA_INPUT, currentReplicas: 2 ** 40 },
  'replicas as string': { ...HPA_INPUT, currentReplicas: '1' },
  'unknown phase': { ...HPA_INPUT, pods: [{ name: 'a', phase: 'Exploded' }] },
  'no spec': { ...HPA_INPUT, spec: undefined },
  'Infinity sample': { ...HPA_INPUT, metrics: [{ pods: [{ pod: 'a', value: Infinity }] }] },
  'unknown field': { ...HPA_INPUT, unknown: 1 },
};
for (const [name, input] of Object.entries(badHpa)) {
  test(`HpaState refuses ${name} and changes nothing`, () => {
    const hpa = new weir.HpaState();
    const before = hpa.snapshot();
    assert.throws(() => hpa.handle(NOW, input), (err) => err.code === 'invalid_input');
    assert.deepEqual(hpa.snapshot(), before);
  });
}

test('HpaState class round trip', () => {
  const hpa = new weir.HpaState({ tolerance: 0.05 });
  const r = hpa.handle(NOW, HPA_INPUT);
  assert.deepEqual([r.desiredReplicas, r.reason], [2, 'DesiredWithinRange']);
  const again = weir.HpaState.restore(hpa.snapshot());
  assert.deepEqual(again.snapshot(), hpa.snapshot());
  assert.equal(again.pollTimeout(), '2026-01-01T00:00:15Z');
  assert.throws(() => again.handle('yesterday', HPA_INPUT), (err) => err.code === 'validation' && err.details.fields[0].path === 'now');
  assert.throws(() => again.handle('2025-12-31T23:59:59Z', HPA_INPUT), (err) => err.code === 'invalid_transition');
  assert.deepEqual(again.snapshot(), hpa.snapshot());
  assert.throws(() => new weir.HpaState({ tolerance: -1 }), (err) => err.code === 'validation');
});

test('replica curve limits and SVG', () => {
  const scaling = { type: 'elastic', initialReplicas: 1, minReplicas: 1, maxReplicas: 5,
    policies: [{ name: 'up', schedule: { cron: '0 * * * *' }, action: { type: 'replicas', replicas: 3 } }] };
  const curve = weir.replicaCurve({ scaling, from: '2026-01-01T00:00:00Z', to: '2026-01-01T03:00:00Z', stepSeconds: 1800 });
  assert.deepEqual(curve.points.map((p) => p.replicas), [3, 3, 3, 3, 3, 3, 3]);
  const svg = weir.replicaCurveSvg(curve);
  assert.ok(svg.startsWith('<svg') && svg.trimEnd().endsWith('</svg>'));
  assert.throws(() => weir.replicaCurve({ scaling, from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z', stepSeconds: 1 }),
    (err) => err.code === 'validation' && err.details.fields[0].code === 'too_many');
  assert.throws(() => weir.replicaCurveSvg({ points: 'many' }), (err) => err.code === 'invalid_input');
  assert.throws(() => weir.cronNext({ cron: '0 9 * * 1-5', after: '2026-01-01T00:00:00Z', count: 1e6 }), (err) => err.code === 'validation');
});

const SNAPSHOT = { nodes: [{ metadata: { name: 'n1' }, status: { allocatable: { cpu: '2', memory: '4Gi' } } }] };
const WEB = { metadata: { name: 'web-0' }, spec: { containers: [{ name: 'c', resources: { requests: { cpu: '1' } } }] } };
const badScheduling = {
  'node name number': { snapshot: { nodes: [{ metadata: { name: 7 } }] }, pod: WEB },
  'priority NaN': { snapshot: SNAPSHOT, pod: { ...WEB, spec: { priority: NaN } } },
  'priority 2^40': { snapshot: SNAPSHOT, pod: { ...WEB, spec: { priority: 2 ** 40 } } },
  'unknown taint effect': { snapshot: { nodes: [{ metadata: { name: 'n1' }, spec: { taints: [{ key: 'k', effect: 'Sometimes' }] } }] }, pod: WEB },
  'no pod': { snapshot: SNAPSHOT },
  'extra field': { snapshot: SNAPSHOT, pod: WEB, extra: true },
};
for (const [name, input] of Object.entries(badScheduling)) {
  test(`scheduleOne refuses ${name}`, () => {
    assert.throws(() => weir.scheduleOne(input), (err) => err.code === 'invalid_input');
  });
}

test('scheduling validation and results', () => {
  assert.throws(() => weir.scheduleOne({ snapshot: { nodes: [...SNAPSHOT.nodes, ...SNAPSHOT.nodes] }, pod: WEB }),
    (err) => err.code === 'validation' && err.details.fields[0].code === 'duplicate');
  assert.equal(weir.scheduleOne({ snapshot: SNAPSHOT, pod: WEB }).node, 'n1');
  const big = { ...WEB, spec: { containers: [{ name: 'c', resources: { requests: { cpu: '3' } } }] } };
  assert.equal(weir.scheduleOne({ snapshot: SNAPSHOT, pod: big }).message, '0/1 nodes are available: 1 Insufficient cpu.');
  assert.throws(() => weir.drain({ snapshot: SNAPSHOT, node: 'nope' }), (err) => err.code === 'not_found');
});
