// network-view.js — the network drawn as columns: input features, each hidden layer's units
// (a native <button> over its live activation tile), the output. Links and tiles are painted on
// ONE canvas behind the buttons: one canvas per frame instead of one per unit keeps the
// compositor's per-frame commit small (with software rendering it copies every changed canvas).
// This file composes the view and owns its state and timing: when to rebuild, measure, repaint;
// a click on a link asks to edit that weight (onEditWeight). Its parts, each a file of its own:
// the buttons and layer heads (network-columns.js), where the nodes are (network-geometry.js),
// the links and which one was clicked (network-links.js), the tile atlases and their painting
// (network-tiles.js), the dead / plane / dormant marks, rate bars and layer heads' text, never
// colour alone (network-marks.js).
import { h, fitCanvas, nextFrame } from '../dom.js';
import { paintUnit, DIVERGING } from '../palette.js';
import { FEATURES } from '../config.js';
import { buildColumns } from './network-columns.js';
import { measureNodes, columnsOf } from './network-geometry.js';
import { paintLinks, linkAt } from './network-links.js';
import { attachLinkHover } from './link-hover.js';
import { featureAtlas, fitUnitAtlas, putUnitTile, drawTiles } from './network-tiles.js';
import { markUnit, markLayer } from './network-marks.js';

export function createNetworkView(handlers) {
  const links = h('canvas.net-links', { 'aria-hidden': 'true' });
  const cols = h('div.net-columns');
  const toolbar = h('div.net-toolbar');
  const body = h('div.net-body', {}, links, cols);
  const element = h('div.network', {}, toolbar, body);
  let structure = null; // { features, hidden, config, classes }
  let unitEls = []; // [layer][unit] → { button, image, painted, rate, badge, cell, state }
  let featureEls = [];
  let layerEls = [];
  let outputEl = null;
  let weights = null;
  let tileCss = 40;
  let geometry = null; // cached centres and boxes of every node
  let outputImage = null; // thumbnail of the output map
  let atlas = null; // the units' tiles: { canvas, ctx, image, size }, layer l in column l, unit k in row k
  let inputs = null; // the inputs' atlas (featureAtlas), once it is made
  // Geometry is read right after the browser's own layout (a ResizeObserver runs then), never from
  // a requestAnimationFrame that forces the layout first; observing the body anew makes it report
  // once after a new structure even when its size did not change. The links are drawn in the next
  // frame (dom.js nextFrame).
  const drawSoon = nextFrame(() => drawLinks());
  const ro = new ResizeObserver((entries) => {
    if (!entries[0].contentRect.width) return; // not displayed (yet): measured once it is
    measure();
    drawSoon();
  });
  ro.observe(body);

  /** Rebuild the DOM for a new architecture. */
  function setStructure(config, classes) {
    structure = { features: config.features, hidden: config.hidden, config, classes };
    const maxUnits = Math.max(FEATURES.length, ...config.hidden);
    tileCss = maxUnits > 32 ? 12 : maxUnits > 16 ? 18 : maxUnits > 8 ? 28 : 40;
    element.style.setProperty('--tile', `${tileCss}px`);
    element.classList.toggle('tiny', tileCss < 28);
    // inputs (their tiles come a few tasks later the first time: the links are drawn again then)
    const extent = config.extent ?? 6;
    const painted = inputs;
    featureAtlas(extent).then((canvas) => {
      if ((structure?.config.extent ?? 6) !== extent) return;
      inputs = canvas;
      if (canvas !== painted) drawLinks();
    });
    const built = buildColumns(config, classes, handlers);
    toolbar.replaceChildren(built.toolbar);
    cols.replaceChildren(...built.columns);
    ({ featureEls, unitEls, layerEls, outputEl } = built);
    geometry = null;
    ro.unobserve(body);
    ro.observe(body);
  }

  /** Centres of every node, relative to the body, then the links and tiles drawn on them. */
  function layout() {
    measure();
    drawLinks();
  }

  /** Centres of every node, relative to the body; recomputed on structure change or resize. */
  function measure() {
    if (!structure) return;
    geometry = measureNodes(body, { featureEls, unitEls, outputEl, on: structure.features });
  }

  function drawLinks() {
    if (!geometry) return;
    const ctx = fitCanvas(links, geometry.width, geometry.height);
    ctx.clearRect(0, 0, geometry.width, geometry.height);
    if (weights) paintLinks(ctx, weights, columnsOf(geometry));
    drawTiles(ctx, geometry, {
      inputs,
      inputOn: (i) => structure.features.includes(featureEls[i].f),
      atlas,
      painted: (l, k) => unitEls[l][k].painted,
      output: outputImage,
    });
  }

  // Click on a link (on the canvas or the empty space between the buttons, not on a control) →
  // the nearest one within 6 px → onEditWeight.
  body.addEventListener('click', (ev) => {
    if (
      ev.target !== links &&
      ev.target !== body &&
      !ev.target.classList.contains('units') &&
      !ev.target.classList.contains('net-col')
    )
      return;
    if (!geometry || !weights) return;
    const box = body.getBoundingClientRect();
    const hit = linkAt(weights, columnsOf(geometry), ev.clientX - box.left, ev.clientY - box.top);
    if (hit) handlers.onEditWeight(hit.layer, hit.unit, hit.input);
  });
  attachLinkHover(body, () => (geometry && weights ? { weights, columns: columnsOf(geometry) } : null));

  /**
   * Per-frame update. tiles: Float32Array (units, s, s) layer by layer; health: the primary
   * model's health; selected: [layer, unit] or null; outputSource: a canvas to thumbnail.
   */
  function update({ tiles, tileSize, health, weights: w, selected, outputSource, epoch }) {
    if (!structure) return;
    if (w) weights = w;
    let offset = 0;
    const n = tileSize * tileSize;
    unitEls.forEach((row, l) => {
      const H = health?.layers?.[l];
      row.forEach((u, k) => {
        if (tiles && offset + n <= tiles.length) {
          if (!u.image || u.image.width !== tileSize) u.image = new ImageData(tileSize, tileSize);
          paintUnit(tiles, offset, n, u.image.data);
          atlas = fitUnitAtlas(atlas, tileSize, unitEls);
          putUnitTile(atlas, l, k, u.image.data);
          u.painted = true;
        }
        offset += n;
        if (H) markUnit(u, l, k, H);
        const sel = !!selected && selected[0] === l && selected[1] === k;
        if (u.button.getAttribute('aria-pressed') !== String(sel)) u.button.setAttribute('aria-pressed', String(sel));
      });
      if (H) markLayer(layerEls[l], H, epoch);
    });
    const out = String(!!selected && selected[0] === -1);
    if (outputEl && outputEl.getAttribute('aria-pressed') !== out) outputEl.setAttribute('aria-pressed', out);
    if (tiles && atlas) atlas.ctx.putImageData(atlas.image, 0, 0);
    if (outputSource) {
      outputImage ??= new OffscreenCanvas(48, 48);
      outputImage.getContext('2d').drawImage(outputSource, 0, 0, 48, 48);
    }
    if (tiles || w || outputSource) drawLinks();
  }

  /** The ImageData of one unit's tile (for the enlarged preview). */
  function tileImage(l, u) {
    return unitEls[l]?.[u]?.image ?? null;
  }

  return { element, setStructure, update, layout, tileImage, diverging: DIVERGING };
}
