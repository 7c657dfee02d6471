// index.js — the entry of the relu-lab package: load() and the option schema.
//
// What it is: the only public door to the engine. load() picks the SIMD or the scalar build,
// instantiates it and returns a Lab (js/lab.js). What it is not: the generated glue
// (dist/wasm/*.mjs), which is an implementation detail and must never be imported directly.
//
// The two builds are imported with literal paths so that bundlers (Vite, esbuild, Rollup, webpack)
// see them and split each into its own chunk; only the chosen one is fetched. Each is a single
// ES module with the wasm inlined (-sSINGLE_FILE), so there is no .wasm URL to configure.
import { Lab } from './lab.js';
import { parseOptions } from './validate.js';

export {
  schema,
  fieldsOf,
  defaultsOf,
  LIMITS,
  DATASETS,
  ACTIVATIONS,
  OUTPUTS,
  INITS,
  OPTIMIZERS,
  REGULARIZATIONS,
  FEATURES,
} from './schema.js';
export { version } from './version.js';

export { simdSupported } from './simd.js';
import { simdSupported } from './simd.js';
// ---- sweeps (issue 16): a sweep without a lab in this thread (the page) ----
export { runSweep, summarize } from './sweep.js';

/**
 * Load the engine and return a Lab. options.simd: leave out (or null) to use SIMD when the
 * runtime has it, false to force the scalar build, true to insist on SIMD.
 */
export async function load(options) {
  const o = parseOptions('load', options, 'load');
  const canSimd = simdSupported();
  if (o.simd === true && !canSimd) {
    throw new Error('load: simd is true, but this runtime cannot run WebAssembly SIMD128');
  }
  const simd = o.simd ?? canSimd;
  const glue = simd ? await import('../dist/wasm/relu_lab_simd.mjs') : await import('../dist/wasm/relu_lab_scalar.mjs');
  const mod = await glue.default();
  if (mod.simdBuild() !== simd) throw new Error(`load: the ${simd ? 'SIMD' : 'scalar'} build is miswired`);
  return new Lab(mod, simd);
}
