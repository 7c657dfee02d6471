// common.mjs — what every bench/*.mjs shares: the timing rule, the JSON line, the workloads'
// constants, and the problem itself (the engine's spiral, read through the facade so that every
// system trains on exactly the same 250 points).
//
// Timing rule (the same for every system, so ratios compare like with like):
//   warm up (V8 tiers wasm and JS up only across calls: no on-stack replacement for wasm), then
//   run the call repeatedly in slices of about SLICE_MS; report the MEDIAN slice rate (and the
//   best one). The median is robust to a noisy neighbour on a shared 2-core machine.
import { load } from 'relu-lab';

export const SLICE_MS = 100;

/** Spiral, 250 training points, noise 0: TF Playground's problem. */
export const DATA = { name: 'spiral', samples: 500, noise: 0, trainFraction: 0.5, seed: 1 };
/** 2→8→8→8→1, SGD lr 0.03, batch 10. */
export const HIDDEN = [8, 8, 8];
export const TRAIN = { learningRate: 0.03, batchSize: 10, optimizer: 'sgd' };
/** W2: 256×256 over [-6, 6]²; its useful work is 304 FLOP a point (2·(2·8 + 8·8 + 8·8 + 8·1)). */
export const W2 = { width: 256, height: 256, domain: [-6, 6, -6, 6] };
export const FLOP_PER_POINT = 2 * (2 * 8 + 8 * 8 + 8 * 8 + 8 * 1);
/** W3: a UI frame: 512×512 decision map + every hidden unit's 64×64 map + health statistics. */
export const W3 = { map: 512, tile: 64 };
/** W4: 1,000 random inits of a 10-layer width-2 ReLU net (bias 0), each on a 41×41 grid of [-1, 1]². */
export const W4 = { inits: 1000, layers: 10, width: 2, grid: 41, domain: [-1, 1, -1, 1] };

const now = () => performance.now();

/**
 * Calls per second of fn (each call does `units` units of work): `warmup` calls, then slices of
 * about SLICE_MS for `seconds`. Returns { median, best, calls, seconds }, in units per second.
 */
export function measure(fn, { seconds = 1, warmup = 10, units = 1 } = {}) {
  for (let i = 0; i < warmup; ++i) fn();
  const rates = [];
  let calls = 0;
  const t0 = now();
  let t = t0;
  let batch = 1;
  while (t - t0 < seconds * 1000 || rates.length < 3) {
    const s = now();
    for (let i = 0; i < batch; ++i) fn();
    t = now();
    calls += batch;
    const dt = t - s;
    if (dt < SLICE_MS / 4 && rates.length === 0) {
      batch *= 2;
      continue;
    } // find the slice size
    rates.push((batch * units * 1000) / dt);
    if (dt < SLICE_MS / 2) batch *= 2;
  }
  rates.sort((a, b) => a - b);
  return { median: rates[rates.length >> 1], best: rates[rates.length - 1], calls, seconds: (t - t0) / 1000 };
}

/** The same rule for an async call (tfjs model.fit). */
export async function measureAsync(fn, { seconds = 1, warmup = 2, units = 1 } = {}) {
  for (let i = 0; i < warmup; ++i) await fn();
  const rates = [];
  let calls = 0;
  const t0 = now();
  let t = t0;
  while (t - t0 < seconds * 1000 || rates.length < 3) {
    const s = now();
    await fn();
    t = now();
    calls += 1;
    rates.push((units * 1000) / (t - s));
  }
  rates.sort((a, b) => a - b);
  return { median: rates[rates.length >> 1], best: rates[rates.length - 1], calls, seconds: (t - t0) / 1000 };
}

/** Rounds to 4 significant digits (JSON lines stay short and readable). */
export const sig = (v, d = 4) => (Number.isFinite(v) && !Number.isInteger(v) ? Number(v.toPrecision(d)) : v);

/** One JSON line on stdout. */
export function line(fields) {
  const out = {};
  for (const [k, v] of Object.entries(fields)) out[k] = typeof v === 'number' ? sig(v) : v;
  console.log(JSON.stringify(out));
}

/** Parse `--only W1,W2` / `--activations relu` / `--seconds 1.5` style flags. */
export function args(argv = process.argv.slice(2)) {
  const o = { only: null, activations: ['relu', 'tanh'], seconds: 1, positional: [] };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--only') o.only = new Set(argv[++i].split(','));
    else if (a === '--activations') o.activations = argv[++i].split(',');
    else if (a === '--seconds') o.seconds = Number(argv[++i]);
    else o.positional.push(a);
  }
  o.wants = (w) => !o.only || o.only.has(w);
  return o;
}

/**
 * The problem every system trains on, as plain typed arrays: the engine's spiral (TF Playground's
 * generator), read once through the facade. { x, y, label } for train and test; labels 0/1.
 */
export async function spiral() {
  const lab = await load({ simd: false });
  const data = lab.dataset(DATA);
  const out = { train: data.points('train'), test: data.points('test') };
  data.dispose();
  return out;
}

/** Grid coordinates in the engine's order: row-major from the top row (y = y1 first). */
export function gridPoints(width, height, [x0, x1, y0, y1]) {
  const xs = new Float32Array(width * height),
    ys = new Float32Array(width * height);
  for (let r = 0; r < height; ++r) {
    const y = height > 1 ? y1 - ((y1 - y0) * r) / (height - 1) : (y0 + y1) / 2;
    for (let c = 0; c < width; ++c) {
      const x = width > 1 ? x0 + ((x1 - x0) * c) / (width - 1) : (x0 + x1) / 2;
      xs[r * width + c] = x;
      ys[r * width + c] = y;
    }
  }
  return { xs, ys, n: width * height };
}

/** Fisher–Yates with a small deterministic generator (mulberry32): every epoch reshuffles. */
export function shuffler(n, seed = 1) {
  const order = new Int32Array(n);
  for (let i = 0; i < n; ++i) order[i] = i;
  let s = seed >>> 0;
  const rnd = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    order,
    rnd,
    shuffle() {
      for (let i = n - 1; i > 0; --i) {
        const j = Math.floor(rnd() * (i + 1));
        const t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      return order;
    },
  };
}

/** Standard normal from a uniform generator (Box–Muller). */
export function normal(rnd) {
  let u = 0;
  while (u === 0) u = rnd();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
}

/** Health statistics a UI shows, computed in JS from per-unit activations (the peers' W3). */
export function unitStats(acts, n) {
  // acts: Float32Array of n values of one unit
  let active = 0,
    sumAbs = 0;
  for (let i = 0; i < n; ++i) {
    const v = acts[i];
    if (v !== 0) ++active;
    sumAbs += Math.abs(v);
  }
  return { rate: active / n, meanAbs: sumAbs / n, dead: active === 0 };
}
