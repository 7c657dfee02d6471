// The glossary (web/src/glossary.js, issue #19) covers every label that uses a term: the field
// table's labels and the option names the controls show; and it states the engine's definitions
// as the engine's source has them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { GLOSSARY, TERM_HOSTS, termsIn } from '../../web/src/glossary.js';
import { FIELDS } from '../../web/src/config.js';
import { pretty } from '../../web/src/views/controls.js';
import { unitStatus } from '../../web/src/views/unit-popover.js';

// words a newcomer may not know: a label or option with one of them needs a glossary entry
const JARGON =
  /\b(He|Xavier|LeCun|batch norm|seed|sparsity|dormant|dormancy|plane|ReLU′|init|regulari[sz]ation|L1|L2|optimi[sz]er|momentum|adam|SGD|epochs?|softmax|sigmoid|twins?|activations?|features?)\b|∇|α/i;

test('the terms the issue names are all in the glossary', () => {
  for (const word of [
    'He normal',
    'batch norm',
    'weight seed',
    'sparsity',
    '∇',
    'dormant',
    'dormancy score',
    'dead on the plane',
    'ReLU′(0)',
  ])
    assert.ok(termsIn(word).length > 0, `no glossary entry for “${word}”`);
});

test('every label and option name that uses a term is covered', () => {
  const texts = new Set();
  for (const f of FIELDS) {
    texts.add(f.label);
    for (const o of f.options ?? []) texts.add(pretty(o));
  }
  // the network view's and the output's own labels
  for (const t of [
    '∇',
    'sparsity 51 %',
    '2 of 8 dead (1 on the plane)',
    '0 dead on the plane · 2 dormant',
    'Test loss',
    'Gradient', // the selected unit's popover's rows
  ])
    texts.add(t);
  // the popover's status lines, as unitStatus words them: born dead, dead since, dormant, alive
  const L = {
    activation: 'relu',
    activationRate: [0, 0, 0.4, 0.6],
    deadOnData: [true, true, false, false],
    deadOnPlane: [true, false, false, false],
    diedAtEpoch: [0, 12, null, null],
    dormant: [false, false, true, false],
    dormancy: [0, 0, 0.05, 1],
  };
  for (let u = 0; u < 4; u++) texts.add(unitStatus(L, u, 20).label);
  const missing = [...texts].filter((t) => JARGON.test(t) && termsIn(t).length === 0);
  assert.deepEqual(missing, [], 'labels with a term and no definition');
});

test('each entry has a term, a pattern that finds it, and a sentence', () => {
  for (const g of GLOSSARY) {
    assert.ok(g.term && g.text.length > 20, g.term);
    assert.ok(termsIn(g.term).includes(g), `“${g.term}” is found by its own pattern`);
  }
});

test("the definitions state the engine's constants as its source has them", () => {
  const config = readFileSync(new URL('../../cpp/engine/config.hpp', import.meta.url), 'utf8');
  const hpp = readFileSync(new URL('../../cpp/engine/network.hpp', import.meta.url), 'utf8');
  const eps = /kBnEpsilon = ([\d.e-]+)f/.exec(config)[1];
  const grid = /plane_resolution = (\d+);/.exec(hpp)[1];
  const text = (t) => GLOSSARY.find((g) => g.term === t).text;
  assert.ok(text('Batch norm').includes(`ε = ${eps}`), `batch norm's ε is ${eps}`);
  assert.ok(text('Dead on the plane').includes(`${grid} × ${grid}`), `the plane's grid is ${grid} × ${grid}`);
});

test("the toggletips' fixed words (a layer head's lines, the dead summary) each find their entry", () => {
  const fixed = TERM_HOSTS.filter((t) => t.words);
  assert.ok(fixed.length >= 2, 'the layer head and the dead summary have fixed words');
  for (const { sel, words } of fixed)
    for (const part of words.split(' · ')) {
      assert.ok(termsIn(part).length > 0, `no glossary entry for “${part}” (${sel})`);
    }
  // and what those lines really say is covered by the same entries
  const head = termsIn(fixed.find((t) => t.sel.includes('layer-head')).words).map((g) => g.term);
  for (const line of ['2 of 8 dead', 'sparsity 51 %', '∇'])
    for (const g of termsIn(line))
      assert.ok(head.includes(g.term), `the layer head's tip misses ${g.term} (“${line}”)`);
});
