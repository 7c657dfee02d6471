// peak.mjs — the ceiling: sustained f32x4 multiply + add throughput of WebAssembly SIMD128 on
// this machine, measured in the same JS engine (and the same process) as the workloads it judges.
//
// The kernel is a hand-assembled wasm function (no toolchain: the same bytes run in node and in
// Chromium): 12 independent v128 accumulators, a[k] = a[k] * m + c per iteration — 12 · 4 lanes ·
// 2 FLOP = 96 FLOP an iteration, enough independent chains to hide the add/mul latency on two
// ports. 12 accumulators + m + c = 14 registers: they fit x86-64's 16 xmm registers, so nothing
// spills. SIMD128 has no fused multiply-add (relaxed-simd does; it is not used here nor in the
// engine), so mul + add is the ceiling the engine's kernels can reach. engine_bench.cpp's "peak"
// line is the same kernel written in C++; both are reported.
//
//   (func (export "peak") (param $n i32) (param $m f32) (param $c f32) (result f32)
//     (local $a0..$a11 v128) (local $vm v128) (local $vc v128)
//     vm = splat(m); vc = splat(c); a_k = vc
//     loop: a_k = f32x4.add(f32x4.mul(a_k, vm), vc) for k in 0..11; br_if (n = n - 1) != 0
//     return extract_lane 0 (a0 + … + a11))
import { measure } from './common.mjs';

const ACC = 12;
export const FLOP_PER_ITER = ACC * 4 * 2;

function leb(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}
const section = (id, bytes) => [id, ...leb(bytes.length), ...bytes];

export function peakModuleBytes() {
  const SIMD = 0xfd;
  const splat = [SIMD, ...leb(0x13)],
    add = [SIMD, ...leb(0xe4)],
    mul = [SIMD, ...leb(0xe6)];
  const extract0 = [SIMD, ...leb(0x1f), 0];
  const get = (i) => [0x20, i],
    set = (i) => [0x21, i],
    tee = (i) => [0x22, i];
  const A = (k) => 3 + k,
    VM = 3 + ACC,
    VC = 4 + ACC;
  const body = [
    1,
    ACC + 2,
    0x7b, // one local group: 14 × v128
    ...get(1),
    ...splat,
    ...set(VM),
    ...get(2),
    ...splat,
    ...set(VC),
  ];
  for (let k = 0; k < ACC; ++k) body.push(...get(VC), ...set(A(k)));
  body.push(0x03, 0x40); // loop (no result)
  for (let k = 0; k < ACC; ++k) body.push(...get(A(k)), ...get(VM), ...mul, ...get(VC), ...add, ...set(A(k)));
  body.push(...get(0), 0x41, 1, 0x6b, ...tee(0), 0x0d, 0); // n = n - 1; br_if 0
  body.push(0x0b); // end loop
  body.push(...get(A(0)));
  for (let k = 1; k < ACC; ++k) body.push(...get(A(k)), ...add);
  body.push(...extract0, 0x0b); // end func
  const code = [1, ...leb(body.length), ...body];
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    1,
    0,
    0,
    0,
    ...section(1, [1, 0x60, 3, 0x7f, 0x7d, 0x7d, 1, 0x7d]), // (i32, f32, f32) → f32
    ...section(3, [1, 0]),
    ...section(7, [1, 4, ...Buffer.from('peak'), 0, 0]),
    ...section(10, code),
  ]);
}

/** Sustained f32x4 mul+add GFLOPS: { median, best } over slices of repeated calls. */
export async function measurePeak({ seconds = 1, iters = 20000 } = {}) {
  const { instance } = await WebAssembly.instantiate(peakModuleBytes());
  const peak = instance.exports.peak;
  let sink = 0;
  const r = measure(
    () => {
      sink += peak(iters, 0.999, 0.0001);
    },
    { seconds, warmup: 50, units: iters * FLOP_PER_ITER },
  );
  if (!Number.isFinite(sink)) throw new Error('peak: the kernel diverged');
  return { median: r.median / 1e9, best: r.best / 1e9 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await measurePeak({ seconds: Number(process.argv[2] ?? 1) });
  console.log(
    JSON.stringify({
      system: 'wasm-peak',
      flavour: 'simd128',
      workload: 'peak',
      gflops: +r.median.toFixed(2),
      gflops_best: +r.best.toFixed(2),
    }),
  );
}
