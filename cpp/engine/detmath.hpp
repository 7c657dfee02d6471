// detmath.hpp — portable elementary functions in double precision.
//
// glibc (native) and musl (Emscripten) disagree in the last bits of log/exp/sin/cos, which would
// make "same seed, same data" false across builds. These versions use only IEEE-exact operations
// (+ - * /, sqrt, frexp/ldexp, nearbyint), so every build gets the same bits. Accuracy is ~1e-15
// relative (tests/engine/test_rng.cpp checks it against <cmath>). Not for hot loops: the fast
// float approximations used by the kernels live in kernels.hpp.
#pragma once

#include <cmath>

namespace relu::det {

inline double sqrt(double x) { return std::sqrt(x); }  // correctly rounded everywhere (IEEE 754)

/// @brief Natural logarithm for x > 0 (range reduction to [√½, √2), then 2·atanh series).
inline double log(double x) {
  if (!(x > 0.0)) return x == 0.0 ? -HUGE_VAL : NAN;
  if (x == HUGE_VAL) return x;
  int e = 0;
  double m = std::frexp(x, &e);  // x = m·2^e, m in [0.5, 1)
  if (m < 0.70710678118654752440) {
    m *= 2.0;
    --e;
  }
  double t = (m - 1.0) / (m + 1.0), t2 = t * t;  // |t| <= 0.1716
  double s = 0.0;
  for (int k = 23; k >= 3; k -= 2) s = (s + 1.0 / k) * t2;
  double atanh_t = t * (1.0 + s);
  return e * 0.69314718055994530942 + 2.0 * atanh_t;
}

/// @brief e^x (range reduction by ln 2 in two parts, Taylor series to r^14).
inline double exp(double x) {
  if (x != x) return x;
  if (x > 709.0) return HUGE_VAL;
  if (x < -745.0) return 0.0;
  double n = std::nearbyint(x * 1.44269504088896340736);
  double r = (x - n * 6.93147180369123816490e-01) - n * 1.90821492927058770002e-10;
  double s = 1.0;
  for (int k = 14; k >= 1; --k) s = 1.0 + s * r / k;
  return std::ldexp(s, static_cast<int>(n));
}

namespace detail {
// sin and cos of r with |r| <= π/4 (Taylor, error < 1e-17).
inline double sin_kernel(double r) {
  double r2 = r * r, s = 0.0;
  for (int k = 19; k >= 3; k -= 2) s = (1.0 - s) * r2 / (k * (k - 1));
  return r * (1.0 - s);
}
inline double cos_kernel(double r) {
  double r2 = r * r, s = 0.0;
  for (int k = 18; k >= 2; k -= 2) s = (1.0 - s) * r2 / (k * (k - 1));
  return 1.0 - s;
}
// Reduce x by multiples of π/2 (Cody–Waite, three parts): returns r and the quadrant.
inline double reduce(double x, int& quadrant) {
  double k = std::nearbyint(x * 0.63661977236758134308);
  double r = ((x - k * 1.57079632673412561417e+00) - k * 6.07710050650619224932e-11) -
             k * 2.02226624879595063154e-21;
  quadrant = static_cast<int>(static_cast<long long>(k) & 3);
  return r;
}
}  // namespace detail

/// @brief sin(x), accurate for |x| up to ~1e6 (ample for [-6, 6] data and features).
inline double sin(double x) {
  int q = 0;
  double r = detail::reduce(x, q);
  switch (q) {
    case 0: return detail::sin_kernel(r);
    case 1: return detail::cos_kernel(r);
    case 2: return -detail::sin_kernel(r);
    default: return -detail::cos_kernel(r);
  }
}

/// @brief cos(x), accurate for |x| up to ~1e6.
inline double cos(double x) {
  int q = 0;
  double r = detail::reduce(x, q);
  switch (q) {
    case 0: return detail::cos_kernel(r);
    case 1: return -detail::sin_kernel(r);
    case 2: return -detail::cos_kernel(r);
    default: return detail::sin_kernel(r);
  }
}

}  // namespace relu::det
