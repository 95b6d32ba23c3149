// The Simulation class: iterable step by step, the same result as `simulate`, a snapshot
// that restores, and the quick start's scenario shipped with the package.
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const weir = require('..');

test('iterating gives the same result as simulate', () => {
  const scenario = weir.quickstartScenario();
  const whole = weir.simulate(scenario);
  const sim = new weir.Simulation(scenario);
  const reports = [...sim];
  assert.strictEqual(reports.length, whole.summary.steps);
  assert.ok(sim.finished);
  assert.strictEqual(sim.step(), null);
  assert.deepStrictEqual(sim.result().summary, whole.summary);
  assert.deepStrictEqual(whole.summary.releases.map((r) => r.outcome), ['succeeded', 'cancelled']);
  assert.ok(sim.svg().startsWith('<svg'));
});

test('a snapshot continues identically; an edited one is refused', () => {
  const sim = new weir.Simulation(weir.quickstartScenario());
  for (let i = 0; i < 5; i++) sim.step();
  const snap = sim.snapshot();
  assert.deepStrictEqual(weir.Simulation.restore(snap).run(), sim.run());
  assert.throws(() => weir.Simulation.restore({ ...snap, digest: '0'.repeat(16) }), (e) => e.code === 'validation');
});

test('handle takes every step due; time runs forwards', () => {
  const sim = new weir.Simulation(weir.quickstartScenario());
  const first = sim.pollTimeout();
  const reports = sim.handle('2026-11-27T07:00:00+08:00');
  assert.strictEqual(reports[0].at, first);
  assert.throws(() => sim.handle(first), (e) => e.code === 'invalid_transition');
});
