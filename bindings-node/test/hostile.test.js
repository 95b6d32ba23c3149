// Hostile input at the Node door: the same tables as bindings-python/tests/test_hostile.py.
// Every case is a typed error with a weir code (never a silently different answer), and an
// invalid_input names the field path of the offending value.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const weir = require('..');

const ORDER = {
  id: 'o', units: ['u1'], services: [{
    name: 'web', toVersion: 'v1', toSpec: {
      name: 'web', app: 'web', template: { containers: [{ name: 'c', image: 'nginx:1' }] },
      scaling: { type: 'fixed', replicas: 1 },
    },
  }],
};
const NODE = { metadata: { name: 'n1' }, status: { allocatable: { cpu: '2', memory: '4Gi' } } };

function invalidAt(where, call) {
  let caught;
  assert.throws(call, (err) => {
    caught = err;
    assert.ok(err instanceof Error);
    assert.equal(err.code, 'invalid_input', err.message);
    assert.equal(err.details.type, 'invalidInput');
    assert.equal(err.details.path, where, err.message);
    assert.ok(!/line \d+ column/.test(err.message), err.message);
    return true;
  });
  return caught;
}

// 2. Enum tags and variant names are strings only.
test('an integer tag is not a variant index', () => {
  const guard = new weir.ReleaseGuard();
  invalidAt('type', () => guard.handle('2026-11-27T10:00:00Z', { type: 2, service: 'web', operation: 'restart' }));
  assert.deepEqual(guard.snapshot(), new weir.ReleaseGuard().snapshot());
  invalidAt('scaling.type', () => weir.validateScaling({ scaling: { type: 0, replicas: 2 } }));
  // A tag nested in another tagged enum (read from serde's buffer) too.
  const policy = { name: 'p', schedule: { cron: '0 9 * * *' }, action: { type: 0, replicas: 6 } };
  invalidAt('scaling.policies[0].action.type', () => weir.validateScaling({ scaling: {
    type: 'elastic', initialReplicas: 2, minReplicas: 1, maxReplicas: 20, policies: [policy] } }));
});

// 3. Unknown keys are refused; so is anything JSON would silently reshape.
test('unknown keys are refused at their path', () => {
  invalidAt('selectr', () => weir.matchLabelSelector({ selectr: {}, labels: {} }));
  invalidAt('nodeSelector.nodeSelectorTerms[0].matchExpression', () => weir.matchNodeSelector({ nodeSelector: { nodeSelectorTerms: [{ matchExpression: [] }] }, nodeName: 'n' }));
});

class Labels { constructor() { this.a = 'b'; } }
const reshaped = {
  Map: new Map([['a', 'b']]),
  Set: new Set(['a']),
  Uint8Array: new Uint8Array([1]),
  RegExp: /a/,
  'class instance': new Labels(),
  'boxed string': Object('a'),
  function: () => 'a',
  Symbol: Symbol('a'),
  BigInt: 10n,
};
for (const [name, value] of Object.entries(reshaped)) {
  test(`a ${name} is refused, not reshaped`, () => {
    invalidAt('labels', () => weir.matchLabelSelector({ selector: {}, labels: value }));
    invalidAt('selector.matchLabels.a', () => weir.matchLabelSelector({ selector: { matchLabels: { a: value } } }));
    invalidAt('', () => weir.validateLabels(value));
  });
}

test('a Date crosses as its ISO string; plain objects without a prototype are fine', () => {
  const out = weir.cronNext({ cron: '0 9 * * *', after: new Date('2026-11-27T00:00:00Z'), count: 1 });
  assert.deepEqual(out.fires, ['2026-11-27T09:00:00Z']);
  const labels = Object.create(null);
  labels.a = 'b';
  assert.equal(weir.validateLabels(labels), null);
});

// 4. String parameters and strings inside data must be well-formed UTF-16.
for (const value of [7, null, undefined, '\ud800', 'n\udfff1']) {
  test(`string parameter ${JSON.stringify(value)}`, () => {
    const engine = new weir.ReleaseEngine(weir.planRelease(ORDER));
    invalidAt('now', () => engine.status(value));
    invalidAt('now', () => engine.handle(value, { type: 'start' }));
    const scheduler = new weir.Scheduler({ nodes: [NODE] });
    invalidAt('node', () => scheduler.drain(value));
    invalidAt('now', () => scheduler.taintEvictions(value));
    assert.deepEqual(scheduler.snapshot(), new weir.Scheduler({ nodes: [NODE] }).snapshot());
  });
}

test('lone surrogates inside data', () => {
  invalidAt('a', () => weir.validateLabels({ a: 'x\ud800' }));
  invalidAt('', () => weir.validateLabels({ '\ud800': 'x' }));
  invalidAt('nodeName', () => weir.matchNodeSelector({ nodeSelector: { nodeSelectorTerms: [{}] }, nodeName: '\udc00' }));
});

// 5. Numbers: the same table at both doors (value, the quantity's `value` or null when
// refused as invalid_input).
const NUMBERS = [
  [2 ** 53, '9007199254740992'],
  [2 ** 53 + 2, null],
  [-(2 ** 53 + 2), null],
  [2 ** 60, null],
  [2 ** 64, null],
  [1e30, null],
  [1e21, null],
  [1e300, null],
  [1.0, '1'],
  [-0, '0'],
  [0, '0'],
  [0.5, '1'],
  [1.5e3, '1500'],
];
for (const [value, expected] of NUMBERS) {
  test(`number ${value} as a quantity`, () => {
    if (expected === null) invalidAt('', () => weir.parseQuantity(value));
    else assert.equal(weir.parseQuantity(value).value, expected);
  });
}

test('-2^53 is in range (and negative)', () => {
  assert.throws(() => weir.parseQuantity(-(2 ** 53)), (err) => err.code === 'parse_quantity' && err.details.reason === 'negative');
});

for (const [replicas, ok] of [[3, true], [3.0, true], [-0, true], [3.5, false], [2 ** 53 + 2, false]]) {
  test(`replicas ${replicas}`, () => {
    const call = () => weir.splitUnits({ replicas, units: ['a', 'b'] });
    if (ok) assert.ok(call().reduce((s, u) => s + u.replicas, 0) === replicas);
    else invalidAt('replicas', call);
  });
}

// 6. invalid_input names its path, in details and message.
test('invalid_input names its path', () => {
  const err = invalidAt('nodeSelector.nodeSelectorTerms[1].matchFields[0].operator', () => weir.matchNodeSelector({
    nodeSelector: { nodeSelectorTerms: [{}, { matchFields: [{ key: 'metadata.name', operator: 7 }] }] }, nodeName: 'n',
  }));
  assert.match(err.message, /nodeSelector\.nodeSelectorTerms\[1\]\.matchFields\[0\]\.operator/);
  invalidAt('', () => weir.parseQuantity(null));
});

// The path of a refused value is recorded on the way down: nothing is read twice, so a
// getter that makes a fresh object on every read cannot send the search round forever
// (review of the first fix, which walked the input again), and a getter that throws is an
// invalid_input too.
test('a refusal reads each value once', () => {
  let reads = 0;
  const lazy = { get z() { reads += 1; return { deeper: { ok: 1 } }; } };
  invalidAt('nodeSelector.x', () => weir.matchNodeSelector({ nodeSelector: { x: NaN }, nodeName: 'n', more: lazy }));
  assert.ok(reads <= 1, `the getter ran ${reads} times`);
  const throwing = { get z() { throw new Error('boom'); } };
  invalidAt('', () => weir.matchNodeSelector({ nodeSelector: { nodeSelectorTerms: [] }, nodeName: 'n', t: throwing }));
  invalidAt('a[1].b', () => weir.parseQuantity({ a: [{}, { b: 2 ** 60 }] }));
});

// 7. An error quotes at most a bounded slice of the input.
test('errors do not repeat huge input', () => {
  assert.throws(() => weir.parseQuantity('9'.repeat(10_000_000)), (err) => {
    assert.equal(err.code, 'parse_quantity');
    assert.ok(err.message.length < 500);
    assert.equal(err.details.input.length, 65);
    assert.ok(err.details.input.endsWith('…'));
    return true;
  });
  assert.throws(() => weir.validateLabels({ ['-'.repeat(1_000_000)]: 'v', k: '-'.repeat(1_000_000) }), (err) => {
    assert.ok(err.message.length < 2_000);
    assert.ok(err.details.fields.every((f) => f.path.length < 400 && f.message.length < 500));
    return true;
  });
  assert.ok(invalidAt('scaling.type', () => weir.validateScaling({ scaling: { type: 'x'.repeat(1_000_000) } })).message.length < 500);
  assert.ok(invalidAt(`${'x'.repeat(320)}…`, () => weir.matchLabelSelector({ ['x'.repeat(1_000_000)]: 1 })).message.length < 1_000);
  const many = {};
  for (let i = 0; i < 10_000; i++) many[`-${i}`] = 'v';
  assert.throws(() => weir.validateLabels(many), (err) => {
    assert.equal(err.details.fields.length, 10_000);
    assert.ok(err.message.length < 5_000);
    return true;
  });
});

// 8. When the details cannot be built, the error still carries its weir code.
test('an error whose details cannot be built keeps its code', () => {
  // In a child process: a setter on Object.prototype that throws makes building the details
  // object fail (as running out of memory would).
  const script = `
    const weir = require(${JSON.stringify(path.join(__dirname, '..'))});
    Object.defineProperty(Object.prototype, 'reason', { set() { throw new Error('hostile setter'); }, configurable: true });
    try { weir.parseQuantity('-1'); console.log('no error'); } catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }
  `;
  const out = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  const got = JSON.parse(out.stdout);
  assert.equal(got.code, 'parse_quantity', out.stdout);
  assert.match(got.message, /invalid quantity `-1`/);
});
