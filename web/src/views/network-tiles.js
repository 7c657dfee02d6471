// network-tiles.js — the network view's tiles: the inputs' atlas (each feature over the plane),
// the units' atlas (each hidden unit's live activation, as the worker sent it) and the painting
// of the tiles at the boxes it is given: the inputs' onto the links' canvas (they never change),
// the hidden layers' onto the view's tile canvas.
// Not here: where the boxes are (network-geometry.js), the links painted under the tiles
// (network-links.js), the buttons over them (network-columns.js).
//
// Tiles are kept in atlases, one canvas for many tiles, never a canvas per tile: making and first
// painting a small canvas costs 1–5 ms at load, and there are 7 inputs and 24–200 units. In an
// atlas each tile has a 1 px border repeating its edge, so that smoothing at a tile's edge reads
// the tile's own pixels (as a canvas of its own did), never a neighbour's.
import { paintUnit } from '../palette.js';
import { FEATURE_FN } from '../features.js';
import { FEATURES } from '../config.js';

const TILE = 32; // an input tile's side (units use the worker's tile size)
const FEATURE_ATLASES = new Map(); // extent → OffscreenCanvas: the inputs' tiles in FEATURES order

/** Copy a size² RGBA tile into an atlas image at (x, y), with its edge-repeating border. */
function padInto(tile, size, atlas, x, y) {
  const src = new Uint32Array(tile.buffer, tile.byteOffset, size * size);
  const dst = new Uint32Array(atlas.data.buffer);
  const P = size + 2;
  for (let j = 0; j < P; j++) {
    const row = (y + j) * atlas.width + x;
    const sj = Math.min(size - 1, Math.max(0, j - 1)) * size;
    for (let i = 0; i < P; i++) dst[row + i] = src[sj + Math.min(size - 1, Math.max(0, i - 1))];
  }
}

/**
 * The inputs' tiles over the painted domain [-e, e]² → Promise<OffscreenCanvas>. They depend on
 * nothing else: made once per extent, a tile per task (at load this is cold code, 2–5 ms a tile).
 */
export function featureAtlas(e) {
  if (FEATURE_ATLASES.has(e)) return FEATURE_ATLASES.get(e);
  const made = (async () => {
    const P = TILE + 2;
    const image = new ImageData(P * FEATURES.length, P);
    const vals = new Float32Array(TILE * TILE);
    const rgba = new Uint8ClampedArray(TILE * TILE * 4);
    const d = (2 * e) / TILE;
    for (const [k, f] of FEATURES.entries()) {
      await new Promise((r) => setTimeout(r, 0));
      const fn = FEATURE_FN[f];
      for (let j = 0; j < TILE; j++)
        for (let i = 0; i < TILE; i++) vals[j * TILE + i] = fn(-e + (i + 0.5) * d, e - (j + 0.5) * d);
      paintUnit(vals, 0, TILE * TILE, rgba);
      padInto(rgba, TILE, image, k * P, 0);
    }
    const canvas = new OffscreenCanvas(image.width, image.height);
    canvas.getContext('2d').putImageData(image, 0, 0);
    return canvas;
  })();
  FEATURE_ATLASES.set(e, made);
  return made;
}

/**
 * The units' atlas ({ canvas, ctx, image, size }: layer l in column l, unit k in row k) for tiles
 * of this size and these layers (arrays of units): `atlas` itself while it fits, else a new one.
 */
export function fitUnitAtlas(atlas, size, layers) {
  const P = size + 2;
  const w = layers.length * P;
  const hgt = Math.max(1, ...layers.map((r) => r.length)) * P;
  if (!atlas || atlas.size !== size || atlas.image.width !== w || atlas.image.height !== hgt) {
    const canvas = new OffscreenCanvas(w, hgt);
    atlas = { canvas, ctx: canvas.getContext('2d'), image: new ImageData(w, hgt), size };
  }
  return atlas;
}

/** Put unit k of layer l's RGBA tile into the atlas's image (the canvas takes it in flushUnitAtlas). */
export function putUnitTile(atlas, l, k, rgba) {
  const P = atlas.size + 2;
  padInto(rgba, atlas.size, atlas.image, l * P, k * P);
}

/** Copy the atlas image's columns of these layers to its canvas (only those: the rest did not change). */
export function flushUnitAtlas(atlas, layers) {
  const P = atlas.size + 2;
  for (const l of layers) atlas.ctx.putImageData(atlas.image, 0, 0, l * P, 0, P, atlas.image.height);
}

/**
 * The inputs' tiles at their boxes ([.., .., .., left, top, width, height], network-geometry.js):
 * inputs: featureAtlas's canvas or null (not made yet); inputOn(i): whether input i is switched
 * on (off: faded).
 */
export function drawInputTiles(ctx, geometry, inputs, inputOn) {
  if (!inputs) return;
  ctx.imageSmoothingEnabled = true;
  geometry.features.forEach((g, i) => {
    if (!g) return;
    ctx.globalAlpha = inputOn(i) ? 1 : 0.3;
    ctx.drawImage(inputs, i * (TILE + 2) + 1, 1, TILE, TILE, g[3], g[4], g[5], g[6]);
  });
  ctx.globalAlpha = 1;
}

/**
 * Layer l's tiles from the units' atlas at their boxes, less `origin` ([x, y]: where the layer's
 * canvas sits in the boxes' coordinates); painted(k): whether unit k has had a tile.
 */
export function drawLayerTiles(ctx, boxes, origin, atlas, l, painted) {
  if (!atlas) return;
  ctx.imageSmoothingEnabled = true;
  const T = atlas.size;
  boxes.forEach((g, k) => {
    if (g && painted(k))
      ctx.drawImage(
        atlas.canvas,
        l * (T + 2) + 1,
        k * (T + 2) + 1,
        T,
        T,
        g[3] - origin[0],
        g[4] - origin[1],
        g[5],
        g[6],
      );
  });
}
