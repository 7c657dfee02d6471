// heatmap.js — the output map: decision regions at device-pixel resolution (painted from the
// model's output grid), the training/test points, optional first-layer z = 0 lines with ticks on
// each unit's live side, and a preview mode that shows one unit's tile enlarged.
// Input: pointer clicks become onAdd(x, y, shift) / onRemove(x, y) in domain coordinates, and so
// do the keys while the map has focus (map-cursor.js: a crosshair moved with the arrow keys).
// It knows nothing of the engine: it paints arrays it is given, and hands each one back
// (onRelease) once a newer one has replaced it.
import { h, fitCanvas, nextFrame } from '../dom.js';
import { paintOutput, labelColor } from '../palette.js';
import { FEATURES } from '../config.js';
import { createMapCursor } from './map-cursor.js';
import { FEATURE_FN } from '../features.js';

export const EXTENT = 6; // the default; setExtent() changes one map's domain [-e, e]²

export function createHeatmap({ label = 'Output map', onAdd, onRemove, onRelease, onCursor, small = false } = {}) {
  const regions = h('canvas.map-regions', { 'aria-hidden': 'true' });
  const overlay = h('canvas.map-overlay', { 'aria-hidden': 'true' });
  const caption = h('div.map-caption', { 'aria-hidden': 'true' });
  const summary = h('p.visually-hidden');
  const frame = h('div.map-frame', { 'role': 'img', 'aria-label': label }, regions, overlay, caption);
  const root = h('div.map' + (small ? '.map-small' : ''), {}, frame, summary);
  let css = 0;
  let image = null;
  let last = null; // { out, w, h, k, head, opts }
  let points = null;
  let lines = null;
  let preview = null;
  let pointsKey = '';
  let measured = 0;
  let extent = EXTENT;
  // Measure only when the layout changes (reading clientWidth every frame forces a layout).
  const overlaySoon = nextFrame(() => drawOverlay());
  const ro = new ResizeObserver((entries) => {
    measured = Math.floor(entries[0].contentRect.width);
    pointsKey = '';
    if (measured) overlaySoon(); // 0: not displayed (yet), nothing to paint
  });
  ro.observe(frame);

  function size() {
    if (!measured) measured = Math.floor(frame.clientWidth);
    return Math.max(80, measured || (small ? 200 : 360));
  }

  /** The grid size the worker should compute: the canvas's device pixels (capped). */
  function pixelSize() {
    css = size();
    const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
    const px = Math.min(small ? 320 : 640, Math.round(css * dpr));
    return { width: px, height: px };
  }

  /** Paint a model output grid; the grid it replaces goes to onRelease (the page recycles it). */
  function setOutput(out, w, hgt, k, head, opts = {}) {
    const old = last?.out;
    last = { out, w, h: hgt, k, head, opts };
    if (old && old !== out) onRelease?.(old);
    if (!preview) drawRegions();
  }

  function drawRegions() {
    if (!last) return;
    const { out, w, h: hgt, k, head, opts } = last;
    if (regions.width !== w || regions.height !== hgt) {
      regions.width = w;
      regions.height = hgt;
      image = null;
    }
    const ctx = regions.getContext('2d');
    if (!image || image.width !== w) image = ctx.createImageData(w, hgt);
    paintOutput(out, w, hgt, k, head, image.data, opts);
    ctx.putImageData(image, 0, 0);
  }

  /** Show a unit's tile (an ImageData) enlarged instead of the output; null to go back. */
  function setPreview(tile, text = '') {
    preview = tile;
    caption.textContent = tile ? text : '';
    root.classList.toggle('previewing', !!tile);
    if (!tile) return drawRegions();
    const ctx = regions.getContext('2d');
    const tmp = new OffscreenCanvas(tile.width, tile.height);
    tmp.getContext('2d').putImageData(tile, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(tmp, 0, 0, regions.width, regions.height);
  }

  /** Points { train, test, classes, showTest }; redrawn only when they change. */
  function setPoints(p) {
    const same =
      points &&
      p.train === points.train &&
      p.test === points.test &&
      p.classes === points.classes &&
      p.showTest === points.showTest;
    points = p;
    if (!same) drawOverlay();
  }

  /** First-layer weights { W: rows, b } and the feature names, or null to hide the lines. */
  function setLines(layer0, features) {
    if (!layer0 && !lines) return;
    lines = layer0 ? { ...layer0, features } : null;
    drawOverlay();
  }

  const toPx = (v) => ((v + extent) / (2 * extent)) * css;
  const toPy = (v) => ((extent - v) / (2 * extent)) * css;

  function drawOverlay() {
    css = size();
    const ctx = fitCanvas(overlay, css, css);
    ctx.clearRect(0, 0, css, css);
    if (lines) drawLines(ctx);
    if (!points) return;
    const r = small ? 2 : css > 420 ? 3.2 : 2.6;
    const draw = (set, test) => {
      const { x, y, label } = set;
      for (let i = 0; i < x.length; i++) {
        ctx.beginPath();
        ctx.arc(toPx(x[i]), toPy(y[i]), r, 0, Math.PI * 2);
        ctx.fillStyle = labelColor(points.classes === 0 ? label[i] : label[i] | 0, points.classes);
        ctx.fill();
        ctx.lineWidth = test ? 1.4 : 0.9;
        ctx.strokeStyle = test ? '#222' : '#fff';
        ctx.stroke();
      }
    };
    draw(points.train, false);
    if (points.showTest) draw(points.test, true);
  }

  // Marching squares over a coarse grid of z = W·features(x, y) + b; ticks point to z > 0.
  function drawLines(ctx) {
    const names = FEATURES.filter((f) => lines.features.includes(f));
    const fns = names.map((f) => FEATURE_FN[f]);
    const N = 72;
    const step = (2 * extent) / N;
    const feats = new Float32Array((N + 1) * (N + 1) * fns.length);
    for (let j = 0; j <= N; j++)
      for (let i = 0; i <= N; i++) {
        const x = -extent + i * step;
        const y = extent - j * step;
        fns.forEach((fn, f) => (feats[(j * (N + 1) + i) * fns.length + f] = fn(x, y)));
      }
    ctx.lineWidth = small ? 1 : 1.5;
    lines.W.forEach((w, u) => {
      const z = new Float32Array((N + 1) * (N + 1));
      for (let p = 0; p < z.length; p++) {
        let s = lines.b[u];
        for (let f = 0; f < fns.length; f++) s += w[f] * feats[p * fns.length + f];
        z[p] = s;
      }
      ctx.strokeStyle = 'rgba(20, 20, 20, 0.75)';
      ctx.setLineDash([5, 3]);
      const ticks = [];
      ctx.beginPath();
      for (let j = 0; j < N; j++)
        for (let i = 0; i < N; i++) {
          const a = z[j * (N + 1) + i],
            b = z[j * (N + 1) + i + 1];
          const c = z[(j + 1) * (N + 1) + i + 1],
            d = z[(j + 1) * (N + 1) + i];
          const pts = [];
          const edge = (za, zb, x0, y0, x1, y1) => {
            if (za > 0 !== zb > 0) {
              const t = za / (za - zb);
              pts.push([x0 + (x1 - x0) * t, y0 + (y1 - y0) * t]);
            }
          };
          edge(a, b, i, j, i + 1, j);
          edge(b, c, i + 1, j, i + 1, j + 1);
          edge(c, d, i + 1, j + 1, i, j + 1);
          edge(d, a, i, j + 1, i, j);
          if (pts.length >= 2) {
            const s = css / N;
            ctx.moveTo(pts[0][0] * s, pts[0][1] * s);
            ctx.lineTo(pts[1][0] * s, pts[1][1] * s);
            if ((i * 7 + j * 13) % 9 === 0) {
              // gradient of z in pixel space → the live side
              const gx = b - a,
                gy = d - a;
              const len = Math.hypot(gx, gy) || 1;
              ticks.push([((pts[0][0] + pts[1][0]) / 2) * s, ((pts[0][1] + pts[1][1]) / 2) * s, gx / len, gy / len]);
            }
          }
        }
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.strokeStyle = 'rgba(20, 20, 20, 0.9)';
      ctx.beginPath();
      for (const [x, y, dx, dy] of ticks) {
        ctx.moveTo(x, y);
        ctx.lineTo(x + dx * 7, y + dy * 7);
      }
      ctx.stroke();
    });
  }

  function fromEvent(ev) {
    const r = overlay.getBoundingClientRect();
    const x = -extent + ((ev.clientX - r.left) / r.width) * 2 * extent;
    const y = extent - ((ev.clientY - r.top) / r.height) * 2 * extent;
    return [x, y];
  }
  let cursor = null;
  if (onAdd) {
    // keyboard editing: the frame takes focus and becomes a widget with its own keys
    const help = h(
      'p.visually-hidden',
      { id: `map-keys-${Math.random().toString(36).slice(2, 8)}` },
      'Arrow keys move a crosshair (Shift: faster); Enter or Space adds a point of the chosen class there, Shift+Enter the other class; Delete removes the nearest point inside its circle.',
    );
    frame.tabIndex = 0;
    frame.setAttribute('role', 'application');
    frame.setAttribute('aria-describedby', help.id);
    cursor = createMapCursor(frame, { extent: () => extent, onAdd, onRemove, onMove: onCursor });
    frame.append(cursor.element);
    root.append(help);
    overlay.addEventListener('click', (ev) => {
      const [x, y] = fromEvent(ev);
      if (ev.altKey) onRemove?.(x, y);
      else onAdd(x, y, ev.shiftKey);
    });
    overlay.addEventListener('contextmenu', (ev) => {
      ev.preventDefault();
      onRemove?.(...fromEvent(ev));
    });
    root.classList.add('editable');
  }

  return {
    element: root,
    regions,
    pixelSize,
    setOutput,
    setPreview,
    setPoints,
    setLines,
    setExtent: (e) => {
      if (e === extent) return;
      extent = e;
      pointsKey = '';
      cursor?.clamp();
      drawOverlay();
    },
    redraw: () => {
      measured = 0;
      drawOverlay();
      if (!preview) drawRegions();
    },
    setSummary: (text) => {
      summary.textContent = text;
      frame.setAttribute('aria-label', `${label}. ${text}`);
    },
  };
}
