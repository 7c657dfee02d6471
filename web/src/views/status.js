// status.js — a polite aria-live region, throttled so that a screen reader hears the training
// state every few seconds at most, not every frame.
import { h } from '../dom.js';

export function createStatus({ interval = 4000 } = {}) {
  const element = h('p.status.visually-hidden', { 'role': 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  let last = 0;
  let pending = null;
  let timer = null;
  function say(text, { now = false } = {}) {
    pending = text;
    const t = performance.now();
    if (now || t - last >= interval) return flush();
    timer ??= setTimeout(flush, interval - (t - last));
  }
  function flush() {
    clearTimeout(timer);
    timer = null;
    last = performance.now();
    if (pending !== null && element.textContent !== pending) element.textContent = pending;
    pending = null;
  }
  return { element, say, dispose: () => clearTimeout(timer) };
}
