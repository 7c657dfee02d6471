// render.js — paints a worker result into the views, in parts; it asks the worker for nothing (run-loop.js does).
// The output map and the twins' maps, the unit tiles and the inspector, the loss chart, the metrics
// and the spoken summary, cut into parts that the paint queue (paint-queue.js) spreads over
// animation frames; and the map sizes a frame asks for. The views themselves are views/.
import { fmt, pct } from './dom.js';
import { effectiveHead, FEATURES, layerActivation } from './config.js';
import { runSeries, deathsOf } from './views/loss-chart.js';
import { regionSeries } from './views/count-series.js';
import { mapCap, macsPerPoint } from './views/network-size.js';

export const TILE = 32; // unit-tile grid side (device pixels); tiles are small, so this is plenty

/** The output units of a dataset of `classes` classes (softmax: one per class; else one). */
export const outputCount = (classes) => (classes > 2 ? classes : 1);

/**
 * s: the playground's state; ui: its views (layout.js); run: its run loop (playing, latest and the
 * histories are read here); paint: its paint queue.
 */
export function createRender({ s, ui, run, paint, say, showError }) {
  const { map, compare, net, inspector, chart, activation, toolbar, metrics, reviveLayer } = ui;
  let mapSizes = null;
  let mapMarked = false;
  let lastSummary = 0;

  function sizes() {
    // tile: the unit tiles' side, smaller for a wide network's small multiples (network-size.js)
    if (!mapSizes) mapSizes = { main: map.pixelSize(), twin: s.config.compare ? compare.pixelSize() : null };
    mapSizes.tile = net.tileSize(); // follows the structure, not the layout
    // a big network's maps cost its weights per pixel: smaller while training (network-size.js)
    if (!run.playing) return mapSizes;
    const per = macsPerPoint(s.config, outputCount(s.classes));
    return { ...mapSizes, main: mapCap(mapSizes.main, per), twin: mapSizes.twin && mapCap(mapSizes.twin, per) };
  }

  /** Paint r now, all of it (or only what a new selection changes). */
  function render(selectionOnly = false, r = run.current) {
    if (!r) return;
    paint.flush(); // the rest of a queued render is older than r
    const selection = [() => paintUnits(r, true), () => paintMechanism(shown(r)), () => paintSummary(r)];
    for (const part of selectionOnly ? selection : renderParts(r)) part();
  }

  /** A frame's render in parts, in order (the run loop's tick() spreads them over animation frames). */
  function renderParts(r) {
    const twins = s.config.compare ? r.models.map((_, i) => () => paintTwin(r, i)) : [];
    return [() => paintMain(r), ...twins, () => paintUnits(r, false), () => paintChart(r), () => paintSummary(r)];
  }

  const shown = (r) => r.models[s.primary] ?? r.models[0];
  const mapOptions = () => ({
    head: effectiveHead(s.config, s.classes),
    k: outputCount(s.classes),
    opts: { discretize: s.config.discretize, range: 1 },
  });

  function paintMain(r) {
    const { config, points, classes } = s;
    const p = shown(r);
    const { head, k, opts } = mapOptions();
    const mainMap = config.compare ? p.primaryMap : p.map;
    const mainSize = config.compare ? (r.primaryMapSize ?? mapSizes?.main) : r.mapSize;
    if (mainMap && mainSize) map.setOutput(mainMap, mainSize.width, mainSize.height, k, head, opts);
    // the bench reads this mark: time from navigation to the first painted map
    if (mainMap && !mapMarked) mapMarked = !!performance.mark('relu-lab:first-map');
    map.setPoints({ ...points, classes, showTest: config.showTest });
    map.setLines(config.zeroLines && config.hidden.length ? p.weights?.[0] : null, config.features);
    paintMechanism(p);
    toolbar.setEpoch(p.epoch);
    renderMetrics(r);
  }

  // issue 15: Regions mode over the map, and the traced point's passes
  function paintMechanism(p) {
    const { config } = s;
    const activations = config.hidden.map((_, l) => layerActivation(config, l));
    // a hovered (or focused) unit's fold is picked out over the selected one's
    const selected = s.trace.hovered ?? s.selected;
    // a past moment (time travel) is said as such, and stays out of the present's count over epochs
    const past = s.viewing === null ? null : { epoch: p.epoch, step: p.step ?? 0 };
    const context = {
      selected,
      health: p.health,
      config,
      units: config.hidden,
      epoch: past ? undefined : p.epoch,
      past,
    };
    if (config.regions && p.regions) ui.regionsLayer.update(p.regions, context);
    else ui.regionsLayer.clear();
    ui.tracePanel.update(config.trace ? (p.trace ?? null) : null, {
      on: !!config.trace,
      backward: s.trace.backward,
      health: p.health,
      trainCount: s.points?.train.x.length ?? 0,
      activations,
      learningRate: config.learningRate,
      canUndo: s.trace.canUndo && !past, // an undo belongs to the present's nudge
      past,
      nudgeText: s.trace.nudgeText,
      extent: config.extent,
      stage: s.trace.stage,
      stageText: s.trace.stageText,
    });
  }

  function paintTwin(r, i) {
    const { config, points, classes } = s;
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
      tileSize: r.tileSize ?? TILE,
      health: p.health,
      epoch: p.epoch,
      weights: selectionOnly ? null : p.weights,
      selected: s.selected,
      outputSource: selectionOnly ? null : map.regions,
      // issue 15: the traced point's passes in the network view (network-trace.js)
      trace: s.config.trace ? (p.trace ?? null) : null,
      traceView: {
        backward: s.trace.backward,
        stage: s.trace.stage,
        nudge: s.trace.nudge,
        features: FEATURES.filter((f) => s.config.features.includes(f)),
        past: s.viewing === null ? null : { epoch: p.epoch, step: p.step ?? 0 }, // the legend names it
      },
    });
    inspector.update(
      s.selected,
      p.health,
      p.weights,
      FEATURES.filter((f) => s.config.features.includes(f)),
      effectiveHead(s.config, s.classes),
    );
    reviveLayer.disabled = !s.selected || s.selected[0] < 0;
    ui.unitPopover?.update(); // the selected unit's popover (selection-popover.js)
  }

  function paintChart(r) {
    renderChart(r);
    activation.drawAlpha(run.alphaHistory.length ? run.alphaHistory : null);
  }

  function paintSummary(r) {
    const p = shown(r);
    const now = performance.now();
    if (now - lastSummary > 700 || !run.playing) {
      lastSummary = now;
      const m = p.metrics;
      const dead = p.health ? `${p.health.deadUnits} of ${p.health.totalUnits} hidden units dead on the data` : '';
      const acc =
        m?.testAccuracy !== null && m?.testAccuracy !== undefined ? `, test accuracy ${pct(m.testAccuracy)}` : '';
      const text = `Epoch ${p.epoch}: test loss ${fmt(m?.testLoss)}${acc}; ${dead}.`;
      map.setSummary(`${s.points?.train.x.length ?? 0} training points. ${text}`);
      if (s.config.compare)
        compare.setSummaries(
          r.models.map(
            (m2) => `Epoch ${m2.epoch}, ${m2.health?.deadUnits ?? 0} dead, test loss ${fmt(m2.metrics?.testLoss)}`,
          ),
        );
      say(`${run.playing ? 'Training. ' : ''}${text}`);
    }
  }

  function renderMetrics(r) {
    const p = shown(r);
    metrics.update(p.metrics, p.health, p.epoch, p.step ?? 0); // step: a past view inside an epoch
    if (p.diverged)
      showError('Training diverged (a loss became NaN or infinite). Lower the learning rate and press Reset.');
  }

  function renderChart(r) {
    const { series, accuracy } = runSeries(
      r.models.map((_, i) => run.history[i] ?? []),
      s.twinLabels,
    );
    // time travel: the branches left behind, faint (one model only; time-travel.js keeps the list)
    if (s.branches?.list?.length && r.models.length === 1)
      s.branches.list.forEach((b, i) =>
        series.push({
          label: b.name,
          color: `rgba(31, 42, 68, ${0.32 - 0.06 * i})`,
          dash: i ? [4, 3] : undefined,
          points: b.points,
        }),
      );
    // issue 15: in Regions mode, the primary's region count over epochs (counted by the worker)
    const count = s.config.regions ? regionSeries(run.history[s.primary], shown(r).regions?.linear ?? true) : null;
    chart.draw(series, deathsOf(shown(r).health), { accuracy, count });
  }

  /** Show unit (l, u)'s tile over the map (l null: stop). */
  function preview(l, u) {
    // Regions mode (issue 15): the unit's fold on the regions, not its tile over them
    const hover = l === null || l === undefined ? null : [l, u];
    if (s.config.regions || s.trace.hovered) {
      s.trace.hovered = s.config.regions ? hover : null;
      if (run.current) paintMechanism(shown(run.current));
      if (s.config.regions) return map.setPreview(null);
    }
    if (l === null || l === undefined) return map.setPreview(null);
    const img = net.tileImage(l, u);
    if (img) map.setPreview(img, `Layer ${l + 1}, unit ${u + 1}`);
  }

  return {
    render,
    parts: renderParts,
    sizes,
    /** Measure the maps again before the next frame (a layout or a twin changed). */
    resize: () => (mapSizes = null),
    preview,
  };
}
