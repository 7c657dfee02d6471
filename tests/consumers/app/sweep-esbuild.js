// sweep-esbuild.js — lab.sweep in an esbuild bundle: esbuild does not follow workers, so the
// sweep worker entry is a second entry point of the same build, named sweep-worker.js
// (esbuild sweep-esbuild.js sweep-worker=relu-lab/sweep-worker --bundle --format=esm --outdir=out),
// and the app passes its URL.
import { show, sweepIn } from './sweep-common.js';

show(sweepIn(new URL('./sweep-worker.js', import.meta.url)));
