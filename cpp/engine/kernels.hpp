// kernels.hpp — the hot loops: dense layer forward/backward and activation forward/backward.
//
// Layout (structure of arrays, points along the SIMD lanes): a layer's values for a batch are a
// (units, ld) row-major block, ld ≥ pad_lanes(n) and a multiple of kLanes. Kernels read and
// write all pad_lanes(n) columns; callers keep padded columns of inputs finite (zero) and of
// upstream gradients zero, so padding never leaks into sums.
//
// Every kernel has a plain scalar twin in relu::kernels::ref, which is the oracle of
// tests/engine/test_kernels.cpp and the implementation used by native and no-SIMD builds.
#pragma once

#include "activations.hpp"

namespace relu::kernels {

/// @brief z = W·x + b.  x: (in, ld)  W: (out, in)  b: (out)  z: (out, ld)
void dense_forward(const float* W, const float* b, const float* x, float* z, int in, int out, int n, int ld);

/// @brief a = f(W·x + b) for inference: z is never stored (one pass, one store per value).
/// x: (in, ld)  W: (out, in)  b, alpha: (out)  a: (out, ld)
void dense_act_forward(Act act, const float* alpha, const float* W, const float* b, const float* x, float* a,
                       int in, int out, int n, int ld);

/// @brief dW += dz·xᵀ, db += Σ dz, dx = Wᵀ·dz (dx may be null).
/// x: (in, ld)  W: (out, in)  dz: (out, ld)  dW: (out, in)  db: (out)  dx: (in, ld)
void dense_backward(const float* W, const float* x, const float* dz, float* dW, float* db, float* dx, int in,
                    int out, int n, int ld);

/// @brief a = f(z) per unit with that unit's α.  z, a: (units, ld)  alpha: (units)
void activation_forward(Act act, const float* alpha, const float* z, float* a, int units, int n, int ld);

/// @brief dz = da ⊙ f'(z) (dz may alias da); for learned α also dalpha += Σ da·∂f/∂α.
/// z, da, dz: (units, ld)  alpha, dalpha: (units)  g0: the ReLU'(0) convention
void activation_backward(Act act, const float* alpha, float g0, const float* z, const float* da, float* dz,
                         float* dalpha, int units, int n, int ld);

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

namespace ref {
void sigmoid_bce_grad(const float* z, const float* label, int n, float scale, float* g);
float sum_squares(const float* v, int n);
void sigmoid_bce_sum(const float* z, const float* label, int n, float* loss, float* correct);
void tanh_square_sum(const float* z, const float* label, int n, float* loss, float* correct);
void dense_forward(const float* W, const float* b, const float* x, float* z, int in, int out, int n, int ld);
void dense_act_forward(Act act, const float* alpha, const float* W, const float* b, const float* x, float* a,
                       int in, int out, int n, int ld);
void dense_backward(const float* W, const float* x, const float* dz, float* dW, float* db, float* dx, int in,
                    int out, int n, int ld);
void activation_forward(Act act, const float* alpha, const float* z, float* a, int units, int n, int ld);
void activation_backward(Act act, const float* alpha, float g0, const float* z, const float* da, float* dz,
                         float* dalpha, int units, int n, int ld);
}  // namespace ref

}  // namespace relu::kernels
