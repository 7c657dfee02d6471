// bad-input-matrix.test.mjs — every public function and option of the facade × every kind of bad
// value is a TypeError or RangeError that names the field, never a wasm abort; a failed call
// changes nothing, and the same lab still trains XOR afterwards.
//
// The cases are generated, not listed: the methods and their parameters come from js/index.d.ts
// (read with the TypeScript parser), the options and their limits from js/schema.js. A new option
// or method is covered without touching this file; a parameter this file cannot place (neither an
// options interface nor one of the few kinds below) fails the first test. Whether a value is
// allowed is decided from the schema (type, min/max, values, nullable, default) — 0 is valid
// noise because noise has min 0 — plus the narrowing that the object's state brings (an index
// within the set, a label within the dataset's classes, a point within its extent), which
// index.d.ts documents. Error kinds follow the contract in index.d.ts: TypeError for a wrong type,
// a missing value or an unknown name of an option; RangeError for a value that is not allowed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { load, fieldsOf, schema, LIMITS } from 'relu-lab';
import { FLAVOURS, labOf } from './helpers.mjs';

const ts = createRequire(import.meta.url)('typescript');
const repo = fileURLToPath(new URL('../../', import.meta.url));
const CHECK_EVERY = 50; // cases between two "the lab still trains XOR" checks

// ---- the public surface, from index.d.ts -------------------------------------------------------

// [{ owner: 'Lab' | 'Dataset' | 'Network' | 'load', method, params: [{ name, optional, type, members }] }]
function surface() {
  const src = ts.createSourceFile(
    'index.d.ts',
    readFileSync(`${repo}js/index.d.ts`, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const interfaces = new Map();
  const methods = [];
  const param = (p) => ({ name: p.name.getText(src), optional: !!p.questionToken, type: p.type.getText(src) });
  for (const node of src.statements) {
    if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
    if (ts.isFunctionDeclaration(node) && node.name.text === 'load') {
      methods.push({ owner: 'load', method: 'load', params: node.parameters.map(param) });
    }
  }
  for (const owner of ['Lab', 'Dataset', 'Network']) {
    for (const m of interfaces.get(owner).members) {
      if (!ts.isMethodSignature(m) || ts.isComputedPropertyName(m.name)) continue; // [Symbol.dispose]
      methods.push({ owner, method: m.name.text, params: m.parameters.map(param) });
    }
  }
  // The option interfaces: name → member names.
  const members = new Map();
  for (const [name, node] of interfaces) {
    members.set(
      name,
      node.members.filter(ts.isPropertySignature).map((m) => m.name.getText(src)),
    );
  }
  return { methods, members };
}

const { methods: METHODS, members: INTERFACE_MEMBERS } = surface();
const GROUPS = [...new Set(schema.map((f) => f.group))];
const field = (group, name) => fieldsOf(group).find((f) => f.name === name);
const WHERE = { load: 'load', Lab: 'lab', Dataset: 'data', Network: 'net' };

// The schema group of an options parameter: the group whose fields are exactly the members of an
// interface named in the parameter's type (GridOptions is decisionMap's and unitMaps': the
// method's name decides).
function optionsGroup(m, p) {
  const names = p.type.split('|').map((t) => t.trim());
  for (const name of names) {
    const keys = INTERFACE_MEMBERS.get(name);
    if (!keys) continue;
    const groups = GROUPS.filter((g) => {
      const f = fieldsOf(g).map((x) => x.name);
      return f.length === keys.length && f.every((k) => keys.includes(k));
    });
    if (groups.length) return groups.find((g) => g === m.method) ?? groups[0];
  }
  return null;
}

// A weight or bias set by hand: |value| below the engine's divergence bound (index.d.ts).
const PARAMETER_VALUE = {
  name: 'value',
  type: 'number',
  default: undefined,
  min: -LIMITS.divergedMagnitude,
  max: LIMITS.divergedMagnitude,
  minExclusive: true,
  maxExclusive: true,
};

// Parameters that are not options objects of one group, by kind. Dataset parameters named like a
// field of the 'point' group take that field (x, y, label, split, radius). Indices are `of` a
// set's points, the hidden layers, every layer (the output layer last), the units of layer 0 or
// its inputs.
const SPECIAL = {
  'Lab.activationCurve.activation': { kind: 'field', field: field('layer', 'activation') },
  'Lab.activationCurve.xs': { kind: 'xs' },
  'Lab.activationCurve.options': {
    kind: 'options',
    fields: [field('layer', 'alpha'), field('network', 'reluGradAtZero')],
  },
  'Lab.datasetFromCSV.text': { kind: 'text' },
  'Dataset.remove.index': { kind: 'index', of: 'set' },
  'Dataset.relabel.index': { kind: 'index', of: 'set' },
  'Network.predict.points': { kind: 'points' },
  'Network.decisionMap.out': { kind: 'out' },
  'Network.reviveUnits.units': { kind: 'units' },
  'Network.setAlpha.layer': { kind: 'index', of: 'layers' },
  'Network.setAlpha.alpha': { kind: 'field', field: field('layer', 'alpha') },
  'Network.setReluGradAtZero.value': { kind: 'field', field: field('network', 'reluGradAtZero') },
  'Network.layerParameters.layer': { kind: 'index', of: 'allLayers' },
  'Network.setWeight.layer': { kind: 'index', of: 'allLayers' },
  'Network.setWeight.unit': { kind: 'index', of: 'units' },
  'Network.setWeight.input': { kind: 'index', of: 'inputs' },
  'Network.setWeight.value': { kind: 'field', field: PARAMETER_VALUE },
  'Network.setBias.layer': { kind: 'index', of: 'allLayers' },
  'Network.setBias.unit': { kind: 'index', of: 'units' },
  'Network.setBias.value': { kind: 'field', field: PARAMETER_VALUE },
  // time travel: trainSteps' step count (required; 1 is the value the other cases pass)
  'Network.trainSteps.steps': {
    kind: 'field',
    field: { name: 'steps', type: 'integer', default: 1, min: 0, max: LIMITS.maxStepsPerCall },
  },
  // net.toCode (export as PyTorch / NumPy code)
  'Network.toCode.target': { kind: 'codeTarget' },
  'Network.toCode.options': { kind: 'codeOptions' },
  // ---- sweeps (lab.sweep, issue 16) ----
  'Lab.sweep.spec': { kind: 'sweepSpec' },
  'Lab.sweep.options': { kind: 'sweepOptions' },
};
const INDEX_SIZES = {
  set: (fx, target) => fx[target].trainSize,
  layers: (fx) => fx.net.config.hidden.length,
  allLayers: (fx) => fx.net.config.hidden.length + 1,
  units: (fx) => fx.net.config.hidden[0].units,
  inputs: (fx) => fx.net.config.features.length,
};

function resolve(m, p) {
  const group = optionsGroup(m, p);
  if (group) return { kind: 'options', group, modelText: /\bstring\b/.test(p.type) };
  if (p.type === 'Dataset') return { kind: 'data' };
  const special = SPECIAL[`${m.owner}.${m.method}.${p.name}`];
  if (special) return special;
  if (m.owner === 'Dataset' && field('point', p.name)) return { kind: 'field', field: field('point', p.name) };
  return null;
}

// ---- values, and what the schema says of them ----------------------------------------------------

// prettier-ignore
const GENERIC = [
  ['missing', undefined], ['null', null],
  ['a string', '1'], ['a boolean', true], ['an object', {}], ['an array', []], ['a bigint', 1n],
  ['a symbol', Symbol('s')], ['a function', () => 1],
  ['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity], ['negative', -1], ['0', 0],
  ['huge (1e9)', 1e9], ['an unknown name', 'bogus'], ['a list with an unknown name', ['bogus']],
  ['a Float32Array of 3', new Float32Array(3)], ['a Float64Array of 4', Float64Array.of(-1, 1, -1, 1)],
  ['a BigInt64Array of 4', new BigInt64Array(4)], ['an Int32Array of 2', new Int32Array(2)],
  ['a sparse array of 2³²−1', new Array(2 ** 32 - 1)],
];

// Values aimed at one field's limits: just outside each end, a fraction for integers, a value
// between the allowed ones, names that differ only in case or space, ill-formed lists.
function aimed(f) {
  const out = [];
  if (f.type === 'number' || f.type === 'integer') {
    if (f.values) out.push(['a value between the allowed ones', (f.values[0] + f.values[1]) / 2]);
    else {
      const step = f.type === 'integer' ? 1 : Math.max(Math.abs(f.min), Math.abs(f.max), 1) * 1e-6;
      out.push(['just below min', f.minExclusive ? f.min : f.min - step]);
      out.push(['just above max', f.maxExclusive ? f.max : f.max + step]);
    }
    if (f.type === 'integer') out.push(['a fraction', 1.5]);
  }
  if (f.type === 'enum') {
    out.push([
      'a name in capitals',
      f.values[0].toUpperCase() + (f.values[0].toUpperCase() === f.values[0] ? 'X' : ''),
    ]);
    out.push(['a name with a space', ` ${f.values[0]}`]);
  }
  if (f.type === 'names') {
    out.push(
      ['an empty list', []],
      ['a repeated name', [f.values[0], f.values[0]]],
      ['a list with a number', [f.values[0], 1]],
    );
  }
  if (f.type === 'domain') {
    out.push(
      ['two numbers', [0, 1]],
      ['a reversed range', [1, 0, 0, 1]],
      ['an empty range', [0, 1, 2, 2]],
      ['a NaN corner', [0, 1, 0, NaN]],
      ['an infinite corner', [0, 1, -Infinity, 1]],
      ['a string corner', [0, 1, '0', 1]],
      ['a corner past max', [0, f.max * 2, 0, 1]],
      ['a corner at max', [0, f.max, f.min, 0]],
    );
  }
  if (f.type === 'layers') {
    out.push(
      ['no layers', []],
      ['a layer of 0 units', [0]],
      ['a layer of -1 units', [-1]],
      ['a layer of 1e9 units', [1e9]],
      ['a layer of 1.5 units', [1.5]],
      ['a NaN layer', [NaN]],
      ['a null layer', [null]],
      ['a string layer', ['8']],
      ['an empty layer object', [{}]],
      ['an array layer', [[8]]],
      ['one layer too many', Array(f.maxLength + 1).fill(1)],
      ['the most layers', Array(f.maxLength).fill(1)],
    );
  }
  return out;
}

const isArrayLike = (v) => Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
const isPlain = (v) =>
  v !== null &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  [Object.prototype, null].includes(Object.getPrototypeOf(v));

/** What the schema says of value v for field f: null (allowed), TypeError or RangeError. */
function verdict(f, v) {
  if (v === undefined) return f.default === undefined ? TypeError : null;
  if (v === null) return f.nullable ? null : TypeError;
  const inRange = (x) => (f.minExclusive ? x > f.min : x >= f.min) && (f.maxExclusive ? x < f.max : x <= f.max);
  switch (f.type) {
    case 'number':
    case 'integer':
      if (typeof v !== 'number') return TypeError;
      if (!Number.isFinite(v) || (f.type === 'integer' && !Number.isInteger(v))) return RangeError;
      return (f.values ? f.values.includes(v) : inRange(v)) ? null : RangeError;
    case 'boolean':
      return typeof v === 'boolean' ? null : TypeError;
    case 'enum':
      if (typeof v !== 'string') return TypeError;
      return f.values.includes(v) ? null : RangeError;
    case 'names':
      if (!Array.isArray(v)) return TypeError;
      if (v.length > f.values.length) return RangeError; // too many to be distinct
      if (Array.from(v).some((s) => typeof s !== 'string')) return TypeError;
      return v.length && new Set(v).size === v.length && v.every((s) => f.values.includes(s)) ? null : RangeError;
    case 'domain': {
      if (!isArrayLike(v) || v.length !== 4) return TypeError;
      const d = Array.from(v);
      if (d.some((x) => typeof x !== 'number')) return TypeError;
      return d.every((x) => Number.isFinite(x) && x >= f.min && x <= f.max) && d[0] < d[1] && d[2] < d[3]
        ? null
        : RangeError;
    }
    case 'layers': {
      if (!Array.isArray(v)) return TypeError;
      if (v.length > f.maxLength) return RangeError;
      for (const layer of Array.from(v)) {
        const why =
          typeof layer === 'number'
            ? verdict(field('layer', 'units'), layer)
            : isPlain(layer)
              ? objectVerdict('layer', layer)
              : TypeError;
        if (why) return why;
      }
      return null;
    }
    default:
      throw new Error(`no verdict for type ${f.type}`);
  }
}

// An options object: unknown names first (TypeError), then each field in schema order.
function objectVerdict(group, o) {
  if (Object.keys(o).some((k) => !field(group, k))) return TypeError;
  for (const f of fieldsOf(group)) {
    if (group === 'layer' && o[f.name] === undefined) continue; // the network's value fills in
    const why = verdict(f, o[f.name]);
    if (why) return why;
  }
  return null;
}

// ---- the cases -----------------------------------------------------------------------------------
// A case: { what, owner, method, target ('net' | 'cls' | 'reg' | …), args(fx) → arguments,
//   expect(fx) → null | TypeError | RangeError | Error, names: a string the message must contain }

// Valid arguments for each kind, given the fixtures.
function validArg(r, fx) {
  switch (r.kind) {
    case 'options':
      return undefined;
    case 'data':
      return fx.data;
    case 'text':
      return 'x,y,label\n0,0,0\n1,1,1\n';
    case 'index':
      return 0;
    case 'points':
      return [0.5, -0.5];
    case 'xs':
      return [-1, 0, 1];
    case 'units':
      return [{ layer: 0, unit: 0 }];
    case 'out':
      return undefined;
    case 'codeTarget': // net.toCode
      return 'pytorch';
    case 'codeOptions':
      return undefined;
    case 'sweepSpec':
      return SWEEP_BASE;
    case 'sweepOptions':
      return { workers: 1 };
    case 'field': {
      const f = r.field;
      if (f.default !== undefined) return f.default;
      return f.name === 'label' ? 0 : (f.min + f.max) / 2; // x, y: the middle of the range
    }
    default:
      throw new Error(r.kind);
  }
}

// The state of the object narrows some schema ranges (documented in index.d.ts).
function narrowed(m, p, r, v, fx, target) {
  if (r.kind === 'field' && m.owner === 'Dataset') {
    const d = fx[target];
    if ((p.name === 'x' || p.name === 'y') && Math.abs(v) > d.extent) return RangeError;
    if (p.name === 'label') {
      const ok = d.regression ? Math.abs(v) <= 1 : Number.isInteger(v) && v >= 0 && v < d.classes;
      if (!ok) return RangeError;
    }
  }
  return null;
}

function dataVerdict(method, d, fx) {
  if (d === undefined || d === null || typeof d !== 'object' || !d.constructor || d.constructor !== fx.data.constructor)
    return TypeError;
  if (d === fx.otherData) return TypeError;
  if (d.disposed) return Error; // documented: a call on a disposed object throws an Error
  if (['train', 'trainEpoch', 'evaluate', 'trainSteps'].includes(method)) {
    if (d === fx.three || d === fx.regression) return RangeError; // does not fit the sigmoid head
    if (d === fx.empty && method !== 'evaluate') return RangeError; // no training points
  }
  return null;
}

// prettier-ignore
const DATA_VALUES = [
  ['missing', () => undefined], ['null', () => null], ['a number', () => 1], ['a plain object', () => ({})],
  ['a string', () => 'data'], ['the network', (fx) => fx.net], ['a dataset of another lab', (fx) => fx.otherData],
  ['a disposed dataset', (fx) => fx.disposed], ['a three-class dataset', (fx) => fx.three],
  ['a regression dataset', (fx) => fx.regression], ['an empty dataset', (fx) => fx.empty],
];

const many = LIMITS.maxPredictPoints + 1;
// prettier-ignore
const POINTS_VALUES = [
  ['missing', undefined, TypeError, 'points'], ['null', null, TypeError, 'points'],
  ['a string', '0,0', TypeError, 'points'], ['a number', 42, TypeError, 'points'],
  ['an object', { 0: 0, 1: 0, length: 2 }, TypeError, 'points'],
  ['a DataView', new DataView(new ArrayBuffer(8)), TypeError, 'points'],
  ['a BigInt64Array', new BigInt64Array(2), TypeError, 'points'],
  ['an odd-length array', [0], RangeError, 'points'], ['an odd-length Float32Array', new Float32Array(3), RangeError, 'points'],
  ['a NaN coordinate', [NaN, 0], RangeError, 'points[0]'], ['an infinite coordinate', [0, Infinity], RangeError, 'points[1]'],
  ['a -Infinity coordinate', new Float64Array([-Infinity, 0]), RangeError, 'points[0]'],
  ['a huge (1e9) coordinate', [1e9, 0], RangeError, 'points[0]'],
  ['a coordinate past the limit', [0, -LIMITS.maxCoordinate * 1.01], RangeError, 'points[1]'],
  ['a string coordinate', ['0', 0], TypeError, 'points[0]'], ['a null coordinate', [0, null], TypeError, 'points[1]'],
  ['a bigint coordinate', [0n, 0], TypeError, 'points[0]'], ['a hole', [, 0], TypeError, 'points[0]'], // eslint-disable-line no-sparse-arrays
  ['too many points', { make: () => new Float32Array(2 * many) }, RangeError, 'points'],
  ['a sparse array of 2³²−2', { make: () => new Array(2 ** 32 - 2) }, RangeError, 'points'],
  ['no points', [], null], ['negative coordinates', [-1, -1], null], ['zeros', [0, 0], null],
  ['coordinates at the limit', [LIMITS.maxCoordinate, -LIMITS.maxCoordinate], null],
  ['an Int8Array', new Int8Array(2), null], ['a Float64Array', new Float64Array(4), null],
];

// prettier-ignore
const UNITS_VALUES = [
  ['missing', undefined, TypeError, 'units'], ['null', null, TypeError, 'units'], ['an object', {}, TypeError, 'units'],
  ['a string', 'units', TypeError, 'units'], ['a Float32Array', new Float32Array(2), TypeError, 'units'],
  ['a null entry', [null], TypeError, 'units[0]'], ['a pair', [[0, 1]], TypeError, 'units[0]'],
  ['a missing unit', [{ layer: 0 }], TypeError, 'units[0].unit'], ['a missing layer', [{ unit: 0 }], TypeError, 'units[0].layer'],
  ['a NaN layer', [{ layer: NaN, unit: 0 }], RangeError, 'units[0].layer'],
  ['a negative unit', [{ layer: 0, unit: -1 }], RangeError, 'units[0].unit'],
  ['a huge unit', [{ layer: 0, unit: 1e9 }], RangeError, 'units[0].unit'],
  ['a huge layer', [{ layer: 1e9, unit: 0 }], RangeError, 'units[0].layer'],
  ['an infinite unit', [{ layer: 0, unit: Infinity }], RangeError, 'units[0].unit'],
  ['a fractional unit', [{ layer: 0, unit: 0.5 }], RangeError, 'units[0].unit'],
  ['a string layer', [{ layer: '0', unit: 0 }], TypeError, 'units[0].layer'],
  ['an extra field', [{ layer: 0, unit: 0, units: 3 }], TypeError, 'units[0].units'],
  ['a second bad entry', [{ layer: 0, unit: 0 }, { layer: 0, unit: 99 }], RangeError, 'units[1].unit'],
  ['a sparse array of 2³²−1', { make: () => new Array(2 ** 32 - 1) }, RangeError, 'units'],
  ['more entries than hidden units', { make: () => Array(17).fill({ layer: 0, unit: 0 }) }, RangeError, 'units'],
  ['no units', [], null], ['one unit', [{ layer: 1, unit: 7 }], null], ['every unit', { make: () => Array(16).fill({ layer: 0, unit: 0 }) }, null],
];

// decisionMap's out with the default options: 256 × 256 pixels, one output (the sigmoid net).
const MAP = 256 * 256;
const OUT_VALUES = [
  ['missing', undefined, null],
  ['null', null, TypeError, 'out'],
  ['a number', MAP, TypeError, 'out'],
  ['an array', { make: () => new Array(MAP).fill(0) }, TypeError, 'out'],
  ['a Float64Array of the right length', { make: () => new Float64Array(MAP) }, TypeError, 'out'],
  ['an Int32Array of the right length', { make: () => new Int32Array(MAP) }, TypeError, 'out'],
  ['a Float32Array one too short', { make: () => new Float32Array(MAP - 1) }, RangeError, 'out'],
  ['a Float32Array one too long', { make: () => new Float32Array(MAP + 1) }, RangeError, 'out'],
  ['an empty Float32Array', new Float32Array(0), RangeError, 'out'],
  ['a Float32Array of the right length', { make: () => new Float32Array(MAP) }, null],
  ['a Float32Array view at an offset', { make: () => new Float32Array(new ArrayBuffer(4 * (MAP + 8)), 16, MAP) }, null],
];

// ---- sweeps (lab.sweep, issue 16) ----------------------------------------------------------------
// A spec that runs in a blink (one run, no training, one worker), and bad variants of it: every
// top-level field, and every value kind for one varied option of each group (generated from the
// schema with verdict(): what the schema allows must run, what it does not must be refused
// naming spec.vary.values[0]). Options of the whole call: workers, onProgress, signal.
const SWEEP_BASE = Object.freeze({
  dataset: { samples: 20 },
  network: { hidden: [2] },
  epochs: 0,
  seeds: 1,
  measure: ['testLoss'],
});
const sweepWith = (extra) => ({ make: () => ({ ...structuredClone(SWEEP_BASE), ...extra }) });
const SWEEP_VARIED = [
  'dataset.noise',
  'network.activation',
  'network.hidden',
  'network.initScale',
  'train.learningRate',
  'train.batchSize',
  'train.optimizer',
];
// prettier-ignore
const SWEEP_SPEC_VALUES = [
  ...GENERIC.filter(([, v]) => v === undefined || v === null || typeof v !== 'object' || Array.isArray(v) || ArrayBuffer.isView(v))
    .map(([what, v]) => [`spec ${what}`, v, TypeError, 'spec']),
  ['a spec with an unknown field', sweepWith({ bogus: 1 }), TypeError, 'spec.bogus'],
  ['no seeds', sweepWith({ seeds: undefined }), TypeError, 'spec.seeds'],
  ['0 seeds', sweepWith({ seeds: 0 }), RangeError, 'spec.seeds'],
  ['1001 seeds', sweepWith({ seeds: 1001 }), RangeError, 'spec.seeds'],
  ['a NaN seed count', sweepWith({ seeds: NaN }), RangeError, 'spec.seeds'],
  ['a seed list with a repeat', sweepWith({ seeds: [1, 1] }), RangeError, 'spec.seeds'],
  ['a negative seed', sweepWith({ seeds: [-1] }), RangeError, 'spec.seeds[0]'],
  ['a string seed', sweepWith({ seeds: ['1'] }), TypeError, 'spec.seeds[0]'],
  ['an empty seed list', sweepWith({ seeds: [] }), RangeError, 'spec.seeds'],
  ['no measure', sweepWith({ measure: undefined }), TypeError, 'spec.measure'],
  ['an empty measure', sweepWith({ measure: [] }), RangeError, 'spec.measure'],
  ['an unknown metric', sweepWith({ measure: ['bogus'] }), RangeError, 'spec.measure[0]'],
  ['a repeated metric', sweepWith({ measure: ['testLoss', 'testLoss'] }), RangeError, 'spec.measure'],
  ['a number as metric', sweepWith({ measure: [1] }), TypeError, 'spec.measure[0]'],
  ['epochs NaN', sweepWith({ epochs: NaN }), RangeError, 'spec.epochs'],
  ['epochs -1', sweepWith({ epochs: -1 }), RangeError, 'spec.epochs'],
  ['epochs 1e9', sweepWith({ epochs: 1e9 }), RangeError, 'spec.epochs'],
  ['epochs a string', sweepWith({ epochs: '3' }), TypeError, 'spec.epochs'],
  ['train.epochs', sweepWith({ train: { epochs: 3 } }), TypeError, 'spec.train.epochs'],
  ['dataset.seed', sweepWith({ dataset: { seed: 3 } }), TypeError, 'spec.dataset.seed'],
  ['network.seed', sweepWith({ network: { seed: 3 } }), TypeError, 'spec.network.seed'],
  ['a bad network option', sweepWith({ network: { hidden: [65] } }), RangeError, 'spec.network.hidden[0]'],
  ['an unknown train option', sweepWith({ train: { bogus: 1 } }), TypeError, 'spec.train.bogus'],
  ['then a number', sweepWith({ then: 1 }), TypeError, 'spec.then'],
  ['then with an unknown field', sweepWith({ then: { bogus: 1 } }), TypeError, 'spec.then.bogus'],
  ['then.revive a string', sweepWith({ then: { revive: 'yes' } }), TypeError, 'spec.then.revive'],
  ['then.epochs -1', sweepWith({ then: { epochs: -1 } }), RangeError, 'spec.then.epochs'],
  ['reviveEvery 1.5', sweepWith({ reviveEvery: 1.5 }), RangeError, 'spec.reviveEvery'],
  ['accuracyTarget 0', sweepWith({ accuracyTarget: 0 }), RangeError, 'spec.accuracyTarget'],
  ['accuracyTarget 1.5', sweepWith({ accuracyTarget: 1.5 }), RangeError, 'spec.accuracyTarget'],
  ['grid 1', sweepWith({ grid: 1 }), RangeError, 'spec.grid'],
  ['grid 1e9', sweepWith({ grid: 1e9 }), RangeError, 'spec.grid'],
  ['vary a number', sweepWith({ vary: 1 }), TypeError, 'spec.vary'],
  ['vary of three fields', sweepWith({ vary: Array(3).fill({ field: 'epochs', values: [0] }) }), RangeError, 'spec.vary'],
  ['vary of an unknown field', sweepWith({ vary: { field: 'train.bogus', values: [1] } }), RangeError, 'spec.vary.field'],
  ['vary of the seed', sweepWith({ vary: { field: 'dataset.seed', values: [1] } }), RangeError, 'spec.vary.field'],
  ['vary of a field path too deep', sweepWith({ vary: { field: 'train.learningRate.x', values: [1] } }), RangeError, 'spec.vary.field'],
  ['vary without values', sweepWith({ vary: { field: 'epochs' } }), TypeError, 'spec.vary.values'],
  ['vary with no value', sweepWith({ vary: { field: 'epochs', values: [] } }), RangeError, 'spec.vary.values'],
  ['vary with 65 values', sweepWith({ vary: { field: 'epochs', values: Array(65).fill(0) } }), RangeError, 'spec.vary.values'],
  ['vary labels of the wrong length', sweepWith({ vary: { field: 'epochs', values: [0, 1], labels: ['a'] } }), TypeError, 'spec.vary.labels'],
  ['vary with an unknown field', sweepWith({ vary: { field: 'epochs', values: [0], bogus: 1 } }), TypeError, 'spec.vary.bogus'],
  ['a setup value with an unknown field', sweepWith({ vary: { field: 'setup', values: [{ bogus: 1 }] } }), TypeError, 'spec.vary.values[0].bogus'],
  ['a setup value with a bad option', sweepWith({ vary: { field: 'setup', values: [{ train: { learningRate: -1 } }] } }), RangeError, 'spec.vary.values[0].train.learningRate'],
  ['then.epochs varied without then', sweepWith({ vary: { field: 'then.epochs', values: [1] } }), TypeError, 'spec.vary.values[0]'],
  ['too many runs', sweepWith({ seeds: 1000, vary: [{ field: 'epochs', values: Array(64).fill(0) }, { field: 'train.learningRate', values: [0.1, 0.2] }] }), RangeError, 'at most 100000 runs'],
  ['a head that does not fit the data', sweepWith({ dataset: { name: 'regress_plane', samples: 20 } }), RangeError, 'spec cannot run'],
  ['a valid two-field spec', sweepWith({ vary: [{ field: 'epochs', values: [0, 1] }, { field: 'train.learningRate', values: [0.1] }] }), null],
  ['a valid setup spec with a ReDo phase', sweepWith({ then: { epochs: 1, revive: true }, vary: { field: 'setup', values: [{ epochs: 1 }, { then: null }] } }), null],
  // one varied option per group, every value kind, judged by the schema
  ...SWEEP_VARIED.flatMap((path) => {
    const [group, name] = path.split('.');
    const f = field(group, name);
    return [...GENERIC, ...aimed(f)]
      .filter(([, v]) => v !== undefined)
      .map(([what, v]) => [`vary ${path}: ${what}`, sweepWith({ vary: { field: path, values: [v] } }), verdict(f, v), 'spec.vary.values[0]']);
  }),
];
// prettier-ignore
const SWEEP_OPTIONS_VALUES = [
  ['missing', undefined, null], ['null', null, TypeError, 'options'], ['a number', 1, TypeError, 'options'],
  ['an unknown option', { bogus: 1 }, TypeError, 'bogus'],
  ['workers 0', { workers: 0 }, RangeError, 'workers'], ['workers 65', { workers: 65 }, RangeError, 'workers'],
  ['workers 1.5', { workers: 1.5 }, RangeError, 'workers'], ['workers NaN', { workers: NaN }, RangeError, 'workers'],
  ['workers a string', { workers: '2' }, TypeError, 'workers'],
  ['onProgress a number', { workers: 1, onProgress: 1 }, TypeError, 'onProgress'],
  ['signal a plain object', { workers: 1, signal: {} }, TypeError, 'signal'],
  ['two workers', { workers: 2 }, null], ['an onProgress function', { workers: 1, onProgress: () => {} }, null],
  // options.worker (a bundled app's sweep worker entry)
  ['worker a number', { workers: 1, worker: 42 }, TypeError, 'worker'],
  ['worker an empty string', { workers: 1, worker: '' }, TypeError, 'worker'],
  ['worker a plain object', { workers: 1, worker: {} }, TypeError, 'worker'],
  ['worker null', { workers: 1, worker: null }, TypeError, 'worker'],
  ['worker the URL of the entry', { make: () => ({ workers: 1, worker: new URL(import.meta.resolve('relu-lab/sweep-worker')) }) }, null],
];
// ---- end sweeps ----

// prettier-ignore
const TEXT_VALUES = [
  ['missing', undefined, TypeError], ['null', null, TypeError], ['a number', 42, TypeError],
  ['a String object', new String('x,y,label\n0,0,0\n'), TypeError], ['an array', ['x,y,label'], TypeError], // eslint-disable-line no-new-wrappers
  ['an empty string', '', RangeError, 'csv'], ['an unknown word', 'bogus', RangeError, 'csv'],
  ['NaN cells', 'x,y,label\nNaN,0,0\n', RangeError, 'csv line 2 x'],
  ['Infinity cells', 'x,y,label\n0,Infinity,0\n', RangeError, 'csv line 2 y'],
  ['a huge (1e9) coordinate', 'x,y,label\n1e9,0,0\n', RangeError, 'csv line 2 x'],
  ['a negative label (regression)', 'x,y,label\n0,0,-1\n1,1,1\n', null],
  ['a text one character too long', { make: () => 'x'.repeat(LIMITS.maxTextLength + 1) }, RangeError],
];

// activationCurve's xs: like points, one value each (any count), the same limits.
const XS_VALUES = [
  ['missing', undefined, TypeError],
  ['null', null, TypeError],
  ['a string', '0,1', TypeError],
  ['a number', 42, TypeError],
  ['an object', { 0: 0, length: 1 }, TypeError],
  ['a DataView', new DataView(new ArrayBuffer(8)), TypeError],
  ['a BigInt64Array', new BigInt64Array(2), TypeError],
  ['a BigUint64Array', new BigUint64Array(2), TypeError],
  ['a NaN value', [0, NaN], RangeError, 'xs[1]'],
  ['an infinite value', [Infinity], RangeError, 'xs[0]'],
  ['a -Infinity value', new Float64Array([0, 0, -Infinity]), RangeError, 'xs[2]'],
  ['a huge (1e9) value', [1e9], RangeError, 'xs[0]'],
  ['a value past the limit', [0, -LIMITS.maxCoordinate * 1.01], RangeError, 'xs[1]'],
  ['a string value', ['0'], TypeError, 'xs[0]'],
  ['a null value', [0, null], TypeError, 'xs[1]'],
  ['a bigint value', [0n], TypeError, 'xs[0]'],
  ['a hole', [, 0], TypeError, 'xs[0]'], // eslint-disable-line no-sparse-arrays
  ['too many values', { make: () => new Float32Array(LIMITS.maxPredictPoints + 1) }, RangeError],
  ['a sparse array of 2³²−1', { make: () => new Array(2 ** 32 - 1) }, RangeError],
  ['no values', [], null],
  ['one value', [0], null],
  ['an odd count', [-1, 0, 1], null],
  ['values at the limit', [LIMITS.maxCoordinate, -LIMITS.maxCoordinate], null],
  ['an Int8Array', new Int8Array(3), null],
  ['a Float64Array', new Float64Array(5), null],
  ['the most values', { make: () => new Float32Array(LIMITS.maxPredictPoints) }, null],
];

const INDEX_VALUES = [...GENERIC, ['a fraction', 1.5], ['just past the end', 'end']];

// prettier-ignore
const OPTIONS_VALUES = [
  ['missing', undefined], ['null', null], ['a number', 42], ['a boolean', true], ['an array', []],
  ['a string', 'bogus'], ['a Date', new Date(0)], ['a Map', new Map()], ['a Float32Array', new Float32Array(2)],
  ['an object with a prototype', Object.create({ seed: 1 })], ['an object without a prototype', Object.create(null)],
  ['a class instance', new (class Options {})()], ['an unknown option', { bogus: 1 }],
  ['a "__proto__" option', JSON.parse('{"__proto__": {"polluted": 1}}')], ['a "constructor" option', { constructor: 1 }],
];

// ---- net.toCode (export as PyTorch / NumPy code) ----
// prettier-ignore
const CODE_TARGET_VALUES = [
  ['missing', undefined, TypeError, 'target'], ['null', null, TypeError, 'target'], ['a number', 1, TypeError, 'target'],
  ['an array', ['pytorch'], TypeError, 'target'], ['a String object', new String('numpy'), TypeError, 'target'], // eslint-disable-line no-new-wrappers
  ['an unknown name', 'tensorflow', RangeError, 'target'], ['a name in capitals', 'PyTorch', RangeError, 'target'],
  ['a name with a space', ' numpy', RangeError, 'target'], ['pytorch', 'pytorch', null], ['numpy', 'numpy', null],
];

// toCode's options: the object itself as every options object; train.* as the 'train' group;
// data as a dataset parameter of a call that does not train (it must fit the sigmoid network).
function codeOptionCases(add, addGet, i) {
  for (const [what, v] of OPTIONS_VALUES) {
    const ok = v === undefined || (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === null);
    const names = isPlain(v) && Object.keys(v).length ? Object.keys(v)[0] : 'options';
    add(`options ${what}`, i, v, () => (ok ? null : TypeError), names);
  }
  for (const [what, v] of [
    ['missing', undefined],
    ['null', null],
    ['a number', 5],
    ['an array', []],
  ]) {
    add(`train ${what}`, i, { train: v }, () => (v === undefined ? null : TypeError), 'train');
  }
  for (const f of fieldsOf('train')) {
    for (const [what, v] of [...GENERIC, ...aimed(f)]) {
      const train = v === undefined ? {} : { [f.name]: v };
      add(`train.${f.name} ${what}`, i, { train }, () => verdict(f, v), `train.${f.name}`);
    }
  }
  add('train with an unknown option', i, { train: { bogus: 1 } }, () => TypeError, 'train.bogus');
  for (const [what, get] of DATA_VALUES) {
    const expect = (fx) => {
      const d = get(fx);
      if (d == null) return null;
      return dataVerdict('toCode', d, fx) ?? (d === fx.three || d === fx.regression ? RangeError : null);
    };
    addGet(`data ${what}`, i, (fx) => ({ data: get(fx) }), expect, 'data');
  }
}

const val = (v) => (v && typeof v === 'object' && typeof v.make === 'function' ? v.make() : v);

function generate() {
  const cases = [],
    unplaced = [];
  for (const m of METHODS) {
    const targets = m.owner === 'Dataset' ? ['cls', 'reg'] : [m.owner === 'Network' ? 'net' : 'lab'];
    const rs = m.params.map((p) => resolve(m, p));
    m.params.forEach((p, i) => rs[i] || unplaced.push(`${m.owner}.${m.method}(${p.name}: ${p.type})`));
    if (rs.some((r) => !r)) continue;
    for (const target of targets) {
      const base = (fx) => rs.map((r) => validArg(r, fx));
      // get(fx) → the value of parameter i; the other parameters are valid.
      const addGet = (what, i, get, expect, names) =>
        cases.push({
          what:
            `${m.owner === 'load' ? 'load' : `${WHERE[m.owner]}.${m.method}`}(${m.params[i].name}: ${what})` +
            (m.owner === 'Dataset' ? ` on the ${target === 'cls' ? 'classification' : 'regression'} set` : ''),
          owner: m.owner,
          method: m.method,
          target,
          args: (fx) => Object.assign(base(fx), { [i]: get(fx) }),
          expect,
          names,
        });
      const add = (what, i, value, expect, names) => addGet(what, i, () => val(value), expect, names);
      if (!m.params.length) {
        cases.push({
          what: `${WHERE[m.owner]}.${m.method}()`,
          owner: m.owner,
          method: m.method,
          target,
          args: () => [],
          expect: () => null,
        });
      }
      m.params.forEach((p, i) => {
        const r = rs[i];
        if (r.kind === 'options') {
          for (const [what, v] of OPTIONS_VALUES) {
            const expect =
              v === undefined || (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === null)
                ? null
                : typeof v === 'string' && r.modelText
                  ? RangeError
                  : TypeError;
            const names =
              typeof v === 'string' && r.modelText
                ? 'model'
                : isPlain(v) && Object.keys(v).length
                  ? Object.keys(v)[0]
                  : 'options';
            add(`options ${what}`, i, v, () => expect, names);
          }
          const fields = r.fields ?? fieldsOf(r.group);
          const nested = fields.filter((f) => f.type === 'layers');
          for (const f of fields) {
            for (const [what, v] of [...GENERIC, ...aimed(f)]) {
              const opts = v === undefined ? {} : { [f.name]: v };
              const narrow = () => epochsOfTrainEpoch(m, f, v) ?? traceLabel(m, f, v);
              add(`${f.name} ${what}`, i, opts, () => verdict(f, v) ?? narrow(), f.name);
            }
          }
          for (const f of nested) {
            // each field of a layer written as an object
            for (const g of fieldsOf('layer')) {
              for (const [what, v] of [...GENERIC, ...aimed(g)]) {
                const layer = { units: 2, [g.name]: v };
                if (v === undefined) delete layer[g.name];
                add(
                  `${f.name}[0].${g.name} ${what}`,
                  i,
                  { [f.name]: [layer] },
                  () => verdict(f, [layer]),
                  `${f.name}[0]`,
                );
              }
            }
            add(
              `${f.name}[0] with an unknown field`,
              i,
              { [f.name]: [{ units: 2, bogus: 1 }] },
              () => TypeError,
              `${f.name}[0].bogus`,
            );
          }
        } else if (r.kind === 'field') {
          for (const [what, v] of [...GENERIC, ...aimed(r.field)]) {
            // A parameter index.d.ts marks required has no default, whatever the field's.
            const required = v === undefined && !p.optional ? TypeError : null;
            add(what, i, v, (fx) => required ?? verdict(r.field, v) ?? narrowed(m, p, r, v, fx, target), p.name);
          }
        } else if (r.kind === 'index') {
          for (const [what, v] of INDEX_VALUES) {
            const size = (fx) => INDEX_SIZES[r.of](fx, target);
            const value = v === 'end' ? (fx) => size(fx) : () => v;
            addGet(
              what,
              i,
              value,
              (fx) => {
                const x = value(fx);
                if (typeof x !== 'number') return TypeError;
                return Number.isInteger(x) && x >= 0 && x < size(fx) ? null : RangeError;
              },
              p.name,
            );
          }
        } else if (r.kind === 'codeOptions') {
          codeOptionCases(add, addGet, i); // net.toCode
        } else if (r.kind === 'data') {
          for (const [what, get] of DATA_VALUES)
            addGet(what, i, get, (fx) => dataVerdict(m.method, get(fx), fx), p.name);
        } else {
          const list = {
            points: POINTS_VALUES,
            xs: XS_VALUES,
            units: UNITS_VALUES,
            text: TEXT_VALUES,
            out: OUT_VALUES,
            codeTarget: CODE_TARGET_VALUES, // net.toCode
            sweepSpec: SWEEP_SPEC_VALUES,
            sweepOptions: SWEEP_OPTIONS_VALUES,
          }[r.kind];
          for (const [what, v, expect, names = p.name] of list) add(what, i, v, () => expect, names);
        }
      });
    }
  }
  return { cases, unplaced };
}

// net.trainEpoch narrows epochs to 1 (index.d.ts: "Train one epoch"); so does net.trainSteps
// (time travel: "options.epochs must be left out (or 1)").
function epochsOfTrainEpoch(m, f, v) {
  const narrows = m.method === 'trainEpoch' || m.method === 'trainSteps';
  return narrows && f.name === 'epochs' && v !== undefined && v !== 1 ? RangeError : null;
}

// net.trace narrows label to the head's class indices (index.d.ts: TracePoint.label); the
// fixture net has a sigmoid head: 0 or 1. (issue 15)
function traceLabel(m, f, v) {
  return m.method === 'trace' && f.name === 'label' && v !== undefined && v !== 0 && v !== 1 ? RangeError : null;
}

const { cases: CASES, unplaced: UNPLACED } = generate();

test('every parameter of every public function has a bad-input generator', () => {
  assert.deepEqual(UNPLACED, [], 'parameters with no generator: add a kind to SPECIAL');
  const covered = new Set(CASES.map((c) => `${c.owner}.${c.method}`));
  for (const m of METHODS) assert.ok(covered.has(`${m.owner}.${m.method}`), `${m.owner}.${m.method} has no case`);
  for (const g of GROUPS.filter((x) => x !== 'layer' && x !== 'point')) {
    assert.ok(
      CASES.some((c) => c.what.includes(`(options: ${fieldsOf(g)[0].name} `)),
      `group ${g} has no case`,
    );
  }
});

// ---- running them --------------------------------------------------------------------------------

const isOwned = (r) => r && typeof r === 'object' && typeof r.dispose === 'function' && 'disposed' in r;

async function xorStillTrains(lab) {
  const data = lab.dataset({ name: 'xor', samples: 400, seed: 7 });
  const net = lab.network({ hidden: [8, 8], seed: 7 });
  const m = net.train(data, { epochs: 30, optimizer: 'adam' });
  net.dispose();
  data.dispose();
  assert.ok(m.testAccuracy >= 0.95, `XOR test accuracy ${m.testAccuracy}`);
}

for (const { name, simd } of FLAVOURS) {
  describe(`bad-input matrix on the ${name} build: ${CASES.length} cases`, () => {
    let lab,
      fx,
      other,
      reference,
      tried = 0,
      accepted = 0,
      heapBefore;
    const fixtures = () => {
      fx.disposed = lab.dataset({ samples: 10 });
      fx.disposed.dispose();
      return fx;
    };
    before(async () => {
      lab = await labOf(simd);
      other = await load({ simd });
      fx = {
        net: lab.network({ hidden: [8, 8], seed: 1 }),
        data: lab.dataset({ name: 'xor', samples: 200, seed: 1 }),
        cls: lab.dataset({ name: 'xor', samples: 40, seed: 2 }),
        reg: lab.dataset({ name: 'regress_plane', samples: 40, seed: 2 }),
        three: lab.dataset({ name: 'blobs_k', classes: 3, samples: 30 }),
        regression: lab.dataset({ name: 'regress_gauss', samples: 30 }),
        empty: lab.emptyDataset(),
        otherData: other.dataset({ samples: 10 }),
      };
      fixtures();
      reference = fx.net.predict([1, 2, -3, 4]);
      heapBefore = lab.memory().usedBytes;
    });

    const byMethod = Map.groupBy
      ? Map.groupBy(CASES, (c) => `${c.owner}.${c.method}`)
      : CASES.reduce(
          (m, c) => m.set(`${c.owner}.${c.method}`, [...(m.get(`${c.owner}.${c.method}`) ?? []), c]),
          new Map(),
        );
    for (const [method, cases] of byMethod) {
      test(`${method}: ${cases.length} cases`, async () => {
        for (const c of cases) {
          await runCase(c);
          if (++tried % CHECK_EVERY === 0) await xorStillTrains(lab);
        }
      });
    }

    async function runCase(c) {
      let self = { load: null, Lab: lab, Network: fx.net, Dataset: fx[c.target] }[c.owner];
      // dispose() is tried on an object of its own, which it frees.
      const fresh = c.method === 'dispose' && (c.owner === 'Network' ? lab.network() : lab.dataset());
      if (fresh) self = fresh;
      const expect = c.expect(fx);
      const args = c.args(fx);
      const live = lab.liveObjects() - (fresh ? 1 : 0);
      const sizes = [fx.cls.trainSize, fx.cls.testSize, fx.reg.trainSize, fx.reg.testSize];
      let result, error;
      try {
        result = c.owner === 'load' ? await load(...args) : await self[c.method](...args);
      } catch (e) {
        error = e;
      }
      const label = `${c.what}: expected ${expect?.name ?? 'success'}`;
      if (!error) {
        assert.equal(expect, null, `${label}, but the call succeeded`);
        accepted++;
        if (isOwned(result)) result.dispose();
        // A state-changing success is undone where the next cases depend on it.
        if (
          [
            'setAlpha',
            'setReluGradAtZero',
            'setWeight',
            'setBias',
            'reviveUnits',
            'revive',
            'train',
            'trainEpoch',
            'trainSteps', // time travel
          ].includes(c.method)
        ) {
          fx.net.dispose();
          fx.net = lab.network({ hidden: [8, 8], seed: 1 });
        }
        if (fx.disposed.disposed === false) fixtures();
        assert.equal(lab.liveObjects(), live, `${c.what}: objects leaked`);
        return;
      }
      assert.ok(error instanceof Error, `${label}, got a non-Error: ${String(error)}`);
      assert.ok(
        !(error instanceof WebAssembly.RuntimeError) && !/Aborted|unreachable|out of bounds/.test(error.message),
        `${label}, got a wasm failure: ${error.message}`,
      );
      assert.notEqual(expect, null, `${label}, got ${error.constructor.name}: ${error.message}`);
      assert.equal(error.constructor, expect, `${label}, got ${error.constructor.name}: ${error.message}`);
      const where = c.owner === 'load' ? 'load' : `${WHERE[c.owner]}.${c.method}`;
      assert.ok(
        error.message.startsWith(`${where}: `),
        `${c.what}: message does not start with ${where}: ${error.message}`,
      );
      assert.ok(error.message.includes(c.names), `${c.what}: message does not name ${c.names}: ${error.message}`);
      assert.ok(error.message.length < 600, `${c.what}: a message of ${error.message.length} characters`);
      // A failed call changes nothing.
      assert.deepEqual(fx.net.predict([1, 2, -3, 4]), reference, `${c.what}: the network changed`);
      assert.deepEqual(
        [fx.cls.trainSize, fx.cls.testSize, fx.reg.trainSize, fx.reg.testSize],
        sizes,
        `${c.what}: a dataset changed`,
      );
      assert.equal(lab.liveObjects(), live, `${c.what}: objects leaked`);
    }

    test('afterwards the same lab trains XOR, nothing leaked, and everything can be freed', async () => {
      await xorStillTrains(lab);
      const grown = lab.memory().usedBytes - heapBefore;
      console.log(
        `bad-input matrix (${name}): ${tried} cases, ${tried - accepted} rejected with a TypeError/RangeError/Error,` +
          ` ${accepted} accepted as the schema allows; engine heap ${grown >= 0 ? '+' : ''}${grown} bytes`,
      );
      assert.equal(tried, CASES.length);
      assert.ok(grown < 1 << 20, `the engine heap grew by ${grown} bytes over the matrix`);
      Object.values(fx).forEach((o) => o.dispose());
      assert.equal(lab.liveObjects(), 0);
    });

    after(() => other && Object.values(fx ?? {}).forEach((o) => o.dispose?.()));
  });
}

// ---- relu-lab/history: Run (time travel, issue #17) ------------------------------------------------
// The same matrix for a Run's methods, read from js/history.d.ts (class Run, instance methods;
// Run.replay's JSON is checked field by field in tests/js/history.test.mjs). Each parameter is a
// field below, narrowed by the run's state (its layers, units, points, clock, data extent); every
// value of GENERIC and aimed() gets the schema's verdict. A refused call logs nothing, changes no
// bit of the network and no point, and leaks nothing; an accepted seek or branch is disposed.
const RUN_NET = { hidden: [8, 8], activation: 'leaky_relu', seed: 1 }; // α can be set on every layer
const RUN_DATA = { name: 'xor', samples: 40, seed: 1 };
const int = (name, max, extra = {}) => ({ name, type: 'integer', default: undefined, min: 0, max, ...extra });
const point = (name) => field('point', name);
// method.param → (run) → { f: the field, narrow(v) → RangeError when the run's state refuses v, valid }
const RUN_PARAMS = {
  'trainSteps.steps': () => ({ f: int('steps', LIMITS.maxStepsPerCall), valid: 1 }),
  'setTrain.field': () => ({
    f: {
      name: 'field',
      type: 'enum',
      values: fieldsOf('train')
        .map((f) => f.name)
        .filter((n) => n !== 'epochs'),
    },
    valid: 'learningRate',
  }),
  'setTrain.value': () => ({ f: field('train', 'learningRate'), valid: 0.03, names: /learningRate|\.value/ }),
  'setWeight.layer': () => ({ f: int('layer', RUN_NET.hidden.length), valid: 0 }),
  'setWeight.unit': () => ({ f: int('unit', 7), valid: 0 }),
  'setWeight.input': () => ({ f: int('input', 1), valid: 0 }),
  'setWeight.value': () => ({ f: PARAMETER_VALUE, valid: 0.5 }),
  'setBias.layer': () => ({ f: int('layer', RUN_NET.hidden.length), valid: 0 }),
  'setBias.unit': () => ({ f: int('unit', 7), valid: 0 }),
  'setBias.value': () => ({ f: PARAMETER_VALUE, valid: 0.5 }),
  'addPoint.x': (run) => ({ f: point('x'), narrow: (v) => Math.abs(v) > run.data.extent, valid: 0.5 }),
  'addPoint.y': (run) => ({ f: point('y'), narrow: (v) => Math.abs(v) > run.data.extent, valid: 0.5 }),
  'addPoint.label': (run) => ({
    f: point('label'),
    narrow: (v) => !(Number.isInteger(v) && v >= 0 && v < run.data.classes),
    valid: 1,
  }),
  'addPoint.split': () => ({ f: point('split'), valid: 'train' }),
  'removePoint.index': (run) => ({ f: int('index', run.data.trainSize - 1), valid: 0 }),
  'removePoint.split': () => ({ f: point('split'), valid: 'train' }),
  'relabel.index': (run) => ({ f: int('index', run.data.trainSize - 1), valid: 0 }),
  'relabel.label': (run) => ({
    f: point('label'),
    narrow: (v) => !(Number.isInteger(v) && v >= 0 && v < run.data.classes),
    valid: 1,
  }),
  'relabel.split': () => ({ f: point('split'), valid: 'train' }),
  'removeNear.x': () => ({ f: point('x'), valid: 5.9 }),
  'removeNear.y': () => ({ f: point('y'), valid: 5.9 }),
  'removeNear.radius': () => ({ f: point('radius'), valid: 0.01 }),
  'revive.options': () => ({ group: 'revive', narrow: { layer: (v) => v !== null && v >= RUN_NET.hidden.length } }),
  'reviveUnits.units': () => ({ units: true }),
  'setReluGradAtZero.value': () => ({ f: { ...field('network', 'reluGradAtZero'), default: undefined }, valid: 0 }),
  'setAlpha.layer': () => ({ f: int('layer', RUN_NET.hidden.length - 1), valid: 0 }),
  'setAlpha.value': () => ({ f: { ...field('layer', 'alpha'), default: undefined }, valid: 0.01 }),
  'seek.clock': (run) => ({ f: int('clock', run.clock), valid: 0 }),
  'branch.clock': (run) => ({ f: int('clock', run.clock), valid: 0 }),
  'clockOfEpoch.epoch': () => ({ f: int('epoch', Number.MAX_SAFE_INTEGER), valid: 0 }),
  'deathCertificate.layer': () => ({ f: int('layer', RUN_NET.hidden.length - 1), valid: 0 }),
  'deathCertificate.unit': () => ({ f: int('unit', 7), valid: 0 }),
  'health.options': () => ({ group: 'health' }),
};

function runMethods() {
  const src = ts.createSourceFile(
    'history.d.ts',
    readFileSync(`${repo}js/history.d.ts`, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const cls = src.statements.find((n) => ts.isClassDeclaration(n) && n.name.text === 'Run');
  return cls.members
    .filter((m) => ts.isMethodDeclaration(m) && !m.modifiers?.some((k) => k.kind === ts.SyntaxKind.StaticKeyword))
    .map((m) => ({ method: m.name.getText(src), params: m.parameters.map((p) => p.name.getText(src)) }));
}

// [{ what, method, args(run) → arguments, expect(run) → null | TypeError | RangeError, names }]
function runCases() {
  const cases = [];
  for (const { method, params } of runMethods()) {
    if (!params.length) continue; // trainEpoch, toJSON, dispose: nothing to get wrong
    const specs = params.map((p) => RUN_PARAMS[`${method}.${p}`]);
    const base = (run) => specs.map((s) => s(run).valid);
    params.forEach((p, i) => {
      const add = (what, value, expect, names) =>
        cases.push({
          what: `run.${method}(${p}: ${what})`,
          method,
          args: (run) => Object.assign(base(run), { [i]: val(value) }),
          expect,
          names,
        });
      const spec = specs[i]?.({ clock: 0, data: { extent: 1, trainSize: 1, classes: 2 } }) ?? {};
      if (spec.units) for (const [what, v, kind, names] of UNITS_VALUES) add(what, v, () => kind, names);
      else if (spec.group) {
        for (const [what, v] of OPTIONS_VALUES) {
          const ok = v === undefined || (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === null);
          add(
            `options ${what}`,
            v,
            () => (ok ? null : TypeError),
            isPlain(v) && Object.keys(v).length ? Object.keys(v)[0] : 'options',
          );
        }
        for (const f of fieldsOf(spec.group))
          for (const [what, v] of [...GENERIC, ...aimed(f)]) {
            const narrow = (run) => (specs[i](run).narrow?.[f.name]?.(v) ? RangeError : null);
            add(
              `${f.name} ${what}`,
              v === undefined ? {} : { [f.name]: v },
              (run) => verdict(f, v) ?? narrow(run),
              f.name,
            );
          }
      } else if (spec.f) {
        for (const [what, v] of [...GENERIC, ...aimed(spec.f)]) {
          const expect = (run) => {
            const s = specs[i](run);
            return verdict(s.f, v) ?? (v !== undefined && s.narrow?.(v) ? RangeError : null);
          };
          add(what, v, expect, spec.names ?? p);
        }
      } else throw new Error(`run.${method}(${p}) has no bad-input generator: add it to RUN_PARAMS`);
    });
  }
  return cases;
}

test('every parameter of every Run method has a bad-input generator', () => {
  const methods = runMethods();
  assert.ok(methods.length >= 20, `${methods.length} Run methods read from history.d.ts`);
  for (const { method, params } of methods)
    for (const p of params) assert.ok(RUN_PARAMS[`${method}.${p}`], `run.${method}(${p}) has no bad-input generator`);
});

for (const { name, simd } of FLAVOURS) {
  test(`bad-input matrix for relu-lab/history's Run on the ${name} build`, async () => {
    const { Run, parameterHash } = await import('relu-lab/history');
    const lab = await labOf(simd);
    const live0 = lab.liveObjects();
    const cases = runCases();
    let run = new Run(lab, { data: RUN_DATA, network: RUN_NET });
    run.trainEpoch();
    let refused = 0;
    for (const c of cases) {
      const before = {
        log: run.log.length,
        hash: parameterHash(run.net),
        points: [run.data.trainSize, run.data.testSize],
      };
      const live = lab.liveObjects();
      const expect = c.expect(run);
      let result, error;
      try {
        result = run[c.method](...c.args(run));
      } catch (e) {
        error = e;
      }
      if (!error) {
        assert.equal(expect, null, `${c.what}: accepted, expected a ${expect?.name}`);
        if (result instanceof Run) result.dispose();
        else if (result?.net) (result.net.dispose(), result.data.dispose());
        if (run.log.length > 50 || run.data.trainSize < 5) {
          run.dispose(); // accepted edits pile up: start again from the same set-up
          run = new Run(lab, { data: RUN_DATA, network: RUN_NET });
          run.trainEpoch();
        }
        continue;
      }
      refused++;
      assert.ok(
        !(error instanceof WebAssembly.RuntimeError) && !/Aborted|unreachable|out of bounds/.test(error.message),
        `${c.what}: a wasm failure: ${error.message}`,
      );
      assert.notEqual(expect, null, `${c.what}: refused with ${error.constructor.name}: ${error.message}`);
      assert.equal(error.constructor, expect, `${c.what}: got ${error.constructor.name}: ${error.message}`);
      const named = c.names instanceof RegExp ? c.names.test(error.message) : error.message.includes(c.names);
      assert.ok(named, `${c.what}: message does not name ${c.names}: ${error.message}`);
      assert.deepEqual(
        { log: run.log.length, hash: parameterHash(run.net), points: [run.data.trainSize, run.data.testSize] },
        before,
        `${c.what}: a refused call changed the run`,
      );
      assert.equal(lab.liveObjects(), live, `${c.what}: objects leaked`);
    }
    console.log(`Run bad-input matrix (${name}): ${cases.length} cases, ${refused} refused`);
    run.trainEpoch(); // and the run still trains
    run.dispose();
    assert.equal(lab.liveObjects(), live0);
  });
}
