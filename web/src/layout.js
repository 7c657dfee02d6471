// layout.js — builds one playground's views and DOM and sets its controls from the config; it paints no result.
// The toolbar, the six panels, the revive, model and share buttons; sync() sets every control from
// the config. A gesture goes out as one of the intents in `on` (the controller decides what it
// does). Not here: painting results (render.js), hiding panels and controls on request (visibility.js).
import { h, fmt, download, filePicker } from './dom.js';
import { effectiveHead, FEATURES, layerActivation } from './config.js';
import { createToolbar } from './views/toolbar.js';
import { createDataPanel } from './views/data-panel.js';
import { createNetworkView } from './views/network-view.js';
import { createHeatmap } from './views/heatmap.js';
import { createLossChart } from './views/loss-chart.js';
import { createActivationPanel } from './views/activation-panel.js';
import { createInspector } from './views/inspector.js';
import { createCompareView } from './views/compare-view.js';
import { createControls, showProblem } from './views/controls.js';
import { createStatus } from './views/status.js';
import { createMetrics } from './views/metrics.js';
import { createTimeline } from './views/timeline.js';
import { createCertificate } from './views/certificate.js';
import { createOpenSideRings } from './views/open-side-rings.js';
import { createBranchList } from './views/branch-list.js';
import { createExportCode } from './export-code-panel.js';
import { createNotice } from './views/notice.js';
import { createValueScale } from './views/value-scale.js';
import { checkTwins, defaultTwins } from './twin-values.js';
import { createRegionsLayer } from './views/regions-layer.js';
import { createTracePanel } from './views/trace-panel.js';
import { applyGlossary } from './glossary.js';

/**
 * s: the playground's state (config, classes, selected are read here); options: createPlayground's
 * (onCopyLink, onCopyEmbed, openLesson, lessonsHref); on: { togglePlay, step, reset, change, say, showError, select, preview,
 * release, addPoint, removePoint, importCSV, exportCSV, editWeight, curve, pick, revive,
 * exportModel, importModel, exportCode }. Returns the element, every view, the reveal groups and sync().
 */
export function createLayout(s, options, on) {
  const { change, say, showError } = on;
  // the answers to actions, each beside its control (answers.js words them)
  const notices = Object.fromEntries(['run', 'net', 'map', 'data', 'model'].map((n) => [n, createNotice(n)]));
  const toolbar = createToolbar({ onPlay: on.togglePlay, onStep: on.step, onReset: on.reset, onChange: change });
  // the run's answer (Stop at epoch) sits in the play bar itself, under ▶, taking its own room: a
  // bubble floated below the bar covered the next thing on the page (a lesson card's title), and
  // on a phone the bar is sticky, so only inside it is the answer on screen (styles.css)
  toolbar.transport.append(notices.run.element);
  const data = createDataPanel({
    onChange: change,
    onRegenerate: () => change('dataSeed', Math.floor(Math.random() * 999999)),
    onImportCSV: on.importCSV,
    onExportCSV: on.exportCSV,
  });
  // a selection is [layer, unit]; layer −1 is the output (its weights are the last layer's)
  const net = createNetworkView({
    onSelect: on.select,
    onPreview: on.preview,
    onEditWeight: (l, u, i) => {
      on.select(l < s.config.hidden.length ? l : -1, u, false);
      requestAnimationFrame(() => inspector.focusWeight(i));
    },
    onToggleFeature: (f) => {
      const config = s.config;
      const isOn = config.features.includes(f);
      if (isOn && config.features.length === 1) return say('At least one input must stay on.', true);
      change(
        'features',
        isOn ? config.features.filter((x) => x !== f) : FEATURES.filter((x) => x === f || config.features.includes(x)),
      );
    },
    onLayers: (hidden) => change('hidden', hidden),
    onLayerActivation: (l, act) => {
      const config = s.config;
      const acts = config.hidden.map((_, i) => layerActivation(config, i));
      acts[l] = act;
      change('layerActivations', acts.every((a) => a === config.activation) ? [] : acts);
    },
  });
  const map = createHeatmap({
    label: 'Output map: the decision regions over the input plane',
    onRelease: on.release,
    onAdd: on.addPoint,
    onRemove: on.removePoint,
    // issue 15: the traced point follows the crosshair; the region under it lights its gates
    onCursor: (x, y) => say(`Crosshair at x ${fmt(x)}, y ${fmt(y)}. ${on.cursor?.(x, y) ?? ''}`.trim(), true),
  });
  const chart = createLossChart({ title: 'Loss over epochs' });
  const valueScale = createValueScale(); // regression only
  const timeline = createTimeline({
    onView: (e) => on.viewPast(e),
    onNow: () => on.backToNow(),
    onStep: (d) => on.stepPast(d),
  }); // time travel
  const branchList = createBranchList({ onSwitch: (i) => on.switchBranch(i), onCompare: (i) => on.compareBranch(i) });
  const certificate = createCertificate({
    onJump: (e) => on.viewPast(e),
    onBranch: (e, lr) => on.branchWith(e, lr),
    onShow: (c) => openRings.show(c?.openPoints ?? null), // time travel: its open-side points ringed
  });
  const activation = createActivationPanel({ onChange: change, curve: on.curve });
  const inspector = createInspector({ onEditWeight: on.editWeight, onSelect: (l, u) => on.select(l, u, false) });
  const compare = createCompareView({ onPick: on.pick, onRelease: on.release });
  const status = createStatus();
  const netControls = createControls(['init', 'initScale', 'biasInit', 'batchNorm', 'seed'], change, {
    className: 'controls inline',
    kind: { initScale: 'number', biasInit: 'number' },
  });
  const regionsLayer = createRegionsLayer(map); // issue 15: Regions mode and the trace
  const openRings = createOpenSideRings(map); // time travel: the certificate's open-side points
  const tracePanel = createTracePanel(on.trace, map);
  const viewControls = createControls(['showTest', 'discretize', 'zeroLines', 'regions', 'trace'], change, {
    className: 'controls checks',
  });
  // Twin values are checked before they apply (a bad one is named under the field and changes
  // nothing); a new "Twins differ in" brings a list of its own kind (twin-values.js)
  const twinsProblem = h('p.field-error', { role: 'alert', hidden: true });
  const compareControls = createControls(
    ['compare', 'compareBy', 'twins'],
    (key, value) => {
      if (key === 'compareBy') return on.set({ compareBy: value, twins: defaultTwins(value, s.config) });
      if (key !== 'twins') return change(key, value);
      const { text, problem } = checkTwins(value, s.config.compareBy);
      showProblem(twinsInput, twinsProblem, problem);
      if (!problem) change('twins', text);
    },
    { className: 'controls inline' },
  );
  const twinsInput = compareControls.controls.get('twins').querySelector('input');
  const branchTwinsNote = h(
    'p.hint.branch-twins-note',
    { hidden: true },
    'The twins are two branches of this run, each with its own past; the timeline moves both. Untick Compare twins to go on with the one chosen.',
  );
  compareControls.element.append(branchTwinsNote);
  twinsProblem.id = `${twinsInput.id}-error`;
  twinsInput.setAttribute('aria-describedby', twinsProblem.id);
  compareControls.controls.get('twins').append(twinsProblem);
  const runControls = createControls(['stopAt'], change, { className: 'controls inline' });
  const metrics = createMetrics({
    openLesson: options.openLesson,
    lessonsHref: options.lessonsHref,
    decorate: applyGlossary, // the rebuilt rows' terms (test loss) get their tips
  });
  const message = h('p.message', { role: 'alert', hidden: true });
  const engineInfo = h('p.engine-info.hint');

  const reviveLayer = h(
    'button.secondary',
    { type: 'button', onclick: () => on.revive(s.selected ? s.selected[0] : -1) },
    'Revive selected layer',
  );
  const reviveAll = h('button.secondary', { type: 'button', onclick: () => on.revive(-1) }, 'Revive whole net');
  const reviveBox = h('div.revive', { dataset: { control: 'revive' } }, reviveLayer, reviveAll, notices.net.element);

  const importInput = filePicker('.json,application/json', async (text, file) => {
    try {
      await on.importModel(JSON.parse(text));
      notices.model.show(`Imported the model${file?.name ? ` from ${file.name}` : ''}.`);
    } catch (e) {
      // shown by the button the reader used, not above the playground (issue #19)
      notices.model.show(`Not imported: ${e?.message ?? e}`, { tone: 'error' });
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
      onclick: () => options.onCopyEmbed?.(s.config),
    },
    'Copy embed code',
  );
  const exportModel = h(
    'button.secondary',
    {
      type: 'button',
      onclick: async () => {
        try {
          download(element, 'relu-lab-model.json', JSON.stringify(await on.exportModel(), null, 1), 'application/json');
        } catch (e) {
          showError(e);
        }
      },
    },
    'Export model',
  );
  const exportCode = createExportCode({ request: on.exportCode, showError }); // Export → PyTorch / NumPy
  const modelBox = h(
    'div.model-io',
    { dataset: { control: 'model' } },
    exportModel,
    h('button.secondary', { type: 'button', onclick: () => importInput.click() }, 'Import model'),
    importInput,
    notices.model.element,
  );

  const uid = Math.random().toString(36).slice(2, 7); // ids must be unique per playground
  const panel = (name, title, ...children) =>
    h(
      `section.panel.${name}`,
      { 'aria-labelledby': `${name}-h-${uid}`, 'dataset': { control: `${name}Panel` } },
      h('h2.panel-title', { id: `${name}-h-${uid}` }, title),
      ...children,
    );
  const dataPanel = panel('data', 'Data', data.element, h('div.notice-anchor', {}, notices.data.element));
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
      h('div.notice-anchor', {}, notices.map.element),
      valueScale.element,
      regionsLayer.element,
      viewControls.element,
      tracePanel.element,
      metrics.deadSummary,
      metrics.bornDead,
      chart.element,
      timeline.element,
      branchList.element,
      compare.element,
    ),
  );
  const actPanel = panel('act', 'Activation', activation.element);
  const inspPanel = panel('insp', 'Selected unit', inspector.element, certificate.element);
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
    h('div.share', {}, copyLink, copyEmbed, modelBox, exportCode.element),
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

  /** Every control from s.config (values, and the controls that do not apply hidden or disabled). */
  function sync() {
    const { config, classes } = s;
    toolbar.set(config);
    data.set(config, classes);
    netControls.set(config);
    runControls.set(config);
    netControls.controls.get('initScale').hidden = config.init !== 'uniform' && config.init !== 'normal';
    map.setExtent(config.extent);
    openRings.setExtent(config.extent);
    compare.setExtent(config.extent);
    viewControls.set(config);
    compareControls.set(config);
    activation.draw(config);
    // time travel: branch twins differ in their pasts, not in a value (s.branchTwins)
    compareControls.controls.get('compareBy').hidden = !config.compare || s.branchTwins;
    compareControls.controls.get('twins').hidden = !config.compare || s.branchTwins;
    branchTwinsNote.hidden = !s.branchTwins;
    const head = effectiveHead(config, classes);
    toolbar.controls
      .get('output')
      .querySelectorAll('option')
      .forEach((o) => {
        o.disabled = !headFits(o.value, classes);
      });
    toolbar.controls.get('output').querySelector('select').value = head;
    toolbar.controls.get('regularizationRate').hidden = config.regularization === 'none';
    valueScale.show(classes === 0);
    // what the twins differ in is theirs: the toolbar's control for it would contradict them
    for (const key of ['learningRate', 'activation', 'init']) {
      const byTwins = config.compare && !s.branchTwins && config.compareBy === key;
      const wrap = (key === 'init' ? netControls : toolbar).controls.get(key);
      wrap.classList.toggle('muted', byTwins);
      wrap.title = byTwins ? 'Set per twin: see “Twin values” under Compare and share' : '';
      wrap.querySelectorAll('input, select').forEach((el) => (el.disabled = byTwins));
    }
    if (twinsInput.value === config.twins) showProblem(twinsInput, twinsProblem, '');
  }

  return {
    element,
    // shown once their fonts are resolved, a group per frame (reveal.js)
    revealGroups: [[toolbar.element], [dataPanel], [netPanel], [outPanel], [actPanel, inspPanel, morePanel]],
    toolbar,
    data,
    net,
    map,
    chart,
    timeline,
    branchList,
    certificate,
    activation,
    inspector,
    compare,
    status,
    metrics,
    message,
    engineInfo,
    reviveLayer,
    notices,
    regionsLayer,
    tracePanel,
    sync,
  };
}

/** Whether an output head suits a dataset of `classes` classes (0: regression). */
function headFits(head, classes) {
  if (classes === 0) return head === 'linear';
  if (classes > 2) return head === 'softmax';
  return head !== 'linear';
}
