// helpers.hpp — small builders shared by the engine tests.
#pragma once

#include <doctest/doctest.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "network.hpp"

namespace relu::testing {

/// @brief A network from a config that must be valid (the test fails loudly otherwise).
inline std::unique_ptr<Network> make_net(const NetworkConfig& c) {
  Status st;
  auto net = Network::create(c, &st);
  REQUIRE_MESSAGE(net, st.text());
  return net;
}

/// @brief Hidden layers of the given widths, all with one activation.
inline std::vector<LayerConfig> layers(std::initializer_list<int> widths, Act act = Act::relu,
                                       bool bn = false) {
  std::vector<LayerConfig> v;
  for (int w : widths) v.push_back({w, act, -1.0f, bn});
  return v;
}

inline Dataset make_data(DatasetKind kind, int samples = 500, uint64_t seed = 1, float noise = 0.0f,
                         int classes = 2) {
  DatasetConfig c;
  c.kind = kind, c.samples = samples, c.seed = seed, c.noise = noise, c.classes = classes;
  Status st = validate(c);
  REQUIRE_MESSAGE(st.ok, st.text());
  return Dataset::generate(c);
}

/// @brief Compare two arrays within |a − b| ≤ atol + rtol·|b|; prints the first mismatches.
inline bool all_close(const float* a, const float* b, size_t n, float atol, float rtol, const char* what) {
  int shown = 0;
  for (size_t i = 0; i < n; ++i) {
    const float d = std::fabs(a[i] - b[i]);
    if (!(d <= atol + rtol * std::fabs(b[i]))) {
      if (shown++ < 5) std::printf("  %s[%zu]: %.9g vs %.9g (|diff| %.3g)\n", what, i, a[i], b[i], d);
    }
  }
  if (shown) std::printf("  %s: %d of %zu values differ\n", what, shown, n);
  return shown == 0;
}

}  // namespace relu::testing
