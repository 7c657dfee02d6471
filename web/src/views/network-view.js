// network-view.js — the network drawn as columns: input features, each hidden layer's units
// (a native <button> over its live activation tile), the output. Links and tiles are painted on
// two canvases behind the buttons, each only as wide as the part of the network on screen (the
// view scrolls sideways when it is wider than its panel): one canvas per layer of paint instead
// of one per unit keeps the compositor's per-frame commit small (with software rendering it
// copies every changed canvas), and a canvas the width of a 20-layer network was megapixels
// cleared and copied every frame (issue #18).
// This file composes the view and owns its state and timing: when to rebuild, measure, repaint;
// a click on a link asks to edit that weight (onEditWeight). Its parts, each a file of its own:
// the buttons and layer heads (network-columns.js), where the nodes are (network-geometry.js),
// the links and which one was clicked (network-links.js), the tile atlases and their painting
// (network-tiles.js), the dead / plane / dormant marks, rate bars and layer heads' text, never
// colour alone (network-marks.js), the form a big network takes and the overview of its layers
// (network-size.js).
import { h, fitCanvas, nextFrame } from '../dom.js';
import { paintUnit, DIVERGING } from '../palette.js';
import { buildColumns } from './network-columns.js';
import { measureNodes, columnsOf, nodeBox } from './network-geometry.js';
import { paintLinks, linkAt, linkClasses, paintUnitLinks } from './network-links.js';
import { attachLinkHover } from './link-hover.js';
import {
  featureAtlas,
  fitUnitAtlas,
  putUnitTile,
  flushUnitAtlas,
  drawInputTiles,
  drawLayerTiles,
} from './network-tiles.js';
import { markUnit, markLayer } from './network-marks.js';
import { sizeOf, createOverview } from './network-size.js';
import { createNetworkTrace } from './network-trace.js';

const LINK_MS = 100; // the links are repainted at most this often while they keep changing

export function createNetworkView(handlers) {
  const links = h('canvas.net-links', { 'aria-hidden': 'true' });
  // the hidden layers' tiles: their own canvas over the links (those change less often), also
  // only as wide as the view. One canvas, not one per layer: each canvas is a composited layer,
  // and 20 of them were a quarter of a 20 × 8 frame's main-thread time (layerize, commit)
  const tileCanvas = h('canvas.net-links.net-tiles', { 'aria-hidden': 'true' });
  const cols = h('div.net-columns');
  const toolbar = h('div.net-toolbar');
  const body = h('div.net-body', {}, links, tileCanvas, cols);
  const scroller = h('div.net-scroller', {}, body);
  const overview = createOverview((l) => scrollToColumn(l));
  const element = h('div.network', {}, toolbar, overview.element, scroller);
  const trace = createNetworkTrace(element, () => linksSoon()); // issue 15: trace mode (network-trace.js)
  let structure = null; // { features, hidden, config, classes, size }
  let unitEls = []; // [layer][unit] → { button, image, painted, rate, badge, cell, state }
  let featureEls = [];
  let layerEls = [];
  let columnEls = [];
  let outputEl = null;
  let weights = null;
  let codes = null; // the links' drawn classes when they were last painted (network-links.js)
  let geometry = null; // cached centres and boxes of every node
  let outputCanvas = null; // the output button's thumbnail of the output map
  let linkTimer = 0; // a deferred repaint of the links (LINK_MS)
  let linkAt0 = 0; // when the links were last painted
  let atlas = null; // the units' tiles: { canvas, ctx, image, size }, layer l in column l, unit k in row k
  let inputs = null; // the inputs' atlas (featureAtlas), once it is made
  let focus = null; // [layer, unit] hovered or focused: its links are drawn over a dense gap
  let lastTiles = null; // the last tiles sent (a column scrolled into view is painted from them)
  let stale = []; // [layer] → true when its tiles were not painted from lastTiles (off screen)
  // the part of the body on screen, in body coordinates (the canvases cover only this)
  const view = { left: 0, width: 0 };
  // Geometry is read right after the browser's own layout (a ResizeObserver runs then), never from
  // a requestAnimationFrame that forces the layout first; observing the body anew makes it report
  // once after a new structure even when its size did not change. The links are drawn in the next
  // frame (dom.js nextFrame).
  const drawSoon = nextFrame(() => drawAll());
  const ro = new ResizeObserver((entries) => {
    if (!entries[0].contentRect.width) return; // not displayed (yet): measured once it is
    measure();
    drawSoon();
  });
  ro.observe(body);
  ro.observe(scroller);
  scroller.addEventListener(
    'scroll',
    () => {
      scrolled();
      drawSoon();
    },
    { passive: true },
  );

  /** Rebuild the DOM for a new architecture. */
  function setStructure(config, classes) {
    const size = sizeOf(config.hidden);
    structure = { features: config.features, hidden: config.hidden, config, classes, size };
    element.style.setProperty('--tile', `${size.tile}px`);
    element.classList.toggle('tiny', size.tile < 28);
    element.classList.toggle('wide', size.wide);
    element.classList.toggle('compact', size.compact);
    // inputs (their tiles come a few tasks later the first time: the links are drawn again then)
    const extent = config.extent ?? 6;
    const painted = inputs;
    featureAtlas(extent).then((canvas) => {
      if ((structure?.config.extent ?? 6) !== extent) return;
      inputs = canvas;
      if (canvas !== painted) drawLinks();
    });
    const built = buildColumns(config, classes, { ...handlers, onPreview: preview });
    toolbar.replaceChildren(built.toolbar);
    cols.replaceChildren(...built.columns);
    ({ featureEls, unitEls, layerEls, outputEl, outputCanvas } = built);
    columnEls = built.columns;
    // small multiples: a wide layer's tiles in a grid of size.grid(units) columns (styles.css)
    columnEls.slice(1, -1).forEach((c, l) => c.style.setProperty('--grid', String(size.grid(config.hidden[l]))));
    overview.setLayers(config.hidden.length);
    geometry = null;
    codes = null;
    trace.reset();
    lastTiles = null;
    stale = [];
    ro.unobserve(body);
    ro.observe(body);
  }

  /** Hover or focus on unit (l, u) (l null: none): the map's preview, and its links drawn on top. */
  function preview(l, u) {
    handlers.onPreview(l, u);
    focus = l === null || l === undefined ? null : [l, u];
    if (structure?.size.wide) drawLinks();
  }

  /** Centres of every node, relative to the body, then the links and tiles drawn on them. */
  function layout() {
    measure();
    drawAll();
  }

  /** Centres of every node, relative to the body; recomputed on structure change or resize. */
  function measure() {
    if (!structure) return;
    geometry = measureNodes(body, { featureEls, unitEls, outputEl, on: structure.features });
    geometry.columns = columnEls.map((c) => {
      const r = c.getBoundingClientRect();
      return [r.left, r.right];
    });
    const b = body.getBoundingClientRect();
    geometry.columns = geometry.columns.map(([a, z]) => [a - b.left, z - b.left]);
    scrolled();
  }

  /** The scroller moved (or was measured): what is on screen, the output's stuck position, the cue. */
  function scrolled() {
    if (!geometry) return;
    view.left = scroller.scrollLeft;
    view.width = scroller.clientWidth || geometry.width;
    // the output column sticks to the right edge: its box moves with the scroll
    if (outputEl) geometry.output = [nodeBox(outputEl, body.getBoundingClientRect())];
    for (const c of [links, tileCanvas]) {
      c.style.left = `${view.left}px`;
      c.style.width = `${view.width}px`;
    }
    // the stuck output column covers the view's right edge: a column under it is not on screen
    const out = geometry.columns.at(-1);
    const scrolls = geometry.width > view.width + 1;
    element.classList.toggle('scrolls', scrolls); // styles.css: the output column sticks to the right
    const covered = scrolls && out ? out[1] - out[0] : 0;
    overview.setView(geometry.columns.slice(0, -1), { left: view.left, width: view.width - covered }, geometry.width);
    // columns that come on screen get their tiles from the last frame
    if (lastTiles && stale.some((s, l) => s && onScreen(l))) paintTiles(lastTiles, atlas.size);
  }

  /** Whether hidden layer l's column is (partly) on screen. */
  function onScreen(l) {
    const c = geometry?.columns[l + 1];
    return !!c && c[1] > view.left && c[0] < view.left + view.width;
  }

  function scrollToColumn(i) {
    columnEls[i]?.scrollIntoView({ block: 'nearest', inline: 'center', behavior: 'smooth' });
  }

  /** A canvas the size of what is on screen, its context moved so that body coordinates draw. */
  function screenContext(canvas) {
    const ctx = fitCanvas(canvas, view.width, geometry.height);
    ctx.clearRect(0, 0, view.width, geometry.height);
    ctx.translate(-view.left, 0);
    return ctx;
  }

  function drawAll() {
    drawLinks();
    drawUnits();
  }

  /**
   * The links and the inputs' tiles, on the canvas under the columns: repainted only when a link
   * is drawn differently, the view moved, or a unit is hovered (and then at most every
   * LINK_MS while training: they change a little nearly every frame).
   */
  function drawLinks() {
    clearTimeout(linkTimer);
    linkTimer = 0;
    if (!geometry || !view.width) return;
    linkAt0 = performance.now();
    const ctx = screenContext(links);
    drawInputTiles(ctx, geometry, inputs, (i) => structure.features.includes(featureEls[i].f));
    if (!weights) return;
    // trace mode: what each link carries for the traced point, drawn as the weights are
    const drawn = trace.links() ?? weights;
    paintLinks(ctx, drawn, columnsOf(geometry));
    if (focus && structure.size.wide) paintUnitLinks(ctx, drawn, columnsOf(geometry), focus);
  }

  function linksSoon() {
    const wait = LINK_MS - (performance.now() - linkAt0);
    if (wait <= 0) drawLinks();
    else linkTimer ||= setTimeout(drawLinks, wait);
  }

  /** The tiles of the layers on screen, on the tile canvas. */
  function drawUnits() {
    if (!geometry || !view.width) return;
    const ctx = screenContext(tileCanvas);
    layerEls.forEach((_, l) => {
      if (onScreen(l)) drawLayerTiles(ctx, geometry.layers[l], [0, 0], atlas, l, (k) => unitEls[l][k].painted);
    });
  }

  // Click on a link (on the canvas or the empty space between the buttons, not on a control) →
  // the nearest one within 6 px (or the strip's cell) → onEditWeight.
  body.addEventListener('click', (ev) => {
    const t = ev.target;
    if (
      t !== links &&
      t !== tileCanvas &&
      t !== body &&
      !t.classList.contains('units') &&
      !t.classList.contains('net-col')
    )
      return;
    if (!geometry || !weights) return;
    const box = body.getBoundingClientRect();
    const hit = linkAt(weights, columnsOf(geometry), ev.clientX - box.left, ev.clientY - box.top);
    if (hit) handlers.onEditWeight(hit.layer, hit.unit, hit.input);
  });
  attachLinkHover(body, () => (geometry && weights ? { weights, columns: columnsOf(geometry) } : null));

  /** Paint the tiles of the layers on screen from `tiles` (Float32Array (units, s, s) layer by layer). */
  function paintTiles(tiles, tileSize) {
    const n = tileSize * tileSize;
    atlas = fitUnitAtlas(atlas, tileSize, unitEls);
    let offset = 0;
    const dirty = [];
    unitEls.forEach((row, l) => {
      const show = !geometry || onScreen(l);
      stale[l] = !show;
      if (show) dirty.push(l);
      row.forEach((u, k) => {
        if (show && offset + n <= tiles.length) {
          if (!u.image || u.image.width !== tileSize) u.image = new ImageData(tileSize, tileSize);
          paintUnit(tiles, offset, n, u.image.data);
          putUnitTile(atlas, l, k, u.image.data);
          u.painted = true;
        }
        offset += n;
      });
    });
    flushUnitAtlas(atlas, dirty);
  }

  /**
   * Per-frame update. tiles: Float32Array (units, s, s) layer by layer; health: the primary
   * model's health; selected: [layer, unit] or null; outputSource: a canvas to thumbnail.
   */
  function update({ tiles, tileSize, health, weights: w, selected, outputSource, epoch, trace: t, traceView }) {
    if (!structure) return;
    let linksChanged = false;
    if (w) {
      weights = w;
      // repaint the links only when one would be drawn differently (its class or sign changed)
      const c = linkClasses(w, codes);
      codes = c.codes;
      linksChanged = c.changed;
    }
    if (tiles) {
      lastTiles = tiles;
      paintTiles(tiles, tileSize);
    }
    unitEls.forEach((row, l) => {
      const H = health?.layers?.[l];
      row.forEach((u, k) => {
        if (H) markUnit(u, l, k, H);
        const sel = !!selected && selected[0] === l && selected[1] === k;
        if (u.selected !== sel) {
          u.selected = sel;
          u.button.setAttribute('aria-pressed', String(sel));
        }
      });
      if (H) markLayer(layerEls[l], H, epoch);
    });
    if (health?.layers) overview.mark(health.layers);
    const out = String(!!selected && selected[0] === -1);
    if (outputEl && outputEl.getAttribute('aria-pressed') !== out) outputEl.setAttribute('aria-pressed', out);
    if (outputSource && outputCanvas) outputCanvas.getContext('2d').drawImage(outputSource, 0, 0, 48, 48);
    // trace (issue 15): t undefined leaves it as it is (a selection-only update)
    if (t !== undefined && trace.update(unitEls, outputEl, t, { ...traceView, weights })) linksChanged = true;
    if (linksChanged) linksSoon();
    if (tiles) drawUnits();
  }

  /** The ImageData of one unit's tile (for the enlarged preview). */
  function tileImage(l, u) {
    return unitEls[l]?.[u]?.image ?? null;
  }

  /** The tile side (device pixels) the worker should send: smaller when the tiles are small. */
  const tileSize = () => structure?.size.workerTile ?? 32;

  /** Light the gates a hovered region opens (open[l][u] booleans), or none (null). */
  const lightGates = (open) => trace.light(unitEls, open);
  // a test hook: the codes of the links the trace painted (network-trace.js drawnCodes)
  element.traceCodes = () => trace.drawnCodes();

  return { element, setStructure, update, layout, tileImage, tileSize, lightGates, diverging: DIVERGING };
}
