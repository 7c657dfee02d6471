// network-marks.js — the network view's health marks, written from a layer's health each frame.
// Dead units are marked three ways, never by colour alone: dead on the data = hatching, dead on
// the plane = a cross, dormant = dotted frame (classes styled in styles.css); each with a text
// badge and in the button's accessible name and title. A unit's activation rate is a bar under
// it. A layer's head says "k of n dead", its sparsity, and its gradient norm on a log-scale bar
// (NaN / overflow flagged). Only the DOM of one unit or one layer head, and only when what it
// shows changed; not here: making those elements (network-columns.js).
import { fmt, pct } from '../dom.js';

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
  const rate = H.activationRate[k];
  const died = H.diedAtEpoch?.[k];
  const state = `${data}|${plane}|${dormant}|${died}|${Math.round(rate * 100)}`;
  if (state === u.state) return;
  u.state = state;
  u.rate.style.width = `${Math.max(0, Math.min(1, rate)) * 100}%`;
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
  desc.push(`active on ${pct(rate)} of points`);
  b.setAttribute('aria-label', desc.join(', '));
  b.title = desc.join(', ');
}

/** Write a layer's head. L: { dead, grad, gradText, sparsity } (network-columns.js); H: its health. */
export function markLayer(L, H, epoch = 1) {
  const dead = H.deadOnData.filter(Boolean).length;
  const plane = H.deadOnPlane.filter(Boolean).length;
  const text = `${dead} of ${H.units} dead${plane ? ` (${plane} on the plane)` : ''}`;
  if (L.dead.textContent !== text) L.dead.textContent = text;
  L.dead.classList.toggle('has-dead', dead > 0);
  const g = H.gradientNorm;
  const bad = !Number.isFinite(g);
  // significant digits (0.004, not "0": "0 gradient" reads as dead); before any step there is
  // no gradient yet: "—" (issue #19)
  const gt = bad ? (Number.isNaN(g) ? '⚠ NaN' : '⚠ overflow') : epoch === 0 ? '—' : fmt(g, 2);
  if (L.gradText.textContent !== gt) {
    L.grad.style.width = `${(bad ? 1 : gradientBar(g)) * 100}%`;
    L.grad.classList.toggle('bad', bad);
    L.gradText.textContent = gt;
    L.grad.parentElement.title = `Gradient norm ${gt} (log scale, 1e-8 … 1e2)`;
  }
  const sp = `sparsity ${pct(H.sparsity)}`;
  if (L.sparsity.textContent !== sp) L.sparsity.textContent = sp;
}
