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

/**
 * The versions, draft and release state of one app service (a sans-IO state machine).
 * `new VersionHistory(profile?)`; `apply(command)` takes a command tagged by `type` and
 * returns the outcome (a refused command throws and changes nothing); `snapshot()`
 * returns the whole state; `VersionHistory.restore(snapshot)` continues from it.
 */
class VersionHistory {
  constructor(profile) {
    this._native = new native.VersionHistory(encode(profile === undefined ? null : profile));
  }

  apply(command) {
    return JSON.parse(this._native.apply(encode(command)));
  }

  snapshot() {
    return JSON.parse(this._native.snapshot());
  }

  static restore(snapshot) {
    const h = Object.create(VersionHistory.prototype);
    h._native = native.VersionHistory.restore(encode(snapshot));
    return h;
  }
}

/**
 * The release engine: a sans-IO state machine that drives a planned release order.
 * `new ReleaseEngine(plan)` takes `planRelease(order)`'s result; `handle(event, now)`
 * returns the commands to carry out (a refused event throws and changes nothing);
 * `status(now)`, `snapshot()`, `ReleaseEngine.restore(snapshot)`.
 */
/** `v` when it is a well-formed string, else an invalid_input error at path `what`. */
function text(v, what) {
  if (typeof v !== 'string') throw invalid(`expected a string, got ${v === null ? 'null' : typeof v}`, what);
  if (!v.isWellFormed()) throw invalid('a string that is not valid Unicode (a lone surrogate)', what);
  return v;
}

class ReleaseEngine {
  constructor(plan) {
    this._native = new native.ReleaseEngine(encode(plan));
  }

  handle(event, now) {
    return JSON.parse(this._native.handle(encode(event), text(now, 'now')));
  }

  status(now) {
    return JSON.parse(this._native.status(text(now, 'now')));
  }

  snapshot() {
    return JSON.parse(this._native.snapshot());
  }

  static restore(snapshot) {
    const e = Object.create(ReleaseEngine.prototype);
    e._native = native.ReleaseEngine.restore(encode(snapshot));
    return e;
  }
}

/**
 * Which release order or operation holds each app service. `apply(command)` takes a
 * command tagged by `type` (`beginOrder`, `finishService`, `beginOperation`,
 * `endOperation`); a refused command throws ('conflict', 'invalid_transition') and
 * changes nothing.
 */
class ReleaseGuard {
  constructor() {
    this._native = new native.ReleaseGuard();
  }

  apply(command) {
    JSON.parse(this._native.apply(encode(command)));
  }

  snapshot() {
    return JSON.parse(this._native.snapshot());
  }

  static restore(snapshot) {
    const g = Object.create(ReleaseGuard.prototype);
    g._native = native.ReleaseGuard.restore(encode(snapshot));
    return g;
  }
}

/**
 * The Kubernetes HPA's memory for one autoscaler (recommendation history, scale events)
 * and its computation, sans-IO. `new HpaState(config?)` takes the controller flags;
 * `recommend(input)` takes one reconcile's observations and returns `desiredReplicas` with
 * the reason (a bad input throws 'validation' and changes nothing); `snapshot()`,
 * `HpaState.restore(snapshot)`.
 */
class HpaState {
  constructor(config) {
    this._native = new native.HpaState(encode(config === undefined ? null : config));
  }

  recommend(input) {
    return JSON.parse(this._native.recommend(encode(input)));
  }

  snapshot() {
    return JSON.parse(this._native.snapshot());
  }

  static restore(snapshot) {
    const h = Object.create(HpaState.prototype);
    h._native = native.HpaState.restore(encode(snapshot));
    return h;
  }
}

/**
 * A cluster snapshot compiled once and scheduled against many times (a large snapshot
 * crosses once, not on every call). `new Scheduler(snapshot)`; `scheduleOne(pod)` changes
 * nothing; `scheduleAll({pods?, preemption?})` keeps its placements, as do
 * `place({template, replicas, units?, preemption?})` and `drain(node)`;
 * `taintEvictions(now)`; `snapshot()`; `Scheduler.restore(snapshot)`. A refused call
 * throws and changes nothing.
 */
class Scheduler {
  constructor(snapshot) {
    this._native = new native.Scheduler(encode(snapshot));
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

  snapshot() {
    return JSON.parse(this._native.snapshot());
  }

  static restore(snapshot) {
    return new Scheduler(snapshot);
  }
}

/**
 * The water-level node autoscaler (a sans-IO state machine). `new Autoscaler(config)`
 * validates the configuration; `step(cluster, now)` returns the decision (water level and
 * slot-pod delta, scale-up, scale-down, each group's verdict, each pending pod's reason);
 * `observe(event, now)` records `nodeJoined`, `nodeFailed`, `nodeDeleted` or
 * `scaleDownFailed`; `handle(event, now)` takes any event and returns `{type: 'decision',
 * ...}` or `{type: 'observed'}`; `pollTimeout()` is the next timer or null;
 * `derivedLimits()`, `snapshot()`, `Autoscaler.restore(snapshot)`. A refused call throws
 * and changes nothing.
 */
class Autoscaler {
  constructor(config) {
    this._native = new native.Autoscaler(encode(config));
  }

  step(cluster, now) {
    return JSON.parse(this._native.step(encode(cluster), text(now, 'now')));
  }

  observe(event, now) {
    this._native.handle(encode(event), text(now, 'now'));
  }

  handle(event, now) {
    return JSON.parse(this._native.handle(encode(event), text(now, 'now')));
  }

  pollTimeout() {
    return JSON.parse(this._native.pollTimeout());
  }

  derivedLimits() {
    return JSON.parse(this._native.derivedLimits());
  }

  snapshot() {
    return JSON.parse(this._native.snapshot());
  }

  static restore(snapshot) {
    const a = Object.create(Autoscaler.prototype);
    a._native = native.Autoscaler.restore(encode(snapshot));
    return a;
  }
}

module.exports = {
  /** Parse a Kubernetes quantity ('500m', '1.5Gi', 0.5): canonical form, format, exact values. */
  parseQuantity: wrap(native.parseQuantity),
  /** Check label keys and values; throws a 'validation' error listing every bad entry. */
  validateLabels: wrap(native.validateLabels),
  /** Validate a label selector and test labels: {selector, labels} → {matches}. */
  matchLabelSelector: wrap(native.matchLabelSelector),
  /** Validate a node selector and test a node: {nodeSelector, nodeName, labels} → {matches, matchedTerm?}. */
  matchNodeSelector: wrap(native.matchNodeSelector),
  /** Validate an app service ({spec, profile?}); throws a 'validation' error listing every problem. */
  validateAppService: wrap(native.validateAppService),
  /** Validate and return the spec with every default filled ({spec, profile?} → spec). */
  normalizeAppService: wrap(native.normalizeAppService),
  /** What changed between two versions and what the release implies ({from, to, rules?}). */
  diffAppServices: wrap(native.diffAppServices),
  VersionHistory,
  /** Validate a release order's dependencies: order, waves, earliest times, critical path; a 'cycle' error lists every cycle. */
  analyzeDag: wrap(native.analyzeDag),
  /** Which dependency edges another path already implies (at most 10,000 services). */
  transitiveReduction: wrap(native.transitiveReduction),
  /** DOT and Mermaid text of a release order's DAG. */
  renderDag: wrap(native.renderDag),
  /** Split replicas evenly over units ({replicas, units} → [{unit, replicas}]). */
  splitUnits: wrap(native.splitUnits),
  /** Group one service's pods for a release (beta, fast / perPod / single, pauses). */
  planGroups: wrap(native.planGroups),
  /** Validate and plan a release order: waves, changes, tasks, groups, pauses, rollback. */
  planRelease: wrap(native.planRelease),
  ReleaseEngine,
  ReleaseGuard,
  HpaState,
  Scheduler,
  Autoscaler,
  /** The next fires of a cron expression ({cron, timeZone?, after, count?} → {fires}); Sunday = 0 or 7. */
  cronNext: wrap(native.cronNext),
  /** Validate scaling alone ({scaling}); throws a 'validation' error listing every problem. */
  validateScaling: wrap(native.validateScaling),
  /** What is in effect at an instant ({scaling, at, currentReplicas?}). */
  effectiveAt: wrap(native.effectiveAt),
  /** The upcoming changes of what is in effect ({scaling, from, count?, currentReplicas?}). */
  nextChanges: wrap(native.nextChanges),
  /** The replica curve ({scaling, from, to, stepSeconds, currentReplicas?}); at most 1,000,000 points. */
  replicaCurve: wrap(native.replicaCurve),
  /** Render a replicaCurve result as an SVG picture (a string). */
  replicaCurveSvg: (curve) => native.replicaCurveSvg(encode(curve)),
  /** Where kube-scheduler would put one pod ({snapshot, pod}); nothing changes. */
  scheduleOne: wrap(native.scheduleOne),
  /** Schedule every pending pod, priority first, with preemption ({snapshot, pods?, preemption?}). */
  scheduleAll: wrap(native.scheduleAll),
  /** A service's replicas evenly over its units, with spill-over ({snapshot, template, replicas, units?}). */
  place: wrap(native.place),
  /** Cordon a node, evict and reschedule its pods ({snapshot, node}). */
  drain: wrap(native.drain),
  /** Which pods NoExecute taints evict, and when ({snapshot, now}). */
  taintEvictions: wrap(native.taintEvictions),
  /** Would a pod fit on a new node of a template ({pod, node}). */
  fitsTemplate: wrap(native.fitsTemplate),
  /** The version of the native addon. */
  version: native.version(),
};
