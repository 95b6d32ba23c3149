// The README's JavaScript snippets run as written.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

test('README javascript blocks run', () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```javascript\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.ok(blocks.length > 0, 'README.md has no ```javascript block');
  for (const block of blocks) {
    // `require('weir')` in the README resolves to this package.
    const m = new Module(path.join(__dirname, 'readme.js'));
    m.paths = [path.resolve(__dirname, '..', '..'), ...Module._nodeModulePaths(__dirname)];
    const req = (id) => (id === 'weir' ? require('..') : require(id));
    new Function('require', 'assert', block)(req, assert);
  }
});
