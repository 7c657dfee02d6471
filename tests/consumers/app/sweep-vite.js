// sweep-vite.js — lab.sweep in a Vite app: '?worker' makes Vite bundle relu-lab's sweep worker
// entry as a worker of its own (worker.format 'es' in the config: the entry loads the engine with
// a dynamic import, which Vite's default 'iife' cannot hold) and gives its constructor.
import SweepWorker from 'relu-lab/sweep-worker?worker';
import { show, sweepIn } from './sweep-common.js';

show(sweepIn(() => new SweepWorker()));
