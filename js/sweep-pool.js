// sweep-pool.js — a pool of sweep workers (module Workers in browsers, worker_threads in Node),
// each with its own engine, handing out one task at a time to whichever worker is free.
//
// What it is: runTasks(tasks, { workers, simd, signal, onRecord, worker }) → Promise of the records in
// task order (never in finishing order: the result is the same for any number of workers).
// Cancel: the signal terminates every worker at once and the promise rejects with its reason.
// What it is not: validation or summaries (sweep.js).

/** Workers of every pool still running (they leave this set on their exit event). */
const running = new Set();
/** Sweep workers alive right now, in this thread. */
export const liveWorkers = () => running.size;

/** The machine's parallelism: navigator.hardwareConcurrency or os.availableParallelism(). */
export async function defaultWorkers() {
  if (typeof navigator !== 'undefined' && navigator.hardwareConcurrency > 0) return navigator.hardwareConcurrency;
  try {
    const os = await import(['node', 'os'].join(':'));
    return os.availableParallelism?.() ?? os.cpus().length;
  } catch {
    return 1;
  }
}

/**
 * A synchronous maker of workers, each behind { send, terminate, onMessage, onFail }, for this
 * runtime. Synchronous so that a pool is made at once and a cancel always finds every worker.
 * worker: the caller's entry (options.worker: a URL, a URL string or a function returning a
 * Worker) for a bundled app, whose bundler emitted the entry under its own name; else ours.
 */
async function spawner(worker) {
  if (typeof Worker === 'function')
    return () => webHandle(typeof worker === 'function' ? made(worker) : spawnWeb(worker));
  const { Worker: NodeWorker } = await import(['node', 'worker_threads'].join(':'));
  if (typeof worker === 'function') return () => nodeHandle(made(worker));
  const url = worker === undefined ? workerURL(import.meta.url) : nodeTarget(worker);
  return () => nodeHandle(new NodeWorker(url));
}

/** What options.worker() returned, when it is a worker (something with postMessage and terminate). */
function made(factory) {
  const w = factory();
  if (!w || typeof w.postMessage !== 'function' || typeof w.terminate !== 'function')
    throw new TypeError(`lab.sweep: options.worker() must return a Worker (the sweep worker entry), not ${typeof w}`);
  return w;
}

// worker_threads takes a path or a file: URL; a string that is a file: URL is made one.
const nodeTarget = (w) => (typeof w === 'string' && w.startsWith('file:') ? new URL(w) : w);

// Hazard: the worker's URL is deliberately not the literal `new URL('./x.js', import.meta.url)`.
// Bundlers (Vite, webpack 5) follow that form into the main entry and bundle the worker with
// their default format — Vite's 'iife', which cannot hold the worker's dynamic imports of the two
// engine builds — so every app importing 'relu-lab' failed to build (tests/consumers vite). The
// default entry therefore needs the package's js/ folder as published (Node, unbundled ES modules,
// the site). A bundled app names the entry it emitted from 'relu-lab/sweep-worker' instead:
// lab.sweep(spec, { worker }) (README "lab.sweep in a bundled app"); without it, lab.sweep there
// rejects with the worker's 404, and apps that never sweep are not touched.
const WORKER_FILE = ['sweep-worker', 'js'].join('.');
const workerURL = (base) => new URL(`./${WORKER_FILE}`, base);

// A page may load the package from another origin (the <relu-lab> element on a tutorial hosted
// elsewhere) and a Worker's script must be same-origin: then the worker is a one-line module from
// a blob: URL that imports ours (as web/src/engine-client.js does).
function spawnWeb(worker) {
  if (worker !== undefined) return new Worker(worker, { type: 'module' });
  const here = import.meta.url;
  const crossOrigin = globalThis.location && new URL(here).origin !== globalThis.location.origin;
  if (!crossOrigin) return new Worker(workerURL(here), { type: 'module' });
  const blob = new Blob([`import ${JSON.stringify(workerURL(here).href)};\n`], { type: 'text/javascript' });
  const url = URL.createObjectURL(blob);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return new Worker(url, { type: 'module' });
}

/** A browser Worker behind the pool's handle. */
function webHandle(w) {
  const handle = { raw: w, send: (m) => w.postMessage(m) };
  running.add(handle);
  w.onmessage = (e) => handle.onMessage?.(e.data);
  w.onerror = (e) => {
    e.preventDefault?.();
    handle.onFail?.(new Error(`sweep worker: ${e.message ?? 'failed to start'}`));
  };
  handle.terminate = async () => {
    w.terminate();
    running.delete(handle);
  };
  return handle;
}

/** A worker_threads Worker behind the pool's handle. */
function nodeHandle(w) {
  const handle = { raw: w, send: (m) => w.postMessage(m) };
  running.add(handle);
  w.on('message', (m) => handle.onMessage?.(m));
  w.on('error', (e) => handle.onFail?.(e));
  const exited = new Promise((r) => w.once('exit', r)).then(() => running.delete(handle));
  handle.terminate = async () => {
    await w.terminate();
    await exited;
  };
  return handle;
}

/** Ask one worker and wait for its answer of `type`. */
const ask = (h, msg, type) =>
  new Promise((resolve, reject) => {
    h.onMessage = (m) => (m.type === type ? resolve(m) : reject(new Error(m.message ?? `sweep worker: ${m.type}`)));
    h.onFail = reject;
    h.send(msg);
  });

/**
 * Run every task on `workers` workers. onRecord(index, record) on each result as it comes.
 * Resolves with { records (task order), live (objects the workers still held: 0) }.
 */
export async function runTasks(tasks, { workers, simd, signal, onRecord, worker }) {
  const n = Math.max(1, Math.min(workers, tasks.length || 1));
  const make = await spawner(worker);
  const pool = [];
  const records = new Array(tasks.length);
  let aborted = null;
  const stop = () => Promise.all(pool.map((h) => h.terminate()));
  let abort = null;
  try {
    return await new Promise((resolve, reject) => {
      abort = () => {
        aborted = signal.reason ?? new DOMException('lab.sweep: cancelled', 'AbortError');
        reject(aborted);
      };
      if (signal?.aborted) return abort();
      signal?.addEventListener('abort', abort, { once: true });
      let next = 0;
      let done = 0;
      const feed = (h) => {
        if (aborted) return;
        if (next >= tasks.length) return;
        const index = next++;
        h.onMessage = (m) => {
          if (aborted) return;
          if (m.type !== 'record') return reject(new Error(`lab.sweep: run ${index} failed: ${m.message}`));
          records[index] = m.record;
          onRecord?.(index, m.record);
          if (++done === tasks.length) resolve();
          else feed(h);
        };
        h.onFail = reject;
        h.send({ type: 'run', index, task: tasks[index] });
      };
      for (let i = 0; i < n; ++i) pool.push(make());
      for (const h of pool) (h.ready = ask(h, { type: 'init', simd }, 'ready')).then(() => feed(h), reject);
      if (!tasks.length) resolve();
    }).then(async () => {
      let live = 0;
      for (const h of pool) {
        await h.ready; // a worker may still be loading when the others have done every run
        live += (await ask(h, { type: 'dispose' }, 'disposed')).live;
      }
      return { records, live, workers: pool.length };
    });
  } finally {
    if (abort) signal?.removeEventListener('abort', abort);
    await stop();
  }
}
