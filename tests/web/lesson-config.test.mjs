// The page trains what each lesson says: for every lesson and twin, the page config that
// lessonSetup() makes (web/src/lesson-config.js) builds the same dataset, the same initial
// weights, the same training options and the same number of epochs as the lesson's own preset
// (the way tests/js/lessons.test.mjs runs it). Node only: no browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from '../../js/index.js';
import { LESSONS } from '../../js/lessons.js';
import { lessonSetup } from '../../web/src/lesson-config.js';
import { modelConfigs, datasetOptions, networkOptions, trainOptions } from '../../web/src/config.js';

const lab = await load();

/** The lesson's own options for one twin (as tests/js/lessons.test.mjs merges them). */
function lessonOptions(preset, twin = {}) {
  const pick = (k) => ({ ...(preset[k] ?? {}), ...(twin[k] ?? {}) });
  return {
    dataset: pick('dataset'),
    network: pick('network'),
    train: pick('train'),
    epochs: twin.epochs ?? preset.epochs,
  };
}

const weights = (net) => JSON.stringify(net.toJSON().layers);

for (const lesson of LESSONS) {
  test(`${lesson.id}: the page's config trains exactly the lesson's preset${lesson.twins ? ' and twins' : ''}`, () => {
    const { config, epochs } = lessonSetup(lesson);
    const models = modelConfigs(config);
    const twins = lesson.twins ?? (lesson.preset.then ? [{}, {}] : [{}]);
    assert.equal(models.length, twins.length, 'one model per twin');
    const pageData = lab.dataset(datasetOptions(config));
    const ownData = lab.dataset(lessonOptions(lesson.preset).dataset);
    try {
      assert.equal(pageData.toCSV(), ownData.toCSV(), 'the same points');
      twins.forEach((twin, i) => {
        const own = lessonOptions(lesson.preset, twin);
        const m = models[i].config;
        const a = lab.network(networkOptions(m, pageData.classes));
        const b = lab.network(own.network);
        try {
          assert.equal(weights(a), weights(b), `twin ${i}: the same initial weights`);
          assert.deepEqual(a.config, b.config, `twin ${i}: the same network`);
        } finally {
          a.dispose();
          b.dispose();
        }
        const t = trainOptions(m);
        for (const [k, v] of Object.entries(own.train)) assert.equal(t[k], v, `twin ${i}: train.${k}`);
        if (!lesson.preset.then) assert.equal(m.stopAt, own.epochs, `twin ${i}: stops at epoch ${own.epochs}`);
      });
      assert.equal(
        epochs,
        Math.max(lesson.preset.epochs + (lesson.preset.then?.epochs ?? 0), ...twins.map((t) => t.epochs ?? 0)),
      );
    } finally {
      pageData.dispose();
      ownData.dispose();
    }
  });
}
