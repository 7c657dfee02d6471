// features.js — the input features as the page draws them: a label and x, y → value for each of
// the engine's feature names (the input tiles of the network view and the map's preview).
// The engine computes the same features for training (cpp/engine/network.cpp load_inputs).
export const FEATURE_LABEL = { x: 'x', y: 'y', x2: 'x²', y2: 'y²', xy: 'xy', sinx: 'sin x', siny: 'sin y' };
export const FEATURE_FN = {
  x: (x) => x,
  y: (x, y) => y,
  x2: (x) => x * x,
  y2: (x, y) => y * y,
  xy: (x, y) => x * y,
  sinx: (x) => Math.sin(x),
  siny: (x, y) => Math.sin(y),
};
