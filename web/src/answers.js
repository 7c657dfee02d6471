// answers.js — what the playground shows on screen after an action, next to its control
// (issue #19: the answers used to go to the screen reader only). Each answer is a notice
// (views/notice.js) that layout.js places: `run` in the play bar (a row under ▶), `net` by the
// revive buttons, `map` under the map, `data` by the CSV buttons, `model` by the model buttons.
// It only words and shows; the actions themselves are the run loop's, edits.js's and models.js's.
import { fmt } from './dom.js';

/** s: the playground's state; notices: layout's; events: the playground's (events.js). */
export function createAnswers({ s, notices, events }) {
  let watch = null; // after a revive: { epoch, dead, revived } until the units die again or 50 epochs pass

  events.on('stopped', ({ epoch, epochs = [epoch] }) =>
    notices.run.show(stoppedText(epochs, s.twinLabels), { timeout: 0 }),
  );
  events.on('play', () => notices.run.hide());
  events.on('epoch', ({ epoch, deadUnits }) => {
    if (!watch || deadUnits === null) return;
    if (epoch - watch.epoch > 50) watch = null;
    else if (epoch > watch.epoch) {
      // the units dead now beyond those left dead by the revive: (nearly) all of them the revived
      const again = deadUnits - (watch.dead - watch.revived);
      if (again < Math.max(1, Math.ceil(watch.revived / 2))) return;
      notices.net.show(
        `${again} of the ${watch.revived} revived units died again within ${epoch - watch.epoch} epoch${epoch - watch.epoch === 1 ? '' : 's'}. ${likelyCause(s.config)}`,
        { tone: 'warn', timeout: 0 },
      );
      watch = null;
    }
  });

  return {
    /** A revive's result: revived units out of the dead ones before it (layer −1: all). */
    revived({ revived, dead, layer, epoch }) {
      const where = layer >= 0 ? ` in layer ${layer + 1}` : '';
      if (revived === 0) {
        notices.net.show(`No dead unit${where} to revive.`);
        watch = null;
        return;
      }
      notices.net.show(
        `Revived ${revived} dead unit${revived === 1 ? '' : 's'}${where}: fresh incoming weights, zero bias and outgoing weights (ReDo). Train to see whether they stay alive.`,
      );
      watch = { epoch, dead: dead ?? revived, revived };
    },
    /** A point added or removed on the map (text: the sentence said). */
    points: (text) => notices.map.show(text, { timeout: 4000 }),
    /** CSV data imported or refused. */
    data: (text, tone = 'info') => notices.data.show(text, { tone }),
    /** A model file imported or refused. */
    model: (text, tone = 'info') => notices.model.show(text, { tone }),
    /** Training went on past "Stop at epoch". */
    resumed: (epoch) => notices.run.show(`Training on past epoch ${fmt(epoch)}.`, { timeout: 3000 }),
  };
}

/** Why revived units die again, from the config: the usual suspects first. */
export function likelyCause(config) {
  const lr = config.learningRate;
  if (lr >= 0.3)
    return `The likely cause: the learning rate (${fmt(lr)}) is high enough to push them below 0 for every point again. Lower it (e.g. to ${fmt(lr / 10)}) and revive, or use Leaky ReLU.`;
  if (config.biasInit < 0)
    return `The likely cause: the negative initial bias (${fmt(config.biasInit)}) starts them below 0. Set it to 0 or above and revive.`;
  return 'The data may never reach their open side: try a lower learning rate, batch norm or Leaky ReLU.';
}

/**
 * Where a run stopped. Twins that stop at different epochs (a lesson's short arm) are each named,
 * so the notice never says "epoch 10" under a twin that trained to 200 — in as few words as the
 * one-epoch notice, which sits in the phone's sticky play bar.
 */
export function stoppedText(epochs, labels = []) {
  if (new Set(epochs).size <= 1) return `Stopped at epoch ${epochs[0]}, as “Stop at epoch” asks. Press ▶ to train on.`;
  const each = epochs.map((e, i) => `${e} (${labels[i] ?? `twin ${i + 1}`})`);
  return `Stopped at epochs ${each.slice(0, -1).join(', ')} and ${each.at(-1)}. Press ▶ to train on.`;
}
