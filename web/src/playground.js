// playground.js — createPlayground(root, options): the thin controller. It owns one config (the
// field table in config.js), one engine Worker (engine-client.js → worker.js), and the views; it
// turns control changes into worker requests and worker results into view updates, once per
// animation frame. No global state: every playground is independent (the <relu-lab> element and
// the iframe embed reuse this). The URL is the page's business: options.onChange(config) reports
// changes, the page writes the hash.
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
//   sweep(options, onCell)    born-dead sweep in the worker (see worker.js)
//   on(type, fn) → off        events: epoch, unitdied, diverged, stopped, play, pause, error
//   exportModel(), importModel(json), destroy(): Promise<{ live }|null>
//   activationCurve()         the curve the activation panel drew: { activation, alpha, x, f, df, … }
// options: { config, hidden, hideText, autoplay, panels, controls, onChange, onCopyLink, onCopyEmbed }
import { h, fmt, pct, download, filePicker } from './dom.js';
import {
  normalize,
  changedGroups,
  modelConfigs,
  datasetOptions,
  networkOptions,
  trainOptions,
  datasetClasses,
  effectiveHead,
  FIELD,
  DATASETS,
  FEATURES,
  layerActivation,
} from './config.js';
import { createEngine } from './engine-client.js';
import { createPaintQueue } from './paint-queue.js';
import { createReveal } from './reveal.js';
import { createEvents } from './events.js';
import { createToolbar } from './views/toolbar.js';
import { createDataPanel, labelName } from './views/data-panel.js';
import { createNetworkView } from './views/network-view.js';
import { createHeatmap } from './views/heatmap.js';
import { createLossChart, runSeries, deathsOf } from './views/loss-chart.js';
import { createActivationPanel } from './views/activation-panel.js';
import { createInspector, unitName } from './views/inspector.js';
import { createCompareView } from './views/compare-view.js';
import { createControls } from './views/controls.js';
import { createStatus } from './views/status.js';
import { createMetrics } from './views/metrics.js';

const TILE = 32; // unit-tile grid side (device pixels); tiles are small, so this is plenty
const HISTORY_CAP = 4000;

export function createPlayground(root, options = {}) {
  let config = normalize(options.config ?? {});
  const reducedMotion = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  const engine = createEngine();
  let info = null;
  let classes = datasetClasses(config);
  let points = null;
  let playing = false;
  let inflight = false;
  let generation = 0;
  let needFrame = true;
  let latest = null; // last frame result (models[])
  let pendingRender = null;
  const paint = createPaintQueue(); // a result's render, spread over animation frames (tick)
  let selected = null;
  let primary = 0;
  let twinLabels = [];
  let history = []; // per model: [{ epoch, trainLoss, testLoss, trainAccuracy, testAccuracy }]
  let alphaHistory = [];
  let stepWaiters = []; // [{ after, resolve }]: resolved by the first frame requested after `after`
  let frameSeq = 0; // frames requested so far
  let error = null;
  let destroyed = false;
  let raf = 0;
  let lastSummary = 0;
  let mapSizes = null;
  let rendered = 0; // frames painted (for state() and the bench)
  let mapMarked = false;
  let view = { panels: options.panels ?? null, controls: options.controls ?? null };
  const events = createEvents(); // on / emit, and what each frame means in events (events.js)
  const emit = events.emit;

  // ---- views ---------------------------------------------------------------------------------
  const toolbar = createToolbar({
    onPlay: () => (playing ? api.pause() : api.play()),
    onStep: () => api.step(1).catch(showError),
    onReset: () => api.reset().catch(showError),
    onChange: change,
  });
  const data = createDataPanel({
    onChange: change,
    onRegenerate: () => change('dataSeed', Math.floor(Math.random() * 999999)),
    onImportCSV: importCSV,
    onExportCSV: exportCSV,
  });
  // a selection is [layer, unit]; layer −1 is the output (its weights are the last layer's)
  const select = (l, u, toggle = true) => {
    selected = toggle && selected && selected[0] === l && selected[1] === u ? null : [l, u];
    render(true);
  };
  const net = createNetworkView({
    onSelect: select,
    onPreview: preview,
    onEditWeight: (l, u, i) => {
      select(l < config.hidden.length ? l : -1, u, false);
      requestAnimationFrame(() => inspector.focusWeight(i));
    },
    onToggleFeature: (f) => {
      const on = config.features.includes(f);
      if (on && config.features.length === 1) return say('At least one input must stay on.', true);
      change(
        'features',
        on ? config.features.filter((x) => x !== f) : FEATURES.filter((x) => x === f || config.features.includes(x)),
      );
    },
    onLayers: (hidden) => change('hidden', hidden),
    onLayerActivation: (l, act) => {
      const acts = config.hidden.map((_, i) => layerActivation(config, i));
      acts[l] = act;
      change('layerActivations', acts.every((a) => a === config.activation) ? [] : acts);
    },
  });
  // Maps the views have replaced go back to the worker with the next frame request, which writes
  // the next maps into them (worker.js: no new buffer, so no garbage, per frame).
  const spare = [];
  const release = (a) => a.byteLength && spare.length < 16 && !spare.includes(a) && spare.push(a);
  const map = createHeatmap({
    label: 'Output map: the decision regions over the input plane',
    onRelease: release,
    onAdd: addPoint,
    onRemove: removePoint,
    onCursor: (x, y) => say(`Crosshair at x ${fmt(x)}, y ${fmt(y)}.`, true),
  });
  const chart = createLossChart({ title: 'Loss over epochs' });
  const activation = createActivationPanel({ onChange: change, curve: (args) => engine.request('curve', args) });
  const inspector = createInspector({ onEditWeight: editWeight, onSelect: (l, u) => select(l, u, false) });
  const compare = createCompareView({
    onPick: (i) => {
      primary = i;
      compare.setPrimary(i);
      needFrame = true;
    },
    onRelease: release,
  });
  const status = createStatus();
  const netControls = createControls(['init', 'initScale', 'biasInit', 'batchNorm', 'seed'], change, {
    className: 'controls inline',
    kind: { initScale: 'number', biasInit: 'number' },
  });
  const viewControls = createControls(['showTest', 'discretize', 'zeroLines'], change, {
    className: 'controls checks',
  });
  const compareControls = createControls(['compare', 'compareBy', 'twins'], change, { className: 'controls inline' });
  const runControls = createControls(['stopAt'], change, { className: 'controls inline' });
  const metrics = createMetrics();
  const message = h('p.message', { role: 'alert', hidden: true });
  const engineInfo = h('p.engine-info.hint');

  const reviveLayer = h(
    'button.secondary',
    { type: 'button', onclick: () => api.revive(selected ? selected[0] : -1).catch(showError) },
    'Revive selected layer',
  );
  const reviveAll = h(
    'button.secondary',
    { type: 'button', onclick: () => api.revive(-1).catch(showError) },
    'Revive whole net',
  );
  const reviveBox = h('div.revive', { dataset: { control: 'revive' } }, reviveLayer, reviveAll);

  const importInput = filePicker('.json,application/json', async (text) => {
    try {
      await api.importModel(JSON.parse(text));
    } catch (e) {
      showError(e);
    }
  });
  const copyLink = h(
    'button.secondary',
    {
      type: 'button',
      dataset: { control: 'copyLink' },
      hidden: !options.onCopyLink,
      onclick: () => options.onCopyLink?.(),
    },
    'Copy link',
  );
  const copyEmbed = h(
    'button.secondary',
    {
      type: 'button',
      dataset: { control: 'copyEmbed' },
      hidden: !options.onCopyEmbed,
      onclick: () => options.onCopyEmbed?.(config),
    },
    'Copy embed code',
  );
  const exportModel = h(
    'button.secondary',
    {
      type: 'button',
      onclick: async () => {
        try {
          download(
            element,
            'relu-lab-model.json',
            JSON.stringify(await api.exportModel(), null, 1),
            'application/json',
          );
        } catch (e) {
          showError(e);
        }
      },
    },
    'Export model',
  );
  const modelBox = h(
    'div.model-io',
    { dataset: { control: 'model' } },
    exportModel,
    h('button.secondary', { type: 'button', onclick: () => importInput.click() }, 'Import model'),
    importInput,
  );

  const uid = Math.random().toString(36).slice(2, 7); // ids must be unique per playground
  const panel = (name, title, ...children) =>
    h(
      `section.panel.${name}`,
      { 'aria-labelledby': `${name}-h-${uid}`, 'dataset': { control: `${name}Panel` } },
      h('h2.panel-title', { id: `${name}-h-${uid}` }, title),
      ...children,
    );
  const dataPanel = panel('data', 'Data', data.element);
  const netPanel = panel('net', 'Network', h('div.net-settings', {}, netControls.element, reviveBox), net.element);
  // .out-body: one column, or map | numbers side by side when the panel is wide (styles.css)
  const outPanel = panel(
    'out',
    'Output',
    h(
      'div.out-body',
      {},
      metrics.element,
      map.element,
      viewControls.element,
      metrics.deadSummary,
      chart.element,
      compare.element,
    ),
  );
  const actPanel = panel('act', 'Activation', activation.element);
  const inspPanel = panel('insp', 'Selected unit', inspector.element);
  const morePanel = panel(
    'more',
    'Compare and share',
    compareControls.element,
    h(
      'p.hint',
      {},
      'Twins share the data, seed and initial weights; list 2–4 values (activations, learning rates or inits), comma-separated.',
    ),
    runControls.element,
    h('div.share', {}, copyLink, copyEmbed, modelBox),
    engineInfo,
  );

  const element = h(
    'div.playground',
    { 'tabindex': '-1', 'aria-label': 'relu-lab playground' },
    toolbar.element,
    message,
    h('div.pg-main', {}, dataPanel, netPanel, outPanel),
    h('div.pg-lower', {}, actPanel, inspPanel, morePanel),
    status.element,
  );
  root.replaceChildren(element);
  // shown once their fonts are resolved, a group per frame (reveal.js; started below, with the network built)
  const reveal = createReveal([
    [toolbar.element],
    [dataPanel],
    [netPanel],
    [outPanel],
    [actPanel, inspPanel, morePanel],
  ]);
  if (reducedMotion) element.classList.add('reduced-motion');

  // ---- keyboard: only while the playground has focus ---------------------------------------
  element.addEventListener('keydown', (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const t = ev.target;
    const tag = t.tagName;
    const typing = tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || t.isContentEditable;
    if (ev.key === ' ' && !typing && tag !== 'BUTTON' && tag !== 'A') {
      ev.preventDefault();
      playing ? api.pause() : api.play();
    } else if (ev.key === 'ArrowRight' && !typing) {
      ev.preventDefault();
      api.step(1);
    } else if ((ev.key === 'r' || ev.key === 'R') && !typing) {
      ev.preventDefault();
      api.reset();
    }
  });

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
    if (!first) needFrame = true;
  });
  ro.observe(element);

  // ---- configuration -----------------------------------------------------------------------
  function say(text, now = false) {
    status.say(text, { now });
  }

  function showError(e) {
    if (destroyed || e?.name === 'AbortError') return;
    error = String(e?.message ?? e);
    emit('error', { message: error });
    message.textContent = error;
    message.hidden = false;
    say(error, true);
  }
  function clearError() {
    error = null;
    message.hidden = true;
  }

  function change(key, value) {
    api.setConfig({ [key]: value }).catch(showError);
  }

  function syncControls() {
    toolbar.set(config);
    data.set(config, classes);
    netControls.set(config);
    runControls.set(config);
    netControls.controls.get('initScale').hidden = config.init !== 'uniform' && config.init !== 'normal';
    map.setExtent(config.extent);
    compare.setExtent(config.extent);
    viewControls.set(config);
    compareControls.set(config);
    activation.draw(config);
    compareControls.controls.get('compareBy').hidden = !config.compare;
    compareControls.controls.get('twins').hidden = !config.compare;
    const head = effectiveHead(config, classes);
    toolbar.controls
      .get('output')
      .querySelectorAll('option')
      .forEach((o) => {
        o.disabled = !headFits(o.value);
      });
    toolbar.controls.get('output').querySelector('select').value = head;
    toolbar.controls.get('regularizationRate').hidden = config.regularization === 'none';
  }

  function headFits(h) {
    if (classes === 0) return h === 'linear';
    if (classes > 2) return h === 'softmax';
    return h !== 'linear';
  }

  function modelSpecs() {
    const list = modelConfigs(config);
    twinLabels = list.map((m) => m.label);
    return list.map((m) => ({
      label: m.label,
      network: networkOptions(m.config, classes),
      train: trainOptions(m.config),
      stopAt: m.config.stopAt,
    }));
  }

  async function rebuild(groups) {
    generation++;
    paint.clear(); // the rest of an old render must not paint over the new structure
    latest = null;
    history = [];
    alphaHistory = [];
    events.reset();
    if (groups.has('data')) {
      classes = datasetClasses(config);
      const r = await engine.request('configure', { dataset: datasetOptions(config), models: modelSpecs() });
      points = r.points;
      classes = r.classes;
    } else {
      await engine.request('models', { models: modelSpecs() });
    }
    primary = Math.min(primary, twinLabels.length - 1);
    if (selected && (selected[0] >= config.hidden.length || selected[1] >= (config.hidden[selected[0]] ?? outputs())))
      selected = null;
    net.setStructure(config, classes);
    compare.show(config.compare);
    if (config.compare) {
      compare.setTwins(twinLabels);
      compare.setPrimary(primary);
    }
    mapSizes = null;
    needFrame = true;
    clearError();
  }

  async function applyTrain() {
    const list = modelConfigs(config);
    await Promise.all(
      list.map((m, i) => engine.request('train', { index: i, train: trainOptions(m.config), stopAt: m.config.stopAt })),
    );
  }

  // ---- frames --------------------------------------------------------------------------------
  function sizes() {
    if (!mapSizes) mapSizes = { main: map.pixelSize(), twin: config.compare ? compare.pixelSize() : null };
    return mapSizes;
  }

  /** One worker frame: train `epochs`, return maps and health. quiet: metrics only (no maps, tiles, weights or health). */
  async function frame(epochs, quiet = false) {
    inflight = true;
    const seq = ++frameSeq;
    const gen = generation;
    const s = sizes();
    const recycle = spare.splice(0);
    try {
      const r = await engine.request(
        'frame',
        quiet
          ? { epochs, map: null, primaryMap: null, tiles: null, primary, weights: false, health: false, recycle }
          : {
              epochs,
              map: config.compare ? s.twin : s.main,
              primaryMap: config.compare ? s.main : null,
              tiles: { size: TILE },
              primary,
              recycle,
            },
        [...new Set(recycle.map((a) => a.buffer))],
      );
      if (gen !== generation || destroyed) return null;
      r.mapSize = config.compare ? s.twin : s.main;
      r.seq = seq;
      // a quiet frame keeps showing the last maps and weights (the next full frame replaces them)
      if (quiet)
        r.models.forEach((m, i) =>
          Object.assign(
            m,
            pick(latest?.models[i], ['map', 'primaryMap', 'tiles', 'weights']),
            m.health ? {} : { health: latest?.models[i]?.health },
          ),
        );
      record(r);
      latest = r;
      pendingRender = r;
      return r;
    } catch (e) {
      showError(e);
      api.pause();
      return null;
    } finally {
      inflight = false;
    }
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
    });
    const p = r.models[primary];
    if (p?.weights?.some((L) => L.alpha)) {
      const alpha = p.weights
        .slice(0, -1)
        .map((L) => (L.alpha ? L.alpha.reduce((a, b) => a + b, 0) / L.alpha.length : NaN));
      if (alphaHistory.at(-1)?.epoch !== p.epoch) alphaHistory.push({ epoch: p.epoch, alpha });
    } else alphaHistory = [];
    if (r.models.some((m) => m.diverged) && playing) {
      api.pause();
      say('Training diverged (loss is not finite): lower the learning rate and reset.', true);
    }
    observe(r);
  }

  // ---- events (events.js), and the stop at every model's stopAt --------------------------------
  function observe(r) {
    events.frame(r, primary, twinLabels);
    const p = r.models[primary];
    if (p && playing && r.models.length && r.models.every((m) => m.done)) {
      api.pause();
      say(`Stopped at epoch ${p.epoch}.`, true);
      emit('stopped', { epoch: p.epoch });
    }
  }

  function tick() {
    if (destroyed) return;
    raf = requestAnimationFrame(tick);
    const t0 = performance.now();
    if (pendingRender && !paint.busy) {
      const r = pendingRender;
      pendingRender = null;
      paint.start(renderParts(r), () => painted(r));
    }
    paint.run(t0);
    if (!info || inflight) return;
    if (playing) frame(config.epochsPerFrame);
    else if (needFrame) {
      needFrame = false;
      frame(0);
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

  /** Paint r now, all of it (or only what a new selection changes). */
  function render(selectionOnly = false, r = latest) {
    if (!r) return;
    paint.flush(); // the rest of a queued render is older than r
    for (const part of selectionOnly ? [() => paintUnits(r, true), () => paintSummary(r)] : renderParts(r)) part();
  }

  /** A frame's render in parts, in order (tick() spreads them over animation frames). */
  function renderParts(r) {
    const twins = config.compare ? r.models.map((_, i) => () => paintTwin(r, i)) : [];
    return [() => paintMain(r), ...twins, () => paintUnits(r, false), () => paintChart(r), () => paintSummary(r)];
  }

  const shown = (r) => r.models[primary] ?? r.models[0];
  const outputs = () => (classes > 2 ? classes : 1);
  const mapOptions = () => ({
    head: effectiveHead(config, classes),
    k: outputs(),
    opts: { discretize: config.discretize, range: 1 },
  });

  function paintMain(r) {
    const p = shown(r);
    const { head, k, opts } = mapOptions();
    const mainMap = config.compare ? p.primaryMap : p.map;
    const mainSize = config.compare ? mapSizes?.main : r.mapSize;
    if (mainMap && mainSize) map.setOutput(mainMap, mainSize.width, mainSize.height, k, head, opts);
    // the bench reads this mark: time from navigation to the first painted map
    if (mainMap && !mapMarked) mapMarked = !!performance.mark('relu-lab:first-map');
    map.setPoints({ ...points, classes, showTest: config.showTest });
    map.setLines(config.zeroLines && config.hidden.length ? p.weights?.[0] : null, config.features);
    toolbar.setEpoch(p.epoch);
    renderMetrics(r);
  }

  function paintTwin(r, i) {
    if (!config.compare) return;
    compare.update(
      r.models,
      { ...mapOptions(), size: r.mapSize, points: { ...points, classes, showTest: config.showTest } },
      i,
    );
  }

  function paintUnits(r, selectionOnly) {
    const p = shown(r);
    net.update({
      tiles: selectionOnly ? null : p.tiles,
      tileSize: TILE,
      health: p.health,
      weights: selectionOnly ? null : p.weights,
      selected,
      outputSource: selectionOnly ? null : map.regions,
    });
    inspector.update(
      selected,
      p.health,
      p.weights,
      FEATURES.filter((f) => config.features.includes(f)),
      effectiveHead(config, classes),
    );
    reviveLayer.disabled = !selected || selected[0] < 0;
  }

  function paintChart(r) {
    renderChart(r);
    activation.drawAlpha(alphaHistory.length ? alphaHistory : null);
  }

  function paintSummary(r) {
    const p = shown(r);
    const now = performance.now();
    if (now - lastSummary > 700 || !playing) {
      lastSummary = now;
      const m = p.metrics;
      const dead = p.health ? `${p.health.deadUnits} of ${p.health.totalUnits} hidden units dead on the data` : '';
      const acc =
        m?.testAccuracy !== null && m?.testAccuracy !== undefined ? `, test accuracy ${pct(m.testAccuracy)}` : '';
      const text = `Epoch ${p.epoch}: test loss ${fmt(m?.testLoss)}${acc}; ${dead}.`;
      map.setSummary(`${points?.train.x.length ?? 0} training points. ${text}`);
      if (config.compare)
        compare.setSummaries(
          r.models.map(
            (m2) => `Epoch ${m2.epoch}, ${m2.health?.deadUnits ?? 0} dead, test loss ${fmt(m2.metrics?.testLoss)}`,
          ),
        );
      say(`${playing ? 'Training. ' : ''}${text}`);
    }
  }

  function renderMetrics(r) {
    const p = shown(r);
    metrics.update(p.metrics, p.health);
    if (p.diverged)
      showError('Training diverged (a loss became NaN or infinite). Lower the learning rate and press Reset.');
  }

  function renderChart(r) {
    const { series, accuracy } = runSeries(
      r.models.map((_, i) => history[i] ?? []),
      twinLabels,
    );
    chart.draw(series, deathsOf(shown(r).health), { accuracy });
  }

  function preview(l, u) {
    if (l === null || l === undefined) return map.setPreview(null);
    const img = net.tileImage(l, u);
    if (img) map.setPreview(img, `Layer ${l + 1}, unit ${u + 1}`);
  }

  // ---- data editing --------------------------------------------------------------------------
  // from a click or the map's keys (views/map-cursor.js); said in the aria-live region
  function addPoint(x, y, shift) {
    const label = data.clickLabel(shift);
    const at = `(${fmt(x)}, ${fmt(y)})`;
    editPoints(
      engine.request('addPoint', { x, y, label }),
      () => `Added a point of ${labelName(label, classes)} at ${at}`,
    );
  }

  function removePoint(x, y) {
    const at = `(${fmt(x)}, ${fmt(y)})`;
    editPoints(engine.request('removeNear', { x, y, radius: 0.4 * (config.extent / 6) }), (r) =>
      r.removed ? `Removed the point nearest ${at}` : `No point near ${at} to remove`,
    );
  }

  async function editPoints(request, said) {
    try {
      const r = await request;
      points = r.points;
      needFrame = true;
      map.setPoints({ ...points, classes, showTest: config.showTest });
      say(`${said(r)}: ${points.train.x.length} training points.`, true);
    } catch (e) {
      showError(e);
    }
  }

  async function importCSV(text) {
    try {
      const r = await engine.request('importCSV', { text });
      points = r.points;
      classes = r.classes;
      generation++;
      paint.clear();
      await engine.request('models', { models: modelSpecs() });
      history = [];
      net.setStructure(config, classes);
      clearError();
      syncControls();
      needFrame = true;
      say(`Imported ${points.train.x.length} training and ${points.test.x.length} test points.`, true);
    } catch (e) {
      showError(e);
    }
  }

  async function exportCSV() {
    try {
      download(element, 'relu-lab-data.csv', await engine.request('exportCSV'), 'text/csv');
    } catch (e) {
      showError(e);
    }
  }

  /** layer −1: the output layer (the facade's layer = number of hidden layers). */
  async function editWeight(l, u, input, value) {
    try {
      await engine.request('setWeight', {
        index: primary,
        layer: l < 0 ? config.hidden.length : l,
        unit: u,
        input,
        value,
      });
      needFrame = true;
      say(
        `Set ${input === 'bias' ? 'the bias' : `weight ${input + 1}`} of ${unitName(l, u, outputs())} to ${fmt(value)}.`,
        true,
      );
    } catch (e) {
      showError(e);
    }
  }

  // ---- hiding controls (URL "<control>_hide=true", "hideText=true"; the element's panels and
  // controls attributes: lists of what to show) --------------------------------------------------
  let hiddenSet = options.hidden ?? new Set();
  function applyHidden(hidden = hiddenSet, hideText = element.classList.contains('hide-text')) {
    hiddenSet = hidden;
    const { panels, controls } = view;
    element.querySelectorAll('[data-control]').forEach((el) => {
      const name = el.dataset.control;
      const isPanel = name.endsWith('Panel');
      const off =
        hidden.has(name) ||
        (isPanel
          ? panels !== null && !panels.includes(name.slice(0, -5))
          : controls !== null && !controls.includes(name));
      el.classList.toggle('force-hidden', off);
    });
    element.classList.toggle('hide-text', !!hideText);
    element.classList.toggle('custom-panels', panels !== null);
    // a toolbar with nothing left to show takes no room
    toolbar.element.hidden = ![...toolbar.element.querySelectorAll('[data-control]')].some(
      (el) => !el.classList.contains('force-hidden'),
    );
    needFrame = true;
    mapSizes = null;
  }

  // ---- the API -------------------------------------------------------------------------------
  const api = {
    element,
    ready: null,
    play() {
      // A diverged model cannot train (Reset first); a rejected import or field is no reason to
      // refuse, and its message goes once training resumes. Only an engine that failed to load is.
      if (playing || (error && !info)) return;
      if (latest?.models.some((m) => m.diverged))
        return say('Training diverged (loss is not finite): lower the learning rate and reset.', true);
      if (destroyed) return;
      clearError();
      playing = true;
      toolbar.setPlaying(true);
      say('Training.', true);
      emit('play', {});
    },
    pause() {
      if (!playing) return;
      playing = false;
      toolbar.setPlaying(false);
      needFrame = true;
      say('Paused.', true);
      emit('pause', {});
    },
    /** Train n epochs (paused); { quiet: true } skips the maps (a later frame paints them). */
    async step(n = 1, { quiet = false } = {}) {
      api.pause();
      await api.ready;
      while (inflight) await new Promise((r) => setTimeout(r, 4));
      const done = new Promise((r) => stepWaiters.push({ after: frameSeq, resolve: r }));
      await frame(Math.max(1, Math.round(n)), quiet);
      await done;
      return api.state();
    },
    async reset() {
      await api.ready;
      api.pause();
      clearError();
      await rebuild(new Set(['network']));
      await waitFrame();
      say('Reset: new networks from the same seeds.', true);
      return api.state();
    },
    state() {
      const p = latest?.models[primary] ?? latest?.models[0];
      return structuredClone({
        config,
        epoch: p?.epoch ?? 0,
        playing,
        metrics: p?.metrics ?? null,
        health: p?.health ?? null,
        models: (latest?.models ?? []).map((m, i) => ({
          label: twinLabels[i],
          epoch: m.epoch,
          metrics: m.metrics,
          diverged: m.diverged,
          done: !!m.done,
          deadUnits: m.health?.deadUnits ?? null,
          totalUnits: m.health?.totalUnits ?? null,
          gradientNorms: m.health?.gradientNorms ?? m.health?.layers?.map((L) => L.gradientNorm) ?? null,
        })),
        primary,
        error,
        frames: rendered,
        workerMs: latest?.workerMs ?? null,
      });
    },
    async setConfig(partial) {
      const next = normalize(partial, config);
      if (partial.dataset && !('output' in partial)) next.output = effectiveHead(next);
      const groups = changedGroups(config, next);
      const prev = config;
      config = next;
      if (groups.size === 0) return api.state();
      await api.ready;
      try {
        if (groups.has('data') || groups.has('network') || groups.has('compare')) await rebuild(groups);
        else if (groups.has('train')) {
          await applyTrain();
          if (prev.alpha !== next.alpha) {
            const layers = next.hidden
              .map((_, i) => i)
              .filter((i) => ['leaky_relu', 'elu', 'prelu'].includes(layerActivation(next, i)));
            await engine.request('setAlpha', { alpha: next.alpha, layers });
          }
          if (prev.reluGradAtZero !== next.reluGradAtZero)
            await engine.request('setReluGradAtZero', { value: Number(next.reluGradAtZero) });
        }
      } catch (e) {
        showError(e);
      }
      if (groups.has('view') || groups.has('compare')) mapSizes = null;
      syncControls();
      needFrame = true;
      if (latest) render();
      options.onChange?.(config);
      return api.state();
    },
    async revive(layer = -1, index = config.compare ? -1 : primary) {
      await api.ready;
      const r = await engine.request('revive', { layer, index });
      needFrame = true;
      clearError();
      say(
        `Revived ${r.revived} dead unit${r.revived === 1 ? '' : 's'}${layer >= 0 ? ` in layer ${layer + 1}` : ''}.`,
        true,
      );
      await waitFrame();
      return r.revived;
    },
    async exportModel() {
      return engine.request('exportModel', { index: primary });
    },
    async importModel(json) {
      await api.ready;
      const c = json?.config;
      if (!c || typeof c !== 'object') throw new Error('not a relu-lab model (no config)');
      // The worker (the facade) checks the whole model first: a rejected file changes nothing,
      // neither the running model nor the config the page shows.
      generation++;
      paint.clear();
      events.reset({ diverged: false });
      try {
        await engine.request('importModel', { json, train: trainOptions(config), label: 'imported' });
      } catch (e) {
        needFrame = true;
        throw e;
      }
      const partial = {
        compare: false,
        features: c.features,
        hidden: c.hidden.map((l) => l.units),
        activation: c.hidden[0]?.activation ?? config.activation,
        layerActivations: c.hidden.every((l) => l.activation === c.hidden[0].activation)
          ? []
          : c.hidden.map((l) => l.activation),
        output: c.output,
        init: c.init,
        seed: c.seed,
        batchNorm: c.hidden.some((l) => l.batchNorm),
        reluGradAtZero: String(c.reluGradAtZero),
      };
      config = normalize(partial, config);
      twinLabels = ['imported'];
      primary = 0;
      history = [];
      net.setStructure(config, classes);
      compare.show(false);
      clearError();
      syncControls();
      needFrame = true;
      options.onChange?.(config);
      await waitFrame();
      return api.state();
    },
    applyHidden,
    /** Which panels (data, net, out, act, insp, more) and controls to show; null: all. */
    show({ panels = view.panels, controls = view.controls } = {}) {
      view = { panels, controls };
      applyHidden();
    },
    async refresh() {
      await api.ready;
      await waitFrame();
      return api.state();
    },
    /** Born-dead sweep: one worker request per depth; onCell(cells, all) after each. */
    async sweep({ widths, depths, seeds, grid }, onCell) {
      await api.ready;
      const out = [];
      for (const depth of depths) {
        if (destroyed) break;
        const cells = await engine.request('sweep', { widths, depth, seeds, grid });
        out.push(...cells);
        onCell?.(cells, out);
      }
      return out;
    },
    on: events.on,
    activationCurve: () => activation.painted(),
    /**
     * Stop for good: free the worker's networks and dataset (it replies with its count of live
     * objects, 0 when nothing leaked), then terminate it. Resolves with { live } or null when the
     * worker could not answer within `wait` ms (it is terminated anyway).
     */
    destroy({ wait = 250 } = {}) {
      if (destroyed) return Promise.resolve(null);
      destroyed = true;
      playing = false;
      cancelAnimationFrame(raf);
      paint.clear();
      reveal.cancel();
      ro.disconnect();
      status.dispose();
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

  function waitFrame() {
    needFrame = true;
    return new Promise((r) => stepWaiters.push({ after: frameSeq, resolve: r }));
  }

  api.ready = (async () => {
    syncControls();
    raf = requestAnimationFrame(tick);
    const init = engine.request('init');
    init.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
    // The network and the twins follow from the config alone: build them while the engine loads,
    // in a task of their own, so that neither their DOM nor its first layout is in the task that
    // builds the playground or in the frames that paint the first results.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const drawn = { config, classes };
    if (!destroyed) {
      modelSpecs();
      net.setStructure(config, classes);
      compare.show(config.compare);
      if (config.compare) compare.setTwins(twinLabels);
      // a frame asked for before the output panel was shown had no size to go by: ask again
      reveal.start(element).then(() => {
        mapSizes = null;
        needFrame = true;
      });
    }
    try {
      const i = await init;
      activation.setInfo(i.activations);
      engineInfo.textContent = `Engine: relu-lab ${i.version}, ${i.simd ? 'WebAssembly SIMD128' : 'scalar WebAssembly'}, in a worker.`;
      const r = await engine.request('configure', { dataset: datasetOptions(config), models: modelSpecs() });
      points = r.points;
      classes = r.classes;
      if (drawn.config !== config || drawn.classes !== classes) {
        net.setStructure(config, classes);
        compare.show(config.compare);
        if (config.compare) compare.setTwins(twinLabels);
      }
      syncControls();
      info = i;
      await waitFrame();
      // the datasets' previews after the first map: the worker answers in order, and they took
      // 30–60 ms ahead of the first frame
      engine
        .request('previews', { names: DATASETS })
        .then(data.setPreviews)
        .catch(() => {});
      if (options.autoplay && !reducedMotion) api.play();
    } catch (e) {
      showError(e);
      throw e;
    }
  })();
  api.ready.catch(() => {});

  applyHidden(options.hidden ?? new Set(), options.hideText);
  return api;
}

export { FIELD };
