// activations.cpp — name lookup over the activation table (the table itself is in the header).
#include "activations.hpp"

#include <cstring>

namespace relu {

static_assert(kActivationTable.size() == kActivationCount, "one row per Act");

bool activation_from_name(const char* name, Act* out) {
  for (const ActivationInfo& a : kActivationTable)
    if (std::strcmp(a.name, name) == 0) {
      *out = a.id;
      return true;
    }
  return false;
}

}  // namespace relu
