// glossary.js — the playground's words, defined once (issue #19: He normal, batch norm, ∇, dormant,
// "dead on the plane", ReLU′(0) … were never explained). Data: each entry is a term, the pattern
// that finds it in a label, and its definition as the engine uses it. It feeds the toggletips of
// the page, the element and the embed (applyGlossary), and the glossary lists of the page's help and
// the tutorial (glossaryList). tests/js/glossary.test.mjs checks that every label of the field
// table and every option name that uses a term is covered.
import { h } from './dom.js';
import { createToggletip } from './views/toggletip.js';

export const GLOSSARY = [
  {
    term: 'Activation',
    match: /\bactivations?\b/i,
    text: 'The function f a unit applies to its input z = w·x + b; its output is f(z).',
  },
  {
    term: 'Dead unit (on the data)',
    match: /\bdead\b(?! on the plane)/i,
    text: 'A ReLU unit whose input z is ≤ 0 for every training point: it outputs 0 and gets no gradient, so plain gradient descent cannot bring it back.',
  },
  {
    term: 'Dead on the plane',
    match: /on the plane/i,
    text: 'Dead over the whole visible input square, not just the data: z ≤ 0 at the centre of every pixel of a 64 × 64 grid over the window.',
  },
  {
    term: 'Dormant',
    match: /\bdorman(t|cy)\b/i,
    text: 'Alive but nearly silent: the unit’s mean |output| over the data, divided by its layer’s mean (the dormancy score), is at most τ.',
  },
  {
    term: 'Sparsity',
    match: /\bsparsity\b/i,
    text: 'The fraction of outputs of a layer that are exactly 0 over the data: 1 minus the mean activation rate.',
  },
  {
    term: '∇ (gradient norm)',
    match: /∇|\bgradient\b/i,
    text: 'How strongly a layer is learning: the root mean square, over the last epoch’s steps, of the size (Frobenius norm) of the loss’s gradient with respect to the layer’s weights. “—” before the first step; near 0 the layer has stopped learning.',
  },
  {
    term: 'ReLU′(0)',
    match: /ReLU′\(0\)/,
    text: 'ReLU has no slope at exactly 0; frameworks pick one (usually 0). This setting is the value used, and it (almost) never matters.',
  },
  {
    term: 'α',
    match: /α|\bleak\b/i,
    text: 'Leaky ReLU’s and PReLU’s slope for negative inputs (PReLU learns it per unit); ELU’s scale of its negative side.',
  },
  {
    term: 'Initialisation',
    match: /\binit(iali[sz]ation)?\b|\bHe (normal|uniform)\b|\bXavier\b|\bLeCun\b|initial bias/i,
    text: 'How the starting weights are drawn. He: variance 2/fan-in (keeps the signal through ReLU layers); Xavier: 2/(fan-in + fan-out); LeCun: 1/fan-in; uniform/normal: ± the init scale. Biases start at the initial bias.',
  },
  {
    term: 'Weight seed',
    match: /\bseed\b/i,
    text: 'The number the random draws start from: the same seed gives the same initial weights (and data) on every machine.',
  },
  {
    term: 'Batch norm',
    match: /\bbatch norm/i,
    text: 'Batch normalisation: each unit’s input is standardised over the mini-batch (mean 0, variance 1, ε = 1e-5, biased variance), then scaled by γ and shifted by β, both learned.',
  },
  {
    term: 'Learning rate',
    match: /\blearning rate\b|\blr\b/i,
    text: 'How far each step moves the weights along the negative gradient. Too high, and a single step can push units below 0 for every point: they die.',
  },
  {
    term: 'Batch size',
    match: /\bbatch size\b/i,
    text: 'How many training points each step averages its gradient over.',
  },
  {
    term: 'Epoch',
    match: /\bepochs?\b/i,
    text: 'One pass over the training points (several steps of one batch each).',
  },
  {
    term: 'Optimizer',
    match: /\boptimi[sz]er\b|\bSGD\b|\bmomentum\b|\badam\b/i,
    text: 'The update rule: SGD steps along the gradient; Momentum keeps a running direction; Adam scales each weight’s step by its gradients’ running size.',
  },
  {
    term: 'Regularization',
    match: /\bregulari[sz]ation\b|\bL1\b|\bL2\b/i,
    text: 'A penalty added to the loss on the weights of every layer, output included (never biases, α, γ or β): L1 = rate·Σ|w|, L2 = rate·½Σw².',
  },
  {
    term: 'Output head',
    match: /^output( head)?$|\bsigmoid\b|\bsoftmax\b|\btanh\b/i,
    text: 'The last layer’s function: sigmoid (2 classes, cross-entropy), softmax (several classes), tanh (2 classes, half squared error on ±1) or linear (regression, half squared error); losses are means over the batch.',
  },
  {
    term: 'Regression',
    match: /\bregression\b/i,
    text: 'A dataset whose points carry a number, not a class: the network draws a surface (linear output, half squared error), the map shows its value.',
  },
  {
    term: 'Twins',
    match: /\btwins?\b/i,
    text: 'Networks trained side by side from the same data, seed and initial weights, differing only in the value you list.',
  },
  {
    term: 'Features (inputs)',
    match: /\binputs?\b|\bfeatures?\b/i,
    text: 'What the network sees of a point (x, y): x, y, x², y², xy, sin x, sin y; switch them on and off.',
  },
  {
    term: 'Training share',
    match: /\btraining share\b|\btest data\b|\btest loss\b/i,
    text: 'The part of the points the network trains on; the rest are test points it never learns from (test loss and accuracy).',
  },
  {
    term: 'z = 0 line (fold)',
    match: /z = 0/i,
    text: 'Where a unit’s input z crosses 0: its gate opens on one side and closes on the other. Straight lines for the first layer.',
  },
];

/** The entries whose pattern occurs in text. */
export function termsIn(text) {
  return GLOSSARY.filter((g) => g.match.test(String(text)));
}

/**
 * Where the playground's labels are, and where each one's toggletip goes: beside a field's
 * <label>, both wrapped (a button inside the label would join the control's name); else inside
 * the label, its bubble after it. A layer head's lines change every frame (empty at first), so
 * its one tip, on its title, explains their words.
 */
export const TERM_HOSTS = [
  { sel: '.control > label', place: 'wrap' },
  { sel: '.control-title, .metric dt, .net-col.inputs .col-title, .net-col.output .col-title', place: 'inside' },
  { sel: '.layer-head .col-title', place: 'inside', words: 'dead (on the data) · ∇ · sparsity' },
  { sel: '.dead-summary', place: 'inside', words: 'dead on the data · dead on the plane · dormant' },
];

/**
 * Give every label that uses a term a toggletip with their definitions (views/toggletip.js) and
 * mark it (.has-term). Run again after new labels: a label that has its tip
 * is skipped.
 */
export function applyGlossary(root) {
  for (const { sel, place, words } of TERM_HOSTS)
    for (const el of root.querySelectorAll(sel)) {
      if (el.classList.contains('has-term')) continue;
      const terms = termsIn(words ?? el.textContent);
      if (!terms.length) continue;
      const name = words ? `What ${words} mean` : `What “${el.textContent.trim()}” means`;
      const { button, bubble } = createToggletip(terms, name);
      el.classList.add('has-term');
      // the button has no text (its "?" is drawn by CSS), so the label's textContent is unchanged
      if (place === 'inside') {
        el.append(button);
        el.after(bubble);
      } else {
        const host = h('span.term-host');
        el.replaceWith(host);
        host.append(el, button, bubble);
      }
    }
}

/** The whole glossary as a <dl> (the page's help, the tutorial). */
export function glossaryList() {
  return h(
    'dl.glossary',
    {},
    GLOSSARY.flatMap((g) => [h('dt', {}, g.term), h('dd', {}, g.text)]),
  );
}
