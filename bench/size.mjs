#!/usr/bin/env node
// size.mjs — what a page downloads per flavour: the single-file glue (wasm inlined as base64,
// -sSINGLE_FILE) gzipped at level 9, plus the facade (js/*.js) that every flavour shares.
// Usage: node bench/size.mjs
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { line } from './common.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const kb = (n) => n / 1024;
const gz = (b) => gzipSync(b, { level: 9 }).length;
const br = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

const facade = Buffer.concat(
  readdirSync(join(repo, 'js'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(join(repo, 'js', f))),
);
for (const fl of ['simd', 'scalar']) {
  const glue = readFileSync(join(repo, 'dist', 'wasm', `relu_lab_${fl}.mjs`));
  const b64 = /base64,([A-Za-z0-9+/=]+)/.exec(glue.toString('latin1'))?.[1];
  const wasm = b64 ? Buffer.from(b64, 'base64') : null;
  line({
    system: 'relu-lab',
    flavour: fl,
    workload: 'size',
    glue_kb: kb(glue.length),
    glue_gzip_kb: kb(gz(glue)),
    glue_brotli_kb: kb(br(glue)),
    wasm_kb: wasm ? kb(wasm.length) : null,
    wasm_gzip_kb: wasm ? kb(gz(wasm)) : null,
    facade_js_gzip_kb: kb(gz(facade)),
  });
}
