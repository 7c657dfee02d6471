// value-scale.js — the colour scale of a regression map (issue #19: a regression map had no key
// to its colours): the palette's diverging ramp from −1 (orange) through 0 (white) to +1 (blue),
// which is how palette.js paints a linear head's value (clipped at ±1). Shown for regression only.
import { h } from '../dom.js';
import { DIVERGING } from '../palette.js';

export function createValueScale() {
  const canvas = h('canvas.value-ramp', { 'width': 256, 'height': 1, 'aria-hidden': 'true' });
  canvas.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(DIVERGING), 256, 1), 0, 0);
  const element = h(
    'div.value-scale',
    { 'hidden': true, 'role': 'img', 'aria-label': 'Colour scale: orange −1 (or below), white 0, blue +1 (or above)' },
    h('span', {}, '≤ −1'),
    canvas,
    h('span', {}, '≥ +1'),
    h('span.value-caption', {}, 'output value'),
  );
  return { element, show: (on) => (element.hidden = !on) };
}
