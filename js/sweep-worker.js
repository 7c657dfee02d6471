// sweep-worker.js — the entry of one sweep worker: a module Worker in browsers, a worker_threads
// thread in Node. It loads its own engine (the flavour the parent lab runs) and answers
//   { type: 'run', index, task } → { type: 'record', index, record } | { type: 'error', index, message }
//   { type: 'dispose' }           → { type: 'disposed', live }  (objects still alive: 0)
// The package exports it as 'relu-lab/sweep-worker', for bundled apps to emit and name in
// lab.sweep(spec, { worker }) (README "lab.sweep in a bundled app").
// What it is not: the scheduler (sweep-pool.js hands out one task at a time) or validation (the
// tasks were checked by sweep-spec.js in the parent).
import { load } from './index.js';
import { runRecord } from './sweep-run.js';

// Node's module name is built at run time so that browser bundlers do not try to resolve it.
const NODE_THREADS = ['node', 'worker_threads'].join(':');
const port =
  typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope
    ? { send: (m) => self.postMessage(m), listen: (fn) => (self.onmessage = (e) => fn(e.data)) }
    : await import(NODE_THREADS).then(({ parentPort, workerData }) => ({
        send: (m) => parentPort.postMessage(m),
        listen: (fn) => parentPort.on('message', fn),
        workerData,
      }));

let lab = null;
const queue = [];
let busy = false;

async function handle(msg) {
  if (msg.type === 'init') {
    lab = await load({ simd: msg.simd });
    return { type: 'ready' };
  }
  if (msg.type === 'run') {
    try {
      return { type: 'record', index: msg.index, record: runRecord(lab, msg.task) };
    } catch (e) {
      return { type: 'error', index: msg.index, message: String(e?.message ?? e) };
    }
  }
  if (msg.type === 'dispose') return { type: 'disposed', live: lab ? lab.liveObjects() : 0 };
  return { type: 'error', index: -1, message: `sweep worker: unknown message ${msg?.type}` };
}

// One message at a time, in order (init is asynchronous; runs must wait for it).
port.listen(async (msg) => {
  queue.push(msg);
  if (busy) return;
  busy = true;
  while (queue.length) port.send(await handle(queue.shift()));
  busy = false;
});
