// network-size.js — the form a network takes in the network view as it grows (issue #18), and the
// overview of its layers that a scrolled network shows above its columns.
// A net of up to 3 hidden layers of up to 16 units is drawn in full: large tiles, every link, a
// layer head with its text. A wide one (a layer over 16 units) shows its units as small multiples
// (a grid of 16 px tiles, 16 a column) and its dense gaps as weight-matrix strips; a deep or wide
// one gets compact heads (narrow columns, short counts) so that more layers fit; whatever does not
// fit scrolls inside the view, with the output column stuck to its right edge and this overview
// saying which layers are on screen (a button per column scrolls to it, and shows its dead count).
// And the size of the maps a big network is asked for while training (mapCap).
// Not here: the columns' DOM (network-columns.js), painting (network-view.js).
import { h } from '../dom.js';
import { FEATURES } from '../config.js';

export const WIDE = 16; // units in a layer above which it is drawn as small multiples
export const DEEP = 3; // hidden layers above which heads are compact
export const GRID_ROWS = 16; // small multiples: tiles a grid column
// A map's cost is its pixels × the network's multiply-adds per point: 152 a point for 3 × 8,
// 1,240 for 20 × 8, 20,672 for 6 × 64 (macsPerPoint). A 388² map of 6 × 64 was 3.1 G of them,
// 300–1,400 ms of the worker's frame (bench/page.mjs, worker_ms.map): the map was new once or
// twice a second, and the worker's busy core was taken from the page's main thread on a loaded
// machine. So while training a map is made smaller until it is within MAP_MACS (the view scales
// it up), never below MAP_MIN px a side; 3 × 8 keeps every pixel; paused, every map is full size.
export const MAP_MACS = 1e8;
export const MAP_MIN = 128;

/** Multiply-adds per point of the network of `config` with `outputs` output units. */
export function macsPerPoint(config, outputs = 1) {
  const sizes = [config.features.length, ...config.hidden, outputs];
  let n = 0;
  for (let i = 1; i < sizes.length; i++) n += sizes[i - 1] * sizes[i];
  return n;
}

/** A map size { width, height } shrunk (same shape) until width · height · per ≤ MAP_MACS (or MAP_MIN). */
export function mapCap(size, per) {
  if (!size || size.width * size.height * per <= MAP_MACS) return size;
  const k = Math.sqrt(MAP_MACS / (size.width * size.height * per));
  const side = (v) => Math.min(v, Math.max(MAP_MIN, Math.floor(v * k)));
  return { width: side(size.width), height: side(size.height) };
}

/**
 * The view's form for these hidden widths → { tile (css px), wide, compact, workerTile (the tile
 * side the worker computes, device px), grid(units) (small-multiple columns of a layer) }.
 */
export function sizeOf(hidden) {
  const maxUnits = Math.max(FEATURES.length, ...hidden);
  const wide = Math.max(0, ...hidden) > WIDE;
  const deep = hidden.length > DEEP;
  let tile = wide ? 16 : maxUnits > 8 ? 28 : 40;
  if (deep) tile = Math.min(tile, 28);
  return {
    tile,
    wide,
    compact: wide || deep,
    workerTile: wide ? 16 : 32,
    grid: (units) => (wide ? Math.ceil(units / GRID_ROWS) : 1),
  };
}

/**
 * The overview: a button per column (Inputs, layer 1 …, Output) that scrolls it into view,
 * marked when it is on screen and when it has dead units; shown only while the network scrolls.
 * onGo(i): column i (0: the inputs, layers from 1, the output last).
 */
export function createOverview(onGo) {
  const note = h('span.net-overview-note', { 'aria-live': 'off' }, '');
  const list = h('div.net-overview-list', { 'role': 'group', 'aria-label': 'Layers: go to one' });
  const element = h('nav.net-overview', { 'hidden': true, 'aria-label': 'Network overview' }, note, list);
  let chips = [];
  let layers = 0;
  let onScreenKey = '';

  function setLayers(n) {
    layers = n;
    const names = ['In', ...Array.from({ length: n }, (_, l) => String(l + 1)), 'Out'];
    // each name contains the chip's visible text (a spoken command must match what is shown)
    const titles = ['In: the inputs', ...Array.from({ length: n }, (_, l) => `Layer ${l + 1}`), 'Out: the output'];
    chips = names.map((name, i) =>
      h(
        'button.net-chip',
        { 'type': 'button', 'title': titles[i], 'aria-label': titles[i], 'onclick': () => onGo(i) },
        name,
      ),
    );
    list.replaceChildren(...chips);
    onScreenKey = '';
  }

  /** columns: [left, right] of each column but the output, in body px; view: { left, width }; width: the body's. */
  function setView(columns, view, width) {
    const scrolls = width > view.width + 1;
    element.hidden = !scrolls;
    // columns: every one but the output, which is always on screen (stuck to the right edge)
    const onScreen = [...columns.map(([a, z]) => a >= view.left - 1 && z <= view.left + view.width + 1), true];
    const key = `${scrolls}|${onScreen.join()}`;
    if (key === onScreenKey) return;
    onScreenKey = key;
    chips.forEach((c, i) => c.classList.toggle('on-screen', onScreen[i]));
    const shown = onScreen.slice(1, layers + 1).flatMap((v, l) => (v ? [l + 1] : []));
    const range = shown.length > 1 ? `Layers ${shown[0]}–${shown.at(-1)}` : `Layer ${shown[0]}`;
    note.textContent = shown.length
      ? `${range} of ${layers} on screen; scroll sideways or pick one:`
      : `${layers} layers; scroll sideways or pick one:`;
  }

  /** Mark the layers with units dead on the data (health.layers). */
  function mark(H) {
    H.forEach((L, l) => {
      const c = chips[l + 1];
      if (!c) return;
      const dead = L.deadOnData.reduce((a, d) => a + (d ? 1 : 0), 0);
      const label = `Layer ${l + 1}${dead ? `: ${dead} dead` : ''}`;
      if (c.getAttribute('aria-label') !== label) {
        c.setAttribute('aria-label', label);
        c.title = label;
        c.classList.toggle('has-dead', dead > 0);
        c.dataset.dead = String(dead);
      }
    });
  }

  return { element, setLayers, setView, mark };
}
