// Runs the shared vectors (core/tests/vectors/**/*.json) through the built package.
// Results compare by value (`expect` holds what the result must contain); errors by
// `code` and the details a case names, never by message text. An op this runner does not know is a failure, never a skip.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const weir = require('..');

const VECTORS = path.resolve(__dirname, '../../core/tests/vectors');

// op -> how to call the package with the case's input (ops are snake_case in the files):
// every operation of the table in core (core/schema/operations.json) takes the case's
// input as it is; the ones below take part of it, or run a transcript of a stateful engine.
const OPERATIONS = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../core/schema/operations.json'), 'utf8')).operations;
const OPS = {
  ...Object.fromEntries(OPERATIONS.map((op) => [op.name, weir[op.jsName]])),
  parse_quantity: (i) => weir.parseQuantity(i.quantity),
  validate_labels: (i) => weir.validateLabels(i.labels),
  version_history: (i) => runHistory(i),
  release_engine: (i) => runEngine(i),
  release_guard: (i) => runGuard(i),
  hpa: (i) => runHpa(i),
  scheduler: (i) => runScheduler(i),
  autoscaler: (i) => runAutoscaler(i),
};

// `expected` is contained in `actual`: object keys present with matching values (an
// expected null also matches an absent key), arrays element by element.
function subset(expected, actual) {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && expected.length === actual.length && expected.every((x, n) => subset(x, actual[n]));
  }
  if (expected !== null && typeof expected === 'object') {
    return actual !== null && typeof actual === 'object' && !Array.isArray(actual) &&
      Object.entries(expected).every(([k, v]) => (k in actual && subset(v, actual[k])) || (v === null && !(k in actual)));
  }
  return expected === actual;
}

// A transcript (see core/tests/vectors.rs): each step's result must contain its `expect`,
// or the step must fail with its `error` and leave the snapshot unchanged; after every
// step the engine continues from `restore(snapshot())`.
function transcript(engine, steps, call, restore) {
  steps.forEach((step, n) => {
    const before = JSON.stringify(engine.snapshot());
    if ('error' in step) {
      assert.throws(() => call(engine, step), (err) => { checkError(err, step.error); return true; }, `step ${n}`);
      assert.equal(JSON.stringify(engine.snapshot()), before, `step ${n}: a refused step changed the state`);
    } else {
      const out = 'poll' in step ? engine.pollTimeout() : call(engine, step);
      if ('expect' in step) assert.ok(subset(step.expect, out), `step ${n}: expected ${JSON.stringify(step.expect)}, got ${JSON.stringify(out)}`);
    }
    engine = restore(engine.snapshot());
  });
  return engine;
}

// A history from `restore(snapshot)` or empty (with `profile`); see core/tests/vectors.rs.
function runHistory(i) {
  const h = 'snapshot' in i ? weir.VersionHistory.restore(i.snapshot) : new weir.VersionHistory(i.profile);
  return transcript(h, i.steps, (h2, s) => h2.handle(s.now, s.event), weir.VersionHistory.restore).snapshot();
}

// op -> reason; every entry must say why this runner cannot run it (empty: all run).
const SKIP = {};

// An engine from `plan`, `snapshot` (restored) or `planRelease(order)`; a step is an event
// at `now` or `status` at a time; see core/tests/vectors.rs.
function runEngine(i) {
  let start;
  if ('plan' in i) start = new weir.ReleaseEngine(i.plan);
  else if ('snapshot' in i) start = weir.ReleaseEngine.restore(i.snapshot);
  else start = new weir.ReleaseEngine(weir.planRelease(i.order));
  const call = (e, s) => ('status' in s ? e.status(s.status) : e.handle(s.now, s.event));
  const engine = transcript(start, i.steps, call, weir.ReleaseEngine.restore);
  const last = i.steps.length ? i.steps[i.steps.length - 1] : {};
  const now = typeof last.now === 'string' ? last.now : '';
  return engine.status(now.length >= 20 && now[4] === '-' ? now : '2026-01-01T00:00:00Z');
}

function runHpa(i) {
  const state = 'state' in i ? weir.HpaState.restore(i.state) : new weir.HpaState();
  return transcript(state, i.steps, (h, s) => h.handle(s.now, s.input), weir.HpaState.restore).snapshot();
}

function runScheduler(i) {
  const call = (s, step) => {
    if ('event' in step) return s.handle(step.now, step.event);
    if ('scheduleOne' in step) return s.scheduleOne(step.scheduleOne);
    if ('place' in step) return s.place(step.place);
    if ('drain' in step) return s.drain(step.drain);
    if ('taintEvictions' in step) return s.taintEvictions(step.taintEvictions);
    if ('scheduleAll' in step) return s.scheduleAll(step.scheduleAll);
    throw new Error(`unknown scheduler step: ${Object.keys(step)}`);
  };
  return transcript(new weir.Scheduler(i.snapshot), i.steps, call, weir.Scheduler.restore).cluster();
}

// An autoscaler from `config` or `snapshot` (restored); a step is an event at `now`,
// `limits` or `poll`; see core/tests/vectors.rs.
function runAutoscaler(i) {
  const a = 'snapshot' in i ? weir.Autoscaler.restore(i.snapshot) : new weir.Autoscaler(i.config);
  const call = (x, s) => {
    if ('limits' in s) return x.derivedLimits();
    return x.handle(s.now, s.event);
  };
  return transcript(a, i.steps, call, weir.Autoscaler.restore).snapshot();
}

function runGuard(i) {
  const g = 'snapshot' in i ? weir.ReleaseGuard.restore(i.snapshot) : new weir.ReleaseGuard();
  return transcript(g, i.steps, (g2, s) => g2.handle(s.now, s.event), weir.ReleaseGuard.restore).snapshot();
}

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
        const result = call(c.input);
        assert.ok(subset(c.expect, result), `expected ${JSON.stringify(c.expect)}, got ${JSON.stringify(result)}`);
      }
    });
  }
}
