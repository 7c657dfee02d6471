// simd.js — does this runtime run WebAssembly SIMD128? (shared by load() and the sweeps)

// The smallest module using a SIMD128 instruction: (func (result v128) i32.const 0 i8x16.splat
// i8x16.popcnt) — the probe of the wasm-feature-detect project.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

/** True when this runtime can run WebAssembly SIMD128. */
export function simdSupported() {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}
