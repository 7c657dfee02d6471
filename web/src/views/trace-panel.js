// trace-panel.js — one point's forward and backward pass, unit by unit: each unit's z and whether
// its gate is open; with Backward, |∂L/∂z|, where a closed gate shows "0: gate closed"; a unit dead
// on the data says that no training point's gradient reaches it. Nudge takes one SGD step on this
// point alone; Undo puts every weight back.
// Input: net.trace()'s result (as the worker sends it, with its point) and the health of the
// frame. Gestures go out as onBackward(on), onNudge(), onUndo(), onClear(). It knows nothing of the
// engine.
import { h, fmt, momentText } from '../dom.js';
import { createTraceSteps } from './trace-steps.js';

const FOLD_DEATH = new Set(['relu', 'leaky_relu', 'prelu', 'elu', 'gelu', 'silu']);
const ROWS_MS = 200; // the unit cells are rebuilt at most this often for the same point

export function createTracePanel({ onBackward, onNudge, onUndo, onClear, onStep }, map) {
  // the traced point on the map: a ring above the points (positioned like the map's crosshair)
  const marker = h('div.trace-marker', { 'aria-hidden': 'true', 'hidden': true });
  map?.element.querySelector('.map-frame')?.append(marker);
  const hint = h(
    'p.hint',
    {},
    'Click a training point or any spot on the map (or move the crosshair with the arrow keys and press Enter) to follow it through the network.',
  );
  // not a live region: it changes every frame while training or dragging (tracer.js speaks it once)
  const summary = h('p.trace-summary');
  const backward = h(
    'button.secondary.trace-backward',
    {
      'type': 'button',
      'aria-pressed': 'false',
      'onclick': () => onBackward(backward.getAttribute('aria-pressed') !== 'true'),
    },
    'Backward: show |∂L/∂z|',
  );
  const nudge = h('button.secondary.trace-nudge', { type: 'button', onclick: () => onNudge() }, 'Nudge');
  const undo = h(
    'button.secondary.trace-undo',
    { type: 'button', disabled: true, onclick: () => onUndo() },
    'Undo nudge',
  );
  const clear = h('button.secondary', { type: 'button', onclick: () => onClear() }, 'Clear point');
  const nudged = h('p.trace-nudged.hint');
  const steps = createTraceSteps(() => onStep()); // the Step sequence (trace-steps.js)
  const layers = h('div.trace-layers');
  const buttons = h('div.trace-buttons', {}, backward, nudge, undo, clear);
  const element = h(
    'section.trace-panel',
    { 'hidden': true, 'aria-label': 'Trace of one point' },
    h('h3.panel-sub', {}, 'Trace a point'),
    hint,
    summary,
    buttons,
    steps.element,
    nudged,
    layers,
  );

  /**
   * t: { point, layers, output, grads } or null; ctx: { on (trace mode), backward, health,
   * trainCount, activations (per layer), learningRate, canUndo, nudgeText, past: { epoch, step } while
   * the timeline shows a past moment (t is then that moment's trace) }.
   */
  let rowsKey = '';
  let rowsAt = 0;
  let rowsLater = 0;

  function update(t, ctx) {
    element.hidden = !ctx.on;
    marker.hidden = !ctx.on || !t;
    map?.element.classList.toggle('tracing', !!ctx.on); // styles.css: a drag moves the point, also on touch
    if (!ctx.on) return clearTimeout(rowsLater);
    hint.hidden = !!t;
    buttons.hidden = !t;
    backward.setAttribute('aria-pressed', String(!!ctx.backward));
    // a nudge is a change: in the past it branches the run there, as any change does (time-travel.js)
    const branch = ctx.past ? `, branching the run at ${momentText(ctx.past)}` : '';
    nudge.textContent = `Nudge: one SGD step on this point (learning rate ${fmt(ctx.learningRate)})${branch}`;
    undo.disabled = !ctx.canUndo;
    nudged.textContent = ctx.nudgeText ?? '';
    steps.element.hidden = !t;
    steps.update({ stage: ctx.stage ?? null, stageText: ctx.stageText, enabled: !!t });
    if (!t) {
      clearTimeout(rowsLater);
      rowsKey = '';
      summary.textContent = '';
      layers.replaceChildren();
      return;
    }
    const { x, y, label } = t.point;
    const e = ctx.extent ?? 6;
    marker.style.left = `${((x + e) / (2 * e)) * 100}%`;
    marker.style.top = `${((e - y) / (2 * e)) * 100}%`;
    const pred = Array.from(t.output.prediction, (v) => fmt(v)).join(', ');
    const at = ctx.past ? `At ${momentText(ctx.past)} (the past): p` : 'P';
    summary.textContent = `${at}oint (${fmt(x)}, ${fmt(y)}), label ${fmt(label)}: prediction ${pred}, loss ${fmt(t.output.loss)}.`;
    Object.assign(summary.dataset, { x: String(x), y: String(y), label: String(label) }); // exact, for tests
    summary.dataset.epoch = ctx.past ? String(ctx.past.epoch) : ''; // the past epoch traced, '' for now
    // every unit's cell is rebuilt: while training (the same point, a new trace each frame) at
    // most every ROWS_MS, the last frame's always following (a 6 × 64 net has 384 cells)
    const key = `${x}|${y}|${label}|${!!ctx.backward}|${layers.childElementCount}`;
    const wait = ROWS_MS - (performance.now() - rowsAt);
    clearTimeout(rowsLater);
    if (key === rowsKey && wait > 0) rowsLater = setTimeout(() => rows(t, ctx), wait);
    else rows(t, ctx);
    rowsKey = `${x}|${y}|${label}|${!!ctx.backward}|${layers.childElementCount}`;
  }

  function rows(t, ctx) {
    rowsAt = performance.now();
    layers.replaceChildren(...t.layers.map((L, l) => layerRow(L, l, ctx)), outputRow(t.output, ctx.backward));
  }

  function layerRow(L, l, ctx) {
    const health = ctx.health?.layers?.[l];
    const activation = ctx.activations[l];
    const cells = Array.from(L.z, (z, u) => {
      const open = L.gate[u] === 1;
      const dead = health?.deadOnData?.[u] && FOLD_DEATH.has(activation);
      const text = ctx.backward
        ? !open && L.dLdz[u] === 0
          ? '0: gate closed'
          : `|∂L/∂z| ${fmt(Math.abs(L.dLdz[u]))}`
        : `z ${fmt(z)}, gate ${open ? 'open' : 'closed'}`;
      const cell = h(
        `li.trace-unit.${open ? 'gate-open' : 'gate-closed'}`,
        { dataset: { layer: String(l), unit: String(u) } },
        h('span.trace-name', {}, `u${u + 1}`),
        h('span.trace-value', {}, text),
      );
      if (dead) {
        cell.classList.add('trace-dead');
        cell.append(
          h(
            'span.trace-dead-note',
            {},
            `closed for all ${ctx.trainCount} training points: no gradient from any point reaches its weights`,
          ),
        );
      }
      return cell;
    });
    return h(
      'div.trace-layer',
      {},
      h('h4.trace-layer-title', {}, `Layer ${l + 1} (${activation})`),
      h('ul.trace-units', {}, ...cells),
    );
  }

  function outputRow(o, back) {
    const cells = Array.from(o.z, (z, k) =>
      h(
        'li.trace-unit.gate-open',
        {},
        h('span.trace-name', {}, `out${o.z.length > 1 ? k + 1 : ''}`),
        h('span.trace-value', {}, back ? `∂L/∂z ${fmt(o.dLdz[k])}` : `z ${fmt(z)}`),
      ),
    );
    return h('div.trace-layer', {}, h('h4.trace-layer-title', {}, 'Output'), h('ul.trace-units', {}, ...cells));
  }

  return { element, update };
}
