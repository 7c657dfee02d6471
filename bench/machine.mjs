#!/usr/bin/env node
// machine.mjs — one JSON line describing where the bench ran: CPU model and cores, node and V8,
// Chromium and Emscripten versions, and the load average (other processes skew every figure).
// Usage: node bench/machine.mjs [label]
import { cpus, loadavg, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';

const first = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')[0]
      .trim();
  } catch {
    return null;
  }
};
console.log(
  JSON.stringify({
    system: 'machine',
    workload: process.argv[2] ?? 'start',
    cpu: cpus()[0]?.model,
    cores: cpus().length,
    memory_gb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    v8: process.versions.v8,
    chromium: first('/usr/bin/chromium', ['--version'])?.replace(/ built on.*/, '') ?? null,
    emscripten: first('em++', ['--version'])?.match(/\d+\.\d+\.\d+/)?.[0] ?? null,
    load_avg_1m: Number(loadavg()[0].toFixed(2)),
    date: new Date().toISOString(),
  }),
);
