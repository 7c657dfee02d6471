// fuzz.test.mjs — a seeded fuzz of the facade's option parsing and of model-JSON / CSV import
// from JS: nasty values and strings (prototype-pollution keys, huge and deeply nested values, lone
// surrogates, markup) go to lab.network / lab.dataset / lab.datasetFromCSV / lab.network(json) /
// net.train and the other option-taking calls. Every call either works or throws a TypeError or
// RangeError whose message names the call — never a SyntaxError, a wasm abort or anything else —
// Object.prototype stays untouched, and the lab still trains XOR at the end.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { fieldsOf, LIMITS } from 'relu-lab';
import { labOf } from './helpers.mjs';

const SEED = Number(process.env.RELU_FUZZ_SEED ?? 0x5eed);
const ITERATIONS = Number(process.env.RELU_FUZZ_ITERATIONS ?? 2000); // per target

// mulberry32: small, seedable, good enough to pick cases.
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  return { next, int, pick, chance: (p) => next() < p };
}

const MARKUP = [
  '<img src=x onerror=alert(1)>',
  '"><script>alert(1)</script>',
  "javascript:alert('x')",
  '<svg/onload=alert(1)>',
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
  '</textarea><b>x',
];
const KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'then',
  'length',
  '0',
  '',
  ' ',
  'format',
  ...MARKUP,
];
const STRINGS = [
  ...KEYS,
  '\ud800',
  '\udfff',
  'a\udc00b',
  '\u0000',
  '\u202e',
  '\ufeff',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e9',
  '1e400',
  '0x10',
  ' 1',
  '1 ',
  '1,5',
  '١',
  'relu',
  'RELU',
  'sgd',
  'train',
  'test',
  'x',
  'y',
];
const NUMBERS = [
  NaN,
  Infinity,
  -Infinity,
  -0,
  0,
  1,
  -1,
  2,
  0.5,
  1e9,
  -1e9,
  1e308,
  -1e308,
  5e-324,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 31,
  -(2 ** 31),
  2 ** 32,
  1e-7,
  3.4e38,
  3.5e38,
];

const OM = Object.prototype;
const snapshotPrototypes = () =>
  [Object.prototype, Array.prototype, Function.prototype, String.prototype, Number.prototype].map((p) =>
    Object.getOwnPropertyNames(p).concat(Object.getOwnPropertySymbols(p).map(String)).sort().join(),
  );

// A generator of nasty values; `valid` values come from the schema so that some calls succeed.
function nasty(r) {
  const state = { inModel: false };
  const str = (small = false) => {
    switch (r.int(6)) {
      case 0:
        return r.pick(STRINGS);
      case 1:
        return r.pick(MARKUP).repeat(1 + r.int(4));
      case 2:
        return Array.from({ length: r.int(40) }, () => String.fromCharCode(r.int(0x10000))).join('');
      case 3:
        return small
          ? r.pick(STRINGS).repeat(1 + r.int(20)) // long, and now and then huge
          : r.chance(0.02)
            ? 'x'.repeat(LIMITS.maxTextLength + 1)
            : r.pick(STRINGS).repeat(1 + r.int(5000));
      case 4:
        return r.pick(STRINGS) + r.pick(MARKUP) + r.pick(STRINGS);
      default:
        return String(r.pick(NUMBERS));
    }
  };
  const deep = (depth, make) => {
    let v = 0;
    for (let i = 0; i < depth; ++i) v = make(v);
    return v;
  };
  const value = (depth = 0) => {
    switch (r.int(depth > 2 ? 6 : 16)) {
      case 0:
        return r.pick(NUMBERS);
      case 1:
        return str();
      case 2:
        return r.pick([true, false, null, undefined]);
      case 3:
        return r.int(40) - 10;
      case 4:
        return r.next() * 20 - 10;
      case 5:
        return r.pick([1n, -1n, Symbol('s'), () => 1, new Date(NaN), /x/, new Map(), new Set([1])]);
      case 6:
        return Array.from({ length: r.int(6) }, () => value(depth + 1));
      case 7:
        return object(depth + 1);
      case 8:
        return deep(r.pick([10, 1000, 10000]), r.chance(0.5) ? (v) => [v] : (v) => ({ a: v }));
      case 9: {
        const T = r.pick([Float32Array, Float64Array, Int8Array, Uint8ClampedArray, Int32Array, BigInt64Array]);
        const n = r.pick([0, 1, 2, 3, 4, 5, 1000]);
        return T === BigInt64Array ? new T(n) : T.from({ length: n }, () => r.pick(NUMBERS));
      }
      case 10:
        return JSON.parse(
          `{"__proto__": {"polluted": ${JSON.stringify(str())}}, "constructor": {"prototype": {"polluted": 1}}}`,
        );
      case 11:
        return Object.assign(Object.create(null), object(depth + 1));
      case 12:
        return { valueOf: () => 1, toString: () => 'relu', [Symbol.toPrimitive]: () => 2 };
      case 13:
        return new Proxy(object(depth + 1), {});
      case 14: {
        // sparse; the huge one not inside models (V8 takes minutes to stringify or join it)
        const a = [];
        a[r.pick(state.inModel ? [5, 1000] : [5, 1000, 2 ** 32 - 2])] = 1;
        return a;
      }
      default:
        return Object.freeze([r.pick(NUMBERS), r.pick(NUMBERS), r.pick(NUMBERS), r.pick(NUMBERS)]);
    }
  };
  const object = (depth) => {
    const o = {};
    for (let i = r.int(4); i > 0; --i)
      Object.defineProperty(o, r.pick(KEYS), {
        value: value(depth),
        enumerable: true,
        configurable: true,
        writable: true,
      });
    return o;
  };
  // A valid value of a field, or a nasty one.
  const fieldValue = (f) => {
    if (r.chance(0.5)) return value();
    switch (f.type) {
      case 'number':
      case 'integer': {
        if (f.values) return r.pick(f.values);
        const small = Math.min(f.max, Math.max(f.min, r.pick([f.min, 0, 1, 2, 8, 32])));
        const x = r.chance(0.9) ? small : f.min + r.next() * (f.max - f.min);
        return f.type === 'integer' ? Math.min(f.max, Math.ceil(x)) : x;
      }
      case 'boolean':
        return r.chance(0.5);
      case 'enum':
        return r.pick(f.values);
      case 'names':
        return [r.pick(f.values)];
      case 'layers':
        return Array.from({ length: r.int(4) }, () =>
          r.chance(0.5) ? 1 + r.int(8) : { units: 1 + r.int(8), activation: r.pick(['relu', 'tanh', value()]) },
        );
      case 'domain':
        return [-1, 1, -1, 1].map((x) => x * (1 + r.int(10)));
      default:
        return value();
    }
  };
  // Options for a schema group: some of its fields, now and then a nasty key or a nasty whole.
  const options = (group) => {
    if (r.chance(0.05)) return value();
    const o = {};
    for (const f of fieldsOf(group)) if (r.chance(0.4)) o[f.name] = fieldValue(f);
    if (r.chance(0.15))
      Object.defineProperty(o, r.pick(KEYS), { value: value(), enumerable: true, configurable: true });
    return o;
  };
  return { value, str, options, state };
}

// CSV text: a header, rows of cells that are mostly numbers, line endings of every kind.
function csv(r, g) {
  const header = r.chance(0.8)
    ? r.pick(['x,y,label', 'x,y,label,split', 'x,y,label ', ' x,y,label'])
    : r.pick(['X,Y,Label', '', 'x;y;label', '\ufeffx,y,label', 'x,y', g.str()]);
  const nastyRate = r.pick([0, 0.005, 0.02, 0.2]);
  const classes = r.chance(0.7); // integer labels, or values in [-1, 1]
  const cell = (column) => {
    if (r.chance(nastyRate)) return r.chance(0.5) ? String(r.pick(NUMBERS)) : g.str(true);
    if (column < 2) return (r.next() * 12 - 6).toFixed(r.int(8));
    return classes ? String(r.int(3)) : (r.next() * 2 - 1).toPrecision(3);
  };
  const eols = r.chance(0.9) ? [r.pick(['\n', '\r\n'])] : ['\n', '\r\n', '\r', '\n\n', ' \n'];
  const eol = () => r.pick(eols);
  if (r.chance(0.02)) {
    // one row too many
    return `x,y,label\n${Array.from({ length: LIMITS.maxSamples + 1 }, (_, i) => `${(i % 12) - 6},0,${i % 2}`).join(eol())}`;
  }
  const rows = r.int(40);
  let text = header + eol();
  for (let i = 0; i < rows; ++i) {
    const cols = r.chance(0.98) ? 3 : r.int(6);
    const cells = Array.from({ length: cols }, (_, c) => cell(c));
    if (header.includes('split') && cols === 3) cells.push(r.chance(0.95) ? r.pick(['train', 'test']) : g.str(true));
    text += cells.join(r.chance(0.97) ? ',' : r.pick([', ', ';', ',,'])) + (i < rows - 1 || r.chance(0.5) ? eol() : '');
  }
  return text;
}

// A saved model, changed at 1–3 random places (or its text, at one).
function mutateModel(r, g, model) {
  g.state.inModel = true;
  try {
    return mutate(r, g, model);
  } finally {
    g.state.inModel = false;
  }
}

function mutate(r, g, model) {
  const m = structuredClone(model);
  const paths = [];
  const walk = (v, path) => {
    paths.push(path);
    if (v && typeof v === 'object') for (const k of Object.keys(v)) if (paths.length < 5000) walk(v[k], [...path, k]);
  };
  walk(m, []);
  for (let n = 1 + r.int(3); n > 0; --n) {
    const path = r.pick(paths.filter((p) => p.length));
    let parent = m;
    for (const k of path.slice(0, -1)) parent = parent?.[k];
    if (!parent || typeof parent !== 'object') continue;
    const key = path[path.length - 1];
    try {
      // an earlier change may have put a frozen value here
      switch (r.int(6)) {
        case 0:
          delete parent[key];
          break;
        case 1:
          parent[key] = r.pick(NUMBERS);
          break;
        case 2:
          parent[key] = g.str();
          break;
        case 3:
          parent[key] =
            Array.isArray(parent[key]) && parent[key].length < 1e5
              ? parent[key].slice(0, r.int(parent[key].length + 1))
              : g.value();
          break;
        case 4: {
          // an extra key ('length' of an array would make V8 join a huge sparse value: minutes)
          const k = r.pick(KEYS);
          if (k !== 'length')
            Object.defineProperty(parent, k, { value: g.value(), enumerable: true, configurable: true });
          break;
        }
        default:
          parent[key] = g.value();
      }
    } catch (e) {
      if (!(e instanceof TypeError || e instanceof RangeError)) throw e; // frozen, or an array length
    }
  }
  if (r.chance(0.5)) return m; // as an object
  let text;
  try {
    text = JSON.stringify(m);
  } catch {
    return m;
  }
  switch (r.int(7)) {
    case 0:
      return text.slice(0, r.int(text.length)); // truncated
    case 1: {
      const i = r.int(text.length);
      return text.slice(0, i) + r.pick(['"', '{', ']', ',', '\\', '\ud800', 'NaN', '1e999', '-']) + text.slice(i);
    }
    case 2:
      return text.replace(/"config":/, '"__proto__":{"polluted":1},"config":');
    case 3:
      return text.replace(/-?\d+\.\d+/, r.pick(['1e999', '-1e999', 'NaN', 'Infinity', '0x1', '1e-999', '00']));
    case 4:
      return `${'['.repeat(r.int(100000))}${text}`;
    case 5:
      return text.replace(/"layers"/, '"layers":[],"layers"'); // a duplicate key
    default:
      return text;
  }
}

let lab, fixtures, prototypesBefore;
const counts = { calls: 0, ok: 0, TypeError: 0, RangeError: 0 };

before(async () => {
  lab = await labOf(false);
  prototypesBefore = snapshotPrototypes();
  fixtures = {
    tiny: lab.dataset({ name: 'xor', samples: 10 }),
    models: [
      lab.network({ hidden: [3, 2] }),
      lab.network({ hidden: [{ units: 2, activation: 'prelu', batchNorm: true }], output: 'softmax', classes: 3 }),
      lab.network({ hidden: [], output: 'linear', features: ['x', 'y', 'sinx'] }),
    ],
  };
  fixtures.jsons = fixtures.models.map((n) => n.toJSON());
});

after(() => {
  if (!fixtures) return;
  fixtures.tiny.dispose();
  fixtures.models.forEach((n) => n.dispose());
});

// Call, and check the outcome: a result (disposed if it owns wasm memory) or a clean error.
function check(where, call, what) {
  counts.calls++;
  let result;
  try {
    result = call();
  } catch (e) {
    // The case is described only when it fails (building the text is most of the cost).
    const expect = (ok, why) =>
      ok || assert.fail(`${why}: ${what()}\n→ ${e?.constructor?.name}: ${String(e?.message).slice(0, 300)}`);
    expect(e instanceof Error, 'a non-Error was thrown');
    expect(e.constructor === TypeError || e.constructor === RangeError, 'not a TypeError/RangeError');
    expect(e.message.startsWith(`${where}: `), 'the message does not name the call');
    expect(e.message.length < 1000, `a message of ${e.message.length} characters`);
    expect(!/Aborted|RuntimeError|unreachable|out of bounds/.test(e.message), 'a wasm failure');
    counts[e.constructor.name]++;
    return null;
  }
  counts.ok++;
  if (result && typeof result.dispose === 'function') result.dispose();
  return result;
}

function assertPrototypesUntouched(when) {
  assert.equal(snapshotPrototypes().join('|'), prototypesBefore.join('|'), `a prototype changed ${when}`);
  assert.equal({}.polluted, undefined, `Object.prototype.polluted ${when}`);
  assert.equal(Object.getPrototypeOf(OM), null);
}

const show = (v) => {
  try {
    const s = JSON.stringify(v, (k, x) => (typeof x === 'bigint' ? `${x}n` : typeof x === 'symbol' ? String(x) : x));
    return s === undefined ? String(v) : s.slice(0, 400);
  } catch {
    return String(typeof v);
  }
};

const TARGETS = {
  'lab.network(options)': (r, g) => {
    const o = g.options('network');
    check(
      'lab.network',
      () => lab.network(o),
      () => `lab.network(${show(o)})`,
    );
  },
  'lab.dataset(options)': (r, g) => {
    const o = g.options('dataset');
    if (o && typeof o === 'object' && typeof o.samples === 'number' && o.samples > 2000) o.samples = 2000; // time
    check(
      'lab.dataset',
      () => lab.dataset(o),
      () => `lab.dataset(${show(o)})`,
    );
    const e = g.options('emptyDataset');
    check(
      'lab.emptyDataset',
      () => lab.emptyDataset(e),
      () => `lab.emptyDataset(${show(e)})`,
    );
  },
  'lab.datasetFromCSV(text, options)': (r, g) => {
    const text = r.chance(0.9) ? csv(r, g) : g.value();
    const o = r.chance(0.8) ? undefined : g.options('csv');
    check(
      'lab.datasetFromCSV',
      () => lab.datasetFromCSV(text, o),
      () => `lab.datasetFromCSV(${show(text)}, ${show(o)})`,
    );
  },
  'lab.network(model JSON)': (r, g) => {
    const model = mutateModel(r, g, r.pick(fixtures.jsons));
    const net = check(
      'lab.network',
      () => {
        const n = lab.network(model);
        // A model that loads must be usable: finite outputs for points of its domain.
        const p = n.predict([0, 0, 1, -1, -6, 6]);
        if (!Array.prototype.every.call(p, Number.isFinite)) counts.nonFinite = (counts.nonFinite ?? 0) + 1;
        return n;
      },
      () => `lab.network(${show(model)})`,
    );
    void net;
  },
  'net.train(data, options) and the other option-taking calls': (r, g) => {
    const net = fixtures.models[0];
    const o = g.options('train');
    check(
      'net.train',
      () => net.train(fixtures.tiny, o),
      () => `net.train(tiny, ${show(o)})`,
    );
    const call = r.pick([
      ['net.trainEpoch', () => g.options('train'), (x) => net.trainEpoch(fixtures.tiny, x)],
      ['net.decisionMap', () => g.options('decisionMap'), (x) => net.decisionMap(x)],
      ['net.unitMaps', () => g.options('unitMaps'), (x) => net.unitMaps(x)],
      ['net.health', () => g.options('health'), (x) => net.health(fixtures.tiny, x)],
      ['net.revive', () => g.options('revive'), (x) => net.revive(fixtures.tiny, x)],
      ['net.predict', () => g.value(), (x) => net.predict(x)],
      ['net.reviveUnits', () => g.value(), (x) => net.reviveUnits(x)],
      ['net.setAlpha', () => [g.value(), g.value()], (x) => net.setAlpha(...x)],
      ['net.setReluGradAtZero', () => g.value(), (x) => net.setReluGradAtZero(x)],
      ['net.layerParameters', () => g.value(), (x) => net.layerParameters(x)],
      ['net.setWeight', () => [g.value(), g.value(), g.value(), g.value()], (x) => net.setWeight(...x)],
      ['net.setBias', () => [g.value(), g.value(), g.value()], (x) => net.setBias(...x)],
      [
        'lab.activationCurve',
        () => [r.pick(['relu', 'elu', g.value()]), g.value(), g.options('layer')],
        (x) => lab.activationCurve(...x),
      ],
      ['data.add', () => [g.value(), g.value(), g.value(), g.value()], (x) => fixtures.tiny.add(...x)],
      ['data.removeNear', () => [g.value(), g.value(), g.value()], (x) => fixtures.tiny.removeNear(...x)],
      ['data.points', () => g.value(), (x) => fixtures.tiny.points(x)],
    ]);
    const x = call[1]();
    check(
      call[0],
      () => call[2](x),
      () => `${call[0]}(${show(x)})`,
    );
  },
};

for (const [name, run] of Object.entries(TARGETS)) {
  test(`fuzz ${name}: ${ITERATIONS} iterations, seed ${SEED}`, () => {
    const r = rng(SEED ^ (name.length * 7919));
    const g = nasty(r);
    const live = lab.liveObjects();
    const start = { ...counts };
    for (let i = 0; i < ITERATIONS; ++i) {
      run(r, g);
      if (i % 100 === 99) assertPrototypesUntouched(`after ${i + 1} iterations of ${name}`);
      // A diverged or edited fixture is fine; a dataset that filled up is reset.
      if (fixtures.tiny.trainSize + fixtures.tiny.testSize > 500) {
        fixtures.tiny.dispose();
        fixtures.tiny = lab.dataset({ name: 'xor', samples: 10 });
      }
    }
    assert.equal(lab.liveObjects(), live, 'objects leaked');
    assertPrototypesUntouched(`after ${name}`);
    const d = (k) => (counts[k] ?? 0) - (start[k] ?? 0);
    console.log(
      `fuzz ${name}: ${d('calls')} calls, ${d('ok')} worked, ${d('TypeError')} TypeError, ${d('RangeError')} RangeError`,
    );
  });
}

test('after the fuzz, Object.prototype is untouched and the same lab trains XOR', () => {
  assertPrototypesUntouched('at the end');
  const data = lab.dataset({ name: 'xor', samples: 400, seed: 7 });
  const net = lab.network({ hidden: [8, 8], seed: 7 });
  const m = net.train(data, { epochs: 30, optimizer: 'adam' });
  net.dispose();
  data.dispose();
  console.log(
    `fuzz: ${counts.calls} calls (${Object.keys(TARGETS).length} targets × ${ITERATIONS} iterations, seed ${SEED}):` +
      ` ${counts.ok} worked, ${counts.TypeError} TypeError, ${counts.RangeError} RangeError, nothing else;` +
      ` loaded models with non-finite outputs: ${counts.nonFinite ?? 0}`,
  );
  assert.ok(m.testAccuracy >= 0.95, `XOR test accuracy ${m.testAccuracy}`);
});
