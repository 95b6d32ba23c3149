// weir for Node: the thin JS side of the native addon.
//
// Every function takes and returns plain JS data (camelCase keys, like Kubernetes
// manifests; the shapes are in types.d.ts). Data crosses to Rust as JSON text (see
// bindings-node/src/convert.rs for why). Errors are `Error` objects with a stable
// `err.code` ('validation', 'parse_quantity', 'invalid_input', 'invalid_transition',
// 'conflict', 'cycle', 'not_found') and `err.details`; an 'invalid_input' names the field
// path of the offending value in `err.details.path`. Only plain JSON data crosses: what
// JSON.stringify would silently reshape is refused (see `check`).
'use strict';

const native = require('./weir.node');

/** An `invalid_input` error at a field path (`''` for the whole input), shaped like the native ones. */
function invalid(reason, path = '') {
  const err = new Error(path ? `invalid input at \`${path}\`: ${reason}` : `invalid input: ${reason}`);
  err.code = 'invalid_input';
  err.details = { type: 'invalidInput', path, reason };
  return err;
}

/** The largest integer magnitude a number may have: beyond 2^53 a double is no longer exact. */
const MAX_EXACT_INT = 2 ** 53;

/** A value `encode` refuses, with where: `holder[key]`. */
class Refusal {
  constructor(holder, key, reason, atHolder = false) {
    this.holder = holder;
    this.key = key;
    this.reason = reason;
    // A refused key is reported at its object's path (the key itself cannot be written).
    this.atHolder = atHolder;
  }
}

/**
 * The `JSON.stringify` replacer: only what JSON carries faithfully crosses. Refused: NaN
 * and ±Infinity (JSON would write null), integers beyond ±2^53 (not exact), strings and
 * keys that are not well-formed UTF-16 (a lone surrogate), functions and symbols (JSON
 * would drop them), and objects that are not plain objects or arrays (a Map or Set would
 * become `{}`). An object with `toJSON` crosses as what it returns (a Date as its ISO
 * string); `undefined` in an object is an absent field.
 */
function check(key, v, paths) {
  if (typeof key === 'string' && !key.isWellFormed()) {
    throw new Refusal(this, key, 'a key that is not valid Unicode (a lone surrogate)', true);
  }
  // Every tagged enum of weir is tagged by `type`, and every `type` is a string; a tag nested
  // in another tagged enum is read from serde's buffer, which would take a number as the
  // variant's index.
  if (key === 'type' && typeof v !== 'string' && v !== undefined && !Array.isArray(this)) {
    throw new Refusal(this, key, `a \`type\` must be a string, got ${v === null ? 'null' : typeof v}`);
  }
  switch (typeof v) {
    case 'number':
      if (!Number.isFinite(v)) throw new Refusal(this, key, `${v} is not a finite number`);
      if (Math.abs(v) > MAX_EXACT_INT) {
        throw new Refusal(this, key, 'a number beyond ±2^53 (9007199254740992) cannot be carried exactly by every binding; write a large quantity as a string');
      }
      return v;
    case 'string':
      if (!v.isWellFormed()) throw new Refusal(this, key, 'a string that is not valid Unicode (a lone surrogate)');
      return v;
    case 'object': {
      if (v === null) return v;
      if (!Array.isArray(v)) {
        const proto = Object.getPrototypeOf(v);
        if (proto !== Object.prototype && proto !== null) {
          const kind = (proto && proto.constructor && typeof proto.constructor.name === 'string' && proto.constructor.name) || 'object';
          throw new Refusal(this, key, `unsupported type ${kind.slice(0, 64)} (only plain objects, arrays, strings, finite numbers, booleans and null)`);
        }
      }
      // Where this object sits, for a refusal inside it (recorded on the way down, so that
      // nothing is read twice: a getter runs once).
      paths.set(v, paths.has(this) ? step(paths.get(this), this, key) : '');
      return v;
    }
    case 'function':
    case 'symbol':
    case 'bigint':
      throw new Refusal(this, key, `unsupported type ${typeof v}`);
    default:
      return v;
  }
}

/** One step of a field path: `.key` (or `key` at the root) for an object, `[i]` for an array. */
function step(path, holder, key) {
  if (Array.isArray(holder)) return `${path}[${key}]`;
  const k = key.length > 320 ? `${key.slice(0, 320)}…` : key;
  return path ? `${path}.${k}` : k;
}

/** The field path of a refused `holder[key]` (the holder's own path for a refused key). */
function pathOf(paths, holder, key, atHolder) {
  if (!paths.has(holder)) return '';
  const path = paths.get(holder);
  return atHolder ? path : step(path, holder, key);
}

/** JSON text of a value; what JSON cannot carry faithfully is `invalid_input` at its path. */
function encode(value) {
  let text;
  const paths = new WeakMap();
  try {
    text = JSON.stringify(value, function replacer(key, v) {
      return check.call(this, key, v, paths);
    });
  } catch (e) {
    if (e instanceof Refusal) throw invalid(e.reason, pathOf(paths, e.holder, e.key, e.atHolder));
    // BigInt inside toJSON output, cycles, a throwing getter or toJSON.
    throw invalid(String(e && e.message).slice(0, 256));
  }
  return text === undefined ? 'null' : text;
}

function wrap(fn) {
  return (arg) => JSON.parse(fn(encode(arg)));
}

/** `v` when it is a well-formed string, else an invalid_input error at path `what`. */
function text(v, what) {
  if (typeof v !== 'string') throw invalid(`expected a string, got ${v === null ? 'null' : typeof v}`, what);
  if (!v.isWellFormed()) throw invalid('a string that is not valid Unicode (a lone surrogate)', what);
  return v;
}

/**
 * The one shape of every sans-IO machine: `handle(now, event)` takes the time (RFC 3339)
 * and an event tagged by `type` and returns the output (a refused event throws and
 * changes nothing; a `now` earlier than the last one handled is refused);
 * `pollTimeout()` is the next instant the machine would act with no new event (or
 * `null`); `snapshot()` is what `restore(snapshot)` needs.
 */
class Machine {
  handle(now, event) {
    return JSON.parse(this._native.handle(text(now, 'now'), encode(event)));
  }

  pollTimeout() {
    return this._native.pollTimeout();
  }

  snapshot() {
    return JSON.parse(this._native.snapshot());
  }
}

/** A machine of class `cls` that continues from `snapshot` (a static `restore` works unbound). */
function restoreAs(cls, Native, snapshot) {
  const m = Object.create(cls.prototype);
  m._native = Native.restore(encode(snapshot));
  return m;
}

/**
 * The versions, draft and release state of one app service. Events: `create`, `edit`,
 * `updateDraft`, `copyToDraft`, `discardDraft`, `submit`, `changeImage`,
 * `changeReplicas`, `beginRelease`, `markPublished`, `markFailed`, `cancelRelease`,
 * `beginOperation`, `endOperation`, `delete`; each returns the outcome. No timers.
 */
class VersionHistory extends Machine {
  constructor(profile) {
    super();
    this._native = new native.VersionHistory(encode(profile === undefined ? null : profile));
  }

  static restore(snapshot) {
    return restoreAs(VersionHistory, native.VersionHistory, snapshot);
  }
}

/**
 * The release engine: drives a planned release order. `new ReleaseEngine(plan)` takes
 * `planRelease(order)`'s result; `handle(now, event)` returns the actions to carry out;
 * `pollTimeout()` is when to send the next `tick`; `status(now)`.
 */
class ReleaseEngine extends Machine {
  constructor(plan) {
    super();
    this._native = new native.ReleaseEngine(encode(plan));
  }

  static restore(snapshot) {
    return restoreAs(ReleaseEngine, native.ReleaseEngine, snapshot);
  }

  status(now) {
    return JSON.parse(this._native.status(text(now, 'now')));
  }
}

/**
 * Which release order or operation holds each app service. Events: `beginOrder`,
 * `finishService`, `beginOperation`, `endOperation` (a refused one throws 'conflict' or
 * 'invalid_transition'). No timers.
 */
class ReleaseGuard extends Machine {
  constructor() {
    super();
    this._native = new native.ReleaseGuard();
  }

  static restore(snapshot) {
    return restoreAs(ReleaseGuard, native.ReleaseGuard, snapshot);
  }
}

/**
 * The Kubernetes HPA's memory for one autoscaler and its computation. `new
 * HpaState(config?)` takes the controller flags; `handle(now, input)` takes one
 * reconcile's observations and returns `desiredReplicas` with the reason (a bad input
 * throws 'validation'); `pollTimeout()` is the next reconcile.
 */
class HpaState extends Machine {
  constructor(config) {
    super();
    this._native = new native.HpaState(encode(config === undefined ? null : config));
  }

  static restore(snapshot) {
    return restoreAs(HpaState, native.HpaState, snapshot);
  }
}

/**
 * A cluster snapshot compiled once and scheduled against many times (a large snapshot
 * crosses once, not on every call). `handle(now, event)` with `scheduleOne`,
 * `scheduleAll`, `place`, `drain` or `evictTainted`; `pollTimeout()` is the next
 * `NoExecute` eviction. The same operations as methods: `scheduleOne(pod)` changes
 * nothing; `scheduleAll({pods?, preemption?})` keeps its placements, as do
 * `place({template, replicas, units?, preemption?})` and `drain(node)`;
 * `taintEvictions(now)`; `cluster()` is the cluster as a snapshot. A refused call throws
 * and changes nothing.
 */
class Scheduler extends Machine {
  constructor(snapshot) {
    super();
    this._native = new native.Scheduler(encode(snapshot));
  }

  static restore(snapshot) {
    return restoreAs(Scheduler, native.Scheduler, snapshot);
  }

  cluster() {
    return JSON.parse(this._native.cluster());
  }

  scheduleOne(pod) {
    return JSON.parse(this._native.scheduleOne(encode(pod)));
  }

  scheduleAll(input) {
    return JSON.parse(this._native.scheduleAll(encode(input === undefined ? {} : input)));
  }

  place(input) {
    return JSON.parse(this._native.place(encode(input)));
  }

  drain(node) {
    return JSON.parse(this._native.drain(text(node, 'node')));
  }

  taintEvictions(now) {
    return JSON.parse(this._native.taintEvictions(text(now, 'now')));
  }
}

/**
 * The water-level node autoscaler. `new Autoscaler(config)` validates the configuration;
 * `step(now, cluster)` returns the decision (water level and slot-pod delta, scale-up,
 * scale-down, each group's verdict, each pending pod's reason); `observe(now, event)`
 * records `nodeJoined`, `nodeFailed`, `nodeDeleted` or `scaleDownFailed`; `handle(now,
 * event)` takes any event and returns `{type: 'decision', ...}` or `{type: 'observed'}`;
 * `pollTimeout()` is the next timer; `derivedLimits()`.
 */
class Autoscaler extends Machine {
  constructor(config) {
    super();
    this._native = new native.Autoscaler(encode(config));
  }

  static restore(snapshot) {
    return restoreAs(Autoscaler, native.Autoscaler, snapshot);
  }

  step(now, cluster) {
    return JSON.parse(this._native.step(text(now, 'now'), encode(cluster)));
  }

  observe(now, event) {
    this._native.observe(text(now, 'now'), encode(event));
  }

  derivedLimits() {
    return JSON.parse(this._native.derivedLimits());
  }
}

/**
 * A what-if scenario run in virtual time. `new Simulation(scenario)` checks the scenario
 * (a 'validation' error lists every problem); `step()` advances to the next instant with
 * something to do and returns its report (`null` at the end); the simulation is iterable
 * (`for (const report of sim)`). `run()` takes the remaining steps and returns the result;
 * `result()` is the result so far, `svg()` its chart. Machine shape: `handle(now)` takes
 * every step due at or before `now`; `pollTimeout()`, `snapshot()`, `Simulation.restore()`.
 */
class Simulation {
  constructor(scenario) {
    this._native = new native.Simulation(encode(scenario));
  }

  static restore(snapshot) {
    return restoreAs(Simulation, native.Simulation, snapshot);
  }

  step() {
    return JSON.parse(this._native.step());
  }

  *[Symbol.iterator]() {
    for (let r = this.step(); r !== null; r = this.step()) yield r;
  }

  run() {
    return JSON.parse(this._native.run());
  }

  result() {
    return JSON.parse(this._native.result());
  }

  svg() {
    return this._native.svg();
  }

  get finished() {
    return this._native.finished();
  }

  handle(now) {
    return JSON.parse(this._native.handle(text(now, 'now')));
  }

  pollTimeout() {
    return this._native.pollTimeout();
  }

  snapshot() {
    return JSON.parse(this._native.snapshot());
  }
}

/** The quick start's scenario (the same file `cargo run -p weir --example quickstart` runs), fresh each call. */
function quickstartScenario() {
  const fs = require('fs');
  const path = require('path');
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'quickstart-scenario.json'), 'utf8'));
}

module.exports = {
  // The stateless operations, from the table in core (`weir::for_each_operation!`; their
  // docs are in index.d.ts); `WEIR_BLESS=1 cargo test -p weir --test schema` rewrites this block.
  // <generated: operations>
  parseQuantity: wrap(native.parseQuantity),
  validateLabels: wrap(native.validateLabels),
  matchLabelSelector: wrap(native.matchLabelSelector),
  matchNodeSelector: wrap(native.matchNodeSelector),
  validateAppService: wrap(native.validateAppService),
  normalizeAppService: wrap(native.normalizeAppService),
  diffAppServices: wrap(native.diffAppServices),
  analyzeDag: wrap(native.analyzeDag),
  transitiveReduction: wrap(native.transitiveReduction),
  renderDag: wrap(native.renderDag),
  splitUnits: wrap(native.splitUnits),
  planGroups: wrap(native.planGroups),
  planRelease: wrap(native.planRelease),
  cronNext: wrap(native.cronNext),
  validateScaling: wrap(native.validateScaling),
  effectiveAt: wrap(native.effectiveAt),
  nextChanges: wrap(native.nextChanges),
  replicaCurve: wrap(native.replicaCurve),
  replicaCurveSvg: wrap(native.replicaCurveSvg),
  scheduleOne: wrap(native.scheduleOne),
  scheduleAll: wrap(native.scheduleAll),
  place: wrap(native.place),
  drain: wrap(native.drain),
  taintEvictions: wrap(native.taintEvictions),
  fitsTemplate: wrap(native.fitsTemplate),
  simulate: wrap(native.simulate),
  simulationSvg: wrap(native.simulationSvg),
  // </generated>
  VersionHistory,
  ReleaseEngine,
  ReleaseGuard,
  HpaState,
  Scheduler,
  Autoscaler,
  Simulation,
  quickstartScenario,
  /** The version of the native addon. */
  version: native.version(),
};
