// test_determinism.cpp — the same seed gives bit-identical data and initial weights in every
// build. The constants below were printed by the native build; the wasm SIMD and wasm scalar
// suites check the very same constants, so a platform-dependent bit anywhere fails here.
#include <cstring>

#include "helpers.hpp"

using namespace relu;
using namespace relu::testing;

namespace {
uint64_t hash_points(const Dataset& d) {
  uint64_t h = 1469598103934665603ULL;
  for (const Points* p : {&d.train(), &d.test()})
    for (const std::vector<float>* v : {&p->x, &p->y, &p->label})
      for (float f : *v) {
        uint32_t bits;
        std::memcpy(&bits, &f, sizeof bits);
        h = (h ^ bits) * 1099511628211ULL;
      }
  return h;
}

uint64_t all_datasets_hash() {
  uint64_t h = 0;
  for (int k = 0; k < static_cast<int>(kDatasetNames.size()); ++k)
    h = h * 31 + hash_points(make_data(static_cast<DatasetKind>(k), 257, 42, 0.25f, 5));
  return h;
}

uint64_t all_inits_hash() {
  uint64_t h = 0;
  for (int i = 0; i < static_cast<int>(kInitNames.size()); ++i) {
    NetworkConfig c;
    c.features = 0b1111111;  // every feature, sin included
    c.hidden = layers({7, 5}, Act::prelu, true);
    c.init = static_cast<Init>(i);
    c.seed = 1234567;
    h = h * 31 + make_net(c)->parameter_hash();
  }
  return h;
}

uint64_t trained_hash() {
  const Dataset d = make_data(DatasetKind::spiral, 250, 1);
  NetworkConfig c;
  c.hidden = layers({8, 8, 8});
  auto net = make_net(c);
  TrainConfig t;
  net->train(d, t, 5);
  return net->parameter_hash();
}
}  // namespace

TEST_CASE("the same seed gives the same data and initial weights in every build") {
  const uint64_t data = all_datasets_hash(), init = all_inits_hash();
  MESSAGE("data hash ", data, ", init hash ", init);
  CHECK(data == all_datasets_hash());
  CHECK(init == all_inits_hash());
  CHECK(data == 9589648288562532323ULL);
  CHECK(init == 10196624654307555004ULL);
}

TEST_CASE("five epochs of SGD give the same weights in every build") {
  // Training uses IEEE-exact operations and our own exp (-ffp-contract=off everywhere), so the
  // scalar builds (native, wasm scalar) agree bit for bit. The SIMD kernels add four lanes first
  // and then across, a different rounding order, so the SIMD build has a constant of its own.
  const uint64_t h = trained_hash();
  MESSAGE("trained hash ", h, (kSimdBuild ? std::string(" (SIMD build)") : std::string(" (scalar build)")));
  CHECK(h == trained_hash());
  CHECK(h == (kSimdBuild ? 13390968623881672582ULL : 17163287561122515498ULL));
}
