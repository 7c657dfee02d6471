// playground.js — createPlayground(root, options): the thin controller. It owns one config (the
// field table in config.js), one engine Worker (engine-client.js → worker.js), and the modules
// below, and wires them together; the API is this file's. No global state: every playground is
// independent (the <relu-lab> element and the iframe embed reuse this); what the modules share is
// one state object, `s`. The URL is the page's business: options.onChange(config) reports changes,
// the page writes the hash. What it is not: any of the modules it wires:
//   layout.js      the views and the DOM, and the controls set from the config (sync)
//   visibility.js  which panels and controls are shown on request (URL, show())
//   keyboard.js    Space, → and R while the playground has focus
//   run-loop.js    play / pause / step, one worker frame per animation frame, histories, state()
//   render.js      a frame's result painted into the views, in parts (paint-queue.js)
//   models.js      the config as the worker's models: setConfig(), rebuilds, model import/export
//   edits.js       points, CSV data, weights and revived units changed by hand
//   time-travel.js the timeline: a past epoch shown while paused, and the branch made from it
//
// Scripting API (also what the <relu-lab> element exposes):
//   ready: Promise            resolves when the engine is loaded and the first frame is painted
//   play(), pause()           start / stop training (one request in flight at a time)
//   step(n = 1): Promise      train n epochs (pauses first); resolves with state()
//   reset(): Promise          new networks from the same seeds (same initial weights)
//   state()                   { config, epoch, playing, metrics, models, health, frames }
//   setConfig(partial): Promise   change any fields (see config.js); resolves when applied
//   revive(layer = -1, index): Promise   ReDo: re-initialise dead units (layer −1: the whole net)
//   refresh(): Promise        repaint from the worker (no training); resolves with state()
//   show({ panels, controls }) which panels and controls are visible (null: all)
//   on(type, fn) → off        events: epoch, unitdied, diverged, stopped, play, pause, error
//   exportModel(), importModel(json), destroy(): Promise<{ live }|null>
//   runLink(), replayLog(log, clock), weightHash()   time travel: a link's log (time-travel.js)
//   weightHashes()            time travel: every model's and every old branch's parameter hash
//   activationCurve()         the curve the activation panel drew: { activation, alpha, x, f, df, … }
// options: { config, hidden, hideText, autoplay, panels, controls, onChange, onCopyLink, onCopyEmbed }
import { normalize, datasetOptions, datasetClasses, FIELD, DATASETS } from './config.js';
import { createEngine } from './engine-client.js';
import { createPaintQueue } from './paint-queue.js';
import { createReveal } from './reveal.js';
import { createEvents } from './events.js';
import { createLayout } from './layout.js';
import { createVisibility } from './visibility.js';
import { bindKeys } from './keyboard.js';
import { createRunLoop } from './run-loop.js';
import { createRender } from './render.js';
import { createModels } from './models.js';
import { createEdits } from './edits.js';
import { createAnswers } from './answers.js';
import { applyGlossary } from './glossary.js';
import { createSelectionPopover } from './selection-popover.js';
import { createTimeTravel } from './time-travel.js';
import { createTracer } from './tracer.js';
import { attachTraceGestures } from './trace-gestures.js';

export function createPlayground(root, options = {}) {
  const config = normalize(options.config ?? {});
  const reducedMotion = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  const engine = createEngine();
  // What the modules share; each field is written by the module named (the others read it).
  const s = {
    config, // models.js (setConfig, importModel)
    classes: datasetClasses(config), // models.js, edits.js (CSV import), the start below
    points: null, // the dataset's points, as the worker last sent them: the same
    info: null, // the engine's init answer, null until it has loaded: the start below
    error: null, // the message shown: showError / clearError
    destroyed: false, // destroy()
    primary: 0, // the model the main map, the network and the inspector show: pick, models.js
    selected: null, // [layer, unit], layer −1 the output (its weights are the last layer's): select
    twinLabels: [], // models.js
    viewing: null, // the past epoch the timeline shows, null: the present (time-travel.js)
    viewingAt: null, // { step, clock } of that past moment (time-travel.js)
    branches: null, // the worker's old branches { current, max, list } (time-travel.js; render.js draws them)
    branchTwins: false, // two branches shown as twins (time-travel.js; models.js leaves them)
    // issue 15: the traced point ({ x, y, label } or null), Backward on, and the last nudge
    // (and the unit hovered in Regions mode, the Step sequence's stage and its sentence, the last
    // nudge's steps, shown on the links until Undo or the next epoch: tracer.js, render.js)
    trace: {
      point: null,
      backward: false,
      canUndo: false,
      nudgeText: '',
      hovered: null,
      stage: null,
      stageText: '',
      nudge: null,
    },
  };
  const paint = createPaintQueue(); // a result's render, spread over animation frames (run-loop.js)
  const events = createEvents(); // on / emit, and what each frame means in events (events.js)
  const ready = () => api.ready;

  // What the toolbar's buttons and the keys do (errors shown, never unhandled).
  const commands = {
    togglePlay,
    step: () => api.step(1).catch(showError),
    reset: () => api.reset().catch(showError),
  };
  const ui = createLayout(s, options, {
    ...commands,
    change,
    set: (partial) => api.setConfig(partial).catch(showError),
    say,
    showError,
    select,
    preview: (l, u) => painter.preview(l, u),
    release: (a) => run.release(a),
    addPoint: (x, y, shift) =>
      s.config.trace ? tracer.pick(x, y, shift) : travel.then(() => edits.addPoint(x, y, shift)),
    trace: {
      onBackward: (on) => tracer.backward(on),
      onNudge: () => tracer.nudge().catch(showError),
      onUndo: () => tracer.undo().catch(showError),
      onClear: () => tracer.pick(null),
      onStep: () => tracer.step().catch(showError),
    },
    // the crosshair moved (arrow keys): the traced point follows it; a region under it lights its gates
    cursor: (x, y) => gestures.cursor(x, y),
    removePoint: (x, y) => travel.then(() => edits.removePoint(x, y)),
    importCSV: (text) => edits.importCSV(text),
    exportCSV: () => edits.exportCSV(),
    editWeight: (l, u, input, value) => travel.then(() => edits.editWeight(l, u, input, value)),
    viewPast: (epoch) => travel.view(epoch),
    backToNow: () => travel.now(),
    switchBranch: (i) => travel.switchBranch(i).catch(showError),
    compareBranch: (i) => travel.compareBranch(i).catch(showError),
    stepPast: (d) => travel.stepPast(d).catch(showError),
    branchWith: (epoch, learningRate) =>
      travel
        .view(epoch)
        .then(() => api.setConfig({ learningRate }))
        .catch(showError),
    curve: (args) => engine.request('curve', args),
    pick: (i) => {
      s.primary = i;
      ui.compare.setPrimary(i);
      run.requestFrame();
    },
    revive: (layer) => api.revive(layer).catch(showError),
    exportModel: () => api.exportModel(),
    importModel: (json) => api.importModel(json),
    // Export → PyTorch / NumPy: net.toCode in the Worker, with the data and training settings in use
    exportCode: (target) =>
      ready()
        .then(() => engine.request('exportCode', { index: s.primary, target }))
        .then((r) => r.code),
  });
  const { element } = ui;
  root.replaceChildren(element);
  // shown once their fonts are resolved, a group per frame (started below, with the network built)
  const reveal = createReveal(ui.revealGroups);
  if (reducedMotion) element.classList.add('reduced-motion');
  bindKeys(element, commands);
  applyGlossary(element);

  const answers = createAnswers({ s, notices: ui.notices, events });
  const run = createRunLoop({
    s,
    engine,
    events,
    paint,
    parts: (r) => (travel.update(), painter.parts(r)),
    sizes: () => painter.sizes(),
    setPlaying: (on) => ui.toolbar.setPlaying(on),
    say,
    showError,
    clearError,
    answers,
  });
  // the selected unit's popover beside it (issue #19); render.js keeps it current
  ui.unitPopover = createSelectionPopover({
    s,
    ui,
    element,
    reducedMotion,
    latest: () => run.current && (run.current.models[s.primary] ?? run.current.models[0]), // the past one while viewed
  });
  const painter = createRender({ s, ui, run, paint, say, showError });
  const travel = createTimeTravel({
    s,
    engine,
    run,
    ui,
    say,
    showError,
    setTrain: (t) => models.setConfig(t),
    enterTwins: (labels) => models.showBranchTwins(labels),
    leaveTwins: () => models.showBranchTwins(null),
  });
  const models = createModels({
    s,
    options,
    engine,
    events,
    ui,
    run,
    painter,
    ready,
    state,
    clearError,
    showError,
    travel,
  });
  const edits = createEdits({ s, engine, ui, run, models, ready, say, showError, clearError, answers });
  const tracer = createTracer({ s, engine, run, events, say, branchIfPast: () => travel.branchIfPast() });
  const gestures = attachTraceGestures({ s, map: ui.map, net: ui.net, tracer, run, say });
  const visibility = createVisibility(
    element,
    ui.toolbar.element,
    { panels: options.panels ?? null, controls: options.controls ?? null, hidden: options.hidden ?? new Set() },
    () => {
      run.requestFrame();
      painter.resize();
    },
  );

  // Each view follows its own size (the network view, the map, the chart and the activation
  // curve observe themselves); here only a new width asks the worker for a new frame. Hazard: a
  // height change alone is common while training (a line of dead units wraps or unwraps) and
  // used to repaint every view and force a layout, a 15 ms spike each time.
  let width = -1;
  const ro = new ResizeObserver((entries) => {
    const w = Math.round(entries[0].contentRect.width);
    if (w === width) return;
    const first = width < 0;
    width = w;
    if (!first) run.requestFrame();
  });
  ro.observe(element);

  function say(text, now = false) {
    ui.status.say(text, { now });
  }

  function showError(e) {
    if (s.destroyed || e?.name === 'AbortError') return;
    s.error = String(e?.message ?? e);
    events.emit('error', { message: s.error });
    ui.message.textContent = s.error;
    ui.message.hidden = false;
    say(s.error, true);
  }
  function clearError() {
    s.error = null;
    ui.message.hidden = true;
  }

  const viewOnly = (partial) => Object.keys(partial ?? {}).every((k) => FIELD[k]?.group === 'view');

  function change(key, value) {
    api.setConfig({ [key]: value }).catch(showError);
  }

  function togglePlay() {
    return run.playing ? api.pause() : api.play();
  }

  function select(l, u, toggle = true) {
    const sel = s.selected;
    s.selected = toggle && sel && sel[0] === l && sel[1] === u ? null : [l, u];
    painter.render(true);
    // the selection's result where the reader looks (issue #19): a popover beside the unit, whose
    // "More" brings the Selected unit panel into view; the output's panel comes into view itself
    ui.unitPopover.selected(l, u, toggle);
    travel.update(); // a dead unit's certificate
  }

  function state() {
    return run.state();
  }

  // ---- the API -------------------------------------------------------------------------------
  const api = {
    element,
    ready: null,
    play: () => (s.viewing === null ? run.play() : travel.then(() => run.play())),
    pause: () => run.pause(),
    /** Train n epochs (paused); { quiet: true } skips the maps (a later frame paints them). */
    async step(n = 1, { quiet = false } = {}) {
      api.pause();
      await api.ready;
      await travel.branchIfPast();
      await run.step(n, quiet);
      return api.state();
    },
    async reset() {
      await api.ready;
      api.pause();
      clearError();
      s.viewing = null; // a reset starts over: no past to branch from
      await models.rebuild(new Set(['network']));
      await run.waitFrame();
      say('Reset: new networks from the same seeds.', true);
      return api.state();
    },
    state,
    // a view setting (Regions, Trace a point, Show test data…) changes no run: it shows the same
    // moment again, the past one too; any other change made while viewing the past branches there
    setConfig: async (partial) => (viewOnly(partial) || (await travel.branchIfPast()), models.setConfig(partial)),
    revive: async (...args) => (await travel.branchIfPast(), edits.revive(...args)),
    exportModel: () => models.exportModel(),
    // time travel: the run's log for a link, a link's log replayed, the weights' hash
    runLink: () => travel.link(),
    replayLog: (log, clock) => travel.replay(log, clock),
    weightHash: () => engine.request('hash', { index: s.primary }),
    /** Every model's parameter hash and every old branch's: { models, others } (time travel). */
    weightHashes: () => engine.request('hashes'),
    importModel: (json) => models.importModel(json),
    applyHidden: visibility.applyHidden,
    /** Which panels (data, net, out, act, insp, more) and controls to show; null: all. */
    show: visibility.show,
    async refresh() {
      await api.ready;
      await run.waitFrame();
      return api.state();
    },
    on: events.on,
    activationCurve: () => ui.activation.painted(),
    /**
     * Stop for good: free the worker's networks and dataset (it replies with its count of live
     * objects, 0 when nothing leaked), then terminate it. Resolves with { live } or null when the
     * worker could not answer within `wait` ms (it is terminated anyway).
     */
    destroy({ wait = 250 } = {}) {
      if (s.destroyed) return Promise.resolve(null);
      s.destroyed = true;
      run.stop();
      paint.clear();
      reveal.cancel();
      ui.unitPopover.hide(); // its window listeners go with it
      ro.disconnect();
      ui.status.dispose();
      events.clear();
      root.replaceChildren();
      const freed = engine.failed ? Promise.resolve(null) : engine.request('dispose').catch(() => null);
      const timeout = new Promise((r) => setTimeout(() => r(null), wait));
      return Promise.race([freed, timeout]).then((r) => {
        engine.terminate();
        return r;
      });
    },
  };

  /** The network and the twins as the config and classes say. */
  function showStructure() {
    ui.net.setStructure(s.config, s.classes);
    applyGlossary(element); // the new layer heads' terms (∇, sparsity, dead) get their tooltips
    ui.compare.show(s.config.compare);
    if (s.config.compare) ui.compare.setTwins(s.twinLabels);
  }

  api.ready = (async () => {
    ui.sync();
    run.start();
    const init = engine.request('init');
    init.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
    // The network and the twins follow from the config alone: build them while the engine loads,
    // in a task of their own, so that neither their DOM nor its first layout is in the task that
    // builds the playground or in the frames that paint the first results.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const drawn = { config: s.config, classes: s.classes };
    if (!s.destroyed) {
      models.modelSpecs();
      showStructure();
      // a frame asked for before the output panel was shown had no size to go by: ask again
      reveal.start(element).then(() => {
        painter.resize();
        run.requestFrame();
      });
    }
    try {
      const i = await init;
      ui.activation.setInfo(i.activations);
      // a browser without WebAssembly SIMD gets the scalar build (js/index.js load()): say so
      const build = i.simd
        ? 'WebAssembly SIMD128'
        : 'scalar WebAssembly (this browser has no WebAssembly SIMD: slower, same results)';
      ui.engineInfo.textContent = `Engine: relu-lab ${i.version}, ${build}, in a worker.`;
      const r = await engine.request('configure', { dataset: datasetOptions(s.config), models: models.modelSpecs() });
      s.points = r.points;
      s.classes = r.classes;
      if (drawn.config !== s.config || drawn.classes !== s.classes) showStructure();
      ui.sync();
      s.info = i;
      await run.waitFrame();
      // the datasets' previews after the first map: the worker answers in order, and they took
      // 30–60 ms ahead of the first frame
      engine
        .request('previews', { names: DATASETS })
        .then(ui.data.setPreviews)
        .catch(() => {});
      if (options.autoplay && !reducedMotion) api.play();
    } catch (e) {
      showError(e);
      throw e;
    }
  })();
  api.ready.catch(() => {});

  visibility.applyHidden(options.hidden ?? new Set(), options.hideText);
  return api;
}

export { FIELD };
