// heartbeat.js — bench-only (bench/page-engines.mjs puts it first in every page of its copy of the
// site): a chain of setTimeout(0) tasks on the main thread from the document's start. The gap
// between two beats is the longest stretch the main thread was busy in between (a task, or a
// rendering step), to within the timer clamp (~4 ms). Firefox and WebKit have no Long Tasks API,
// so this is how the bench measures their longest task; it costs a few µs every ~4 ms.
(() => {
  const hb = (window.__heartbeat = { gaps: [], last: performance.now() });
  const beat = () => {
    const t = performance.now();
    if (t - hb.last > 20) hb.gaps.push({ at: t, ms: t - hb.last });
    hb.last = t;
    setTimeout(beat, 0);
  };
  setTimeout(beat, 0);
})();
