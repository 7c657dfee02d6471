// fastmath.hpp — vectorizable float exp / log1p with a scalar twin computing the same bits.
//
// std::exp compiles to a scalar libm call in wasm, which would serialise every SIMD activation.
// These use Cephes' expf polynomial (relative error < 2e-7 on [-87, 88]) and a 2·atanh series
// for log1p on [0, 1] (absolute error < 3e-7); tests/engine/test_activations.cpp checks both
// bounds against <cmath>. The scalar and the SIMD forms do the same operations in the same order
// (and the build uses -ffp-contract=off), so both flavours agree bit for bit.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>

#include "simd.hpp"

namespace relu::fast {

constexpr float kExpHi = 88.3f, kExpLo = -87.3f;
constexpr float kLog2e = 1.44269504088896341f;
constexpr float kLn2Hi = 0.693359375f, kLn2Lo = -2.12194440e-4f;

/// @brief e^x in float, clamped to the normal range.
inline float exp(float x) {
  if (x != x) return x;
  x = x > kExpHi ? kExpHi : (x < kExpLo ? kExpLo : x);
  float n = std::nearbyint(x * kLog2e);
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

/// @brief Logistic sigmoid 1 / (1 + e^-x).
inline float sigmoid(float x) { return 1.0f / (1.0f + exp(-x)); }
/// @brief tanh(x) = 1 − 2 / (e^{2x} + 1); absolute error < 3e-7.
inline float tanh(float x) { return 1.0f - 2.0f / (exp(2.0f * x) + 1.0f); }

#if RELU_SIMD
inline v128_t exp4(v128_t x) {
  x = wasm_f32x4_pmin(wasm_f32x4_pmax(x, wasm_f32x4_splat(kExpLo)), wasm_f32x4_splat(kExpHi));
  v128_t n = wasm_f32x4_nearest(wasm_f32x4_mul(x, wasm_f32x4_splat(kLog2e)));
  v128_t r = wasm_f32x4_sub(wasm_f32x4_sub(x, wasm_f32x4_mul(n, wasm_f32x4_splat(kLn2Hi))),
                            wasm_f32x4_mul(n, wasm_f32x4_splat(kLn2Lo)));
  v128_t p = wasm_f32x4_splat(1.9875691500e-4f);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.3981999507e-3f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(8.3334519073e-3f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(4.1665795894e-2f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.6666665459e-1f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(5.0000001201e-1f));
  p = wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(p, wasm_f32x4_mul(r, r)), r),
                     wasm_f32x4_splat(1.0f));
  v128_t bits = wasm_i32x4_shl(
      wasm_i32x4_add(wasm_i32x4_trunc_sat_f32x4(n), wasm_i32x4_splat(127)), 23);
  return wasm_f32x4_mul(p, bits);
}

inline v128_t log1p01_4(v128_t u) {
  v128_t t = wasm_f32x4_div(u, wasm_f32x4_add(wasm_f32x4_splat(2.0f), u));
  v128_t t2 = wasm_f32x4_mul(t, t);
  v128_t s = wasm_f32x4_splat(1.0f / 15.0f);
  const float c[] = {1.0f / 13.0f, 1.0f / 11.0f, 1.0f / 9.0f, 1.0f / 7.0f,
                     1.0f / 5.0f,  1.0f / 3.0f,  1.0f};
  for (float k : c) s = wasm_f32x4_add(wasm_f32x4_mul(s, t2), wasm_f32x4_splat(k));
  return wasm_f32x4_mul(wasm_f32x4_mul(wasm_f32x4_splat(2.0f), t), s);
}

inline v128_t sigmoid4(v128_t x) {
  v128_t one = wasm_f32x4_splat(1.0f);
  return wasm_f32x4_div(one, wasm_f32x4_add(one, exp4(wasm_f32x4_neg(x))));
}

inline v128_t tanh4(v128_t x) {
  v128_t one = wasm_f32x4_splat(1.0f);
  v128_t e = exp4(wasm_f32x4_mul(wasm_f32x4_splat(2.0f), x));
  return wasm_f32x4_sub(one, wasm_f32x4_div(wasm_f32x4_splat(2.0f), wasm_f32x4_add(e, one)));
}
#endif

}  // namespace relu::fast
