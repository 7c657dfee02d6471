// inspector.js — the selected unit: its pre-activation histogram over the training data with the
// zero line (everything left of it is switched off for ReLU), its numbers (activation rate,
// dormancy, epoch of death) and its bias and incoming weights as editable number inputs.
// The output (selection [-1, unit]) shows only its bias and weights, with a choice of output unit
// when there are several (softmax). Emits onEditWeight(layer, unit, input | 'bias', value), with
// layer −1 for the output, and onSelect(-1, unit).
import { h, fitCanvas, fmt, pct, watchWidth } from '../dom.js';
import { ORANGE, BLUE, rgb } from '../palette.js';
import { showProblem } from './controls.js';

const BINS = 32;
const smooth = () => (globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth');
const RANGE = 8;
const MAX_WEIGHT = 1000; // a typed weight or bias beyond ±1000 is a typo (inputs span ±6), not a setting

/** A unit's name in messages: "layer 2 unit 3", "the output unit", "output unit 2". */
export function unitName(l, u, outputs = 1) {
  if (l >= 0) return `layer ${l + 1} unit ${u + 1}`;
  return outputs > 1 ? `the output unit of class ${u}` : 'the output unit';
}

export function createInspector(handlers) {
  const title = h('h3.panel-sub', {}, 'No unit selected');
  const hint = h(
    'p.hint',
    {},
    'Select a unit in the network to see its pre-activation histogram and edit its weights (the output too). Click a link to edit that weight.',
  );
  const canvas = h('canvas.hist-canvas', { 'aria-hidden': 'true' });
  const figure = h('div.hist', { 'role': 'img', 'aria-label': 'Pre-activation histogram' }, canvas);
  const stats = h('dl.stats');
  const weights = h('div.weights');
  const pickId = `op-${Math.random().toString(36).slice(2, 8)}`;
  const pick = h('select', { id: pickId, onchange: (e) => handlers.onSelect?.(-1, Number(e.target.value)) });
  const outputPick = h('p.output-pick', { hidden: true }, h('label', { for: pickId }, 'Output unit '), pick);
  const body = h('div.inspector-body', { hidden: true }, figure, stats, outputPick, weights);
  const element = h('div.inspector', {}, title, hint, body);
  let selected = null;
  let focusKey = null;
  // drawn at the figure's own width, and again when it changes: the first selection while paused
  // was drawn at the fallback width before the figure was shown, then stretched (issue #19)
  let drawn = null; // [L, u, width] of the histogram on the canvas
  const figureWidth = watchWidth(figure, 240, (width) => {
    if (drawn && !figure.hidden && width > 0 && width !== drawn[2]) drawHistogram(drawn[0], drawn[1]);
  });

  /** sel: [layer, unit] (layer −1: the output); w: every layer's weights, the output's last. */
  function update(sel, health, w, featureNames, head = '') {
    selected = sel;
    if (sel?.[0] === -1 && w?.length) return updateOutput(sel[1], w, featureNames, head);
    outputPick.hidden = true;
    figure.hidden = false;
    stats.hidden = false;
    if (!sel || !health?.layers?.[sel[0]]) {
      body.hidden = true;
      hint.hidden = false;
      title.textContent = 'No unit selected';
      return;
    }
    const [l, u] = sel;
    const L = health.layers[l];
    if (u >= L.units) return;
    body.hidden = false;
    hint.hidden = true;
    title.textContent = `Layer ${l + 1}, unit ${u + 1} (${L.activation})`;
    drawHistogram(L, u);
    const died = L.diedAtEpoch?.[u];
    const rows = [
      ['Active on', pct(L.activationRate[u])],
      ['Dormancy score', fmt(L.dormancy?.[u], 2)],
      [
        'Dead on the data',
        L.deadOnData[u] ? `yes${died !== null && died !== undefined ? `, since epoch ${died}` : ''}` : 'no',
      ],
      ['Dead on the plane', L.deadOnPlane[u] ? 'yes' : 'no'],
    ];
    stats.replaceChildren(...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
    if (w?.[l]) renderWeights(l, u, w[l], featureNames);
  }

  /** The output: no histogram or health (it is not a ReLU unit), its bias and incoming weights. */
  function updateOutput(u, w, featureNames, head) {
    const layer = w.at(-1);
    const outputs = layer.W.length;
    if (u >= outputs) return update(null); // a stale selection (an imported model has fewer outputs)
    body.hidden = false;
    hint.hidden = true;
    figure.hidden = true;
    stats.hidden = true;
    // classes are numbered from 0, as in the data panel and the CSV files (issue #19)
    title.textContent =
      outputs > 1
        ? `Output unit of class ${u} (${head ? `${head}, ` : ''}classes 0–${outputs - 1})`
        : `Output unit${head ? ` (${head})` : ''}`;
    outputPick.hidden = outputs < 2;
    if (pick.options.length !== outputs)
      pick.replaceChildren(
        ...Array.from({ length: outputs }, (_, k) => h('option', { value: String(k) }, `class ${k}`)),
      );
    pick.value = String(u);
    renderWeights(-1, u, layer, featureNames, w.length - 1, outputs);
  }

  /** hidden: the number of hidden layers (for the labels of the output's inputs). */
  function renderWeights(l, u, layer, featureNames, hidden = l, outputs = 1) {
    // Do not rebuild while the user is typing in one of the inputs.
    if (weights.contains(document.activeElement)) return;
    const from = l < 0 ? hidden : l; // the layer the inputs come from (0: the features)
    const key = `${l}.${u}.${from}.${layer.W[u].length}.${from === 0 ? featureNames.join() : ''}`;
    const inputs = [['bias', layer.b[u], 'bias']].concat(
      Array.from(layer.W[u], (v, i) => [
        i,
        v,
        from === 0 ? `from ${featureNames[i] ?? `input ${i + 1}`}` : `from L${from} u${i + 1}`,
      ]),
    );
    if (focusKey !== key) {
      focusKey = key;
      const problemId = `wp-${Math.random().toString(36).slice(2, 8)}`;
      const problem = h('p.field-error', { id: problemId, role: 'alert', hidden: true });
      weights.replaceChildren(
        h('h4', {}, 'Bias and incoming weights'),
        problem,
        h(
          'div.weight-grid',
          {},
          inputs.map(([input, v, label]) => {
            const id = `w-${l}-${u}-${input}-${Math.random().toString(36).slice(2, 6)}`;
            const el = h('input', {
              id,
              'type': 'number',
              'step': '0.01',
              'min': -MAX_WEIGHT,
              'max': MAX_WEIGHT,
              'aria-describedby': problemId,
              'dataset': { input: String(input) },
              'onchange': (e) => {
                // checked, not clamped: empty, unparsable (validity.badInput) or out of range changes nothing
                const text = e.target.value.trim();
                const value = Number(text);
                const ok =
                  !e.target.validity.badInput && text !== '' && Number.isFinite(value) && Math.abs(value) <= MAX_WEIGHT;
                const what = input === 'bias' ? 'Bias' : `Weight ${label}`;
                showProblem(
                  e.target,
                  problem,
                  ok
                    ? ''
                    : `${what} of ${unitName(l, u, outputs)}: enter a number from −${MAX_WEIGHT} to ${MAX_WEIGHT}.`,
                );
                if (ok) handlers.onEditWeight(l, u, input, value);
              },
            });
            return h('label.weight', { for: id }, h('span', {}, label), el);
          }),
        ),
      );
    }
    weights.querySelectorAll('input').forEach((el, i) => (el.value = String(Number(inputs[i][1].toFixed(4)))));
  }

  /** Focus the input of one weight (after a click on a link). */
  function focusWeight(input) {
    const el = weights.querySelector(`input[data-input="${input}"]`);
    // no jump to it (issue #19: 648 px): focus in place, then bring it into view smoothly
    el?.focus({ preventScroll: true });
    el?.select?.();
    el?.scrollIntoView({ behavior: smooth(), block: 'nearest' });
  }

  function drawHistogram(L, u) {
    const w = Math.max(160, figureWidth());
    const hgt = 90;
    drawn = [L, u, w];
    const ctx = fitCanvas(canvas, w, hgt);
    ctx.clearRect(0, 0, w, hgt);
    if (!L.histogram) return;
    const counts = Array.from({ length: BINS }, (_, b) => L.histogram[u * BINS + b]);
    const max = Math.max(1, ...counts);
    const bw = w / BINS;
    counts.forEach((c, b) => {
      const x0 = -RANGE + (b * 2 * RANGE) / BINS;
      ctx.fillStyle = x0 < 0 ? rgb(ORANGE, 0.75) : rgb(BLUE, 0.8);
      const bh = (c / max) * (hgt - 16);
      ctx.fillRect(b * bw + 0.5, hgt - 12 - bh, bw - 1, bh);
    });
    ctx.strokeStyle = '#111';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(w / 2, 0);
    ctx.lineTo(w / 2, hgt - 12);
    ctx.stroke();
    ctx.fillStyle = '#5b6170';
    ctx.font = '10px system-ui, sans-serif';
    ctx.fillText(`−${RANGE}`, 0, hgt - 1);
    ctx.fillText('z = 0', w / 2 + 3, 10);
    ctx.fillText(`+${RANGE}`, w - 14, hgt - 1);
    const below = counts.slice(0, BINS / 2).reduce((a, b) => a + b, 0);
    const total = counts.reduce((a, b) => a + b, 0) || 1;
    figure.setAttribute(
      'aria-label',
      `Pre-activation histogram: ${pct(below / total)} of training points have z below 0.`,
    );
  }

  return {
    element,
    update,
    focusWeight,
    get selected() {
      return selected;
    },
  };
}
