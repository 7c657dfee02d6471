// kernels.cpp — scalar reference kernels and their WASM SIMD128 versions (see kernels.hpp).
#include "kernels.hpp"

namespace relu::kernels {

// ---------------------------------------------------------------------------------------------
// Scalar reference: the readable definition of every kernel.
namespace ref {

void dense_forward(const float* W, const float* b, const float* x, float* z, int in, int out,
                   int n, int ld) {
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

void dense_backward(const float* W, const float* x, const float* dz, float* dW, float* db,
                    float* dx, int in, int out, int n, int ld) {
  const int np = pad_lanes(n);
  for (int o = 0; o < out; ++o) {
    const float* dzo = dz + o * ld;
    float s = 0.0f;
    for (int p = 0; p < n; ++p) s += dzo[p];
    db[o] += s;
    for (int i = 0; i < in; ++i) {
      const float* xi = x + i * ld;
      float d = 0.0f;
      for (int p = 0; p < n; ++p) d += dzo[p] * xi[p];
      dW[o * in + i] += d;
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

void activation_forward(Act act, const float* alpha, const float* z, float* a, int units, int n,
                        int ld) {
  const int np = pad_lanes(n);
  visit_activation(act, [&](auto A) {
    for (int u = 0; u < units; ++u)
      for (int p = 0; p < np; ++p) a[u * ld + p] = decltype(A)::f(z[u * ld + p], alpha[u]);
  });
}

void activation_backward(Act act, const float* alpha, float g0, const float* z, const float* da,
                         float* dz, float* dalpha, int units, int n, int ld) {
  const int np = pad_lanes(n);
  if (act == Act::prelu && dalpha) {  // ∂f/∂α = z where z < 0; first, since dz may alias da
    for (int u = 0; u < units; ++u) {
      float s = 0.0f;
      for (int p = 0; p < n; ++p) {
        const float zk = z[u * ld + p];
        if (zk < 0.0f) s += da[u * ld + p] * zk;
      }
      dalpha[u] += s;
    }
  }
  visit_activation(act, [&](auto A) {
    for (int u = 0; u < units; ++u)
      for (int p = 0; p < np; ++p) {
        const int k = u * ld + p;
        dz[k] = da[k] * decltype(A)::df(z[k], alpha[u], g0);
      }
  });
}

}  // namespace ref

// ---------------------------------------------------------------------------------------------
// SIMD128 versions. Same math, points four at a time; sums over points are done per lane and
// reduced at the end, so they differ from the reference only by float re-association.
#if RELU_SIMD
namespace {

inline float hsum(v128_t v) {
  return (wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1)) +
         (wasm_f32x4_extract_lane(v, 2) + wasm_f32x4_extract_lane(v, 3));
}

// OC output units at once, their accumulators kept in registers across the input loop.
template <int OC>
void dense_forward_block(const float* W, const float* b, const float* x, float* z, int in, int np,
                         int ld) {
  for (int p = 0; p < np; p += kLanes) {
    v128_t acc[OC];
    for (int k = 0; k < OC; ++k) acc[k] = wasm_f32x4_splat(b[k]);
    for (int i = 0; i < in; ++i) {
      const v128_t xv = wasm_v128_load(x + i * ld + p);
      for (int k = 0; k < OC; ++k)
        acc[k] = wasm_f32x4_add(acc[k], wasm_f32x4_mul(wasm_f32x4_splat(W[k * in + i]), xv));
    }
    for (int k = 0; k < OC; ++k) wasm_v128_store(z + k * ld + p, acc[k]);
  }
}

template <class A>
void act_forward(const float* alpha, const float* z, float* a, int units, int np, int ld) {
  for (int u = 0; u < units; ++u) {
    const v128_t al = wasm_f32x4_splat(alpha[u]);
    for (int p = 0; p < np; p += kLanes)
      wasm_v128_store(a + u * ld + p, A::f4(wasm_v128_load(z + u * ld + p), al));
  }
}

template <class A>
void act_backward(const float* alpha, float g0, const float* z, const float* da, float* dz,
                  int units, int np, int ld) {
  const v128_t g = wasm_f32x4_splat(g0);
  for (int u = 0; u < units; ++u) {
    const v128_t al = wasm_f32x4_splat(alpha[u]);
    for (int p = 0; p < np; p += kLanes) {
      const int k = u * ld + p;
      wasm_v128_store(dz + k, wasm_f32x4_mul(wasm_v128_load(da + k),
                                             A::df4(wasm_v128_load(z + k), al, g)));
    }
  }
}

}  // namespace

void dense_forward(const float* W, const float* b, const float* x, float* z, int in, int out,
                   int n, int ld) {
  const int np = pad_lanes(n);
  int o = 0;
  for (; o + 8 <= out; o += 8) dense_forward_block<8>(W + o * in, b + o, x, z + o * ld, in, np, ld);
  const float* Wo = W + o * in;
  const float* bo = b + o;
  float* zo = z + o * ld;
  switch (out - o) {
    case 7: dense_forward_block<7>(Wo, bo, x, zo, in, np, ld); break;
    case 6: dense_forward_block<6>(Wo, bo, x, zo, in, np, ld); break;
    case 5: dense_forward_block<5>(Wo, bo, x, zo, in, np, ld); break;
    case 4: dense_forward_block<4>(Wo, bo, x, zo, in, np, ld); break;
    case 3: dense_forward_block<3>(Wo, bo, x, zo, in, np, ld); break;
    case 2: dense_forward_block<2>(Wo, bo, x, zo, in, np, ld); break;
    case 1: dense_forward_block<1>(Wo, bo, x, zo, in, np, ld); break;
    default: break;
  }
}

void dense_backward(const float* W, const float* x, const float* dz, float* dW, float* db,
                    float* dx, int in, int out, int n, int ld) {
  const int np = pad_lanes(n);  // padded columns of dz are zero: they add nothing
  for (int o = 0; o < out; ++o) {
    const float* dzo = dz + o * ld;
    v128_t s = wasm_f32x4_splat(0.0f);
    for (int p = 0; p < np; p += kLanes) s = wasm_f32x4_add(s, wasm_v128_load(dzo + p));
    db[o] += hsum(s);
    for (int i = 0; i < in; ++i) {
      const float* xi = x + i * ld;
      v128_t d = wasm_f32x4_splat(0.0f);
      for (int p = 0; p < np; p += kLanes)
        d = wasm_f32x4_add(d, wasm_f32x4_mul(wasm_v128_load(dzo + p), wasm_v128_load(xi + p)));
      dW[o * in + i] += hsum(d);
    }
  }
  if (!dx) return;
  for (int p = 0; p < np; p += kLanes)
    for (int i = 0; i < in; ++i) {
      v128_t acc = wasm_f32x4_splat(0.0f);
      for (int o = 0; o < out; ++o)
        acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_f32x4_splat(W[o * in + i]),
                                                 wasm_v128_load(dz + o * ld + p)));
      wasm_v128_store(dx + i * ld + p, acc);
    }
}

void activation_forward(Act act, const float* alpha, const float* z, float* a, int units, int n,
                        int ld) {
  visit_activation(act, [&](auto A) {
    act_forward<decltype(A)>(alpha, z, a, units, pad_lanes(n), ld);
  });
}

void activation_backward(Act act, const float* alpha, float g0, const float* z, const float* da,
                         float* dz, float* dalpha, int units, int n, int ld) {
  if (act == Act::prelu && dalpha) {  // α's gradient first: dz may alias da
    for (int u = 0; u < units; ++u) {
      v128_t s = wasm_f32x4_splat(0.0f);
      for (int p = 0; p < pad_lanes(n); p += kLanes) {
        const v128_t zk = wasm_v128_load(z + u * ld + p);
        const v128_t neg = wasm_f32x4_lt(zk, wasm_f32x4_splat(0.0f));
        s = wasm_f32x4_add(s, wasm_v128_and(neg, wasm_f32x4_mul(wasm_v128_load(da + u * ld + p), zk)));
      }
      dalpha[u] += hsum(s);
    }
  }
  visit_activation(act, [&](auto A) {
    act_backward<decltype(A)>(alpha, g0, z, da, dz, units, pad_lanes(n), ld);
  });
}

#else  // no SIMD: the reference is the implementation

void dense_forward(const float* W, const float* b, const float* x, float* z, int in, int out,
                   int n, int ld) {
  ref::dense_forward(W, b, x, z, in, out, n, ld);
}
void dense_backward(const float* W, const float* x, const float* dz, float* dW, float* db,
                    float* dx, int in, int out, int n, int ld) {
  ref::dense_backward(W, x, dz, dW, db, dx, in, out, n, ld);
}
void activation_forward(Act act, const float* alpha, const float* z, float* a, int units, int n,
                        int ld) {
  ref::activation_forward(act, alpha, z, a, units, n, ld);
}
void activation_backward(Act act, const float* alpha, float g0, const float* z, const float* da,
                         float* dz, float* dalpha, int units, int n, int ld) {
  ref::activation_backward(act, alpha, g0, z, da, dz, dalpha, units, n, ld);
}

#endif

}  // namespace relu::kernels
