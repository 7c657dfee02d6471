// models.js — the config as the worker's models: setConfig, rebuilds, model export / import; not the frame loop.
// One spec per model (the twins); a rebuild when the data, network or twins change, new training
// options in place otherwise; a model file imported as the config. Not here: the frame loop
// (run-loop.js), edits by hand (edits.js), the URL (the page's business: options.onChange).
import { historyForFile, historyFromFile } from './model-history.js';
import {
  normalize,
  changedGroups,
  modelConfigs,
  datasetOptions,
  networkOptions,
  trainOptions,
  datasetClasses,
  effectiveHead,
  layerActivation,
} from './config.js';
import { outputCount } from './render.js';

/**
 * s: the playground's state (config, classes, points, primary, selected and twinLabels are written
 * here); ui: its views; run, painter: its run loop and render; ready() and state(): the API's.
 */
export function createModels({
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
}) {
  const { net, compare } = ui;

  /** The worker's model specs for the config (and the twins' labels, kept in s.twinLabels). */
  function modelSpecs() {
    const list = modelConfigs(s.config);
    s.twinLabels = list.map((m) => m.label);
    return list.map((m) => ({
      label: m.label,
      network: networkOptions(m.config, s.classes),
      train: trainOptions(m.config),
      stopAt: m.config.stopAt,
    }));
  }

  /** New models (and new data when groups has 'data') from the config. */
  async function rebuild(groups) {
    run.discard(); // the rest of an old render must not paint over the new structure
    run.forget();
    events.reset();
    travel.reset(); // new runs: no past shown, no old branch
    s.branchTwins = false;
    if (groups.has('data')) {
      s.classes = datasetClasses(s.config);
      const r = await engine.request('configure', { dataset: datasetOptions(s.config), models: modelSpecs() });
      s.points = r.points;
      s.classes = r.classes;
    } else {
      await engine.request('models', { models: modelSpecs() });
    }
    const { config, selected } = s;
    s.primary = Math.min(s.primary, s.twinLabels.length - 1);
    if (selected && (selected[0] >= config.hidden.length || selected[1] >= (config.hidden[selected[0]] ?? outputs())))
      s.selected = null;
    net.setStructure(config, s.classes);
    compare.show(config.compare);
    if (config.compare) {
      compare.setTwins(s.twinLabels);
      compare.setPrimary(s.primary);
    }
    painter.resize();
    run.requestFrame();
    clearError();
  }

  async function applyTrain() {
    // branch twins differ in their pasts, not in a setting: each gets the page's training options
    const list = s.branchTwins ? s.twinLabels.map(() => ({ config: s.config })) : modelConfigs(s.config);
    await Promise.all(
      list.map((m, i) => engine.request('train', { index: i, train: trainOptions(m.config), stopAt: m.config.stopAt })),
    );
  }

  const outputs = () => outputCount(s.classes);

  async function setConfig(partial) {
    const next = normalize(partial, s.config);
    if (partial.dataset && !('output' in partial)) next.output = effectiveHead(next);
    // time travel: unticking Compare while two branches are twins goes back to the chosen one
    if (s.branchTwins && prev0(partial)) return (await travel.uncompare(), state());
    const groups = changedGroups(s.config, next);
    const prev = s.config;
    s.config = next;
    if (groups.size === 0) return state();
    await ready();
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
    if (groups.has('view') || groups.has('compare')) painter.resize();
    ui.sync();
    run.requestFrame();
    if (run.latest) painter.render();
    options.onChange?.(s.config);
    return state();
  }

  const prev0 = (partial) => partial.compare === false && Object.keys(partial).length === 1;

  /**
   * Time travel: two branches of the run shown as twins (labels), or back to one model (null).
   * The worker has already arranged its models; this is the page's side: the config says compare,
   * the twins carry the branches' names.
   */
  async function showBranchTwins(labels) {
    const on = !!labels;
    s.config = normalize({ compare: on }, s.config);
    s.branchTwins = on;
    s.twinLabels = labels ?? ['model'];
    s.primary = 0;
    compare.show(on);
    if (on) {
      compare.setTwins(labels);
      compare.setPrimary(0);
    }
    painter.resize();
    ui.sync();
    run.requestFrame();
    options.onChange?.(s.config);
    await run.waitFrame();
  }

  async function exportModel() {
    const json = await engine.request('exportModel', { index: s.primary });
    // the loss history goes with the weights (model-history.js; the engine ignores it)
    return { ...json, history: historyForFile(run.history[s.primary]) };
  }

  async function importModel(json) {
    await ready();
    const c = json?.config;
    if (!c || typeof c !== 'object') throw new Error('not a relu-lab model (no config)');
    const history = historyFromFile(json); // checked before anything changes
    // The worker (the facade) checks the whole model first: a rejected file changes nothing,
    // neither the running model nor the config the page shows.
    run.discard();
    events.reset({ diverged: false });
    travel.reset(); // the imported model begins a new run (time travel from its epoch on)
    s.branchTwins = false;
    try {
      await engine.request('importModel', { json, train: trainOptions(s.config), label: 'imported' });
    } catch (e) {
      run.requestFrame();
      throw e;
    }
    const partial = {
      compare: false,
      features: c.features,
      hidden: c.hidden.map((l) => l.units),
      activation: c.hidden[0]?.activation ?? s.config.activation,
      layerActivations: c.hidden.every((l) => l.activation === c.hidden[0].activation)
        ? []
        : c.hidden.map((l) => l.activation),
      output: c.output,
      init: c.init,
      seed: c.seed,
      batchNorm: c.hidden.some((l) => l.batchNorm),
      reluGradAtZero: String(c.reluGradAtZero),
    };
    s.config = normalize(partial, s.config);
    s.twinLabels = ['imported'];
    s.primary = 0;
    run.clearHistory(history.length ? [history] : []);
    net.setStructure(s.config, s.classes);
    compare.show(false);
    clearError();
    ui.sync();
    run.requestFrame();
    options.onChange?.(s.config);
    await run.waitFrame();
    return state();
  }

  return { modelSpecs, rebuild, setConfig, exportModel, importModel, showBranchTwins };
}
