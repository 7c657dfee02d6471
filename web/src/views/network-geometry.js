// network-geometry.js — where the network view's nodes are: each button's box, measured relative
// to the view's body, so that the links and tiles painted on the body's canvas sit under their
// buttons. It reads the layout and writes nothing; when to measure (after the browser's own
// layout, from a ResizeObserver) is the view's concern, not this file's.

/**
 * A node's box relative to `box` (the body's client rect):
 * [centre x, centre y, half width, left, top, width, height], the last four inset 1 px (the tile
 * is drawn inside the button's border).
 */
export function nodeBox(el, box) {
  const r = el.getBoundingClientRect();
  const x = r.left - box.left,
    y = r.top - box.top;
  return [x + r.width / 2, y + r.height / 2, r.width / 2, x + 1, y + 1, r.width - 2, r.height - 2];
}

/**
 * The boxes of every node: features (every input, in FEATURES order), inputs (only those switched
 * on: the first column of links), layers[l][k] (hidden units) and output ([] or one box).
 * featureEls: [{ f, button }]; unitEls: [layer][unit] → { button }; on: the features switched on.
 */
export function measureNodes(body, { featureEls, unitEls, outputEl, on }) {
  const box = body.getBoundingClientRect();
  return {
    width: box.width,
    height: box.height,
    features: featureEls.map((e) => nodeBox(e.button, box)),
    inputs: featureEls.filter((e) => on.includes(e.f)).map((e) => nodeBox(e.button, box)),
    layers: unitEls.map((row) => row.map((u) => nodeBox(u.button, box))),
    output: outputEl ? [nodeBox(outputEl, box)] : [],
  };
}

/** The columns the links run between: the inputs switched on, each hidden layer, the output. */
export function columnsOf(geometry) {
  return [geometry.inputs, ...geometry.layers, geometry.output];
}
