// palette.js — colours, all colour-blind safe: an orange–blue diverging scale for two classes,
// regression and unit tiles (class 0 / negative = orange, class 1 / positive = blue, 0 = near
// white), and the Okabe–Ito qualitative set for more classes. Pure functions; no DOM.

export const ORANGE = [230, 140, 30];
export const BLUE = [25, 110, 180];
const MID = [246, 246, 244];
// Okabe & Ito (2008): distinguishable under the common colour-vision deficiencies.
export const CLASS_COLORS = [
  [230, 159, 0],
  [0, 114, 178],
  [0, 158, 115],
  [204, 121, 167],
  [86, 180, 233],
  [213, 94, 0],
  [240, 228, 66],
  [90, 90, 90],
];

const mix = (a, b, t) => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];

/** 256-entry RGBA lookup of the diverging scale over t ∈ [0, 1] (0 orange, ½ white, 1 blue). */
export const DIVERGING = (() => {
  const lut = new Uint8ClampedArray(256 * 4);
  for (let i = 0; i < 256; i++) {
    const t = i / 255;
    const c = t < 0.5 ? mix(ORANGE, MID, Math.pow(t / 0.5, 0.9)) : mix(MID, BLUE, Math.pow((t - 0.5) / 0.5, 0.9));
    lut.set([c[0], c[1], c[2], 255], i * 4);
  }
  return lut;
})();

export const rgb = (c, a = 1) => (a === 1 ? `rgb(${c[0]}, ${c[1]}, ${c[2]})` : `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${a})`);

/** The css colour of a point's label: class index, or a regression value in about [−1, 1]. */
export function labelColor(label, classes) {
  if (classes === 0) {
    const t = Math.max(0, Math.min(255, Math.round((label * 0.5 + 0.5) * 255)));
    return `rgb(${DIVERGING[t * 4]}, ${DIVERGING[t * 4 + 1]}, ${DIVERGING[t * 4 + 2]})`;
  }
  return rgb(classes > 2 ? CLASS_COLORS[label % CLASS_COLORS.length] : label ? BLUE : ORANGE);
}

// DIVERGING as one 32-bit word a colour (the same bytes, so byte order does not matter): the
// painters below store a pixel with one write. 4 twins repaint ~250,000 pixels a frame.
const DIVERGING32 = new Uint32Array(DIVERGING.buffer);

// The ramp's index at t ∈ [0, 1], clamped (before the integer conversion, which would wrap).
const rampIndex = (t) => (t > 0 ? (t < 1 ? (t * 255) | 0 : 255) : 0);

/** A Uint32Array over an RGBA byte array, one element a pixel. */
const pixels = (rgba, n) => new Uint32Array(rgba.buffer, rgba.byteOffset, n);

/**
 * Colour a model output grid into RGBA. out: (h, w, k) row-major; head decides the reading:
 * sigmoid → p(class 1); tanh → (t + 1) / 2; linear → value (regression, clipped at ±range);
 * softmax → winning class, faded by its probability. discretize snaps to the decision.
 */
export function paintOutput(out, w, h, k, head, rgba, { discretize = false, range = 1 } = {}) {
  const n = w * h;
  if (k === 1) {
    // The value's place t on the ramp: a probability as it is, tanh's (v + 1) / 2, a regression
    // value v / (2·range) + 0.5. One loop per case keeps the branches out of the pixels.
    const px = pixels(rgba, n);
    const linear = head === 'linear';
    const c = head === 'tanh' ? 1 : 0,
      s = head === 'tanh' ? 0.5 : 1,
      d = 2 * range;
    if (!discretize) {
      for (let i = 0; i < n; i++) {
        const t = linear ? out[i] / d + 0.5 : (out[i] + c) * s;
        px[i] = DIVERGING32[t === t ? rampIndex(t) : 127]; // NaN → neutral
      }
    } else if (linear) {
      for (let i = 0; i < n; i++) {
        const t = out[i] / d + 0.5;
        px[i] = DIVERGING32[t === t ? rampIndex(Math.round(t * 8) / 8) : 127];
      }
    } else {
      const lo = DIVERGING32[rampIndex(0.15)],
        hi = DIVERGING32[rampIndex(0.85)];
      for (let i = 0; i < n; i++) px[i] = (out[i] + c) * s > 0.5 ? hi : lo; // NaN → class 0
    }
    return rgba;
  }
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bp = out[i * k];
    for (let c = 1; c < k; c++) {
      const p = out[i * k + c];
      if (p > bp) ((bp = p), (best = c));
    }
    const col = CLASS_COLORS[best % CLASS_COLORS.length];
    const a = discretize ? 0.7 : Math.max(0, Math.min(1, (bp - 1 / k) / (1 - 1 / k))) * 0.85;
    const o = i * 4;
    rgba[o] = MID[0] + (col[0] - MID[0]) * a;
    rgba[o + 1] = MID[1] + (col[1] - MID[1]) * a;
    rgba[o + 2] = MID[2] + (col[2] - MID[2]) * a;
    rgba[o + 3] = 255;
  }
  return rgba;
}

/** Colour a unit's activation map: symmetric around 0 by its own max |a| (0 = white). */
export function paintUnit(vals, offset, n, rgba) {
  let m = 1e-6;
  for (let i = 0; i < n; i++) {
    const a = Math.abs(vals[offset + i]);
    if (a > m && a < Infinity) m = a;
  }
  const px = pixels(rgba, n);
  for (let i = 0; i < n; i++) {
    const t = (vals[offset + i] / m) * 0.5 + 0.5;
    px[i] = DIVERGING32[t === t ? rampIndex(t) : 127]; // NaN → 0
  }
  return rgba;
}
