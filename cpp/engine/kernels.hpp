// kernels.hpp — the hot loops: dense layer forward/backward and activation forward/backward.
//
// Layout (structure of arrays, points along the SIMD lanes): a layer's values for a batch are a
// (units, ld) row-major block, ld ≥ pad_lanes(n) and a multiple of kLanes. Kernels read and
// write all pad_lanes(n) columns; callers keep padded columns of inputs finite (zero) and of
// upstream gradients zero, so padding never leaks into sums.
//
// Every kernel has a plain scalar twin in relu::kernels::ref, which is the oracle of
// tests/engine/test_kernels.cpp and the implementation used by native and no-SIMD builds. The
// SIMD kernels return the reference's bits: every sum runs in the reference's order (over
// inputs, or over points from the first; the loss sums and sum_squares in four interleaved
// lanes, which the reference mirrors), so every build trains the same weights and reports the
// same losses and gradient norms.
#pragma once

#include "activations.hpp"

namespace relu::kernels {

/// @brief z = W·x + b.  x: (in, ld)  W: (out, in)  b: (out)  z: (out, ld)
void dense_forward(const float* W, const float* b, const float* x, float* z, int in, int out, int n, int ld);

/// @brief z = W·x + b and a = f(z) in one pass; z may be null (inference: z is never stored).
/// x: (in, ld)  W: (out, in)  b, alpha: (out)  z, a: (out, ld)
void dense_act_forward(Act act, const float* alpha, const float* W, const float* b, const float* x, float* z,
                       float* a, int in, int out, int n, int ld);

/// @brief dW = dz·xᵀ, db = Σ dz, dx = Wᵀ·dz (dx may be null). Gradients are written, not
/// added to: no zero-fill before each minibatch.
/// x: (in, ld)  W: (out, in)  dz: (out, ld)  dW: (out, in)  db: (out)  dx: (in, ld)
void dense_backward(const float* W, const float* x, const float* dz, float* dW, float* db, float* dx, int in,
                    int out, int n, int ld);

/// @brief dense_backward whose dx goes on through the input layer's activation in the same
/// pass: dx = (Wᵀ·dz) ⊙ f'(zx), what activation_backward(act, …, zx, x, dx, dx) does next (no
/// learned α; x is the input layer's a = f(zx)). zx: (in, ld)  alpha: (in)  g0: the ReLU'(0) convention; the
/// rest as dense_backward
void dense_backward_act(Act act, const float* alpha, float g0, const float* zx, const float* W,
                        const float* x, const float* dz, float* dW, float* db, float* dx, int in, int out,
                        int n, int ld);

/// @brief a = f(z) per unit with that unit's α.  z, a: (units, ld)  alpha: (units)
void activation_forward(Act act, const float* alpha, const float* z, float* a, int units, int n, int ld);

/// @brief dz = da ⊙ f'(z) (dz may alias da); for learned α also dalpha = Σ da·∂f/∂α. a = f(z)
/// as the forward stored it: entries with df_of_output (tanh, sigmoid) read f' from it.
/// z, a, da, dz: (units, ld)  alpha, dalpha: (units)  g0: the ReLU'(0) convention
void activation_backward(Act act, const float* alpha, float g0, const float* z, const float* a,
                         const float* da, float* dz, float* dalpha, int units, int n, int ld);

/// @brief Summed losses of a one-unit head over n points, and how many points it classifies
/// right (z > 0 ⇔ label > 0.5): binary cross-entropy of σ(z) against y = label > 0.5, or
/// ½(tanh z − y)² with y = ±1. Adds to *loss and *correct.  z, label: (n)
void sigmoid_bce_sum(const float* z, const float* label, int n, float* loss, float* correct);
void tanh_square_sum(const float* z, const float* label, int n, float* loss, float* correct);

/// @brief g = (σ(z) − y)·scale with y = label > 0.5: the sigmoid head's ∂loss/∂z; the padded
/// columns up to pad_lanes(n) are set to 0.  z, g: (pad_lanes(n))  label: (n)
void sigmoid_bce_grad(const float* z, const float* label, int n, float scale, float* g);

/// @brief Σ v² over n values.
float sum_squares(const float* v, int n);

/// @brief True when every |v| < bound over n values (false for NaN).
bool all_abs_below(const float* v, int n, float bound);

/// @brief One optimizer update of n parameters w from their gradients g, element-wise, with the
/// float operations in the order written (IEEE-exact: SIMD and scalar builds agree bit for bit).
///   sgd       w −= lr·g
///   momentum  m = μ·m + g;  w −= lr·m
///   adam      m = β1·m + (1 − β1)·g;  v = β2·v + (1 − β2)·g·g;  w −= lr·(m·c1) / (√(v·c2) + ε)
/// with c1, c2 Adam's bias corrections 1 / (1 − β^t).  w, g, m, v: (n)
struct AdamStep {
  float lr, beta1, beta2, c1, c2, epsilon;
};
void sgd_update(float* w, const float* g, int n, float lr);
void momentum_update(float* w, float* m, const float* g, int n, float lr, float mu);
void adam_update(float* w, float* m, float* v, const float* g, int n, const AdamStep& s);

namespace ref {
void sigmoid_bce_grad(const float* z, const float* label, int n, float scale, float* g);
float sum_squares(const float* v, int n);
bool all_abs_below(const float* v, int n, float bound);
void sgd_update(float* w, const float* g, int n, float lr);
void momentum_update(float* w, float* m, const float* g, int n, float lr, float mu);
void adam_update(float* w, float* m, float* v, const float* g, int n, const AdamStep& s);
void sigmoid_bce_sum(const float* z, const float* label, int n, float* loss, float* correct);
void tanh_square_sum(const float* z, const float* label, int n, float* loss, float* correct);
void dense_forward(const float* W, const float* b, const float* x, float* z, int in, int out, int n, int ld);
void dense_act_forward(Act act, const float* alpha, const float* W, const float* b, const float* x, float* z,
                       float* a, int in, int out, int n, int ld);
void dense_backward(const float* W, const float* x, const float* dz, float* dW, float* db, float* dx, int in,
                    int out, int n, int ld);
void dense_backward_act(Act act, const float* alpha, float g0, const float* zx, const float* W,
                        const float* x, const float* dz, float* dW, float* db, float* dx, int in, int out,
                        int n, int ld);
void activation_forward(Act act, const float* alpha, const float* z, float* a, int units, int n, int ld);
void activation_backward(Act act, const float* alpha, float g0, const float* z, const float* a,
                         const float* da, float* dz, float* dalpha, int units, int n, int ld);
}  // namespace ref

}  // namespace relu::kernels
