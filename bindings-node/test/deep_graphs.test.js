// Long dependency chains and cycles from Node, inside a worker thread (whose stack is
// small: a hostile-input sweep killed the whole process with one cycle through ~50,000
// services there, as the cycle finder recursed once per service). Every graph walk is
// iterative now.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { Worker } = require('node:worker_threads');
const path = require('node:path');

const N = 200000;

/** Run `call` (a weir function name) on a generated graph in a worker with a 1 MB stack. */
function inWorker(call, shape) {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const weir = require(workerData.weir);
    const { n, shape, call } = workerData;
    const services = [];
    for (let i = 0; i < n; i++) {
      const next = shape === 'ring' ? [\`s\${(i + 1) % n}\`] : (i + 1 < n ? [\`s\${i + 1}\`] : []);
      services.push({ name: \`s\${i}\`, dependsOn: next });
    }
    try {
      const out = weir[call]({ services });
      parentPort.postMessage({ waves: out.waves ? out.waves.length : null, first: out.nodes ? out.nodes[0].name : null });
    } catch (err) {
      parentPort.postMessage({ code: err.code, cycles: err.details && err.details.cycles.map((c) => [c.length, c[0], c[c.length - 1]]) });
    }`;
  return new Promise((resolve, reject) => {
    const w = new Worker(source, {
      eval: true,
      workerData: { weir: path.join(__dirname, '..'), n: N, shape, call },
      resourceLimits: { stackSizeMb: 1 },
    });
    w.once('message', resolve);
    w.once('error', reject);
    w.once('exit', (code) => code !== 0 && reject(new Error(`worker exited with ${code}`)));
  });
}

for (const call of ['analyzeDag', 'renderDag']) {
  test(`${call}: a cycle through ${N} services is a cycle error, in a worker`, async () => {
    const out = await inWorker(call, 'ring');
    assert.equal(out.code, 'cycle');
    assert.deepEqual(out.cycles, [[N + 1, 's0', 's0']]);
  });
}

test(`analyzeDag: a chain of ${N} services, in a worker`, async () => {
  const out = await inWorker('analyzeDag', 'chain');
  assert.equal(out.waves, N);
  assert.equal(out.first, `s${N - 1}`);
});
