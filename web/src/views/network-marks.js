// network-marks.js — the network view's health marks, written from a layer's health each frame.
// Dead units are marked three ways, never by colour alone: dead on the data = hatching, dead on
// the plane = a cross, dormant = dotted frame (classes styled in styles.css); each with a text
// badge and in the button's accessible name and title. A unit's activation rate is a bar under
// it. A layer's head says "k of n dead", its sparsity, and its gradient norm on a log-scale bar
// (NaN / overflow flagged). Only the DOM of one unit or one layer head, and only when what it
// shows changed; not here: making those elements (network-columns.js).
import { h, fmt, pct } from '../dom.js';

const RATE_STEP = 0.05; // activation rates are shown to 5 %

/** Position of a gradient norm on the bar: log10 over [1e-8, 1e2] → [0, 1]. */
function gradientBar(g) {
  if (!(g > 0)) return 0;
  return Math.max(0, Math.min(1, (Math.log10(g) + 8) / 10));
}

/**
 * Mark unit k of layer l. u: { button, rate, badge, state } (network-columns.js; u.state is the
 * last state marked, so an unchanged unit costs no DOM write); H: the layer's health.
 */
export function markUnit(u, l, k, H) {
  const data = !!H.deadOnData[k];
  const plane = !!H.deadOnPlane[k];
  const dormant = !!H.dormant?.[k] && !data;
  // to RATE_STEP: the bar is a few px wide, and a rate that moves every frame rewrote hundreds of
  // bars, labels and titles a frame in a big network (issue #18)
  const rate = Math.round(H.activationRate[k] / RATE_STEP) * RATE_STEP;
  const died = H.diedAtEpoch?.[k];
  const state = `${data}|${plane}|${dormant}|${died}|${rate}`;
  if (state === u.state) return;
  u.state = state;
  // bars are scaled, not sized: a transform needs no layout of the (large) network's DOM
  u.rate.style.transform = `scaleX(${Math.max(0, Math.min(1, rate))})`;
  const b = u.button;
  b.classList.toggle('dead-data', data);
  b.classList.toggle('dead-plane', plane);
  b.classList.toggle('dormant', dormant);
  b.dataset.deadOnData = String(data);
  b.dataset.deadOnPlane = String(plane);
  b.dataset.dormant = String(dormant);
  const words = [];
  if (data && plane) words.push('dead: data+plane');
  else if (data) words.push('dead: data');
  else if (plane) words.push('dead: plane');
  if (dormant) words.push('dormant');
  u.badge.textContent = words.join(', ');
  u.badge.className = `badge${words.length ? ' on' : ''}`;
  const desc = [`Layer ${l + 1} unit ${k + 1}`];
  if (data) desc.push(`dead on the data${died !== null && died !== undefined ? ` since epoch ${died}` : ''}`);
  if (plane) desc.push('dead on the plane');
  if (dormant) desc.push('dormant');
  desc.push(`active on about ${pct(rate)} of points`);
  b.setAttribute('aria-label', desc.join(', '));
  b.title = desc.join(', ');
}

/** Write a layer's head. L: { dead, grad, gradText, sparsity } (network-columns.js); H: its health. */
export function markLayer(L, H) {
  const dead = H.deadOnData.filter(Boolean).length;
  const plane = H.deadOnPlane.filter(Boolean).length;
  // dormant as the units mark it: only those not already dead on the data
  const dormant = H.dormant ? H.dormant.filter((d, k) => d && !H.deadOnData[k]).length : 0;
  const text = `${dead} of ${H.units} dead${plane ? ` (${plane} on the plane)` : ''}${dormant ? ` ${dormant} dormant` : ''}`;
  if (L.dead.textContent !== text) {
    // separate lines, so that a narrow (compact) column's count badge stays in its column (the
    // dormant count is shown there only: styles.css)
    L.dead.replaceChildren(`${dead} of ${H.units} dead`);
    if (plane) L.dead.append(h('span.plane-count', {}, ` (${plane} on the plane)`));
    if (dormant) L.dead.append(h('span.dormant-count', {}, ` ${dormant} dormant`));
  }
  L.dead.classList.toggle('has-dead', dead > 0);
  const g = H.gradientNorm;
  const bad = !Number.isFinite(g);
  const gt = bad ? (Number.isNaN(g) ? '⚠ NaN' : '⚠ overflow') : fmt(g, 2);
  if (L.gradText.textContent !== gt) {
    L.grad.style.transform = `scaleX(${bad ? 1 : gradientBar(g)})`;
    L.grad.classList.toggle('bad', bad);
    L.gradText.textContent = gt;
    L.grad.parentElement.title = `Gradient norm ${gt} (log scale, 1e-8 … 1e2)`;
  }
  const sp = `sparsity ${pct(H.sparsity)}`;
  if (L.sparsity.textContent !== sp) L.sparsity.textContent = sp;
}
