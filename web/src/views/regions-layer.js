// regions-layer.js — the output map's "Regions" mode: the network's gate regions tinted (a
// region's neighbours never share a tint), the folds drawn as thin lines coloured by the lowest
// layer that flips there, one unit's fold picked out, and a caption with the count.
// Input: net.regions({ gates: true })'s result, as the worker sends it, and what is selected.
// It knows nothing of the engine; it paints a canvas laid between the map's decision regions and
// its points (so the points and the crosshair stay on top), and writes one caption.
import { h, fitCanvas, momentText } from '../dom.js';
import { CLASS_COLORS } from '../palette.js';

// Okabe–Ito hues lightened towards white: tints that stay distinguishable under the common
// colour-vision deficiencies, and paler than the points drawn over them in the same hues.
const TINTS = CLASS_COLORS.map((c) => c.map((v) => Math.round(v + (255 - v) * 0.55)));
// Folds by layer: dark, mutually distinct, readable on every tint (cycled past eight layers).
const FOLD = [
  [20, 20, 20],
  [0, 62, 130],
  [140, 30, 90],
  [110, 70, 0],
  [0, 95, 75],
  [90, 60, 150],
  [150, 50, 0],
  [70, 70, 70],
];
const HIGHLIGHT = [255, 255, 255]; // the selected unit's fold: white, with its layer's colour beside it
export const FOLD_COLORS = FOLD;

// Relu-family activations whose "dead on the data" is exactly "z ≤ 0 at every training point".
const FOLD_DEATH = new Set(['relu', 'leaky_relu', 'prelu', 'elu', 'gelu', 'silu']);

/** A tint per region: greedy colouring of the adjacency graph, so that neighbours differ. */
function colourRegions(r) {
  const { width: w, height: hgt, ids, count } = r;
  const adj = Array.from({ length: count }, () => new Set());
  for (let j = 0; j < hgt; ++j)
    for (let i = 0; i < w; ++i) {
      const p = j * w + i,
        a = ids[p];
      if (i + 1 < w && ids[p + 1] !== a) {
        adj[a].add(ids[p + 1]);
        adj[ids[p + 1]].add(a);
      }
      if (j + 1 < hgt && ids[p + w] !== a) {
        adj[a].add(ids[p + w]);
        adj[ids[p + w]].add(a);
      }
    }
  const colour = new Int8Array(count).fill(-1);
  for (let id = 0; id < count; ++id) {
    const used = new Set([...adj[id]].map((n) => colour[n]));
    let c = 0;
    while (c < TINTS.length && used.has(c)) ++c;
    colour[id] = c < TINTS.length ? c : id % TINTS.length; // more than 8 neighbours: rare
  }
  return colour;
}

/**
 * map: the heatmap view (its element holds the .map-frame). Returns { element (the caption),
 * update(regions, context), clear() }.
 */
export function createRegionsLayer(map) {
  const canvas = h('canvas.map-regions.regions-layer', { 'aria-hidden': 'true' });
  const caption = h('p.regions-count', { 'aria-live': 'off' });
  const note = h('p.regions-note.hint');
  // the count over epochs (this run: a reset or a new network starts it again)
  const spark = h('canvas.regions-history', { 'aria-hidden': 'true' });
  const sparkText = h('p.regions-history-text.hint');
  const element = h(
    'div.regions-caption',
    { hidden: true },
    caption,
    h('div.regions-history-row', {}, spark, sparkText),
    note,
  );
  let history = []; // [{ epoch, count }]
  const frame = map.element.querySelector('.map-frame');
  frame.insertBefore(canvas, frame.querySelector('.map-overlay'));
  canvas.hidden = true;
  let image = null;

  /**
   * regions: the worker's { width, height, count, linear, ids, foldLayer, gates } or null (mode
   * off). context: { selected: [layer, unit] | null, health, config, units: per-layer unit counts,
   * epoch (recorded in the count over epochs), past: { epoch, step } of a past moment shown }.
   */
  function update(r, context = {}) {
    const { selected = null, health = null, config, units = [] } = context;
    if (!r) return clear();
    canvas.hidden = false;
    element.hidden = false;
    if (canvas.width !== r.width || canvas.height !== r.height) {
      canvas.width = r.width;
      canvas.height = r.height;
      image = null;
    }
    const ctx = canvas.getContext('2d');
    image ??= ctx.createImageData(r.width, r.height);
    paint(r, image.data, selectedColumn(selected, units));
    ctx.putImageData(image, 0, 0);
    const kind = r.linear ? 'linear regions' : 'gate regions';
    const at = context.past ? ` at ${momentText(context.past)}` : ''; // time travel: the past model's
    caption.textContent = `${r.count} ${r.count === 1 ? kind.replace('regions', 'region') : kind} visible${at}`;
    caption.dataset.count = String(r.count);
    caption.dataset.grid = `${r.width}x${r.height}`;
    note.textContent = describe(r, selected, health, config);
    record(context.epoch, r.count, r.linear);
  }

  function record(epoch, count, linear) {
    if (epoch === undefined) return;
    if (history.length && epoch < history.at(-1).epoch) history = [];
    if (history.at(-1)?.epoch === epoch) history.at(-1).count = count;
    else history.push({ epoch, count });
    if (history.length > 400) history = history.filter((_, i) => i % 2 === 0 || i === history.length - 1);
    const first = history[0],
      last = history.at(-1);
    sparkText.textContent =
      history.length > 1
        ? `${linear ? 'Linear' : 'Gate'} regions over epochs: ${first.count} at epoch ${first.epoch}, ${last.count} at epoch ${last.epoch} (most ${Math.max(...history.map((p) => p.count))}).`
        : '';
    drawHistory();
  }

  function drawHistory() {
    const css = { w: 160, h: 36 };
    const ctx = fitCanvas(spark, css.w, css.h);
    ctx.clearRect(0, 0, css.w, css.h);
    if (history.length < 2) return;
    const e0 = history[0].epoch,
      e1 = Math.max(e0 + 1, history.at(-1).epoch);
    const top = Math.max(...history.map((p) => p.count));
    ctx.strokeStyle = '#1b5e9e';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    history.forEach((p, i) => {
      const x = 2 + ((p.epoch - e0) / (e1 - e0)) * (css.w - 4);
      const y = css.h - 2 - (p.count / top) * (css.h - 4);
      if (i) ctx.lineTo(x, y);
      else ctx.moveTo(x, y);
    });
    ctx.stroke();
  }

  // The column of the selected hidden unit in gates (count × units), or −1.
  function selectedColumn(sel, units) {
    if (!sel || sel[0] < 0 || sel[0] >= units.length) return -1;
    return units.slice(0, sel[0]).reduce((a, b) => a + b, 0) + sel[1];
  }

  function paint(r, px, column) {
    const { width: w, height: hgt, ids, foldLayer, gates } = r;
    const U = gates ? gates.length / Math.max(1, r.count) : 0;
    const colour = colourRegions(r);
    const put = (p, c, a = 255) => {
      px[4 * p] = c[0];
      px[4 * p + 1] = c[1];
      px[4 * p + 2] = c[2];
      px[4 * p + 3] = a;
    };
    for (let p = 0; p < ids.length; ++p) {
      const f = foldLayer[p];
      if (f !== 255) put(p, FOLD[f % FOLD.length]);
      else put(p, TINTS[colour[ids[p]]], 215);
    }
    if (column < 0 || !gates) return;
    // The unit's fold two pixels wide in white, edged in black on both sides: visible on every
    // tint and on the other folds.
    const gate = (p) => gates[ids[p] * U + column];
    const mask = new Uint8Array(ids.length);
    for (let j = 0; j < hgt; ++j)
      for (let i = 0; i < w; ++i) {
        const p = j * w + i;
        if (i + 1 < w && gate(p) !== gate(p + 1)) mask[p] = mask[p + 1] = 1;
        if (j + 1 < hgt && gate(p) !== gate(p + w)) mask[p] = mask[p + w] = 1;
      }
    for (let j = 0; j < hgt; ++j)
      for (let i = 0; i < w; ++i) {
        const p = j * w + i;
        if (mask[p]) put(p, HIGHLIGHT);
        else if (
          (i > 0 && mask[p - 1]) ||
          (i + 1 < w && mask[p + 1]) ||
          (j > 0 && mask[p - w]) ||
          (j + 1 < hgt && mask[p + w])
        )
          put(p, [0, 0, 0]);
      }
  }

  // What the caption adds: curved pieces, and the selected unit's fold and the data.
  function describe(r, sel, health, config) {
    const parts = [];
    if (!r.linear) parts.push('The pieces are curved: a non-piecewise-linear activation bends them.');
    parts.push('Lines are folds, where a unit’s z crosses 0, coloured by the lowest layer that flips.');
    if (!sel || sel[0] < 0 || !config) return parts.join(' ');
    const [l, u] = sel;
    const name = `Layer ${l + 1}, unit ${u + 1}`;
    const layer = health?.layers?.[l];
    const activation = layer?.activation ?? config.activation;
    parts.push(`${name}’s fold is drawn in white.`);
    if (layer?.deadOnData?.[u] && FOLD_DEATH.has(activation)) {
      const plane = layer.deadOnPlane?.[u]
        ? 'Its gate is closed on the whole plane too: it has no fold in the window.'
        : 'Its fold is still on the plane, away from the data.';
      parts.push(`${name} is dead: its fold has left the data, every training point is on its closed side. ${plane}`);
    }
    return parts.join(' ');
  }

  function clear() {
    canvas.hidden = true;
    element.hidden = true;
  }

  return { element, update, clear };
}
