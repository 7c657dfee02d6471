// link-hover.js — a weight's link in the network view answers the mouse before the click (issue
// #19: links showed no pointer and no highlight): over a link the cursor is a pointer, the link is
// drawn again thick in ink on an overlay canvas, and its name and weight are the tooltip. Which
// link is under the mouse is network-links.js linkAt's answer; at most one look-up per frame.
import { linkAt } from './network-links.js';
import { h, fitCanvas, fmt } from '../dom.js';

/** body: the network's body; current(): { weights, columns } or null while there are none. */
export function attachLinkHover(body, current) {
  let queued = 0;
  let last = null;
  const overlay = h('canvas.link-hilite', { 'aria-hidden': 'true' });
  body.append(overlay);
  body.addEventListener('pointermove', (ev) => {
    if (ev.pointerType !== 'mouse' || queued) return;
    const { clientX, clientY, target } = ev;
    queued = requestAnimationFrame(() => {
      queued = 0;
      const c = current();
      // over a control (a unit, a menu) the control answers, not the link under it
      const free =
        target === body ||
        target.tagName === 'CANVAS' ||
        target.classList.contains('units') ||
        target.classList.contains('net-col');
      const box = body.getBoundingClientRect();
      const hit = c && free ? linkAt(c.weights, c.columns, clientX - box.left, clientY - box.top) : null;
      const key = hit && `${hit.layer}:${hit.unit}:${hit.input}`;
      if (key === last) return;
      last = key;
      body.classList.toggle('link-hover', !!hit);
      const w = hit && c.weights[hit.layer].W[hit.unit][hit.input];
      body.title = hit ? `${linkName(hit, c.weights.length)} = ${fmt(w)}: click to edit it` : '';
      highlight(overlay, body, hit && c);
      if (hit) drawLink(overlay, c.columns, hit, c.weights.length);
    });
  });
  body.addEventListener('pointerleave', () => {
    last = null;
    body.classList.remove('link-hover');
    body.title = '';
    highlight(overlay, body, null);
  });
}

/** Size the overlay to the body and clear it (hidden when there is nothing to show). */
function highlight(overlay, body, on) {
  overlay.hidden = !on;
  if (on) fitCanvas(overlay, body.clientWidth, body.clientHeight).clearRect(0, 0, body.clientWidth, body.clientHeight);
}

/** The link (layer, unit, input) as network-links.js paints it, thick, in ink. */
function drawLink(overlay, columns, { layer, unit, input }, layers) {
  const f = columns[layer]?.[input];
  const t = columns[layer + 1]?.[layer === layers - 1 ? 0 : unit];
  if (!f || !t) return;
  const ctx = overlay.getContext('2d');
  const x0 = f[0] + f[2],
    x1 = t[0] - t[2],
    mx = (x0 + x1) / 2;
  ctx.strokeStyle = getComputedStyle(overlay).color;
  ctx.lineWidth = 3;
  ctx.beginPath();
  ctx.moveTo(x0, f[1]);
  ctx.bezierCurveTo(mx, f[1], mx, t[1], x1, t[1]);
  ctx.stroke();
}

/** "Weight from L1 u2 to L2 u3" (layer: the weight's layer; the last is the output's). */
function linkName({ layer, unit, input }, layers) {
  const from = layer === 0 ? `input ${input + 1}` : `L${layer} u${input + 1}`;
  const to = layer === layers - 1 ? `the output${unit ? ` ${unit + 1}` : ''}` : `L${layer + 1} u${unit + 1}`;
  return input === 'bias' ? `Bias of ${to}` : `Weight from ${from} to ${to}`;
}
