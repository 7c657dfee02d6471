// network-trace.js — trace mode inside the network view (issue 15): for the traced point, each
// unit's z and whether its gate is open (a closed gate greyed, with a "closed" mark); with
// Backward, |∂L/∂z| per unit ("0: gate closed" where a closed gate stops the gradient); the links
// weighted by what they carry for this point (forward a·w, backward w·∂L/∂z, or after a nudge
// each weight's change), with a legend; the Step sequence's stage; and the gates a hovered region
// opens. Not here: the numbers (trace-signals.js, pure), the painting of links (network-links.js:
// this module hands it "pseudo-weights", so trace mode keeps its batching per class and sign),
// when to repaint (network-view.js).
// Each unit's DOM is written only when what it shows changed (u.traceState), as network-marks.js
// does: a 6 × 64 network has 384 units and the trace changes every frame while training.
import { h, fmt, momentText } from '../dom.js';
import { forwardLinks, backwardLinks, deltaLinks, inputValues } from '../trace-signals.js';
import { linkClasses } from './network-links.js';

// While training, the trace changes every frame: its marks and links are redrawn at most every
// MARK_MS for the same point and view (the last frame's always follows), so that trace mode does
// not double a big network's main-thread time per frame (bench/page-cpu.mjs … trace).
const MARK_MS = 200;

/**
 * root: the network view's element (its data-stage and the legend's home); onLater(): the links
 * changed in an update deferred by MARK_MS (the view repaints them).
 */
export function createNetworkTrace(root, onLater = () => {}) {
  let lastKey = '';
  let lastAt = 0;
  let later = 0; // the deferred update's timer
  // the legend above the columns (so that it is on screen with them), shown while tracing
  const legend = h('p.net-trace-legend.hint', { 'hidden': true, 'aria-live': 'off' });
  root.insertBefore(legend, root.querySelector('.net-scroller'));
  let drawn = null; // the links' pseudo-weights in trace mode, null otherwise
  let codes = null; // their drawn classes (network-links.js linkClasses): what the painter drew
  let outMark = null;

  /**
   * Show trace t (or nothing: t null) on unitEls ([layer][unit] → { button, cell }) and outputEl.
   * view: { weights, backward, stage, nudge: { steps } | null, features, past: { epoch, step } of
   * a past moment shown (time travel) or null }. Returns whether the
   * links are now drawn differently (the view repaints them then).
   */
  function update(unitEls, outputEl, t, view) {
    const { weights, stage = null } = view;
    const shown = t ? (stage ?? '') : '';
    if (root.dataset.stage !== shown) root.dataset.stage = shown; // no style work when unchanged
    if (root.classList.contains('tracing') !== !!t) root.classList.toggle('tracing', !!t);
    // a trace of the previous structure (the worker's next frame brings one of this one)
    const fits = t && weights && t.layers.length === unitEls.length && weights.length === t.layers.length + 1;
    if (!fits || t.layers.some((L, l) => L.z.length !== unitEls[l].length)) return clear(unitEls, outputEl);
    const back = stage === 'backward' || (!!view.backward && stage !== 'forward' && stage !== 'loss');
    const { x, y, label } = t.point;
    const key = `${x}|${y}|${label}|${back}|${stage}|${!!view.nudge}|${unitEls.length}`;
    const wait = MARK_MS - (performance.now() - lastAt);
    clearTimeout(later);
    if (key === lastKey && wait > 0) {
      later = setTimeout(() => show(unitEls, outputEl, t, view, back) && onLater(), wait);
      return false;
    }
    lastKey = key;
    return show(unitEls, outputEl, t, view, back);
  }

  function show(unitEls, outputEl, t, view, back) {
    const { weights, stage = null } = view;
    lastAt = performance.now();
    const small = root.classList.contains('tiny') || root.classList.contains('compact');
    unitEls.forEach((row, l) => row.forEach((u, k) => markUnit(u, l, k, t.layers[l], back, small)));
    markOutput(outputEl, t.output, back, stage);
    const kind = view.nudge ? 'nudge' : back ? 'backward' : 'forward';
    const { links, top } =
      kind === 'nudge'
        ? deltaLinks(view.nudge.steps, weights)
        : kind === 'backward'
          ? backwardLinks(t, weights)
          : forwardLinks(t, weights, inputValues(t.point.x, t.point.y, view.features));
    drawn = links;
    legend.hidden = false;
    const words = (view.past ? `At ${momentText(view.past)} (the past). ` : '') + legendText(kind, top);
    if (legend.textContent !== words) legend.textContent = words;
    const c = linkClasses(links, codes);
    const changed = c.changed || root.dataset.linkKind !== kind;
    codes = c.codes;
    root.dataset.linkKind = kind;
    return changed;
  }

  function legendText(kind, top) {
    const head = {
      forward: 'Links: the signal each carries for this point, |a·w| (blue: pushes z up, orange: down)',
      backward: 'Links: the gradient each carries back, |w·∂L/∂z| (blue: positive, orange: negative)',
      nudge: 'Links: how much the nudge changed each weight, |Δw| (blue: grew, orange: shrank)',
    }[kind];
    return `${head}; the widest is ${fmt(top)}, a link near 0 is faint. A greyed unit's gate is closed (z ≤ 0).`;
  }

  // Unit k of layer l. small: its value is not shown (styles.css), so not written either.
  function markUnit(u, l, k, L, back, small) {
    const open = L.gate[k] === 1;
    const d = Math.abs(L.dLdz[k]);
    const b = u.button;
    b.dataset.z = String(L.z[k]); // exact, for tests (no style or accessibility work)
    if (back) b.dataset.dldz = String(d);
    else if ('dldz' in b.dataset) delete b.dataset.dldz;
    const stop = !open && d === 0;
    const text = back ? (stop ? '0: gate closed' : `|∂L/∂z| ${fmt(d)}`) : `z ${fmt(L.z[k])}`;
    const state = `${open}|${back}|${stop}|${small ? '' : text}`;
    if (u.traceState === state) return;
    u.traceState = state;
    if (!u.traceMark) {
      u.traceMark = h('span.trace-mark', { 'aria-hidden': 'true' }, h('span.trace-mark-value'), h('span.trace-gate'));
      u.cell.append(u.traceMark);
    }
    u.traceMark.hidden = false;
    u.traceMark.firstChild.textContent = text;
    // with Backward a closed gate's value already says so ("0: gate closed")
    u.traceMark.lastChild.textContent = open || (back && d === 0) ? '' : 'closed';
    b.classList.toggle('trace-open', open);
    b.classList.toggle('trace-closed', !open);
    b.dataset.gate = open ? 'open' : 'closed';
    // in words for a screen reader, without the value (it would change the accessible tree every frame)
    const words = open ? 'gate open' : back && stop ? 'gate closed: 0 gradient passes' : 'gate closed';
    if (b.getAttribute('aria-description') !== `Traced point: ${words}`)
      b.setAttribute('aria-description', `Traced point: ${words}`);
  }

  function markOutput(outputEl, o, back, stage) {
    if (!outputEl) return;
    outMark ??= h('span.trace-mark.trace-out-mark', { 'aria-hidden': 'true' });
    if (!outMark.isConnected) outputEl.after(outMark);
    outMark.hidden = false;
    const z = Array.from(back ? o.dLdz : o.z, (v) => fmt(v)).join(', ');
    outMark.textContent = stage === 'loss' ? `loss ${fmt(o.loss)}` : back ? `∂L/∂z ${z}` : `z ${z}`;
  }

  function clear(unitEls, outputEl) {
    clearTimeout(later);
    lastKey = '';
    const had = drawn !== null;
    drawn = null;
    codes = null;
    legend.hidden = true;
    if (root.dataset.linkKind) delete root.dataset.linkKind;
    for (const row of unitEls)
      for (const u of row) {
        if (!u.traceState) continue;
        u.traceState = '';
        u.traceMark.hidden = true;
        u.button.classList.remove('trace-open', 'trace-closed');
        for (const k of ['gate', 'z', 'dldz']) delete u.button.dataset[k];
        u.button.removeAttribute('aria-description');
      }
    if (outMark) outMark.hidden = true;
    return had;
  }

  /** Light the gates a hovered region opens: open[l][u] (booleans), or null to stop. */
  function light(unitEls, open) {
    root.classList.toggle('region-lit', !!open);
    unitEls.forEach((row, l) =>
      row.forEach((u, k) => {
        const g = open ? (open[l]?.[k] ? 'open' : 'closed') : null;
        if (u.regionGate === g) return;
        u.regionGate = g;
        u.button.classList.toggle('region-open', g === 'open');
        u.button.classList.toggle('region-closed', g === 'closed');
        if (g) u.button.dataset.regionGate = g;
        else delete u.button.dataset.regionGate;
      }),
    );
  }

  return {
    update,
    light,
    /** The pseudo-weights to paint instead of the weights (null: not tracing). */
    links: () => drawn,
    /** What the painter drew (a test hook): each link's code, class · 2 + (value ≥ 0), layer by layer. */
    drawnCodes: () => codes,
    /** A new structure: the old units' marks are gone with their DOM. */
    reset: () => {
      clearTimeout(later);
      lastKey = '';
      drawn = null;
      codes = null;
      outMark = null;
    },
  };
}
