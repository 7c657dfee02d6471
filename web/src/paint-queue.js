// paint-queue.js — spreads the painting of one worker result over several animation frames when it
// does not fit in one. The playground cuts a render into parts (the main map, the twins, the
// network, the chart, …); run() is called once per animation frame and does parts until its time
// budget is spent (at least one part, so a render always finishes), then calls the render's done().
// Why: with four twins, or on the first frames after loading (cold JIT, every canvas new), a whole
// render plus the style, layout, paint and commit it causes made main-thread tasks of 50–150 ms and
// dropped frames on a 2-core machine; a part at a time keeps every frame short.
// What it is not: a scheduler for anything else. No DOM; parts are plain functions.

export function createPaintQueue({ budget = 6 } = {}) {
  let parts = [];
  let done = null;

  /** Do the rest of the current render now (before a synchronous render replaces it). */
  function flush() {
    while (parts.length) parts.shift()();
    finish();
  }

  function finish() {
    const d = done;
    done = null;
    d?.();
  }

  return {
    /** True while a render has parts left. */
    get busy() {
      return parts.length > 0 || done !== null;
    },
    /** Queue a render: parts in order, then onDone() (after the last part has run). */
    start(list, onDone) {
      if (parts.length || done) flush();
      parts = [...list];
      done = onDone;
    },
    /** One animation frame's share: parts until `budget` ms have passed since t0 (at least one). */
    run(t0 = performance.now()) {
      if (!parts.length && !done) return;
      do parts.shift()?.();
      while (parts.length && performance.now() - t0 < budget);
      if (!parts.length) finish();
    },
    flush,
    /** Forget the current render without painting the rest (destroy). */
    clear() {
      parts = [];
      done = null;
    },
  };
}
