// kernels.cpp — scalar reference kernels and their WASM SIMD128 versions (see kernels.hpp).
#include "kernels.hpp"

#include <algorithm>
#include <cmath>
#include <type_traits>

namespace relu::kernels {

// ---------------------------------------------------------------------------------------------
// Scalar reference: the readable definition of every kernel.
namespace ref {

// BCE of σ(z) against y ∈ {0, 1} in its overflow-free form max(z, 0) − z·y + log(1 + e^−|z|).
inline float bce(float z, float label) {
  const float y = label > 0.5f ? 1.0f : 0.0f;
  return std::max(z, 0.0f) - z * y + fast::log1p01(fast::exp(-std::fabs(z)));
}
inline float tanh_square(float z, float label) {
  const float y = label > 0.5f ? 1.0f : -1.0f, t = fast::tanh(z);
  return 0.5f * (t - y) * (t - y);
}
inline float right(float z, float label) { return (z > 0.0f) == (label > 0.5f) ? 1.0f : 0.0f; }

// Σ term(p) over p < n in the order the SIMD kernels add: lane k of four partial sums takes the
// points p ≡ k (mod 4) of the full blocks of four, the lanes pair as (0 + 1) + (2 + 3), and the
// tail follows one by one. The scalar builds add this way too, so the losses and gradient norms
// they report are the SIMD build's bits.
template <class Term>
inline float lane_order_sum(int n, Term term) {
  float lane[4] = {0.0f, 0.0f, 0.0f, 0.0f};
  int p = 0;
  for (; p + 4 <= n; p += 4)
    for (int k = 0; k < 4; ++k) lane[k] += term(p + k);
  float s = (lane[0] + lane[1]) + (lane[2] + lane[3]);
  for (; p < n; ++p) s += term(p);
  return s;
}

// PReLU's dα = Σ da·∂f/∂α with ∂f/∂α = z where z < 0, summed over the points in order. The SIMD
// build uses it too: a per-lane sum would round differently and training would drift apart.
inline void prelu_alpha_grad(const float* z, const float* da, float* dalpha, int units, int n, int ld) {
  for (int u = 0; u < units; ++u) {
    float s = 0.0f;
    for (int p = 0; p < n; ++p) {
      const float zk = z[u * ld + p];
      if (zk < 0.0f) s += da[u * ld + p] * zk;
    }
    dalpha[u] = s;
  }
}

void sigmoid_bce_grad(const float* z, const float* label, int n, float scale, float* g) {
  for (int p = 0; p < n; ++p) g[p] = (fast::sigmoid(z[p]) - (label[p] > 0.5f ? 1.0f : 0.0f)) * scale;
  for (int p = n; p < pad_lanes(n); ++p) g[p] = 0.0f;
}

float sum_squares(const float* v, int n) {
  return lane_order_sum(n, [&](int i) { return v[i] * v[i]; });
}

bool all_abs_below(const float* v, int n, float bound) {
  bool ok = true;
  for (int i = 0; i < n; ++i) ok &= std::fabs(v[i]) < bound;
  return ok;
}

void sgd_update(float* w, const float* g, int n, float lr) {
  for (int i = 0; i < n; ++i) w[i] -= lr * g[i];
}
void momentum_update(float* w, float* m, const float* g, int n, float lr, float mu) {
  for (int i = 0; i < n; ++i) m[i] = mu * m[i] + g[i], w[i] -= lr * m[i];
}
void adam_update(float* w, float* m, float* v, const float* g, int n, const AdamStep& s) {
  for (int i = 0; i < n; ++i) {
    m[i] = s.beta1 * m[i] + (1.0f - s.beta1) * g[i];
    v[i] = s.beta2 * v[i] + (1.0f - s.beta2) * g[i] * g[i];
    w[i] -= s.lr * (m[i] * s.c1) / (std::sqrt(v[i] * s.c2) + s.epsilon);
  }
}

void sigmoid_bce_sum(const float* z, const float* label, int n, float* loss, float* correct) {
  *loss += lane_order_sum(n, [&](int p) { return bce(z[p], label[p]); });
  *correct += lane_order_sum(n, [&](int p) { return right(z[p], label[p]); });
}
void tanh_square_sum(const float* z, const float* label, int n, float* loss, float* correct) {
  *loss += lane_order_sum(n, [&](int p) { return tanh_square(z[p], label[p]); });
  *correct += lane_order_sum(n, [&](int p) { return right(z[p], label[p]); });
}

void dense_forward(const float* W, const float* b, const float* x, float* z, int in, int out, int n, int ld) {
  const int np = pad_lanes(n);
  for (int o = 0; o < out; ++o) {
    float* zo = z + o * ld;
    for (int p = 0; p < np; ++p) zo[p] = b[o];
    for (int i = 0; i < in; ++i) {
      const float w = W[o * in + i];
      const float* xi = x + i * ld;
      for (int p = 0; p < np; ++p) zo[p] += w * xi[p];
    }
  }
}

void dense_act_forward(Act act, const float* alpha, const float* W, const float* b, const float* x, float* z,
                       float* a, int in, int out, int n, int ld) {
  dense_forward(W, b, x, z ? z : a, in, out, n, ld);
  activation_forward(act, alpha, z ? z : a, a, out, n, ld);
}

void dense_backward(const float* W, const float* x, const float* dz, float* dW, float* db, float* dx, int in,
                    int out, int n, int ld) {
  const int np = pad_lanes(n);
  for (int o = 0; o < out; ++o) {
    const float* dzo = dz + o * ld;
    float s = 0.0f;
    for (int p = 0; p < n; ++p) s += dzo[p];
    db[o] = s;
    for (int i = 0; i < in; ++i) {
      const float* xi = x + i * ld;
      float d = 0.0f;
      for (int p = 0; p < n; ++p) d += dzo[p] * xi[p];
      dW[o * in + i] = d;
    }
  }
  if (!dx) return;
  for (int i = 0; i < in; ++i) {
    float* dxi = dx + i * ld;
    for (int p = 0; p < np; ++p) dxi[p] = 0.0f;
    for (int o = 0; o < out; ++o) {
      const float w = W[o * in + i];
      const float* dzo = dz + o * ld;
      for (int p = 0; p < np; ++p) dxi[p] += w * dzo[p];
    }
  }
}

void dense_backward_act(Act act, const float* alpha, float g0, const float* zx, const float* W,
                        const float* x, const float* dz, float* dW, float* db, float* dx, int in, int out,
                        int n, int ld) {
  dense_backward(W, x, dz, dW, db, dx, in, out, n, ld);
  activation_backward(act, alpha, g0, zx, x, dx, dx, nullptr, in, n, ld);
}

void activation_forward(Act act, const float* alpha, const float* z, float* a, int units, int n, int ld) {
  const int np = pad_lanes(n);
  visit_activation(act, [&](auto A) {
    for (int u = 0; u < units; ++u)
      for (int p = 0; p < np; ++p) a[u * ld + p] = decltype(A)::f(z[u * ld + p], alpha[u]);
  });
}

void activation_backward(Act act, const float* alpha, float g0, const float* z, const float* a,
                         const float* da, float* dz, float* dalpha, int units, int n, int ld) {
  const int np = pad_lanes(n);
  if (act == Act::prelu && dalpha) prelu_alpha_grad(z, da, dalpha, units, n, ld);  // first: dz may alias da
  visit_activation(act, [&](auto A) {
    using F = decltype(A);
    for (int u = 0; u < units; ++u)
      for (int p = 0; p < np; ++p) {
        const int k = u * ld + p;
        if constexpr (HasDfOfOutput<F>::value)
          dz[k] = da[k] * F::df_of_output(a[k]);
        else
          dz[k] = da[k] * F::df(z[k], alpha[u], g0);
      }
  });
}

}  // namespace ref

// ---------------------------------------------------------------------------------------------
// SIMD128 versions. Same math in the same order, so every kernel gives the reference's bits
// (test_kernels checks equality): the dense and activation kernels sum as the scalar loops do,
// and the loss and sum-of-squares reductions add per lane and then across, as
// ref::lane_order_sum does.
#if RELU_SIMD
namespace {

// kPointerNote: Emscripten 3.1.6 compiles with -mllvm -disable-lsr (no loop strength reduction)
// and V8 does none either, so an index like o * in + i inside an inner loop stays two integer
// multiplies per iteration. W1's dx loop spent more on that arithmetic than on the MACs; the
// inner loops below bump pointers instead.

inline float hsum(v128_t v) {
  return (wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1)) +
         (wasm_f32x4_extract_lane(v, 2) + wasm_f32x4_extract_lane(v, 3));
}

// OC output units × PB blocks of four points at once: OC·PB accumulators stay in registers
// across the input loop, and each splatted weight feeds PB multiplies. Measured on V8 (Node 20,
// Zen 4) for 8 → 8 units over 256 points: OC 2 × PB 4 takes 3.7 ns/point, 8 × 1 7.1, 4 × 2 4.0,
// 4 × 4 5.7, 1 × 8 4.7 — more live accumulators than ~8 make TurboFan spill.
// A is applied to the accumulators as they are stored into a (Linear: z itself, as
// dense_forward); z, when not null, gets the accumulators too (a branch per block, not per MAC).
template <int OC, int PB, class A = act::Linear>
void dense_forward_block(const float* W, const float* b, const float* alpha, const float* x, float* z,
                         float* a, int in, int p0, int p1, int ld) {
  for (int p = p0; p + PB * kLanes <= p1; p += PB * kLanes) {
    v128_t acc[OC][PB];
    for (int k = 0; k < OC; ++k)
      for (int j = 0; j < PB; ++j) acc[k][j] = wasm_f32x4_splat(b[k]);
    const float* xi = x + p;  // pointers bumped, not indices multiplied: see kPointerNote
    const float* wi = W;
    for (int i = 0; i < in; ++i, xi += ld, ++wi) {
      v128_t xv[PB];
      for (int j = 0; j < PB; ++j) xv[j] = wasm_v128_load(xi + j * kLanes);
      for (int k = 0; k < OC; ++k) {
        const v128_t w = wasm_v128_load32_splat(wi + k * in);
        for (int j = 0; j < PB; ++j) acc[k][j] = wasm_f32x4_add(acc[k][j], wasm_f32x4_mul(w, xv[j]));
      }
    }
    for (int k = 0; k < OC; ++k) {
      const v128_t al = wasm_f32x4_splat(alpha[k]);
      for (int j = 0; j < PB; ++j) wasm_v128_store(a + k * ld + p + j * kLanes, A::f4(acc[k][j], al));
    }
    if (z)
      for (int k = 0; k < OC; ++k)
        for (int j = 0; j < PB; ++j) wasm_v128_store(z + k * ld + p + j * kLanes, acc[k][j]);
  }
}

// All points for OC units: PB blocks at a time, then the tail one block at a time.
template <int OC, int PB, class A = act::Linear>
void dense_forward_units(const float* W, const float* b, const float* alpha, const float* x, float* z,
                         float* a, int in, int np, int ld) {
  const int main_end = np / (PB * kLanes) * (PB * kLanes);
  dense_forward_block<OC, PB, A>(W, b, alpha, x, z, a, in, 0, main_end, ld);
  if (PB > 1) dense_forward_block<OC, 1, A>(W, b, alpha, x, z, a, in, main_end, np, ld);
}

// Every unit: pairs of units, then the odd one.
template <int PB, class A>
void dense_all_units(const float* alpha, const float* W, const float* b, const float* x, float* z, float* a,
                     int in, int out, int np, int ld) {
  int o = 0;
  for (; o + 2 <= out; o += 2)
    dense_forward_units<2, PB, A>(W + o * in, b + o, alpha + o, x, z ? z + o * ld : z, a + o * ld, in, np,
                                  ld);
  if (o < out)
    dense_forward_units<1, PB, A>(W + o * in, b + o, alpha + o, x, z ? z + o * ld : z, a + o * ld, in, np,
                                  ld);
}

template <class A>
void dense_act_units(const float* alpha, const float* W, const float* b, const float* x, float* z, float* a,
                     int in, int out, int n, int ld) {
  const int np = pad_lanes(n);
  // A training minibatch of ≤ 12 points is one block of three: a third fewer loads and splats
  // than three blocks of one (0.25 instead of 0.33 µs for W1's forward).
  if (np <= 12) return dense_all_units<3, A>(alpha, W, b, x, z, a, in, out, np, ld);
  dense_all_units<4, A>(alpha, W, b, x, z, a, in, out, np, ld);
}

// Not inlined (as dense_input_grads): inlined into dense_act_forward's visit of every activation,
// Chromium's V8 ran W2 tanh at 280 instead of 420 grids/s (node's V8 11.3 did not care).
template <class A>
__attribute__((noinline)) void act_forward(const float* alpha, const float* z, float* a, int units, int np,
                                           int ld) {
  for (int u = 0; u < units; ++u) {
    const v128_t al = wasm_f32x4_splat(alpha[u]);
    for (int p = 0; p < np; p += kLanes)
      wasm_v128_store(a + u * ld + p, A::f4(wasm_v128_load(z + u * ld + p), al));
  }
}

// f'(z) for four points from z (or, for entries with df_of_output, from the stored a = f(z)).
template <class A>
inline v128_t df4_at(const float* z, const float* a, v128_t al, v128_t g0) {
  if constexpr (HasDfOfOutput<A>::value)
    return A::df_of_output4(wasm_v128_load(a));
  else
    return A::df4(wasm_v128_load(z), al, g0);
}

template <class A>
void act_backward(const float* alpha, float g0, const float* z, const float* a, const float* da, float* dz,
                  int units, int np, int ld) {
  const v128_t g = wasm_f32x4_splat(g0);
  for (int u = 0; u < units; ++u) {
    const v128_t al = wasm_f32x4_splat(alpha[u]);
    for (int p = 0; p < np; p += kLanes) {
      const int k = u * ld + p;
      wasm_v128_store(dz + k, wasm_f32x4_mul(wasm_v128_load(da + k), df4_at<A>(z + k, a + k, al, g)));
    }
  }
}

// Lanes of a head's loss and right answers for four points; the tail uses the scalar twin.
template <class Loss4, class Loss1>
void head_sum(const float* z, const float* label, int n, float* loss, float* correct, Loss4 loss4,
              Loss1 loss1) {
  v128_t l = wasm_f32x4_splat(0.0f), c = l;
  const v128_t zero = l, half = wasm_f32x4_splat(0.5f), one = wasm_f32x4_splat(1.0f);
  int p = 0;
  for (; p + kLanes <= n; p += kLanes) {
    const v128_t zv = wasm_v128_load(z + p), pos = wasm_f32x4_gt(wasm_v128_load(label + p), half);
    l = wasm_f32x4_add(l, loss4(zv, pos));
    c = wasm_f32x4_add(c, wasm_v128_andnot(one, wasm_v128_xor(wasm_f32x4_gt(zv, zero), pos)));
  }
  float ls = hsum(l), cs = hsum(c);  // then the tail, in ref::lane_order_sum's order
  for (; p < n; ++p) ls += loss1(z[p], label[p]), cs += ref::right(z[p], label[p]);
  *loss += ls, *correct += cs;
}

}  // namespace

void sigmoid_bce_grad(const float* z, const float* label, int n, float scale, float* g) {
  const v128_t half = wasm_f32x4_splat(0.5f), one = wasm_f32x4_splat(1.0f), k = wasm_f32x4_splat(scale);
  int p = 0;
  for (; p + kLanes <= n; p += kLanes) {
    const v128_t y = wasm_v128_and(wasm_f32x4_gt(wasm_v128_load(label + p), half), one);
    wasm_v128_store(g + p, wasm_f32x4_mul(wasm_f32x4_sub(fast::sigmoid4(wasm_v128_load(z + p)), y), k));
  }
  if (p == n) return;
  // The last one to three points as one vector too (z's padding is readable, label's is not),
  // and the padding of g zeroed: the scalar tail's two divisions were on W1's critical path.
  const int r = n - p;
  const v128_t l = wasm_f32x4_make(label[p], r > 1 ? label[p + 1] : 0.0f, r > 2 ? label[p + 2] : 0.0f, 0.0f);
  const v128_t y = wasm_v128_and(wasm_f32x4_gt(l, half), one);
  const v128_t v = wasm_f32x4_mul(wasm_f32x4_sub(fast::sigmoid4(wasm_v128_load(z + p)), y), k);
  const v128_t real = wasm_i32x4_lt(wasm_i32x4_make(0, 1, 2, 3), wasm_i32x4_splat(r));
  wasm_v128_store(g + p, wasm_v128_and(v, real));
}

float sum_squares(const float* v, int n) {
  v128_t s = wasm_f32x4_splat(0.0f);
  int i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    const v128_t x = wasm_v128_load(v + i);
    s = wasm_f32x4_add(s, wasm_f32x4_mul(x, x));
  }
  float sum = hsum(s);  // then the tail, in ref::lane_order_sum's order
  for (; i < n; ++i) sum += v[i] * v[i];
  return sum;
}

bool all_abs_below(const float* v, int n, float bound) {
  const v128_t b = wasm_f32x4_splat(bound);
  v128_t ok = wasm_i32x4_splat(-1);
  int i = 0;
  for (; i + kLanes <= n; i += kLanes)
    ok = wasm_v128_and(ok, wasm_f32x4_lt(wasm_f32x4_abs(wasm_v128_load(v + i)), b));
  return wasm_i32x4_all_true(ok) && ref::all_abs_below(v + i, n - i, bound);
}

// The optimizers four parameters at a time, then the tail with the reference.
void sgd_update(float* w, const float* g, int n, float lr) {
  const v128_t k = wasm_f32x4_splat(lr);
  int i = 0;
  for (; i + kLanes <= n; i += kLanes)
    wasm_v128_store(w + i, wasm_f32x4_sub(wasm_v128_load(w + i), wasm_f32x4_mul(k, wasm_v128_load(g + i))));
  ref::sgd_update(w + i, g + i, n - i, lr);
}

void momentum_update(float* w, float* m, const float* g, int n, float lr, float mu) {
  const v128_t k = wasm_f32x4_splat(lr), u = wasm_f32x4_splat(mu);
  int i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    const v128_t mi = wasm_f32x4_add(wasm_f32x4_mul(u, wasm_v128_load(m + i)), wasm_v128_load(g + i));
    wasm_v128_store(m + i, mi);
    wasm_v128_store(w + i, wasm_f32x4_sub(wasm_v128_load(w + i), wasm_f32x4_mul(k, mi)));
  }
  ref::momentum_update(w + i, m + i, g + i, n - i, lr, mu);
}

void adam_update(float* w, float* m, float* v, const float* g, int n, const AdamStep& s) {
  const v128_t lr = wasm_f32x4_splat(s.lr), b1 = wasm_f32x4_splat(s.beta1), b2 = wasm_f32x4_splat(s.beta2);
  const v128_t r1 = wasm_f32x4_splat(1.0f - s.beta1), r2 = wasm_f32x4_splat(1.0f - s.beta2);
  const v128_t c1 = wasm_f32x4_splat(s.c1), c2 = wasm_f32x4_splat(s.c2), eps = wasm_f32x4_splat(s.epsilon);
  int i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    const v128_t gi = wasm_v128_load(g + i);
    const v128_t mi = wasm_f32x4_add(wasm_f32x4_mul(b1, wasm_v128_load(m + i)), wasm_f32x4_mul(r1, gi));
    const v128_t vi =
        wasm_f32x4_add(wasm_f32x4_mul(b2, wasm_v128_load(v + i)), wasm_f32x4_mul(wasm_f32x4_mul(r2, gi), gi));
    wasm_v128_store(m + i, mi);
    wasm_v128_store(v + i, vi);
    const v128_t step = wasm_f32x4_div(wasm_f32x4_mul(lr, wasm_f32x4_mul(mi, c1)),
                                       wasm_f32x4_add(wasm_f32x4_sqrt(wasm_f32x4_mul(vi, c2)), eps));
    wasm_v128_store(w + i, wasm_f32x4_sub(wasm_v128_load(w + i), step));
  }
  ref::adam_update(w + i, m + i, v + i, g + i, n - i, s);
}

void sigmoid_bce_sum(const float* z, const float* label, int n, float* loss, float* correct) {
  head_sum(
      z, label, n, loss, correct,
      [](v128_t zv, v128_t pos) {
        const v128_t y = wasm_v128_and(pos, wasm_f32x4_splat(1.0f));
        const v128_t e = fast::exp4(wasm_f32x4_neg(wasm_f32x4_abs(zv)));
        return wasm_f32x4_add(
            wasm_f32x4_sub(wasm_f32x4_pmax(zv, wasm_f32x4_splat(0.0f)), wasm_f32x4_mul(zv, y)),
            fast::log1p01_4(e));
      },
      ref::bce);
}

void tanh_square_sum(const float* z, const float* label, int n, float* loss, float* correct) {
  head_sum(
      z, label, n, loss, correct,
      [](v128_t zv, v128_t pos) {
        const v128_t y = wasm_v128_bitselect(wasm_f32x4_splat(1.0f), wasm_f32x4_splat(-1.0f), pos);
        const v128_t d = wasm_f32x4_sub(fast::tanh4(zv), y);
        return wasm_f32x4_mul(wasm_f32x4_mul(wasm_f32x4_splat(0.5f), d), d);  // ½·d·d, as ref
      },
      ref::tanh_square);
}

void dense_forward(const float* W, const float* b, const float* x, float* z, int in, int out, int n, int ld) {
  dense_act_units<act::Linear>(b, W, b, x, nullptr, z, in, out, n, ld);  // Linear ignores α
}

void dense_act_forward(Act act, const float* alpha, const float* W, const float* b, const float* x, float* z,
                       float* a, int in, int out, int n, int ld) {
  visit_activation(act, [&](auto A) {
    using F = decltype(A);
    // Fused where f is a few instructions (the ReLU family without exp): W2 ReLU gains ~25 %.
    // The costly activations gain nothing (W2 tanh 471 vs 456 grids/s) and each fused
    // instantiation adds ~2 KB gzip to the wasm, so they take two passes over the block.
    if constexpr (std::is_same_v<F, act::Relu> || std::is_same_v<F, act::LeakyRelu> ||
                  std::is_same_v<F, act::Prelu> || std::is_same_v<F, act::Linear>) {
      dense_act_units<F>(alpha, W, b, x, z, a, in, out, n, ld);
    } else {
      dense_act_units<act::Linear>(alpha, W, b, x, nullptr, z ? z : a, in, out, n, ld);
      act_forward<F>(alpha, z ? z : a, a, out, pad_lanes(n), ld);
    }
  });
}

namespace {

// r[0..3] as the rows of a 4 × 4 block, transposed in place (eight shuffles).
inline void transpose4(v128_t* r) {
  const v128_t t0 = wasm_i32x4_shuffle(r[0], r[1], 0, 4, 1, 5),
               t1 = wasm_i32x4_shuffle(r[0], r[1], 2, 6, 3, 7);
  const v128_t t2 = wasm_i32x4_shuffle(r[2], r[3], 0, 4, 1, 5),
               t3 = wasm_i32x4_shuffle(r[2], r[3], 2, 6, 3, 7);
  r[0] = wasm_i32x4_shuffle(t0, t2, 0, 1, 4, 5), r[1] = wasm_i32x4_shuffle(t0, t2, 2, 3, 6, 7);
  r[2] = wasm_i32x4_shuffle(t1, t3, 0, 1, 4, 5), r[3] = wasm_i32x4_shuffle(t1, t3, 2, 3, 6, 7);
}

// Rows [0, rows) (≤ 8) of a (·, ld) block, columns [0, np), transposed into t: t[p·8 + k] =
// x[k][p], rows k ≥ rows zero. Columns up to pad_lanes(np) are read, as the layout allows.
// Out of line: each shuffle carries a 16-byte lane mask, and the three inlined copies cost
// 1.9 KB of gzip for no measurable speed.
__attribute__((noinline)) void transpose_tile(const float* x, int rows, int np, int ld, float* t) {
  const v128_t zero = wasm_f32x4_splat(0.0f);
  for (int r = 0; r < rows; r += 4)
    for (int c = 0; c < np; c += kLanes) {
      v128_t row[4];
      for (int k = 0; k < 4; ++k) row[k] = r + k < rows ? wasm_v128_load(x + (r + k) * ld + c) : zero;
      transpose4(row);
      for (int k = 0; k < 4; ++k) wasm_v128_store(t + (c + k) * 8 + r, row[k]);
    }
}

// Stores the first `count` lanes of v at dst (count ≤ 4): a row of dW may end mid-vector.
inline void store_lanes(float* dst, v128_t v, int count) {
  if (count == 4) return wasm_v128_store(dst, v);
  if (count >= 2) wasm_v128_store64_lane(dst, v, 0);
  if (count == 3) wasm_v128_store32_lane(dst + 2, v, 2);
  if (count == 1) wasm_v128_store32_lane(dst, v, 0);
}

// dW = dz·xᵀ and db = Σ dz: dense_backward's sums over points, each taken over the points in
// order from 0, as the reference does, so SIMD and scalar builds train bit for bit alike.
// That puts the inputs along the lanes: eight inputs (two vectors) of a tile of points are
// transposed into t, and each dz[o][p] is splatted against them (no horizontal sums, and no
// padded points: W1's batch of 10 costs 10 steps, not 12 lanes). A sum in order is a chain of
// dependent adds, so two outputs go at once (six chains with db's; one load of t feeds both).
// Four at once spill on V8: 8 → 8 over 10 points took 97 ns, two 81, the lane sums this
// replaced 122. Partial sums wait in part between tiles of points.
constexpr int kTile = 16, kOutBlock = 16;

template <int NV, int OB>  // NV vectors of inputs (2: eight inputs; 1: ≤ 4), OB outputs
inline void weight_grads_tile(const float* t, const float* dz, v128_t (*part)[3], int np, int ld,
                              bool first) {
  v128_t acc[OB][NV], bacc[OB];  // bacc: db's sums (all four lanes alike)
  for (int k = 0; k < OB; ++k) {
    for (int v = 0; v < NV; ++v) acc[k][v] = first ? wasm_f32x4_splat(0.0f) : part[k][v];
    bacc[k] = first ? wasm_f32x4_splat(0.0f) : part[k][2];
  }
  for (int p = 0; p < np; ++p, t += 8) {
    v128_t tv[NV];
    for (int v = 0; v < NV; ++v) tv[v] = wasm_v128_load(t + 4 * v);
    for (int k = 0; k < OB; ++k) {
      const v128_t s = wasm_v128_load32_splat(dz + k * ld + p);
      for (int v = 0; v < NV; ++v) acc[k][v] = wasm_f32x4_add(acc[k][v], wasm_f32x4_mul(s, tv[v]));
      bacc[k] = wasm_f32x4_add(bacc[k], s);
    }
  }
  for (int k = 0; k < OB; ++k) {
    for (int v = 0; v < NV; ++v) part[k][v] = acc[k][v];
    part[k][2] = bacc[k];
  }
}

template <int NV>
void weight_grads_group(const float* x, const float* dz, float* dW, float* db, int i0, int ni, int in,
                        int out, int n, int ld) {
  alignas(16) float t[kTile * 8];
  v128_t part[kOutBlock][3];
  for (int o0 = 0; o0 < out; o0 += kOutBlock) {
    const int no = std::min(kOutBlock, out - o0);
    for (int p0 = 0; p0 < n; p0 += kTile) {
      const int np = std::min(kTile, n - p0);
      transpose_tile(x + i0 * ld + p0, ni, np, ld, t);
      const float* d = dz + o0 * ld + p0;
      int o = 0;
      for (; o + 2 <= no; o += 2) weight_grads_tile<NV, 2>(t, d + o * ld, part + o, np, ld, p0 == 0);
      for (; o < no; ++o) weight_grads_tile<NV, 1>(t, d + o * ld, part + o, np, ld, p0 == 0);
    }
    for (int o = 0; o < no; ++o) {
      float* row = dW + (o0 + o) * in + i0;
      for (int v = 0; v < NV && 4 * v < ni; ++v)
        store_lanes(row + 4 * v, part[o][v], std::min(4, ni - 4 * v));
      if (db) db[o0 + o] = wasm_f32x4_extract_lane(part[o][2], 0);
    }
  }
}

// The same sums with the outputs along the lanes, for layers of ≥ 8 outputs: dz of eight
// outputs is transposed (u[p·8 + k] = dz[o0 + k][p]) and each x[i][p] splatted against it, so
// a point costs two loads, IB splats and 2·IB MACs for IB inputs, and db is u's running sum.
// Against inputs along the lanes (V8, node 20): 8 → 8 over 10 points ~80 ns either way; 2 → 8
// 58 vs 63 ns; 8 → 8 over 250 points 1.28 vs 1.40 µs; 32 → 32 over 10 points 0.97 vs 1.05 µs.
template <int IB>
inline void weight_grads_tile_out(const float* u, const float* x, v128_t (*part)[2], int np, int ld,
                                  bool first) {
  v128_t acc[IB][2];
  for (int k = 0; k < IB; ++k)
    for (int v = 0; v < 2; ++v) acc[k][v] = first ? wasm_f32x4_splat(0.0f) : part[k][v];
  for (int p = 0; p < np; ++p, u += 8) {
    const v128_t u0 = wasm_v128_load(u), u1 = wasm_v128_load(u + 4);
    for (int k = 0; k < IB; ++k) {
      const v128_t s = wasm_v128_load32_splat(x + k * ld + p);
      acc[k][0] = wasm_f32x4_add(acc[k][0], wasm_f32x4_mul(s, u0));
      acc[k][1] = wasm_f32x4_add(acc[k][1], wasm_f32x4_mul(s, u1));
    }
  }
  for (int k = 0; k < IB; ++k)
    for (int v = 0; v < 2; ++v) part[k][v] = acc[k][v];
}

void weight_grads_outputs(const float* x, const float* dz, float* dW, float* db, int in, int out, int n,
                          int ld) {
  constexpr int kInBlock = 16;
  alignas(16) float u[kTile * 8];
  v128_t part[kInBlock][2], bpart[2];
  const v128_t zero = wasm_f32x4_splat(0.0f);
  for (int o0 = 0; o0 < out; o0 += 8) {
    const int no = std::min(8, out - o0);
    for (int i0 = 0; i0 < in; i0 += kInBlock) {
      const int ni = std::min(kInBlock, in - i0);
      for (int p0 = 0; p0 < n; p0 += kTile) {
        const int np = std::min(kTile, n - p0);
        transpose_tile(dz + o0 * ld + p0, no, np, ld, u);
        if (i0 == 0) {  // db: the outputs' running sums
          v128_t b0 = p0 ? bpart[0] : zero, b1 = p0 ? bpart[1] : zero;
          for (int p = 0; p < np; ++p)
            b0 = wasm_f32x4_add(b0, wasm_v128_load(u + p * 8)),
            b1 = wasm_f32x4_add(b1, wasm_v128_load(u + p * 8 + 4));
          bpart[0] = b0, bpart[1] = b1;
        }
        const float* xi = x + i0 * ld + p0;
        int i = 0;
        for (; i + 4 <= ni; i += 4) weight_grads_tile_out<4>(u, xi + i * ld, part + i, np, ld, p0 == 0);
        for (; i < ni; ++i) weight_grads_tile_out<1>(u, xi + i * ld, part + i, np, ld, p0 == 0);
      }
      // part[i][v] holds dW[o0 + 4v + lane][i0 + i]: transposed back four inputs at a time.
      for (int i = 0; i < ni; i += 4)
        for (int v = 0; v < 2 && 4 * v < no; ++v) {
          v128_t r[4];
          for (int k = 0; k < 4; ++k) r[k] = i + k < ni ? part[i + k][v] : zero;
          transpose4(r);
          for (int k = 0; k < 4 && 4 * v + k < no; ++k)
            store_lanes(dW + (o0 + 4 * v + k) * in + i0 + i, r[k], std::min(4, ni - i));
        }
    }
    for (int v = 0; v < 2 && 4 * v < no; ++v) store_lanes(db + o0 + 4 * v, bpart[v], std::min(4, no - 4 * v));
  }
}

void dense_weight_grads(const float* x, const float* dz, float* dW, float* db, int in, int out, int n,
                        int ld) {
  if (n == 0) {  // empty sums
    std::fill(dW, dW + out * in, 0.0f);
    return std::fill(db, db + out, 0.0f);
  }
  if (out >= 8) return weight_grads_outputs(x, dz, dW, db, in, out, n, ld);
  for (int i0 = 0; i0 < in; i0 += 8) {
    const int ni = std::min(8, in - i0);
    float* b = i0 == 0 ? db : nullptr;  // db with the first inputs' group
    if (ni > 4)
      weight_grads_group<2>(x, dz, dW, b, i0, ni, in, out, n, ld);
    else
      weight_grads_group<1>(x, dz, dW, b, i0, ni, in, out, n, ld);
  }
}

// dx = Wᵀ·dz, each value then times f'(zx) (from ax = f(zx) for entries with df_of_output;
// Linear: dx itself, and zx, ax and alpha are not read).
// Four inputs at a time (four independent sums over o, one dz load for four MACs), then one at a
// time. Each sum runs over o in order, as the reference does. The input loop is outside the
// point loop so that row pointers are hoisted, not recomputed per store (see kPointerNote).
// Not inlined: V8 has no on-stack replacement and TurboFan allocates registers per function, so
// each instantiation stays a small hot function (inlined into train_epoch, ReLU's W1 lost 20 %).
template <class A>
__attribute__((noinline)) void dense_input_grads(const float* alpha, float g0, const float* zx,
                                                 const float* ax, const float* W, const float* dz, float* dx,
                                                 int in, int out, int np, int ld) {
  constexpr bool kLinear = std::is_same_v<A, act::Linear>;
  const v128_t g0v = wasm_f32x4_splat(g0);
  // dx, zx and ax share the (in, ld) layout: one offset addresses all three.
  auto store = [&](int at, v128_t v, v128_t al) {
    if constexpr (kLinear)
      wasm_v128_store(dx + at, v);
    else
      wasm_v128_store(dx + at, wasm_f32x4_mul(v, df4_at<A>(zx + at, ax + at, al, g0v)));
  };
  int i = 0;
  for (; i + 4 <= in; i += 4) {
    v128_t al[4];
    for (int k = 0; k < 4; ++k) al[k] = kLinear ? g0v : wasm_f32x4_splat(alpha[i + k]);
    const int row = i * ld;
    for (int p = 0; p < np; p += kLanes) {
      v128_t acc[4];
      for (int k = 0; k < 4; ++k) acc[k] = wasm_f32x4_splat(0.0f);
      const float* w = W + i;
      const float* d = dz + p;
      for (int o = 0; o < out; ++o, w += in, d += ld) {
        const v128_t g = wasm_v128_load(d);
        for (int k = 0; k < 4; ++k)
          acc[k] = wasm_f32x4_add(acc[k], wasm_f32x4_mul(wasm_v128_load32_splat(w + k), g));
      }
      for (int k = 0; k < 4; ++k) store(row + k * ld + p, acc[k], al[k]);
    }
  }
  for (; i < in; ++i) {
    const v128_t al = kLinear ? g0v : wasm_f32x4_splat(alpha[i]);
    for (int p = 0; p < np; p += kLanes) {
      v128_t acc = wasm_f32x4_splat(0.0f);
      const float* w = W + i;
      const float* d = dz + p;
      for (int o = 0; o < out; ++o, w += in, d += ld)
        acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_v128_load32_splat(w), wasm_v128_load(d)));
      store(i * ld + p, acc, al);
    }
  }
}

}  // namespace

void dense_backward(const float* W, const float* x, const float* dz, float* dW, float* db, float* dx, int in,
                    int out, int n, int ld) {
  dense_weight_grads(x, dz, dW, db, in, out, n, ld);
  if (dx)
    dense_input_grads<act::Linear>(nullptr, 0.0f, nullptr, nullptr, W, dz, dx, in, out, pad_lanes(n), ld);
}

void dense_backward_act(Act act, const float* alpha, float g0, const float* zx, const float* W,
                        const float* x, const float* dz, float* dW, float* db, float* dx, int in, int out,
                        int n, int ld) {
  dense_weight_grads(x, dz, dW, db, in, out, n, ld);
  // Fused where f' is a few instructions: the ReLU family (a compare and a select), and tanh and
  // sigmoid, whose f' comes from the stored a (x here). The others take a second pass (as in
  // dense_act_forward, for the wasm's size).
  visit_activation(act, [&](auto A) {
    using F = decltype(A);
    if constexpr (std::is_same_v<F, act::Relu> || std::is_same_v<F, act::LeakyRelu> ||
                  std::is_same_v<F, act::Prelu> || std::is_same_v<F, act::Linear> ||
                  HasDfOfOutput<F>::value) {
      dense_input_grads<F>(alpha, g0, zx, x, W, dz, dx, in, out, pad_lanes(n), ld);
    } else {
      dense_input_grads<act::Linear>(nullptr, 0.0f, nullptr, nullptr, W, dz, dx, in, out, pad_lanes(n), ld);
      act_backward<F>(alpha, g0, zx, x, dx, dx, in, pad_lanes(n), ld);
    }
  });
}

void activation_forward(Act act, const float* alpha, const float* z, float* a, int units, int n, int ld) {
  visit_activation(act, [&](auto A) { act_forward<decltype(A)>(alpha, z, a, units, pad_lanes(n), ld); });
}

void activation_backward(Act act, const float* alpha, float g0, const float* z, const float* a,
                         const float* da, float* dz, float* dalpha, int units, int n, int ld) {
  if (act == Act::prelu && dalpha)
    ref::prelu_alpha_grad(z, da, dalpha, units, n, ld);  // first: dz may alias da
  visit_activation(
      act, [&](auto A) { act_backward<decltype(A)>(alpha, g0, z, a, da, dz, units, pad_lanes(n), ld); });
}

#else  // no SIMD: the reference is the implementation

void sigmoid_bce_grad(const float* z, const float* label, int n, float scale, float* g) {
  ref::sigmoid_bce_grad(z, label, n, scale, g);
}
float sum_squares(const float* v, int n) { return ref::sum_squares(v, n); }
bool all_abs_below(const float* v, int n, float bound) { return ref::all_abs_below(v, n, bound); }
void sgd_update(float* w, const float* g, int n, float lr) { ref::sgd_update(w, g, n, lr); }
void momentum_update(float* w, float* m, const float* g, int n, float lr, float mu) {
  ref::momentum_update(w, m, g, n, lr, mu);
}
void adam_update(float* w, float* m, float* v, const float* g, int n, const AdamStep& s) {
  ref::adam_update(w, m, v, g, n, s);
}
void sigmoid_bce_sum(const float* z, const float* label, int n, float* loss, float* correct) {
  ref::sigmoid_bce_sum(z, label, n, loss, correct);
}
void tanh_square_sum(const float* z, const float* label, int n, float* loss, float* correct) {
  ref::tanh_square_sum(z, label, n, loss, correct);
}
void dense_forward(const float* W, const float* b, const float* x, float* z, int in, int out, int n, int ld) {
  ref::dense_forward(W, b, x, z, in, out, n, ld);
}
void dense_act_forward(Act act, const float* alpha, const float* W, const float* b, const float* x, float* z,
                       float* a, int in, int out, int n, int ld) {
  ref::dense_act_forward(act, alpha, W, b, x, z, a, in, out, n, ld);
}
void dense_backward(const float* W, const float* x, const float* dz, float* dW, float* db, float* dx, int in,
                    int out, int n, int ld) {
  ref::dense_backward(W, x, dz, dW, db, dx, in, out, n, ld);
}
void dense_backward_act(Act act, const float* alpha, float g0, const float* zx, const float* W,
                        const float* x, const float* dz, float* dW, float* db, float* dx, int in, int out,
                        int n, int ld) {
  ref::dense_backward_act(act, alpha, g0, zx, W, x, dz, dW, db, dx, in, out, n, ld);
}
void activation_forward(Act act, const float* alpha, const float* z, float* a, int units, int n, int ld) {
  ref::activation_forward(act, alpha, z, a, units, n, ld);
}
void activation_backward(Act act, const float* alpha, float g0, const float* z, const float* a,
                         const float* da, float* dz, float* dalpha, int units, int n, int ld) {
  ref::activation_backward(act, alpha, g0, z, a, da, dz, dalpha, units, n, ld);
}

#endif

}  // namespace relu::kernels
