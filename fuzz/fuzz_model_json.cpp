// fuzz_model_json.cpp — libFuzzer harness for the model-JSON loader (serialize.hpp).
// Any input must give either a model or a Status naming a field: never a crash, a sanitizer
// report, an abort or a hang. A model that loads must predict finite numbers and re-serialise.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "serialize.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1 << 16) return 0;
  relu::Status st;
  auto net = relu::model_from_json(std::string(reinterpret_cast<const char*>(data), size), &st);
  if (!net) {
    if (st.ok || st.field.empty()) std::abort();  // a failure must say where
    return 0;
  }
  const float x[2] = {0.5f, -6.0f}, y[2] = {1.0f, 6.0f};
  float out[2 * relu::kMaxClasses];
  net->predict(x, y, 2, out);
  relu::Status again;
  if (!relu::model_from_json(relu::model_to_json(*net), &again)) std::abort();  // round trip
  return 0;
}
