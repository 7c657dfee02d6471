// engine-client.js — the main thread's side of the worker protocol (see worker.js): one module
// Worker per playground, requests as promises. Holds no playground state.
//
// The worker URL is written as new URL('./worker.js', import.meta.url) inside `new Worker(…)` so
// that bundlers (Vite, webpack 5, esbuild with plugins) find it and emit the worker as its own
// module. A worker that cannot start (a 404, a CSP refusal, a syntax error) rejects every pending
// and later request with an Error the playground shows; terminate() rejects them with an
// AbortError, which the playground ignores once it is destroyed.
//
// Hazard: a page may load this module from another origin (the <relu-lab> snippet on a tutorial
// hosted elsewhere), and a Worker's script must be same-origin. Then the worker is a one-line
// module from a blob: URL that imports ours (fetched with CORS; scripts/serve.mjs allows it).

const here = import.meta.url; // not `new URL(…, import.meta.url)`: a bundler would emit it as an asset

function spawn() {
  const crossOrigin = globalThis.location && new URL(here).origin !== globalThis.location.origin;
  if (!crossOrigin) return new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  const src = `import ${JSON.stringify(new URL('./worker.js', here).href)};\n`;
  const url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
  const worker = new Worker(url, { type: 'module' });
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return worker;
}

export function createEngine() {
  const worker = spawn();
  const pending = new Map();
  let next = 1;
  let failed = null;

  worker.onmessage = (ev) => {
    const { id, ok, result, error } = ev.data;
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    if (ok) p.resolve(result);
    else p.reject(new Error(error));
  };
  worker.onerror = (ev) => {
    ev.preventDefault?.();
    fail(new Error(`The engine could not start in a worker${ev.message ? ` (${ev.message})` : ''}.`));
  };
  worker.onmessageerror = () => fail(new Error('The engine worker sent a message that could not be read.'));

  function fail(e) {
    failed ??= e;
    for (const p of pending.values()) p.reject(failed);
    pending.clear();
  }

  /** Send one request; resolves with the worker's result. */
  function request(type, args = {}, transfer = []) {
    if (failed) return Promise.reject(failed);
    const id = next++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, type, ...args }, transfer);
    });
  }

  return {
    request,
    get busy() {
      return pending.size > 0;
    },
    get failed() {
      return failed;
    },
    terminate() {
      worker.terminate();
      const e = new Error('the engine was stopped');
      e.name = 'AbortError';
      fail(e);
    },
  };
}
