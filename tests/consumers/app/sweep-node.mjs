// sweep-node.mjs — the reference for consumers "vite" and "esbuild": SPEC of sweep-common.js in
// Node on 2 worker_threads, from the installed package (no option: its own worker entry).
import { load } from 'relu-lab';
import { SPEC } from './sweep-common.js';

const lab = await load();
const r = await lab.sweep(SPEC, { workers: 2 });
console.log(JSON.stringify({ simd: lab.simd, workers: r.workers, live: r.live, records: r.records }));
