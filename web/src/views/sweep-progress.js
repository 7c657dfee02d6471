// sweep-progress.js — the progress block of a sweep the page runs (the lesson's "Measure it
// yourself" and the playground's Sweep panel): a progress bar, a status line with the time left,
// Cancel, and the run itself — runSweep on the page's workers, so that this thread only draws.
// What it is not: the form or the charts (each panel draws what onRecord hands it).
import { h } from '../dom.js';
import { runSweep } from '../../relu-lab/index.js';

/**
 * Workers for a sweep in the page: every core but one, which stays with the page (it paints, and
 * the playground's own worker trains). Measured by bench/sweep-page.mjs.
 */
export const pageWorkers = () => Math.max(1, (navigator.hardwareConcurrency || 2) - 1);

const timeLeft = (ms) => (ms < 1000 ? 'under a second' : `about ${Math.round(ms / 1000)} s`);

/**
 * idle: the status line before any run. → { bar, cancel, status (elements to place), run, abort }.
 * run(spec, { element, starting, onRecord, done }) runs the sweep: element.dataset.state goes
 * running → done | cancelled | error, onRecord(record) after each run (finishing order), done(r)
 * is the status text at the end. Resolves with runSweep's result, or null (cancelled, failed).
 */
export function createSweepProgress(idle) {
  let ac = null;
  const cancel = h(
    'button.secondary.measure-cancel',
    { type: 'button', hidden: true, onclick: () => ac?.abort() },
    'Cancel',
  );
  const bar = h('progress.measure-bar', { 'max': 1, 'value': 0, 'aria-label': 'Sweep progress' });
  const status = h('p.measure-status', { 'role': 'status', 'aria-live': 'polite' }, idle);

  async function run(spec, { element, starting = 'Starting the runs in workers…', onRecord, done }) {
    ac = new AbortController();
    let finished = 0;
    element.dataset.state = 'running';
    cancel.hidden = false;
    bar.value = 0;
    status.textContent = starting;
    try {
      const r = await runSweep(spec, {
        workers: pageWorkers(),
        signal: ac.signal,
        onProgress: (p) => {
          finished = p.done;
          bar.max = p.total;
          bar.value = p.done;
          status.textContent = `${p.done} of ${p.total} runs — ${p.done < p.total ? `${timeLeft(p.etaMs)} left` : 'done'}`;
          onRecord?.(p.record);
        },
      });
      element.dataset.state = 'done';
      status.textContent = done(r);
      return r;
    } catch (e) {
      const cancelled = e?.name === 'AbortError';
      element.dataset.state = cancelled ? 'cancelled' : 'error';
      status.textContent = cancelled ? `Cancelled after ${finished} runs.` : `The sweep stopped: ${e?.message ?? e}`;
      return null;
    } finally {
      ac = null;
      cancel.hidden = true;
    }
  }

  return { bar, cancel, status, run, abort: () => ac?.abort() };
}
