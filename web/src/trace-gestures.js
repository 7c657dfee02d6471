// trace-gestures.js — the map's gestures for issue 15, beside the heatmap's own click to add (or,
// in trace mode, to trace) a point: dragging moves the traced point (mouse, pen and touch alike,
// through pointer events; styles.css turns off touch scrolling over a map in trace mode) and the
// trace follows live; in Regions mode, the region under the mouse or the keyboard's crosshair
// lights the gates that are open there in the network view. The gates come with the regions the
// worker already computed (net.regions({ gates: true }): one row per region), so a hover costs a
// lookup, not an engine call. It paints nothing itself.
import { regionAt, regionGates } from './trace-signals.js';

const DRAG_PX = 4; // a press that moves less than this is a click (the heatmap's: trace there)

/** s: the playground's state; map, net: its views; tracer: tracer.js; run: the run loop. */
export function attachTraceGestures({ s, map, net, tracer, run }) {
  const frame = map.element.querySelector('.map-frame');
  const overlay = frame?.querySelector('.map-overlay');
  if (!overlay) return { cursor: () => '' };
  let press = null; // { id, cx, cy, dragging }
  let swallowClick = false;
  let lit = -1; // the region whose gates are lit, −1: none

  function toDomain(ev) {
    const r = overlay.getBoundingClientRect();
    const e = s.config.extent ?? 6;
    return [-e + ((ev.clientX - r.left) / r.width) * 2 * e, e - ((ev.clientY - r.top) / r.height) * 2 * e];
  }

  overlay.addEventListener('pointerdown', (ev) => {
    if (!s.config.trace || ev.button !== 0 || ev.altKey) return;
    press = { id: ev.pointerId, cx: ev.clientX, cy: ev.clientY, dragging: false };
    overlay.setPointerCapture?.(ev.pointerId);
  });
  overlay.addEventListener('pointermove', (ev) => {
    if (press && ev.pointerId === press.id) {
      if (!press.dragging && Math.hypot(ev.clientX - press.cx, ev.clientY - press.cy) < DRAG_PX) return;
      press.dragging = true;
      tracer.move(...toDomain(ev));
      return;
    }
    if (ev.pointerType !== 'touch') lightAt(...toDomain(ev));
  });
  const release = (ev) => {
    if (!press || ev.pointerId !== press.id) return;
    if (press.dragging && ev.type === 'pointerup') {
      tracer.move(...toDomain(ev), true);
      swallowClick = true; // the click that ends a drag is not a new pick
      setTimeout(() => (swallowClick = false), 0);
    }
    press = null;
  };
  overlay.addEventListener('pointerup', release);
  overlay.addEventListener('pointercancel', release);
  frame.addEventListener(
    'click',
    (ev) => {
      if (!swallowClick) return;
      swallowClick = false;
      ev.stopPropagation();
    },
    true,
  );
  overlay.addEventListener('pointerleave', () => lightAt(null));

  /** Light the gates of the region at (x, y) in Regions mode (x null: none). Returns it, or −1. */
  function lightAt(x, y) {
    const r = s.config.regions && x !== null ? run.current?.models[s.primary]?.regions : null;
    const id = r?.gates ? (regionAt(r, x, y, s.config.extent ?? 6) ?? -1) : -1;
    if (id === lit) return id;
    lit = id;
    net.lightGates(id < 0 ? null : regionGates(r, id, s.config.hidden));
    return id;
  }

  /** The crosshair moved to (x, y): the traced point follows; the region there lights. → words to say. */
  function cursor(x, y) {
    if (s.config.trace && s.trace.point) tracer.move(x, y, true);
    if (lightAt(x, y) < 0) return '';
    const open = regionGates(run.current.models[s.primary].regions, lit, s.config.hidden).flat();
    return `${open.filter(Boolean).length} of ${open.length} gates open in this region.`;
  }

  return { cursor };
}
