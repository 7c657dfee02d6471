// edits.js — edits by hand (points, CSV data, weights, dead units revived) as worker requests; no config change.
// A point comes from a click or the map's keys (views/map-cursor.js); each edit is a worker
// request, then a new frame and a sentence in the aria-live region. Config changes are models.js.
import { fmt, download } from './dom.js';
import { labelName } from './views/data-panel.js';
import { unitName } from './views/inspector.js';
import { outputCount } from './render.js';

/** s: the playground's state; ui: its views; run, models: its run loop and models; ready(): the API's. */
export function createEdits({ s, engine, ui, run, models, ready, say, showError, clearError, answers }) {
  function addPoint(x, y, shift) {
    const label = ui.data.clickLabel(shift);
    const at = `(${fmt(x)}, ${fmt(y)})`;
    editPoints(
      engine.request('addPoint', { x, y, label }),
      () => `Added a point of ${labelName(label, s.classes)} at ${at}`,
    );
  }

  function removePoint(x, y) {
    const at = `(${fmt(x)}, ${fmt(y)})`;
    editPoints(engine.request('removeNear', { x, y, radius: 0.4 * (s.config.extent / 6) }), (r) =>
      r.removed ? `Removed the point nearest ${at}` : `No point near ${at} to remove`,
    );
  }

  async function editPoints(request, said) {
    try {
      const r = await request;
      s.points = r.points;
      run.requestFrame();
      ui.map.setPoints({ ...s.points, classes: s.classes, showTest: s.config.showTest });
      const text = `${said(r)}: ${s.points.train.x.length} training points.`;
      say(text, true);
      answers?.points(text);
    } catch (e) {
      showError(e);
    }
  }

  async function importCSV(text) {
    try {
      const r = await engine.request('importCSV', { text });
      s.points = r.points;
      s.classes = r.classes;
      run.discard();
      await engine.request('models', { models: models.modelSpecs() });
      run.clearHistory();
      ui.net.setStructure(s.config, s.classes);
      clearError();
      ui.sync();
      run.requestFrame();
      const done = `Imported ${s.points.train.x.length} training and ${s.points.test.x.length} test points.`;
      say(done, true);
      answers?.data(done);
    } catch (e) {
      answers ? answers.data(`Not imported: ${e?.message ?? e}`, 'error') : showError(e);
    }
  }

  async function exportCSV() {
    try {
      download(ui.element, 'relu-lab-data.csv', await engine.request('exportCSV'), 'text/csv');
    } catch (e) {
      showError(e);
    }
  }

  /** layer −1: the output layer (the facade's layer = number of hidden layers). */
  async function editWeight(l, u, input, value) {
    try {
      await engine.request('setWeight', {
        index: s.primary,
        layer: l < 0 ? s.config.hidden.length : l,
        unit: u,
        input,
        value,
      });
      run.requestFrame();
      say(
        `Set ${input === 'bias' ? 'the bias' : `weight ${input + 1}`} of ${unitName(l, u, outputCount(s.classes))} to ${fmt(value)}.`,
        true,
      );
    } catch (e) {
      showError(e);
    }
  }

  /** ReDo: re-initialise the dead units of a layer (−1: all) of model `index` (−1: every twin). */
  async function revive(layer = -1, index = s.config.compare ? -1 : s.primary) {
    await ready();
    const before = run.latest?.models[s.primary];
    const r = await engine.request('revive', { layer, index });
    run.requestFrame();
    clearError();
    say(
      `Revived ${r.revived} dead unit${r.revived === 1 ? '' : 's'}${layer >= 0 ? ` in layer ${layer + 1}` : ''}.`,
      true,
    );
    answers?.revived({ revived: r.revived, dead: before?.health?.deadUnits, layer, epoch: before?.epoch ?? 0 });
    await run.waitFrame();
    return r.revived;
  }

  return { addPoint, removePoint, importCSV, exportCSV, editWeight, revive };
}
