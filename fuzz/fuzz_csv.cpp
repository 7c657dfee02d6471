// fuzz_csv.cpp — libFuzzer harness for the dataset CSV import (serialize.hpp).
// Any input gives a dataset or a Status naming the line and column; a dataset that loads
// round-trips through dataset_to_csv.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "serialize.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1 << 16) return 0;
  relu::Status st;
  auto d = relu::dataset_from_csv(std::string(reinterpret_cast<const char*>(data), size), 6.0f, &st);
  if (!d) {
    if (st.ok || st.field.empty()) std::abort();
    return 0;
  }
  auto back = relu::dataset_from_csv(relu::dataset_to_csv(*d), 6.0f, &st);
  if (!back || back->train().size() != d->train().size() || back->test().size() != d->test().size())
    std::abort();
  return 0;
}
