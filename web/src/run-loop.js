// run-loop.js — play / pause / step: one worker frame per animation frame, and what it means; it paints nothing.
// One frame in flight at a time (asked for by tick), each result recorded (the loss and α
// histories, events, a stop at every model's stopAt or on divergence), the waits for a painted
// frame, and state(). Not here: painting (render.js), the models' set-up (models.js).
import { TILE } from './render.js';

const HISTORY_CAP = 4000;

/**
 * s: the playground's state; paint: its paint queue; parts(r) and sizes(): the render's (render.js,
 * which reads this loop back); setPlaying(on): the toolbar's play button.
 */
export function createRunLoop({
  s,
  engine,
  events,
  paint,
  parts,
  sizes,
  setPlaying,
  say,
  showError,
  clearError,
  answers,
}) {
  let playing = false;
  let inflight = false;
  let generation = 0;
  let needFrame = true;
  let latest = null; // last frame result (models[])
  let past = null; // the last past moment painted (time travel: what the views show while s.viewing is set)
  let pendingRender = null;
  let history = []; // per model: [{ epoch, trainLoss, testLoss, trainAccuracy, testAccuracy }]
  let alphaHistory = [];
  let stepWaiters = []; // [{ after, resolve }]: resolved by the first frame requested after `after`
  let frameSeq = 0; // frames requested so far
  let raf = 0;
  let rendered = 0; // frames painted (for state() and the bench)
  // Maps the views have replaced go back to the worker with the next frame request, which writes
  // the next maps into them (worker.js: no new buffer, so no garbage, per frame).
  const spare = [];
  const release = (a) => a.byteLength && spare.length < 16 && !spare.includes(a) && spare.push(a);

  function play() {
    // A diverged model cannot train (Reset first); a rejected import or field is no reason to
    // refuse, and its message goes once training resumes. Only an engine that failed to load is.
    if (playing || (s.error && !s.info)) return;
    if (latest?.models.some((m) => m.diverged))
      return say('Training diverged (loss is not finite): lower the learning rate and reset.', true);
    if (s.destroyed) return;
    clearError();
    if (latest?.models.length && latest.models.every((m) => m.done)) trainOnPastStop();
    playing = true;
    setPlaying(true);
    say('Training.', true);
    events.emit('play', {});
  }

  /**
   * Every model stopped at its "Stop at epoch": ▶ trains on (issue #19: it did nothing). The
   * worker drops their stops (it answers in order, so before the next frame); a config change
   * sets them again.
   */
  function trainOnPastStop() {
    latest.models.forEach((m, i) => {
      m.done = false;
      engine.request('train', { index: i, stopAt: 0 }).catch(() => {});
    });
    answers?.resumed(latest.models[s.primary]?.epoch ?? 0);
  }

  function pause() {
    if (!playing) return;
    playing = false;
    setPlaying(false);
    needFrame = true;
    say('Paused.', true);
    events.emit('pause', {});
  }

  /** Train n epochs once the frame in flight is done; resolves when they are painted. */
  async function step(n, quiet) {
    while (inflight) await new Promise((r) => setTimeout(r, 4));
    const done = new Promise((r) => stepWaiters.push({ after: frameSeq, resolve: r }));
    await frame(Math.max(1, Math.round(n)), quiet);
    await done;
  }

  /** A frame without training, painted: resolves once a frame asked for after this call is. */
  function waitFrame() {
    needFrame = true;
    return new Promise((r) => stepWaiters.push({ after: frameSeq, resolve: r }));
  }

  /** One worker frame: train `epochs`, return maps and health. quiet: metrics only (no maps, tiles, weights or health). */
  async function frame(epochs, quiet = false) {
    inflight = true;
    const seq = ++frameSeq;
    const gen = generation;
    const sz = sizes();
    const recycle = spare.splice(0);
    const { config, primary } = s;
    try {
      const r = await engine.request(
        'frame',
        quiet
          ? { epochs, map: null, primaryMap: null, tiles: null, primary, weights: false, health: false, recycle }
          : {
              epochs,
              map: config.compare ? sz.twin : sz.main,
              primaryMap: config.compare ? sz.main : null,
              tiles: { size: sz.tile ?? TILE },
              primary,
              recycle,
              ...extras(config, sz),
            },
        [...new Set(recycle.map((a) => a.buffer))],
      );
      if (gen !== generation || s.destroyed) return null;
      r.mapSize = s.config.compare ? sz.twin : sz.main;
      r.tileSize = sz.tile ?? TILE;
      r.primaryMapSize = s.config.compare ? sz.main : null;
      r.seq = seq;
      // a quiet frame keeps showing the last maps and weights (the next full frame replaces them)
      if (quiet)
        r.models.forEach((m, i) =>
          Object.assign(
            m,
            pick(latest?.models[i], ['map', 'primaryMap', 'tiles', 'weights', 'regions', 'trace']),
            m.health ? {} : { health: latest?.models[i]?.health },
          ),
        );
      if (!quiet) keepTrace(r);
      record(r);
      latest = r;
      pendingRender = r;
      return r;
    } catch (e) {
      showError(e);
      pause();
      return null;
    } finally {
      inflight = false;
    }
  }

  // issue 15: the primary's gate regions (Regions mode; a grid of at most 400², scaled up on the
  // page) and the traced point's passes, computed with the frame's maps
  // While training, the trace is asked for at most every TRACE_MS for the same point (a deep
  // net's costs the worker several ms a frame); the frames between keep showing the last one.
  const TRACE_MS = 200;
  let traced = { at: 0, point: null };
  function extras(config, sz) {
    const side = (v) => Math.min(400, v);
    const regions = config.regions && sz.main; // compare mode: the primary's (main) map
    const point = config.trace ? (s.trace?.point ?? null) : null;
    const now = performance.now();
    const due = point && (!playing || point !== traced.point || now - traced.at >= TRACE_MS);
    if (due) traced = { at: now, point };
    return {
      regions: regions ? { width: side(sz.main.width), height: side(sz.main.height) } : null,
      trace: due ? point : null,
    };
  }

  /** A frame that was not asked for the trace keeps the last one (of the same point). */
  function keepTrace(r) {
    const m = r.models[s.primary];
    const last = latest?.models[s.primary]?.trace;
    const p = traced.point;
    const same = !!last && !!p && last.point.x === p.x && last.point.y === p.y && last.point.label === p.label;
    if (m && m.trace === undefined && s.config.trace && same) m.trace = last;
  }

  const pick = (o, keys) => Object.fromEntries(keys.filter((k) => o?.[k] !== undefined).map((k) => [k, o[k]]));

  function record(r) {
    r.models.forEach((m, i) => {
      history[i] ??= [];
      const H = history[i];
      if (m.metrics && (H.length === 0 || H.at(-1).epoch !== m.epoch)) {
        H.push({ epoch: m.epoch, ...m.metrics });
        if (H.length > HISTORY_CAP) history[i] = H.filter((_, k) => k % 2 === 0 || k === H.length - 1);
      }
      // issue 15: the worker's region count (Regions mode, primary only) joins that epoch's entry
      if (m.regions && history[i].at(-1)?.epoch === m.epoch) history[i].at(-1).regions = m.regions.count;
    });
    const p = r.models[s.primary];
    if (p?.weights?.some((L) => L.alpha)) {
      const alpha = p.weights
        .slice(0, -1)
        .map((L) => (L.alpha ? L.alpha.reduce((a, b) => a + b, 0) / L.alpha.length : NaN));
      if (alphaHistory.at(-1)?.epoch !== p.epoch) alphaHistory.push({ epoch: p.epoch, alpha });
    } else alphaHistory = [];
    if (r.models.some((m) => m.diverged) && playing) {
      pause();
      say('Training diverged (loss is not finite): lower the learning rate and reset.', true);
    }
    observe(r);
  }

  // ---- events (events.js), and the stop at every model's stopAt --------------------------------
  function observe(r) {
    events.frame(r, s.primary, s.twinLabels);
    const p = r.models[s.primary];
    if (p && playing && r.models.length && r.models.every((m) => m.done)) {
      pause();
      say(`Stopped at epoch ${p.epoch}.`, true);
      events.emit('stopped', { epoch: p.epoch, epochs: r.models.map((m) => m.epoch) });
    }
  }

  function tick() {
    if (s.destroyed) return;
    raf = requestAnimationFrame(tick);
    const t0 = performance.now();
    if (pendingRender && !paint.busy) {
      const r = pendingRender;
      pendingRender = null;
      paint.start(parts(r), () => painted(r));
    }
    paint.run(t0);
    if (!s.info || inflight) return;
    if (playing) frame(s.config.epochsPerFrame);
    else if (needFrame && s.viewing === null) {
      needFrame = false;
      frame(0);
    } else if (needFrame && past) {
      // viewing the past: a new traced point, a view setting or a resize is the same moment again
      needFrame = false;
      const at = s.config.compare || !s.viewingAt ? s.viewing : { clock: s.viewingAt.clock };
      showPast(at, true).catch(showError);
    }
  }

  /** The last part of a frame's render has run. */
  function painted(r) {
    rendered++;
    // a waiter wants a frame requested after it asked (not one already in flight, e.g. the
    // training frame that was running when refresh() was called)
    const waiters = stepWaiters.filter((w) => r.seq > w.after);
    stepWaiters = stepWaiters.filter((w) => r.seq <= w.after);
    waiters.forEach((w) => w.resolve());
  }

  // ---- time travel: a past epoch shown (time-travel.js), and the past after a branch -----------

  /**
   * The worker's state at a past epoch (or { clock }), painted as a frame (not recorded in the
   * histories), with the past model's regions and trace (issue 15's views) as a frame has them.
   * refresh: the moment already shown, asked again (dropped if the view went back to now meanwhile).
   */
  async function showPast(epoch, refresh = false) {
    const at = typeof epoch === 'number' ? { epoch } : epoch;
    while (inflight) await new Promise((r) => setTimeout(r, 4));
    inflight = true;
    const gen = generation;
    const sz = sizes();
    const twins = s.config.compare; // every twin at that epoch: small maps, the primary's large one too
    try {
      const r = await engine.request('seek', {
        ...at,
        map: twins ? sz.twin : sz.main,
        primaryMap: twins ? sz.main : null,
        primary: s.primary,
        tiles: { size: sz.tile ?? TILE },
        ...extras(s.config, sz),
      });
      if (gen !== generation || s.destroyed || (refresh && s.viewing === null)) return null;
      r.mapSize = twins ? sz.twin : sz.main;
      r.primaryMapSize = twins ? sz.main : null;
      r.tileSize = sz.tile ?? TILE;
      r.seq = ++frameSeq;
      pendingRender = r;
      past = r;
      return r;
    } finally {
      inflight = false;
    }
  }

  /** After a branch at `epoch`: the histories forget the old branch's later epochs (the worker keeps it). */
  function truncate(epoch) {
    history = history.map((H) => H.filter((p) => p.epoch <= epoch));
    alphaHistory = alphaHistory.filter((p) => p.epoch <= epoch);
    latest = null;
    past = null;
    needFrame = true;
  }

  function state() {
    const p = latest?.models[s.primary] ?? latest?.models[0];
    return structuredClone({
      config: s.config,
      epoch: p?.epoch ?? 0,
      playing,
      metrics: p?.metrics ?? null,
      health: p?.health ?? null,
      models: (latest?.models ?? []).map((m, i) => ({
        label: s.twinLabels[i],
        epoch: m.epoch,
        metrics: m.metrics,
        diverged: m.diverged,
        done: !!m.done,
        deadUnits: m.health?.deadUnits ?? null,
        totalUnits: m.health?.totalUnits ?? null,
        gradientNorms: m.health?.gradientNorms ?? m.health?.layers?.map((L) => L.gradientNorm) ?? null,
      })),
      // issue 15: the primary's regions as the worker counted them (Regions mode), else null
      regions: p?.regions ? { count: p.regions.count, width: p.regions.width, height: p.regions.height } : null,
      primary: s.primary,
      error: s.error,
      frames: rendered,
      workerMs: latest?.workerMs ?? null,
    });
  }

  return {
    get playing() {
      return playing;
    },
    get latest() {
      return latest;
    },
    /** What the views show: the past moment while one is viewed (time-travel.js), else the latest frame. */
    get current() {
      return s.viewing !== null && past ? past : latest;
    },
    get history() {
      return history;
    },
    get alphaHistory() {
      return alphaHistory;
    },
    play,
    pause,
    step,
    waitFrame,
    state,
    release,
    /** Start asking for frames (once per animation frame, until stop()). */
    start: () => (raf = requestAnimationFrame(tick)),
    stop() {
      playing = false;
      cancelAnimationFrame(raf);
    },
    /** Ask the worker for a frame (maps, tiles, health) at the next animation frame. */
    requestFrame: () => (needFrame = true),
    /** New models: a frame in flight is dropped and the rest of a queued render is not painted. */
    discard() {
      generation++;
      past = null;
      paint.clear();
    },
    /** Forget the last result and the histories (a rebuild). */
    forget() {
      latest = null;
      past = null;
      history = [];
      alphaHistory = [];
    },
    /** Forget the loss history, or start from one (an imported model's: [entries of model 0]). */
    clearHistory: (from = []) => (history = from),
    showPast,
    truncate,
  };
}
