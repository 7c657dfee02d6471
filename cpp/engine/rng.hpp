// rng.hpp — the one random generator of relu-lab.
//
// PCG32 (O'Neill 2014) with our own uniform/normal transforms built only from IEEE-exact
// operations (+, -, *, /, sqrt) and relu::det math, so that a seed gives bit-identical numbers
// with g++/glibc natively and with clang/musl in wasm. std:: distributions are not used on
// purpose: their algorithms differ across standard libraries.
#pragma once

#include <cstdint>

#include "detmath.hpp"

namespace relu {

/// @brief Seeded PCG32 generator (XSH-RR output, 64-bit state) with portable transforms.
class Rng {
 public:
  explicit Rng(uint64_t seed = 0, uint64_t stream = 0x5851f42d4c957f2dULL) { reseed(seed, stream); }

  /// @brief Restart the sequence from a seed (and an optional stream id).
  void reseed(uint64_t seed, uint64_t stream = 0x5851f42d4c957f2dULL) {
    state_ = 0;
    inc_ = (stream << 1u) | 1u;
    next_u32();
    state_ += seed;
    next_u32();
  }

  /// @brief Next raw 32-bit value.
  uint32_t next_u32() {
    uint64_t old = state_;
    state_ = old * 6364136223846793005ULL + inc_;
    uint32_t xorshifted = static_cast<uint32_t>(((old >> 18u) ^ old) >> 27u);
    uint32_t rot = static_cast<uint32_t>(old >> 59u);
    return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
  }

  /// @brief Uniform double in [0, 1) with 53 random bits.
  double uniform() {
    uint64_t hi = next_u32() >> 5, lo = next_u32() >> 6;  // 27 + 26 bits
    return (static_cast<double>(hi) * 67108864.0 + static_cast<double>(lo)) * (1.0 / 9007199254740992.0);
  }

  /// @brief Uniform double in [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

  /// @brief Uniform integer in [0, n) without modulo bias (Lemire's method, 32-bit).
  uint32_t below(uint32_t n) {
    uint64_t m = static_cast<uint64_t>(next_u32()) * n;
    uint32_t l = static_cast<uint32_t>(m);
    if (l < n) {
      uint32_t t = (0u - n) % n;
      while (l < t) {
        m = static_cast<uint64_t>(next_u32()) * n;
        l = static_cast<uint32_t>(m);
      }
    }
    return static_cast<uint32_t>(m >> 32);
  }

  /// @brief Standard normal sample (Marsaglia's polar method; det::log keeps it portable).
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u, v, s;
    do {
      u = 2.0 * uniform() - 1.0;
      v = 2.0 * uniform() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    double f = det::sqrt(-2.0 * det::log(s) / s);
    spare_ = v * f;
    has_spare_ = true;
    return u * f;
  }

  /// @brief Normal sample with mean and standard deviation.
  double normal(double mean, double stddev) { return mean + stddev * normal(); }

 private:
  uint64_t state_ = 0, inc_ = 1;
  double spare_ = 0.0;
  bool has_spare_ = false;
};

/// @brief In-place Fisher–Yates shuffle of n indices, driven by rng.
template <class T>
void shuffle(T* first, uint32_t n, Rng& rng) {
  for (uint32_t i = n; i > 1; --i) {
    uint32_t j = rng.below(i);
    T tmp = first[i - 1];
    first[i - 1] = first[j];
    first[j] = tmp;
  }
}

}  // namespace relu
