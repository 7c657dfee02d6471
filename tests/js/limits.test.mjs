// limits.test.mjs — the limits are named constants the schema enforces, the wasm heap is capped,
// and running out of it is a RangeError, never a wasm abort: with the heap full, and with exactly
// as much room as the facade's guard (js/memory.js) asks for, every heavy call either works or
// throws a clean RangeError, and the lab keeps working.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

import { load, schema, LIMITS } from 'relu-lab';

const MB = (b) => `${(b / (1 << 20)).toFixed(1)} MB`;
const OOM = /not enough wasm memory/;

test('every engine limit is a named constant that a schema field enforces', () => {
  const named = [
    'maxHiddenLayers',
    'maxUnits',
    'maxClasses',
    'maxSamples',
    'maxBatchSize',
    'maxGridSide',
    'maxEpochsPerCall',
  ];
  for (const key of named) {
    assert.ok(Number.isSafeInteger(LIMITS[key]) && LIMITS[key] > 0, key);
    const users = schema.filter((f) => f.max === LIMITS[key] || f.maxLength === LIMITS[key]);
    assert.ok(users.length > 0, `no schema field is limited by LIMITS.${key}`);
  }
  const domain = schema.find((f) => f.type === 'domain');
  assert.equal(domain.max, LIMITS.maxCoordinate);
  assert.ok(Object.isFrozen(LIMITS));
});

test("the heap cap is the build's -sMAXIMUM_MEMORY", () => {
  for (const glue of ['relu_lab_simd.mjs', 'relu_lab_scalar.mjs']) {
    const text = readFileSync(new URL(`../../dist/wasm/${glue}`, import.meta.url), 'utf8');
    const max = /function _emscripten_get_heap_max\(\)\{return (\d+)\}/.exec(text);
    assert.ok(max, `${glue}: no heap maximum found (is ALLOW_MEMORY_GROWTH capped?)`);
    assert.equal(Number(max[1]), LIMITS.maxHeapBytes, glue);
  }
});

test('the facade caps are enforced: samples, map values, text, points', async () => {
  const lab = await load({ simd: false });
  const data = lab.emptyDataset({ regression: true });
  const csv = ['x,y,label', ...Array.from({ length: LIMITS.maxSamples }, (_, i) => `0,0,${(i % 3) / 2}`)];
  const full = lab.datasetFromCSV(csv.join('\n'));
  assert.equal(full.trainSize, LIMITS.maxSamples);
  assert.throws(() => full.add(0, 0, 0), {
    name: 'RangeError',
    message: /^data\.add: the dataset already has 20000 points/,
  });
  assert.throws(() => lab.datasetFromCSV([...csv, '0,0,0'].join('\n')), {
    name: 'RangeError',
    message: /csv has more than 20000 points/,
  });
  const net = lab.network({ hidden: [LIMITS.maxUnits] });
  const side = Math.sqrt(LIMITS.maxMapValues / LIMITS.maxUnits); // 724.08…: 724² maps fit, 725² do not
  assert.equal(net.unitMaps({ width: Math.floor(side), height: Math.floor(side) }).layers[0][0].length, 724 * 724);
  assert.throws(() => net.unitMaps({ width: Math.ceil(side), height: Math.ceil(side) }), {
    name: 'RangeError',
    message: /^net\.unitMaps: width × height × 64 values per pixel must be at most 33554432 \(got 725 × 725\)/,
  });
  assert.throws(() => net.predict(new Float32Array(2 * LIMITS.maxPredictPoints + 2)), {
    name: 'RangeError',
    message: /points must be of even length, at most/,
  });
  [data, full, net].forEach((o) => o.dispose());
  assert.equal(lab.liveObjects(), 0);
});

// The biggest network the schema allows: ~5 MB with its workspace.
const BIG = { hidden: Array(LIMITS.maxHiddenLayers).fill(LIMITS.maxUnits) };

describe('out of memory is a RangeError, not an abort', () => {
  let lab,
    ballast = [],
    ctx;

  // Networks until the guard says no; returns how many were made.
  const fill = () => {
    for (let made = 0; ; ++made) {
      try {
        ballast.push(lab.network(BIG));
      } catch (e) {
        assert.equal(e.constructor, RangeError, e.message);
        assert.match(
          e.message,
          /^lab\.network: not enough wasm memory for this call \(it needs about \d+\.\d MB; the lab's objects hold \d+\.\d MB of at most 512\.0 MB\): dispose\(\) networks and datasets you no longer need$/,
        );
        return made;
      }
    }
  };
  // Call; a RangeError is fine, anything else fails. Returns 'refused' (the guard), 'rejected'
  // (a clean engine RangeError) or 'ok'.
  const attempt = (what, call) => {
    let r;
    try {
      r = call();
    } catch (e) {
      assert.ok(!(e instanceof WebAssembly.RuntimeError), `${what}: wasm abort: ${e.message}`);
      assert.equal(e.constructor, RangeError, `${what}: ${e.constructor.name}: ${e.message}`);
      assert.ok(lab.memory().heapBytes <= LIMITS.maxHeapBytes);
      return OOM.test(e.message) ? 'refused' : 'rejected';
    }
    if (r && typeof r.dispose === 'function') r.dispose();
    return 'ok';
  };

  const n = 1 << 20; // characters of each nasty text: 1M (the cap is 8M; the bound is linear)
  const HEAVY = [
    ['a model nested 500k deep', () => lab.network('['.repeat(n / 2) + ']'.repeat(n / 2))],
    ['a model of empty arrays', () => lab.network(`[${'[],'.repeat(n / 3)}[]]`)],
    ['a model of empty objects', () => lab.network(`[${'{},'.repeat(n / 3)}{}]`)],
    ['a model that is one non-ASCII string', () => lab.network(`"${'\u4e00'.repeat(n)}"`)],
    ['the biggest model', () => lab.network(ctx.bigJson)],
    ['CSV of commas', () => lab.datasetFromCSV(`x,y,label\n${','.repeat(n)}`)],
    ['CSV of empty lines', () => lab.datasetFromCSV(`x,y,label\n${'\n'.repeat(n)}`)],
    ['the biggest decision map', () => ctx.softmax.decisionMap({ width: 2048, height: 2048 })],
    ['the biggest unit maps', () => ctx.wide.unitMaps({ width: 724, height: 724 })],
    ['the most predict points', () => ctx.softmax.predict(ctx.points)],
    [
      'a region map of the biggest network, with gates',
      () => ctx.big.regions({ width: 400, height: 400, gates: true }),
    ],
    ['a trace through the biggest network', () => ctx.big.trace({ x: 1, y: 1, label: 1 })],
    ['training the biggest network with batches of 1024', () => ctx.big.train(ctx.data, { batchSize: 1024 })],
    ['the biggest network as JSON', () => ctx.big.toJSON()],
    ['the biggest generated dataset', () => lab.dataset({ samples: LIMITS.maxSamples })],
    ['a point added to a full dataset', () => ctx.nearlyFull.add(0, 0, 0)],
  ];

  test('the heap fills up to the cap, and then creating more is a RangeError', async () => {
    lab = await load({ simd: false });
    ctx = {
      big: lab.network(BIG),
      softmax: lab.network({ hidden: [1], output: 'softmax', classes: LIMITS.maxClasses }),
      wide: lab.network({ hidden: [LIMITS.maxUnits] }),
      data: lab.dataset({ name: 'xor', samples: 1100, trainFraction: 1 }),
      nearlyFull: lab.dataset({ samples: LIMITS.maxSamples - 1 }),
      points: new Float32Array(2 * LIMITS.maxPredictPoints),
    };
    const widest = lab.network({ ...BIG, batchNorm: true, activation: 'prelu' });
    ctx.bigJson = JSON.stringify(widest.toJSON());
    widest.dispose();
    const made = fill();
    const m = lab.memory();
    console.log(
      `heap full: ${made} networks of ${MB(m.usedBytes / (made + 8))} each, ${MB(m.usedBytes)} used, heap ${MB(m.heapBytes)} of ${MB(LIMITS.maxHeapBytes)}`,
    );
    assert.ok(made > 50, `${made} networks`);
    assert.ok(m.heapBytes <= LIMITS.maxHeapBytes);
  });

  test('with the heap full, every heavy call works or is refused', () => {
    const outcomes = HEAVY.map(([what, call]) => `${what}: ${attempt(what, call)}`);
    console.log(`with the heap full: ${outcomes.join('; ')}`);
    assert.ok(outcomes.some((o) => o.endsWith('refused')));
  });

  test('with just the room the guard asks for, every heavy call runs without an abort', () => {
    const freed = [];
    for (const [what, call] of HEAVY) {
      fill();
      let outcome,
        count = 0;
      // Free the newest ballast one network at a time until the guard lets the call through: it
      // then runs with about as little room as the guard allows (within one network, ~5 MB).
      while ((outcome = attempt(what, call)) === 'refused') {
        assert.ok(ballast.length, `${what}: refused on an empty heap`);
        ballast.pop().dispose();
        ++count;
      }
      freed.push(`${what}: ${outcome} after freeing ${MB(count * 5.2 * (1 << 20))}`);
      assert.equal(ctx.big.predict([0, 0]).length, 1); // still alive
    }
    console.log(`at the edge: ${freed.join('; ')}`);
  });

  test('with the heap fragmented, heavy calls still work or are refused', () => {
    fill();
    ballast = ballast.filter((net, i) => (i % 2 ? (net.dispose(), false) : true)); // every other one
    const outcomes = HEAVY.map(([what, call]) => `${what}: ${attempt(what, call)}`);
    console.log(`fragmented (${MB(lab.memory().usedBytes)} used): ${outcomes.join('; ')}`);
  });

  test('after freeing, the same lab trains XOR and the biggest map works again and again', () => {
    ballast.forEach((net) => net.dispose());
    ballast = [];
    const data = lab.dataset({ name: 'xor', samples: 400, seed: 7 });
    const net = lab.network({ hidden: [8, 8], seed: 7 });
    assert.ok(net.train(data, { epochs: 30, optimizer: 'adam' }).testAccuracy >= 0.95);
    const used = lab.memory().usedBytes;
    for (let i = 0; i < 3; ++i) {
      const map = ctx.softmax.decisionMap({ width: 2048, height: 2048 });
      assert.equal(map.length, LIMITS.maxMapValues);
      assert.ok(lab.memory().heapBytes <= LIMITS.maxHeapBytes);
      assert.equal(lab.memory().usedBytes, used);
    }
    [data, net, ctx.big, ctx.softmax, ctx.wide, ctx.data, ctx.nearlyFull].forEach((o) => o.dispose());
    assert.equal(lab.liveObjects(), 0);
  });
});
