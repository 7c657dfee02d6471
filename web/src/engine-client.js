// engine-client.js — the main thread's side of the worker protocol (see worker.js): one module
// Worker per playground, requests as promises. Holds no playground state.

export function createEngine() {
  const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
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
    failed = new Error(ev.message || 'the engine worker failed to start');
    for (const p of pending.values()) p.reject(failed);
    pending.clear();
  };

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
    terminate() {
      worker.terminate();
      for (const p of pending.values()) p.reject(new Error('terminated'));
      pending.clear();
    },
  };
}
