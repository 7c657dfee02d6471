// activations.cpp — name lookup over the activation table (the table itself is in the header).
#include "activations.hpp"

#include <cstring>

namespace relu {

static_assert(kActivationTable.size() == kActivationCount, "one row per Act");

void activation_curve(Act a, float alpha, float g0, const float* x, int n, float* f, float* df) {
  const ActivationInfo& info = activation_info(a);
  for (int i = 0; i < n; ++i) {
    f[i] = info.f(x[i], alpha);
    df[i] = info.df(x[i], alpha, g0);
  }
}

bool activation_from_name(const char* name, Act* out) {
  for (const ActivationInfo& a : kActivationTable)
    if (std::strcmp(a.name, name) == 0) {
      *out = a.id;
      return true;
    }
  return false;
}

}  // namespace relu
