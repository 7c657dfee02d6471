// fastmath.hpp — vectorizable float exp / log1p with a scalar twin computing the same bits.
//
// std::exp compiles to a scalar libm call in wasm, which would serialise every SIMD activation.
// These use Cephes' expf polynomial (relative error < 2e-7 on [-87, 88]), a rational tanh
// (error < 4e-7; sigmoid derives from it) and a 2·atanh series for log1p on [0, 1] (absolute
// error < 3e-7); tests/engine/test_activations.cpp checks every bound against <cmath>. The scalar and the
// SIMD forms do the same operations in the same order (and the build uses -ffp-contract=off), so both
// flavours agree bit for bit.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>

#include "simd.hpp"

namespace relu::fast {

constexpr float kExpHi = 88.3f, kExpLo = -87.3f;
constexpr float kLog2e = 1.44269504088896341f;
constexpr float kLn2Hi = 0.693359375f, kLn2Lo = -2.12194440e-4f;
// Adding and subtracting 1.5·2²³ rounds a float with |x| < 2²² to the nearest integer (ties to
// even) with two IEEE additions: no libm call natively (nearbyintf is one on x86-64 without
// SSE4.1) and the same bits as the SIMD path.
constexpr float kRoundMagic = 12582912.0f;
// (Compilers may not fold x + M − M to x without -ffast-math, which this project never uses.)
inline float round_nearest(float x) { return (x + kRoundMagic) - kRoundMagic; }

/// @brief e^x in float, clamped to the normal range.
inline float exp(float x) {
  if (x != x) return x;
  x = x > kExpHi ? kExpHi : (x < kExpLo ? kExpLo : x);
  float n = round_nearest(x * kLog2e);
  float r = (x - n * kLn2Hi) - n * kLn2Lo;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * (r * r) + r + 1.0f;
  int32_t bits = (static_cast<int32_t>(n) + 127) << 23;
  float scale;
  std::memcpy(&scale, &bits, sizeof scale);
  return p * scale;
}

/// @brief log(1 + u) for u in [0, 1] via 2·atanh(u / (2 + u)).
inline float log1p01(float u) {
  float t = u / (2.0f + u), t2 = t * t;
  float s = 1.0f / 15.0f;
  s = s * t2 + 1.0f / 13.0f;
  s = s * t2 + 1.0f / 11.0f;
  s = s * t2 + 1.0f / 9.0f;
  s = s * t2 + 1.0f / 7.0f;
  s = s * t2 + 1.0f / 5.0f;
  s = s * t2 + 1.0f / 3.0f;
  s = s * t2 + 1.0f;
  return 2.0f * t * s;
}

// tanh as a 13/6 rational function (the coefficients of Eigen's ptanh_float), clamped outside
// ±kTanhClamp: absolute and relative error < 4e-7, one division, no exp. The clamp is the
// smallest float where the rational reaches exactly 1.0f (Eigen's 7.9988 gives 1 − 1.8e-7):
// saturated units then have 1 − t² = 0 exactly, as GELU′ and SiLU at |x| ≫ 1 need
// (Eigen's clamp made GELU′(100) 1.025 and GELU′(−1e4) ≈ 2e4).
constexpr float kTanhClamp = 7.90531111f;
constexpr float kTanhP[] = {-2.76076847742355e-16f, 2.00018790482477e-13f, -8.60467152213735e-11f,
                            5.12229709037114e-08f,  1.48572235717979e-05f, 6.37261928875436e-04f,
                            4.89352455891786e-03f};
constexpr float kTanhQ[] = {1.19825839466702e-06f, 1.18534705686654e-04f, 2.26843463243900e-03f,
                            4.89352518554385e-03f};

/// @brief tanh(x), rational approximation (see above).
inline float tanh(float x) {
  x = x > kTanhClamp ? kTanhClamp : (x < -kTanhClamp ? -kTanhClamp : x);
  const float x2 = x * x;
  float p = kTanhP[0], q = kTanhQ[0];
  for (int k = 1; k < 7; ++k) p = p * x2 + kTanhP[k];
  for (int k = 1; k < 4; ++k) q = q * x2 + kTanhQ[k];
  return (p * x) / q;
}
/// @brief Logistic sigmoid as ½ + ½·tanh(x/2); absolute error < 3e-7.
inline float sigmoid(float x) { return 0.5f + 0.5f * tanh(0.5f * x); }

#if RELU_SIMD
inline v128_t exp4(v128_t x) {
  x = wasm_f32x4_pmin(wasm_f32x4_pmax(x, wasm_f32x4_splat(kExpLo)), wasm_f32x4_splat(kExpHi));
  const v128_t magic = wasm_f32x4_splat(kRoundMagic);
  v128_t n = wasm_f32x4_sub(wasm_f32x4_add(wasm_f32x4_mul(x, wasm_f32x4_splat(kLog2e)), magic), magic);
  v128_t r = wasm_f32x4_sub(wasm_f32x4_sub(x, wasm_f32x4_mul(n, wasm_f32x4_splat(kLn2Hi))),
                            wasm_f32x4_mul(n, wasm_f32x4_splat(kLn2Lo)));
  v128_t p = wasm_f32x4_splat(1.9875691500e-4f);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.3981999507e-3f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(8.3334519073e-3f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(4.1665795894e-2f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.6666665459e-1f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(5.0000001201e-1f));
  p = wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(p, wasm_f32x4_mul(r, r)), r), wasm_f32x4_splat(1.0f));
  v128_t bits = wasm_i32x4_shl(wasm_i32x4_add(wasm_i32x4_trunc_sat_f32x4(n), wasm_i32x4_splat(127)), 23);
  return wasm_f32x4_mul(p, bits);
}

inline v128_t log1p01_4(v128_t u) {
  v128_t t = wasm_f32x4_div(u, wasm_f32x4_add(wasm_f32x4_splat(2.0f), u));
  v128_t t2 = wasm_f32x4_mul(t, t);
  v128_t s = wasm_f32x4_splat(1.0f / 15.0f);
  const float c[] = {1.0f / 13.0f, 1.0f / 11.0f, 1.0f / 9.0f, 1.0f / 7.0f, 1.0f / 5.0f, 1.0f / 3.0f, 1.0f};
  for (float k : c) s = wasm_f32x4_add(wasm_f32x4_mul(s, t2), wasm_f32x4_splat(k));
  return wasm_f32x4_mul(wasm_f32x4_mul(wasm_f32x4_splat(2.0f), t), s);
}

inline v128_t tanh4(v128_t x) {
  x = wasm_f32x4_pmin(wasm_f32x4_pmax(x, wasm_f32x4_splat(-kTanhClamp)), wasm_f32x4_splat(kTanhClamp));
  const v128_t x2 = wasm_f32x4_mul(x, x);
  v128_t p = wasm_f32x4_splat(kTanhP[0]), q = wasm_f32x4_splat(kTanhQ[0]);
  for (int k = 1; k < 7; ++k) p = wasm_f32x4_add(wasm_f32x4_mul(p, x2), wasm_f32x4_splat(kTanhP[k]));
  for (int k = 1; k < 4; ++k) q = wasm_f32x4_add(wasm_f32x4_mul(q, x2), wasm_f32x4_splat(kTanhQ[k]));
  return wasm_f32x4_div(wasm_f32x4_mul(p, x), q);
}

inline v128_t sigmoid4(v128_t x) {
  const v128_t half = wasm_f32x4_splat(0.5f);
  return wasm_f32x4_add(half, wasm_f32x4_mul(half, tanh4(wasm_f32x4_mul(half, x))));
}
#endif

}  // namespace relu::fast
