// inspector.js — the selected unit: its pre-activation histogram over the training data with the
// zero line (everything left of it is switched off for ReLU), its numbers (activation rate,
// dormancy, epoch of death) and its bias and incoming weights as editable number inputs.
// Emits onEditWeight(layer, unit, input | 'bias', value).
import { h, fitCanvas, fmt, pct, watchWidth } from '../dom.js';
import { ORANGE, BLUE, rgb } from '../palette.js';
import { showProblem } from './controls.js';

const BINS = 32;
const RANGE = 8;
const MAX_WEIGHT = 1000; // a typed weight or bias beyond ±1000 is a typo (inputs span ±6), not a setting

export function createInspector(handlers) {
  const title = h('h3.panel-sub', {}, 'No unit selected');
  const hint = h('p.hint', {}, 'Select a unit in the network to see its pre-activation histogram and edit its weights. Click a link to edit that weight.');
  const canvas = h('canvas.hist-canvas', { 'aria-hidden': 'true' });
  const figure = h('div.hist', { role: 'img', 'aria-label': 'Pre-activation histogram' }, canvas);
  const stats = h('dl.stats');
  const weights = h('div.weights');
  const body = h('div.inspector-body', { hidden: true }, figure, stats, weights);
  const element = h('div.inspector', {}, title, hint, body);
  let selected = null;
  let focusKey = null;
  const figureWidth = watchWidth(figure, 240);

  function update(sel, health, w, featureNames) {
    selected = sel;
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
      ['Dead on the data', L.deadOnData[u] ? `yes${died !== null && died !== undefined ? `, since epoch ${died}` : ''}` : 'no'],
      ['Dead on the plane', L.deadOnPlane[u] ? 'yes' : 'no'],
    ];
    stats.replaceChildren(...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
    if (w?.[l]) renderWeights(l, u, w[l], featureNames);
  }

  function renderWeights(l, u, layer, featureNames) {
    // Do not rebuild while the user is typing in one of the inputs.
    if (weights.contains(document.activeElement)) return;
    const key = `${l}.${u}.${layer.W[u].length}`;
    const inputs = [['bias', layer.b[u], 'bias']].concat(layer.W[u].map((v, i) => [i, v, l === 0 ? `from ${featureNames[i] ?? `input ${i + 1}`}` : `from L${l} u${i + 1}`]));
    if (focusKey !== key) {
      focusKey = key;
      const problemId = `wp-${Math.random().toString(36).slice(2, 8)}`;
      const problem = h('p.field-error', { id: problemId, role: 'alert', hidden: true });
      weights.replaceChildren(h('h4', {}, 'Bias and incoming weights'), problem, h('div.weight-grid', {}, inputs.map(([input, v, label]) => {
        const id = `w-${l}-${u}-${input}-${Math.random().toString(36).slice(2, 6)}`;
        const el = h('input', { id, type: 'number', step: '0.01', min: -MAX_WEIGHT, max: MAX_WEIGHT, 'aria-describedby': problemId, dataset: { input: String(input) }, onchange: (e) => {
          // checked, not clamped: empty, unparsable (validity.badInput) or out of range changes nothing
          const text = e.target.value.trim();
          const value = Number(text);
          const ok = !e.target.validity.badInput && text !== '' && Number.isFinite(value) && Math.abs(value) <= MAX_WEIGHT;
          const what = input === 'bias' ? 'Bias' : `Weight ${label}`;
          showProblem(e.target, problem, ok ? '' : `${what} of layer ${l + 1} unit ${u + 1}: enter a number from −${MAX_WEIGHT} to ${MAX_WEIGHT}.`);
          if (ok) handlers.onEditWeight(l, u, input, value);
        } });
        return h('label.weight', { for: id }, h('span', {}, label), el);
      })));
    }
    weights.querySelectorAll('input').forEach((el, i) => (el.value = String(Number(inputs[i][1].toFixed(4)))));
  }

  /** Focus the input of one weight (after a click on a link). */
  function focusWeight(input) {
    const el = weights.querySelector(`input[data-input="${input}"]`);
    el?.focus();
    el?.select?.();
  }

  function drawHistogram(L, u) {
    const w = Math.max(160, figureWidth());
    const hgt = 90;
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
    figure.setAttribute('aria-label', `Pre-activation histogram: ${pct(below / total)} of training points have z below 0.`);
  }

  return { element, update, focusWeight, get selected() { return selected; } };
}
