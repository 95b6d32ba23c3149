#!/usr/bin/env node
// Builds the native addon with cargo and places it at ./weir.node.
//
// This is the package's `install` script, so `npm install <path>/bindings-node` from any
// project on a machine with Rust builds the addon by itself (no @napi-rs/cli needed).
// Set WEIR_NODE_PROFILE=debug for a faster, unoptimised build.
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const here = path.resolve(__dirname, '..');
const profile = process.env.WEIR_NODE_PROFILE === 'debug' ? 'debug' : 'release';
const cargo = process.env.CARGO || 'cargo';

function run(args, opts = {}) {
  return execFileSync(cargo, args, { cwd: here, stdio: ['ignore', opts.capture ? 'pipe' : 'inherit', 'inherit'], encoding: 'utf8' });
}

const meta = JSON.parse(run(['metadata', '--format-version', '1', '--no-deps'], { capture: true }));
const args = ['build', '-p', 'weir-node'];
if (profile === 'release') args.push('--release');
run(args);

const lib = { darwin: 'libweir_node.dylib', win32: 'weir_node.dll' }[process.platform] || 'libweir_node.so';
const built = path.join(meta.target_directory, profile, lib);
const dest = path.join(here, 'weir.node');
// Copy to a temporary name, then rename: a running process keeps its mapped old file.
fs.copyFileSync(built, dest + '.tmp');
fs.renameSync(dest + '.tmp', dest);
console.log(`weir: built ${path.relative(process.cwd(), dest) || dest} (${profile})`);
