#!/usr/bin/env node
// report.mjs — reads the JSON lines of one bench run (a file, or stdin), prints the issue's ratio
// lines ({"ratio", "value", "target", "met"}) on stdout, then a readable table.
// Statistic: every timed figure is measured in ~100 ms slices after a warm-up (bench/common.mjs);
// the report uses the fastest slice (`<field>_best`) — the machine's speed with the least
// interference, the usual microbenchmark convention — or the median slice with --median. Lines
// that have one figure only (the page's fps, sizes) are used as they are.
// Usage: node bench/report.mjs results.jsonl [--median] [--table-to-stdout]
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const text = readFileSync(file && file !== '-' ? file : 0, 'utf8');
const rows = text
  .split('\n')
  .filter((l) => l.startsWith('{'))
  .map((l) => {
    try {
      return JSON.parse(l);
    } catch {
      return null;
    }
  })
  .filter((r) => r && r.system);
const STAT = process.argv.includes('--median') ? 'median' : 'best';
if (STAT === 'best') {
  for (const r of rows) {
    for (const k of Object.keys(r)) {
      const base = k.endsWith('_best') ? k.slice(0, -5) : null;
      if (base && typeof r[base] === 'number' && typeof r[k] === 'number')
        ((r[`${base}_median`] = r[base]), (r[base] = r[k]));
    }
  }
}
const out = process.argv.includes('--table-to-stdout') ? console.log : console.error;

const find = (q) => rows.filter((r) => Object.entries(q).every(([k, v]) => r[k] === v));
const one = (q) => find(q)[0] ?? null;
/** The fastest training method of a system (tfjs has two: minimize and fit). */
const bestW1 = (system, activation, q = {}) =>
  find({ system, workload: 'W1', activation, ...q }).sort((a, b) => b.epochs_per_s - a.epochs_per_s)[0] ?? null;
const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const r3 = (v) => (num(v) === null ? null : Number(v.toPrecision(3)));

const ratios = [];
function ratio(name, value, target, cmp = '>=', extra = {}) {
  value = num(value);
  const met =
    value === null || target === null
      ? null
      : cmp === '>='
        ? value >= target
        : cmp === '<='
          ? value <= target
          : value < target;
  ratios.push({
    ratio: name,
    value: r3(value),
    target,
    ...(target !== null ? { cmp } : {}),
    met,
    stat: STAT,
    ...extra,
  });
}
const div = (a, b) => (num(a) !== null && num(b) ? a / b : null);
const pct = (a, b) => (div(a, b) === null ? null : 100 * div(a, b));

// ---- the SIMD ceiling ----------------------------------------------------------------------
const peakNode = one({ system: 'wasm-peak', workload: 'peak', where: 'node' });
const peakChrome = one({ system: 'wasm-peak', workload: 'peak', where: 'chromium' });
const peakEngine = one({ system: 'relu-lab', flavour: 'wasm-simd', workload: 'peak' });
for (const activation of ['relu', 'tanh']) {
  const t = activation === 'relu' ? 50 : null;
  const us = one({ system: 'relu-lab', flavour: 'simd', workload: 'W2', activation });
  ratio(`W2 ${activation} % of SIMD128 peak (npm API, node)`, pct(us?.gflops, peakNode?.gflops), t, '>=', {
    peak_gflops: peakNode?.gflops,
  });
  ratio(
    `W2 ${activation} % of SIMD128 peak (raw engine_bench)`,
    pct(one({ system: 'relu-lab', flavour: 'wasm-simd', workload: 'W2', activation })?.gflops, peakEngine?.gflops),
    t,
    '>=',
    { peak_gflops: peakEngine?.gflops },
  );
  ratio(
    `W2 ${activation} % of SIMD128 peak (chromium)`,
    pct(one({ system: 'relu-lab', flavour: 'chromium', workload: 'W2', activation })?.gflops, peakChrome?.gflops),
    t,
    '>=',
    { peak_gflops: peakChrome?.gflops },
  );
}
const w2 = (system, flavour, activation) => one({ system, flavour, workload: 'W2', activation })?.grids_per_s;
ratio(
  'W2 tanh time / relu time (npm API, simd)',
  div(w2('relu-lab', 'simd', 'relu'), w2('relu-lab', 'simd', 'tanh')),
  3,
  '<=',
);

// ---- regions (issue 15): net.regions over W2's grid costs at most 2× W2's map, same run ----------
for (const activation of ['relu', 'tanh']) {
  const regions = (system, flavour) => one({ system, flavour, workload: 'W2-regions', activation })?.grids_per_s;
  ratio(
    `W2-regions ${activation} time / W2 time (npm API, simd)`,
    div(w2('relu-lab', 'simd', activation), regions('relu-lab', 'simd')),
    2,
    '<=',
  );
  for (const flavour of ['wasm-simd', 'native'])
    ratio(
      `W2-regions ${activation} time / W2 time (raw engine_bench, ${flavour})`,
      div(w2('relu-lab', flavour, activation), regions('relu-lab', flavour)),
      2,
      '<=',
    );
}

// ---- relu-lab against the peers ------------------------------------------------------------
const PEERS = [
  ['convnetjs', { W1: 40, W2: 150 }],
  ['tfjs-wasm', { W1: 500, W2: 30 }],
  ['tfjs-cpu', {}],
  ['plainjs', {}],
];
for (const activation of ['relu', 'tanh']) {
  const us1 = bestW1('relu-lab', activation, { flavour: 'simd' });
  const us2 = w2('relu-lab', 'simd', activation);
  for (const [peer, targets] of PEERS) {
    const p1 = bestW1(peer, activation);
    ratio(`W1 ${activation} relu-lab/${peer}`, div(us1?.epochs_per_s, p1?.epochs_per_s), targets.W1 ?? null, '>=', {
      method: us1?.method,
      peer_method: p1?.method,
    });
    const p2 = one({ system: peer, workload: 'W2', activation });
    ratio(`W2 ${activation} relu-lab/${peer}`, div(us2, p2?.grids_per_s), targets.W2 ?? null);
  }
}
for (const [peer] of PEERS) {
  ratio(
    `W3 relu relu-lab/${peer}`,
    div(
      one({ system: 'relu-lab', flavour: 'simd', workload: 'W3', activation: 'relu' })?.frames_per_s,
      one({ system: peer, workload: 'W3', activation: 'relu' })?.frames_per_s,
    ),
    null,
  );
  ratio(
    `W4 ${peer}/relu-lab (time)`,
    div(
      one({ system: peer, workload: 'W4' })?.seconds,
      one({ system: 'relu-lab', flavour: 'simd', workload: 'W4' })?.seconds,
    ),
    null,
  );
}

// ---- flavours, page, size, heap ------------------------------------------------------------
for (const activation of ['relu', 'tanh']) {
  ratio(
    `W2 ${activation} simd/scalar (npm API)`,
    div(w2('relu-lab', 'simd', activation), w2('relu-lab', 'scalar', activation)),
    activation === 'relu' ? 2.5 : null,
  );
}
ratio(
  'W2 relu simd/scalar (raw engine_bench)',
  div(w2('relu-lab', 'wasm-simd', 'relu'), w2('relu-lab', 'wasm-scalar', 'relu')),
  2.5,
);
const train = (n, net = '3x8') =>
  one({ system: 'relu-lab', flavour: 'chromium', workload: 'page-train', twins: n, net });
// rAF runs on the display's 60 Hz grid: counting callbacks over a wall-clock window is ±1 frame
// (an idle page reads 60.0–60.3), so the figure is the grid's: 60 × shown / (shown + dropped),
// with dropped frames counted exactly from the frames' timestamps (page.mjs). 60 = none dropped.
const gridFps = (t) => {
  if (!t || num(t.dropped_frames) === null || num(t.fps) === null || !num(t.seconds)) return t?.fps ?? null;
  const shown = t.fps * t.seconds;
  return 60 * (shown / (shown + t.dropped_frames));
};
for (const n of [4, 1]) {
  const t = train(n);
  ratio(`page fps while training, ${n === 4 ? '4 twins' : '1 model'}`, gridFps(t), 60, '>=', {
    updates_per_s: r3(num(t?.updates_per_s)),
    dropped_frames: t?.dropped_frames ?? null,
    raf_per_s: r3(num(t?.fps)),
  });
}
// ---- big networks (issue #18): 6 × 64 and 20 × 8 against 3 × 8, measured in the same run ----------
for (const net of ['6x64', '20x8']) {
  const big = train(1, net),
    small = train(1);
  ratio(`page fps ${net} / 3x8 while training (same run)`, div(gridFps(big), gridFps(small)), 0.95, '>=', {
    fps: r3(num(gridFps(big))),
    fps_3x8: r3(num(gridFps(small))),
    updates_per_s: r3(num(big?.updates_per_s)),
  });
  ratio(`page fps ${net} while training`, gridFps(big), 58, '>=');
  ratio(`page longest task ${net} while training (ms)`, big?.longest_task_ms, 50, '<=', {
    long_tasks: big?.long_tasks ?? null,
  });
  ratio(`page Pause ${net}: input to next paint (ms)`, big?.pause_latency_ms, 100, '<=', {
    longest_task_ms: big?.pause_longest_task_ms ?? null,
  });
  // the page's own main-thread CPU per second (bench/page-cpu.mjs): what is left of the fps gap
  // is time the thread waited for a core (a busy worker, other processes), not the page's work
  const cpu = (n) => one({ system: 'relu-lab', workload: 'page-cpu', net: n });
  ratio(
    `page main-thread CPU ${net} / 3x8 per second`,
    div(cpu(net)?.cpu_ms_per_s, cpu('3x8')?.cpu_ms_per_s),
    1,
    '<=',
    {
      cpu_ms_per_s: cpu(net)?.cpu_ms_per_s ?? null,
      cpu_ms_per_s_3x8: cpu('3x8')?.cpu_ms_per_s ?? null,
      cpu_ms_per_update: cpu(net)?.cpu_ms_per_update ?? null,
      wall_ms_per_s: cpu(net)?.wall_ms_per_s ?? null,
    },
  );
  // where a 6 × 64 frame's time goes in the worker (train, map, health, tiles, weights): the next bottleneck
  if (net === '6x64')
    ratio(`page worker ms per frame ${net} (total)`, big?.worker_ms?.total, null, '<=', { ...big?.worker_ms });
}
const lt = one({ system: 'relu-lab', workload: 'page-longest-task' });
ratio('page longest main-thread task over 50 ms (ms; 0 = none)', lt?.longest_task_ms, 50, '<=', {
  loading_ms: lt?.longest_task_ms_loading,
  training_ms: lt?.longest_task_ms_training,
});
ratio(
  'page first painted map after navigation (ms)',
  one({ system: 'relu-lab', workload: 'page-load' })?.first_map_ms,
  1000,
  '<',
);
for (const fl of ['simd', 'scalar']) {
  const s = one({ system: 'relu-lab', flavour: fl, workload: 'size' });
  ratio(`size ${fl}: wasm + glue, gzip (KB)`, s?.glue_gzip_kb, 150, '<=', {
    with_facade_kb: r3(num(s?.glue_gzip_kb) + num(s?.facade_js_gzip_kb)),
  });
  const h = one({ system: 'relu-lab', flavour: fl, workload: 'heap' });
  ratio(
    `heap ${fl}: wasm heap growth over 10,000 W1 steps + 1,000 W2 maps (bytes)`,
    h ? Math.max(h.heap_growth_bytes, h.used_growth_bytes) : null,
    0,
    '<=',
  );
}

for (const r of ratios) console.log(JSON.stringify(r));

// ---- the table -----------------------------------------------------------------------------
const f = (v, d = 3) =>
  num(v) === null ? '—' : v >= 1000 ? Math.round(v).toLocaleString('en-US') : Number(v.toPrecision(d)).toString();
const pad = (s, n, left = false) => (left ? String(s).padEnd(n) : String(s).padStart(n));
const systems = [];
for (const r of rows) {
  if (!['W1', 'W2', 'W3', 'W4'].includes(r.workload)) continue;
  const key = `${r.system} ${r.flavour}${r.where ? '' : ''}`;
  if (r.flavour === 'chromium' || systems.includes(key)) continue;
  systems.push(key);
}
const cell = (system, flavour, workload, activation, field) => {
  if (workload === 'W1')
    // the faster of the ways measured (train(n) against trainEpoch; fit against minimize)
    return find({ system, flavour, workload, activation }).reduce((m, r) => Math.max(m, r[field] ?? 0), 0) || null;
  return one({ system, flavour, workload, ...(activation ? { activation } : {}) })?.[field];
};
const cols = [
  ['W1 relu ep/s', 'W1', 'relu', 'epochs_per_s'],
  ['W1 tanh ep/s', 'W1', 'tanh', 'epochs_per_s'],
  ['W2 relu grid/s', 'W2', 'relu', 'grids_per_s'],
  ['W2 tanh grid/s', 'W2', 'tanh', 'grids_per_s'],
  ['W3 relu fr/s', 'W3', 'relu', 'frames_per_s'],
  ['W4 s', 'W4', null, 'seconds'],
];
const m0 = one({ system: 'machine', workload: 'start' }),
  m1 = one({ system: 'machine', workload: 'end' });
const lines = [];
if (m0)
  lines.push(
    `machine: ${m0.cpu}, ${m0.cores} cores, ${m0.memory_gb} GB; node ${m0.node} (V8 ${m0.v8}), ${m0.chromium}, Emscripten ${m0.emscripten}; load average ${m0.load_avg_1m} at start${m1 ? `, ${m1.load_avg_1m} at end` : ''}`,
  );
lines.push(
  `statistic: ${STAT === 'best' ? 'fastest ~100 ms slice after warm-up (--median for the median slice)' : 'median ~100 ms slice after warm-up'}`,
);
lines.push(`${pad('system / flavour', 30, true)}${cols.map((c) => pad(c[0], 15)).join('')}`);
for (const key of systems) {
  const [system, flavour] = key.split(' ');
  lines.push(
    `${pad(key, 30, true)}${cols.map(([, w, a, fld]) => pad(f(cell(system, flavour, w, a, fld)), 15)).join('')}`,
  );
}
const page = find({ system: 'relu-lab', flavour: 'chromium' });
const chromeW = (w, a, fld) => page.find((r) => r.workload === w && r.activation === a)?.[fld];
lines.push(
  `${pad('relu-lab chromium (main thr.)', 30, true)}${pad('—', 15)}${pad('—', 15)}${pad(f(chromeW('W2', 'relu', 'grids_per_s')), 15)}${pad(f(chromeW('W2', 'tanh', 'grids_per_s')), 15)}${pad(f(chromeW('W3', 'relu', 'frames_per_s')), 15)}${pad('—', 15)}`,
);
lines.push('');
const peaks = [
  ['node (bench/peak.mjs)', peakNode],
  ['engine_bench (C++)', peakEngine],
  ['chromium', peakChrome],
].filter(([, p]) => p);
lines.push(`SIMD128 f32x4 mul+add peak: ${peaks.map(([w, p]) => `${f(p.gflops)} GFLOPS ${w}`).join(', ')}`);
for (const n of [1, 4]) {
  const t = train(n);
  if (t)
    lines.push(
      `page, ${n === 1 ? '1 model' : '4 twins'} training: ${f(t.fps)} fps, ${f(t.updates_per_s)} map updates/s, ${f(t.epochs_per_s)} epochs/s, longest frame gap ${f(t.max_frame_gap_ms)} ms${
        t.worker_ms
          ? `; worker ${f(t.worker_ms.total)} ms a frame (${Object.entries(t.worker_ms)
              .filter(([k]) => k !== 'total')
              .map(([k, v]) => `${k} ${f(v)}`)
              .join(', ')})`
          : ''
      }`,
    );
}
const pl = one({ system: 'relu-lab', workload: 'page-load' });
if (pl)
  lines.push(
    `page load: first painted map ${f(pl.first_map_ms)} ms (runs: ${pl.first_map_ms_all}), first contentful paint ${f(pl.fcp_ms)} ms`,
  );
if (lt)
  lines.push(
    `page long tasks (>50 ms): longest ${f(lt.longest_task_ms)} ms (loading ${f(lt.longest_task_ms_loading)}, training ${f(lt.longest_task_ms_training)}; ${lt.over_50ms_loading} while loading, ${lt.over_50ms_training} while training)`,
  );
lines.push('');
const w = Math.max(...ratios.map((r) => r.ratio.length));
for (const r of ratios) {
  const mark = r.met === null ? '  ' : r.met ? 'ok' : 'NO';
  lines.push(
    `${mark} ${pad(r.ratio, w + 1, true)}${pad(r.value === null ? '—' : f(r.value), 10)}${r.target === null ? '' : `   target ${r.cmp} ${r.target}`}${r.peer_method ? `   (${r.peer_method})` : ''}`,
  );
}
out(lines.join('\n'));
