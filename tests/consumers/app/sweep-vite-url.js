// sweep-vite-url.js — the other Vite recipe: '?worker&url' gives the URL of the worker bundle
// Vite emitted (worker.format 'es' in the config), and lab.sweep makes module Workers of it.
import workerUrl from 'relu-lab/sweep-worker?worker&url';
import { show, sweepIn } from './sweep-common.js';

show(sweepIn(workerUrl));
