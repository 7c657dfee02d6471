// sweep.js — lab.sweep(spec, options): one set-up trained over values × seeds on every core.
//
// What it is: the spec is checked (sweep-spec.js), expanded into runs, the runs are handed to a
// pool of workers (sweep-pool.js; each loads its own engine, the same flavour as the lab), and
// the records come back in run order, each cell summarised (n, mean, median, quartiles, min,
// max). Every run is seeded, so the records are the same bits for any number of workers.
// What it is not: a scheduler of anything else, or UI (the page draws what onProgress streams).
import { parseSweepSpec, expandSpec } from './sweep-spec.js';
import { defaultWorkers, runTasks } from './sweep-pool.js';
import { checkValue, fail, isPlainObject, show } from './validate.js';
import { simdSupported } from './simd.js';

const WHERE = 'lab.sweep';
const WORKERS = { type: 'integer', min: 1, max: 64 };

/** The value at quantile q of sorted xs (linear interpolation between order statistics, as NumPy's default). */
function quantile(sorted, q) {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** { n, missing, mean, median, q1, q3, min, max } of the non-null values (stats null when n is 0). */
export function summarize(values) {
  const xs = values.filter((v) => v !== null).sort((a, b) => a - b);
  const missing = values.length - xs.length;
  if (!xs.length) return { n: 0, missing, mean: null, median: null, q1: null, q3: null, min: null, max: null };
  let sum = 0;
  for (const x of xs) sum += x;
  return {
    n: xs.length,
    missing,
    mean: sum / xs.length,
    median: quantile(xs, 0.5),
    q1: quantile(xs, 0.25),
    q3: quantile(xs, 0.75),
    min: xs[0],
    max: xs.at(-1),
  };
}

/** Per cell, per metric: the summary of its records. */
export function summarizeCells(cells, records, measure) {
  return cells.map((c) => {
    const mine = records.filter((r) => r.cell === c.index);
    const summary = {};
    for (const m of measure) summary[m] = summarize(mine.map((r) => r.metrics[m]));
    return { ...c, runs: mine.length, summary };
  });
}

function parseRunOptions(options) {
  if (options === undefined) return {};
  if (!isPlainObject(options)) fail(TypeError, WHERE, 'options', 'a plain object', options);
  const extra = Object.keys(options).find((k) => !['workers', 'onProgress', 'signal', 'worker'].includes(k));
  if (extra !== undefined)
    throw new TypeError(`${WHERE}: unknown option ${show(extra)}; allowed: workers, onProgress, signal, worker`);
  const { workers, onProgress, signal, worker } = options;
  if (workers !== undefined) checkValue(WORKERS, workers, WHERE, 'workers');
  if (onProgress !== undefined && typeof onProgress !== 'function')
    fail(TypeError, WHERE, 'onProgress', 'a function', onProgress);
  if (
    signal !== undefined &&
    !(
      typeof signal === 'object' &&
      signal &&
      typeof signal.aborted === 'boolean' &&
      typeof signal.addEventListener === 'function'
    )
  ) {
    fail(TypeError, WHERE, 'signal', 'an AbortSignal', signal);
  }
  checkWorker(worker);
  return { workers, onProgress, signal, worker };
}

/**
 * options.worker, for a bundled app: the sweep worker entry its bundler emitted from
 * 'relu-lab/sweep-worker' — a URL, a non-empty URL string (a path in Node), or a function that
 * returns a new Worker of it (called once per worker). Undefined: the package's own js/ file.
 */
function checkWorker(worker) {
  if (worker === undefined || typeof worker === 'function') return;
  if (typeof worker === 'string' ? worker.length > 0 : worker instanceof URL) return;
  fail(TypeError, WHERE, 'worker', 'a URL, a non-empty URL string or a function returning a Worker', worker);
}

/**
 * Run a sweep. lab: the Lab (for its flavour); spec: see index.d.ts SweepSpec. Resolves with
 * { spec, cells, records, workers, live, elapsedMs }; rejects with the signal's reason on abort.
 */
export function sweep(lab, spec, options) {
  // checked now, so that bad input throws at the call, before any worker starts
  const p = parseSweepSpec(spec);
  const o = parseRunOptions(options);
  const grid = expandSpec(p);
  preflight(lab, grid.cells, grid.tasks);
  return run(lab, p, o, grid);
}

/**
 * A sweep without a lab in this thread (the page's main thread, which only draws): the same
 * checks and runs as lab.sweep, in workers of the flavour this runtime supports (options.simd
 * forces one), without the up-front check of each cell in the caller's engine.
 */
export function runSweep(spec, options) {
  const { simd, ...rest } = options ?? {};
  if (simd !== undefined && typeof simd !== 'boolean') fail(TypeError, WHERE, 'simd', 'true or false', simd);
  const p = parseSweepSpec(spec);
  const o = parseRunOptions(options === undefined ? undefined : rest);
  return run({ simd: simd ?? simdSupported() }, p, o, expandSpec(p));
}

/**
 * What the schema cannot see (a head that does not fit the data, a dataset the engine refuses):
 * each cell's first run is built and evaluated here, in the caller's lab, so the error is thrown
 * at the call, naming the cell, and never from a worker half-way.
 */
function preflight(lab, cells, tasks) {
  for (const c of cells) {
    const task = tasks.find((t) => t.cell === c.index);
    let data = null;
    let net = null;
    try {
      data = lab.dataset(task.dataset);
      net = lab.network(task.network);
      net.evaluate(data);
    } catch (e) {
      const where = Object.entries(c.labels)
        .map(([k, v]) => `${k} = ${v}`)
        .join(', ');
      const Kind = e instanceof TypeError ? TypeError : RangeError;
      throw new Kind(`${WHERE}: spec${where ? ` (cell ${c.index}: ${where})` : ''} cannot run: ${e.message}`);
    } finally {
      net?.dispose();
      data?.dispose();
    }
  }
}

async function run(lab, p, o, { cells, tasks }) {
  const workers = o.workers ?? (await defaultWorkers());
  const t0 = performance.now();
  let done = 0;
  const onRecord = (index, rec) => {
    const record = recordOf(tasks[index], rec);
    done += 1;
    const elapsedMs = performance.now() - t0;
    o.onProgress?.({ done, total: tasks.length, record, elapsedMs, etaMs: (elapsedMs / done) * (tasks.length - done) });
  };
  const r = await runTasks(tasks, { workers, simd: lab.simd, signal: o.signal, onRecord, worker: o.worker });
  const records = r.records.map((rec, i) => recordOf(tasks[i], rec));
  return {
    spec: {
      vary: p.vary.map((v) => ({ field: v.path, values: v.values, labels: v.labels })),
      seeds: p.seeds,
      measure: p.measure,
    },
    cells: summarizeCells(cells, records, p.measure),
    records,
    workers: r.workers,
    live: r.live,
    elapsedMs: performance.now() - t0,
  };
}

/** A run's record: which cell and seed, and what it measured. */
function recordOf(task, rec) {
  return { cell: task.cell, seed: task.seed, ...rec };
}
