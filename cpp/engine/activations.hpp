// activations.hpp — the one table of activation functions.
//
// Each activation is one small struct: its name, display formula, output range, f and df in
// scalar form, and (in SIMD builds) the same two in f32x4 form. Adding an activation is one
// struct here plus one row in kActivationTable; the generic tests in test_activations.cpp pick it
// up (values, finite-difference derivatives, SIMD vs scalar, ranges).
//
// Conventions shared by every entry:
// - alpha is the entry's parameter (leak slope, ELU scale, PReLU's learned slope); ignored by
//   the rest.
// - g0 is the network-wide "ReLU'(0)" convention in [0, 1]: at a kink, the derivative is
//   left + g0·(right − left). For ReLU that is exactly g0.
// - df_of_output(a), where an entry has it, is f' from f's output (tanh: 1 − a², sigmoid:
//   a(1 − a)), bit for bit df(z) when a = f(z): backward then reads the stored a instead of
//   evaluating f again (HasDfOfOutput; the generic tests check the equality).
// - "inactive" (used by health statistics): for the ReLU family the unit's pre-activation is
//   ≤ 0 (output exactly 0 for ReLU, only the leak for the others); for saturating functions its
//   derivative is below 1 % of its maximum (sigmoid |z| ≥ 6, tanh |z| ≥ 3, softplus z ≤ −4.6);
//   linear is never inactive.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "fastmath.hpp"
#include "simd.hpp"

namespace relu {

/// @brief Activation identifiers; the order is the order of kActivationTable.
enum class Act : uint8_t { relu, leaky_relu, prelu, elu, gelu, silu, softplus, sigmoid, tanh, linear };
constexpr int kActivationCount = 10;

constexpr float kInf = std::numeric_limits<float>::infinity();

namespace act {

#if RELU_SIMD
inline v128_t splat(float v) { return wasm_f32x4_splat(v); }
// Derivative at a kink between slopes `left` and `right`: left, right or left + g0·(right − left).
inline v128_t kink4(v128_t z, v128_t left, v128_t right, v128_t g0) {
  v128_t at0 = wasm_f32x4_add(left, wasm_f32x4_mul(g0, wasm_f32x4_sub(right, left)));
  v128_t zero = splat(0.0f);
  return wasm_v128_bitselect(right, wasm_v128_bitselect(left, at0, wasm_f32x4_lt(z, zero)),
                             wasm_f32x4_gt(z, zero));
}
#endif
inline float kink(float z, float left, float right, float g0) {
  return z > 0.0f ? right : (z < 0.0f ? left : left + g0 * (right - left));
}

struct Relu {
  static constexpr const char* name = "relu";
  static constexpr const char* formula = "max(0, x)";
  static constexpr float lo = 0.0f, hi = kInf, inactive_below = 0.0f, inactive_above = kInf;
  static constexpr float default_alpha = 0.0f;
  static float f(float z, float) { return z > 0.0f ? z : 0.0f; }
  static float df(float z, float, float g0) { return kink(z, 0.0f, 1.0f, g0); }
#if RELU_SIMD
  static v128_t f4(v128_t z, v128_t) { return wasm_f32x4_pmax(z, splat(0.0f)); }
  static v128_t df4(v128_t z, v128_t, v128_t g0) { return kink4(z, splat(0.0f), splat(1.0f), g0); }
#endif
};

struct LeakyRelu {
  static constexpr const char* name = "leaky_relu";
  static constexpr const char* formula = "x > 0 ? x : αx";
  static constexpr float lo = -kInf, hi = kInf, inactive_below = 0.0f, inactive_above = kInf;
  static constexpr float default_alpha = 0.01f;
  static float f(float z, float a) { return z > 0.0f ? z : a * z; }
  static float df(float z, float a, float g0) { return kink(z, a, 1.0f, g0); }
#if RELU_SIMD
  static v128_t f4(v128_t z, v128_t a) {
    return wasm_v128_bitselect(z, wasm_f32x4_mul(a, z), wasm_f32x4_gt(z, splat(0.0f)));
  }
  static v128_t df4(v128_t z, v128_t a, v128_t g0) { return kink4(z, a, splat(1.0f), g0); }
#endif
};

// PReLU is leaky ReLU whose α is a learned parameter per unit (the network owns the α values).
struct Prelu : LeakyRelu {
  static constexpr const char* name = "prelu";
  static constexpr const char* formula = "x > 0 ? x : αx (α learned per unit)";
  static constexpr float default_alpha = 0.25f;
};

struct Elu {
  static constexpr const char* name = "elu";
  static constexpr const char* formula = "x ≥ 0 ? x : α(eˣ − 1)";
  static constexpr float lo = -kInf, hi = kInf, inactive_below = 0.0f, inactive_above = kInf;
  static constexpr float default_alpha = 1.0f;
  static float f(float z, float a) { return z >= 0.0f ? z : a * (fast::exp(z) - 1.0f); }
  static float df(float z, float a, float g0) {
    return z == 0.0f ? kink(z, a, 1.0f, g0) : (z > 0.0f ? 1.0f : a * fast::exp(z));
  }
#if RELU_SIMD
  static v128_t f4(v128_t z, v128_t a) {
    v128_t neg = wasm_f32x4_mul(a, wasm_f32x4_sub(fast::exp4(z), splat(1.0f)));
    return wasm_v128_bitselect(z, neg, wasm_f32x4_ge(z, splat(0.0f)));
  }
  static v128_t df4(v128_t z, v128_t a, v128_t g0) {
    v128_t smooth =
        wasm_v128_bitselect(splat(1.0f), wasm_f32x4_mul(a, fast::exp4(z)), wasm_f32x4_gt(z, splat(0.0f)));
    return wasm_v128_bitselect(kink4(z, a, splat(1.0f), g0), smooth, wasm_f32x4_eq(z, splat(0.0f)));
  }
#endif
};

// GELU, tanh form (Hendrycks & Gimpel 2016; as in BERT/GPT-2): ½x(1 + tanh(√(2/π)(x + 0.044715x³))).
struct Gelu {
  static constexpr const char* name = "gelu";
  static constexpr const char* formula = "½x(1 + tanh(√(2/π)(x + 0.044715x³)))";
  static constexpr float lo = -0.17f, hi = kInf, inactive_below = 0.0f, inactive_above = kInf;
  static constexpr float default_alpha = 0.0f;
  static constexpr float k = 0.7978845608f, c = 0.044715f;
  // tanh(k(z + c·z³)), with the rounding order of inner(v128_t) below
  static float inner(float z) { return fast::tanh(k * (z + c * (z * z * z))); }
  static float f(float z, float) { return 0.5f * z * (1.0f + inner(z)); }
  static float df(float z, float, float) {
    float t = inner(z);
    return 0.5f * (1.0f + t) + 0.5f * z * (1.0f - t * t) * k * (1.0f + 3.0f * c * z * z);
  }
#if RELU_SIMD
  static v128_t inner(v128_t z) {
    v128_t z3 = wasm_f32x4_mul(wasm_f32x4_mul(z, z), z);
    return fast::tanh4(wasm_f32x4_mul(splat(k), wasm_f32x4_add(z, wasm_f32x4_mul(splat(c), z3))));
  }
  static v128_t f4(v128_t z, v128_t) {
    return wasm_f32x4_mul(wasm_f32x4_mul(splat(0.5f), z), wasm_f32x4_add(splat(1.0f), inner(z)));
  }
  static v128_t df4(v128_t z, v128_t, v128_t) {
    v128_t t = inner(z), one = splat(1.0f), half = splat(0.5f);
    v128_t a = wasm_f32x4_mul(half, wasm_f32x4_add(one, t));
    v128_t q = wasm_f32x4_add(one, wasm_f32x4_mul(wasm_f32x4_mul(splat(3.0f * c), z), z));
    v128_t b = wasm_f32x4_mul(
        wasm_f32x4_mul(wasm_f32x4_mul(wasm_f32x4_mul(half, z), wasm_f32x4_sub(one, wasm_f32x4_mul(t, t))),
                       splat(k)),
        q);
    return wasm_f32x4_add(a, b);
  }
#endif
};

struct Silu {
  static constexpr const char* name = "silu";
  static constexpr const char* formula = "x·σ(x)";
  static constexpr float lo = -0.2785f, hi = kInf, inactive_below = 0.0f, inactive_above = kInf;
  static constexpr float default_alpha = 0.0f;
  static float f(float z, float) { return z * fast::sigmoid(z); }
  static float df(float z, float, float) {
    float s = fast::sigmoid(z);
    return s * (1.0f + z * (1.0f - s));
  }
#if RELU_SIMD
  static v128_t f4(v128_t z, v128_t) { return wasm_f32x4_mul(z, fast::sigmoid4(z)); }
  static v128_t df4(v128_t z, v128_t, v128_t) {
    v128_t s = fast::sigmoid4(z), one = splat(1.0f);
    return wasm_f32x4_mul(s, wasm_f32x4_add(one, wasm_f32x4_mul(z, wasm_f32x4_sub(one, s))));
  }
#endif
};

struct Softplus {
  static constexpr const char* name = "softplus";
  static constexpr const char* formula = "ln(1 + eˣ)";
  static constexpr float lo = 0.0f, hi = kInf, inactive_below = -4.6f, inactive_above = kInf;
  static constexpr float default_alpha = 0.0f;
  static float f(float z, float) {
    return (z > 0.0f ? z : 0.0f) + fast::log1p01(fast::exp(z > 0.0f ? -z : z));
  }
  static float df(float z, float, float) { return fast::sigmoid(z); }
#if RELU_SIMD
  static v128_t f4(v128_t z, v128_t) {
    v128_t neg_abs = wasm_f32x4_neg(wasm_f32x4_abs(z));
    return wasm_f32x4_add(wasm_f32x4_pmax(z, splat(0.0f)), fast::log1p01_4(fast::exp4(neg_abs)));
  }
  static v128_t df4(v128_t z, v128_t, v128_t) { return fast::sigmoid4(z); }
#endif
};

struct Sigmoid {
  static constexpr const char* name = "sigmoid";
  static constexpr const char* formula = "1 / (1 + e⁻ˣ)";
  static constexpr float lo = 0.0f, hi = 1.0f, inactive_below = -6.0f, inactive_above = 6.0f;
  static constexpr float default_alpha = 0.0f;
  static float f(float z, float) { return fast::sigmoid(z); }
  static float df(float z, float, float) { return df_of_output(fast::sigmoid(z)); }
  static float df_of_output(float s) { return s * (1.0f - s); }
#if RELU_SIMD
  static v128_t f4(v128_t z, v128_t) { return fast::sigmoid4(z); }
  static v128_t df4(v128_t z, v128_t, v128_t) { return df_of_output4(fast::sigmoid4(z)); }
  static v128_t df_of_output4(v128_t s) { return wasm_f32x4_mul(s, wasm_f32x4_sub(splat(1.0f), s)); }
#endif
};

struct Tanh {
  static constexpr const char* name = "tanh";
  static constexpr const char* formula = "(eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)";
  static constexpr float lo = -1.0f, hi = 1.0f, inactive_below = -3.0f, inactive_above = 3.0f;
  static constexpr float default_alpha = 0.0f;
  static float f(float z, float) { return fast::tanh(z); }
  static float df(float z, float, float) { return df_of_output(fast::tanh(z)); }
  static float df_of_output(float t) { return 1.0f - t * t; }
#if RELU_SIMD
  static v128_t f4(v128_t z, v128_t) { return fast::tanh4(z); }
  static v128_t df4(v128_t z, v128_t, v128_t) { return df_of_output4(fast::tanh4(z)); }
  static v128_t df_of_output4(v128_t t) { return wasm_f32x4_sub(splat(1.0f), wasm_f32x4_mul(t, t)); }
#endif
};

struct Linear {
  static constexpr const char* name = "linear";
  static constexpr const char* formula = "x";
  static constexpr float lo = -kInf, hi = kInf, inactive_below = -kInf, inactive_above = kInf;
  static constexpr float default_alpha = 0.0f;
  static float f(float z, float) { return z; }
  static float df(float, float, float) { return 1.0f; }
#if RELU_SIMD
  static v128_t f4(v128_t z, v128_t) { return z; }
  static v128_t df4(v128_t, v128_t, v128_t) { return splat(1.0f); }
#endif
};

}  // namespace act

/// @brief True for table entries with df_of_output (f' from f's output).
template <class A, class = void>
struct HasDfOfOutput : std::false_type {};
template <class A>
struct HasDfOfOutput<A, std::void_t<decltype(&A::df_of_output)>> : std::true_type {};

/// @brief One row of the activation table: what the UI, the health statistics and the tests read.
struct ActivationInfo {
  Act id;
  const char* name;
  const char* formula;
  float lo, hi;                          ///< output range (±inf when unbounded)
  float inactive_below, inactive_above;  ///< the unit is inactive where z ≤ below or z ≥ above
  float default_alpha;
  bool has_alpha;      ///< takes α (leak, ELU scale)
  bool learned_alpha;  ///< α is a per-unit parameter (PReLU)
  bool relu_family;    ///< piecewise with a kink at 0; "dead" means z ≤ 0 everywhere
  float (*f)(float z, float alpha);
  float (*df)(float z, float alpha, float g0);
};

namespace detail {
template <class A>
constexpr ActivationInfo row(Act id, bool has_alpha, bool learned, bool relu_family) {
  return {
      id,        A::name, A::formula,  A::lo, A::hi, A::inactive_below, A::inactive_above, A::default_alpha,
      has_alpha, learned, relu_family, &A::f, &A::df};
}
}  // namespace detail

// The table reads as columns: clang-format leaves it alone.
// clang-format off
/// @brief The activation table, indexed by Act.
inline constexpr std::array<ActivationInfo, kActivationCount> kActivationTable = {{
    //                        id               alpha  learned relu-family
    detail::row<act::Relu>     (Act::relu,       false, false, true),
    detail::row<act::LeakyRelu>(Act::leaky_relu, true,  false, true),
    detail::row<act::Prelu>    (Act::prelu,      true,  true,  true),
    detail::row<act::Elu>      (Act::elu,        true,  false, true),
    detail::row<act::Gelu>     (Act::gelu,       false, false, false),
    detail::row<act::Silu>     (Act::silu,       false, false, false),
    detail::row<act::Softplus> (Act::softplus,   false, false, false),
    detail::row<act::Sigmoid>  (Act::sigmoid,    false, false, false),
    detail::row<act::Tanh>     (Act::tanh,       false, false, false),
    detail::row<act::Linear>   (Act::linear,     false, false, false),
}};

// clang-format on

/// @brief The table row of an activation.
inline const ActivationInfo& activation_info(Act a) { return kActivationTable[static_cast<int>(a)]; }

/// @brief f and f' of one activation at n points (the activation panel's curves).
void activation_curve(Act a, float alpha, float g0, const float* x, int n, float* f, float* df);

/// @brief Look an activation up by name; false when the name is unknown.
bool activation_from_name(const char* name, Act* out);

/// @brief Calls fn(act::X{}) with the struct for a (one switch, outside every loop).
template <class Fn>
decltype(auto) visit_activation(Act a, Fn&& fn) {
  switch (a) {
    case Act::relu: return fn(act::Relu{});
    case Act::leaky_relu: return fn(act::LeakyRelu{});
    case Act::prelu: return fn(act::Prelu{});
    case Act::elu: return fn(act::Elu{});
    case Act::gelu: return fn(act::Gelu{});
    case Act::silu: return fn(act::Silu{});
    case Act::softplus: return fn(act::Softplus{});
    case Act::sigmoid: return fn(act::Sigmoid{});
    case Act::tanh: return fn(act::Tanh{});
    case Act::linear: break;
  }
  return fn(act::Linear{});
}

}  // namespace relu
