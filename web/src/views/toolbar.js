// toolbar.js — the top bar: play/pause (aria-pressed), step one epoch, reset, the epoch counter
// and the training settings (learning rate, activation, regularization, optimizer, …).
import { h } from '../dom.js';
import { createControls } from './controls.js';

export function createToolbar(handlers) {
  const play = h(
    'button.play',
    {
      'type': 'button',
      'aria-pressed': 'false',
      'aria-label': 'Play',
      'title': 'Play / pause (Space)',
      'dataset': { control: 'play' },
      'onclick': () => handlers.onPlay(),
    },
    h('span.play-icon', { 'aria-hidden': 'true' }),
  );
  const step = h(
    'button.round',
    {
      'type': 'button',
      'aria-label': 'Step one epoch',
      'title': 'Step one epoch (→)',
      'dataset': { control: 'step' },
      'onclick': () => handlers.onStep(),
    },
    h('span.step-icon', { 'aria-hidden': 'true' }),
  );
  const reset = h(
    'button.round',
    {
      'type': 'button',
      'aria-label': 'Reset the network',
      'title': 'Reset (R)',
      'dataset': { control: 'reset' },
      'onclick': () => handlers.onReset(),
    },
    h('span.reset-icon', { 'aria-hidden': 'true' }),
  );
  const epoch = h('output.epoch-value', {}, '000,000');
  const epochBox = h('div.epoch', { dataset: { control: 'epoch' } }, h('span.epoch-label', {}, 'Epoch'), epoch);
  const controls = createControls(
    [
      'learningRate',
      'activation',
      'output',
      'optimizer',
      'batchSize',
      'regularization',
      'regularizationRate',
      'epochsPerFrame',
    ],
    handlers.onChange,
    {
      kind: { batchSize: 'slider', epochsPerFrame: 'slider' },
      className: 'controls bar-controls',
    },
  );
  // a first visit: nothing trains until ▶ (issue #19); hidden once the epoch is past 0
  const startHint = h('span.start-hint', { 'aria-hidden': 'true' }, 'Press ▶ or Space to train');
  const transport = h('div.transport', {}, reset, play, step, epochBox, startHint);
  const element = h('div.toolbar', {}, transport, controls.element);

  function setPlaying(on) {
    if (on) startHint.hidden = true;
    play.setAttribute('aria-pressed', String(on));
    play.setAttribute('aria-label', on ? 'Pause' : 'Play');
    play.classList.toggle('playing', on);
  }

  function setEpoch(n) {
    const s = String(n).padStart(6, '0');
    const text = `${s.slice(0, -3)},${s.slice(-3)}`;
    if (epoch.textContent !== text) epoch.textContent = text;
    if (n > 0) startHint.hidden = true;
  }

  // transport: where the play bar's own answers go (layout.js puts the run notice in it)
  return { element, transport, play, setPlaying, setEpoch, set: controls.set, controls: controls.controls };
}
