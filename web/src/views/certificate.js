// certificate.js — a dead unit's death certificate (time travel, issue #17): the epoch and
// minibatch step after which it was dead on the data, what that step did to it (Δbias, ‖ΔW‖,
// lr × gradient for plain SGD, the training points still on its open side just before), its
// pre-activation histograms just before and after with the zero line, one generated sentence,
// and three buttons: show the moment just before that step, branch there with a tenth of the rate,
// or show the moment after it. Showing it rings its open-side points on the map (onShow).
// What it is not: the search (relu-lab/history run.deathCertificate, in the worker).
import { h, fitCanvas, fmt } from '../dom.js';
import { ORANGE, BLUE, rgb } from '../palette.js';

const RANGE = 8; // the engine's histogram range (±8), as inspector.js draws it

/**
 * onJump({ clock }): show that past moment; onBranch({ clock }, learningRate): branch there with
 * that rate; onShow(certificate | null): it was shown or hidden (the map rings its open points).
 */
export function createCertificate({ onJump, onBranch, onShow = () => {} }) {
  const sentence = h('p.cert-sentence');
  const numbers = h('dl.stats');
  const before = h('canvas.cert-hist', { 'aria-hidden': 'true' });
  const after = h('canvas.cert-hist', { 'aria-hidden': 'true' });
  const hists = h(
    'div.cert-hists',
    { 'role': 'img', 'aria-label': 'Pre-activation histograms just before and just after the step' },
    h('figure', {}, before, h('figcaption', {}, 'just before')),
    h('figure', {}, after, h('figcaption', {}, 'just after')),
  );
  const jump = h('button.secondary.cert-before', { type: 'button' }, 'Show the moment before that step');
  const branch = h('button.secondary.cert-branch', { type: 'button' }, 'Branch there, learning rate ÷ 10');
  const later = h('button.secondary.cert-after', { type: 'button' }, 'Show the moment after it');
  const element = h(
    'section.certificate',
    { 'hidden': true, 'aria-label': 'How this unit died' },
    h('h4.panel-sub', {}, 'How it died'),
    sentence,
    numbers,
    hists,
    h('p.cert-actions', {}, jump, later, branch),
  );
  let cert = null;
  jump.onclick = () => cert && onJump({ clock: cert.clock - 1 });
  branch.onclick = () => cert && onBranch({ clock: cert.clock - 1 }, cert.learningRate / 10);
  later.onclick = () => cert && onJump({ clock: cert.clock });

  function show(c) {
    cert = c;
    element.hidden = !c;
    onShow(c);
    if (!c) return;
    sentence.textContent = c.sentence;
    const rows = [
      ['Died at', `epoch ${c.epoch}, step ${c.step}`],
      ['Bias', `${fmt(c.biasBefore)} → ${fmt(c.biasAfter)} (Δ ${fmt(c.deltaBias)})`],
      ['‖ΔW‖', fmt(c.deltaWeightNorm)],
      ['lr × gradient', c.lrTimesGradient ? `bias ${fmt(c.lrTimesGradient.bias)}` : `(${c.optimizer}: not plain SGD)`],
      ['Points on its open side just before', `${c.openBefore}${c.openBefore ? ' (ringed on the map)' : ''}`],
    ];
    numbers.replaceChildren(...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
    draw(before, c.histogramBefore, ORANGE);
    draw(after, c.histogramAfter, BLUE);
  }
  return { element, show };
}

function draw(canvas, counts, colour) {
  const W = 120,
    H = 48;
  const ctx = fitCanvas(canvas, W, H);
  ctx.clearRect(0, 0, W, H);
  const most = Math.max(1, ...counts);
  const bw = W / counts.length;
  ctx.fillStyle = rgb(colour);
  counts.forEach((n, i) => ctx.fillRect(i * bw, H - (H - 4) * (n / most), Math.max(1, bw - 1), (H - 4) * (n / most)));
  const zero = W * (RANGE / (2 * RANGE)); // z = 0 is the middle of [−RANGE, RANGE]
  ctx.fillStyle = '#1f2a44';
  ctx.fillRect(zero - 0.5, 0, 1, H);
}
