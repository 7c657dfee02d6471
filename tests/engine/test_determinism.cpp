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

// Five epochs of every activation (PReLU learning α), then of every head × optimizer, with and
// without batch norm, with L2 and batches of 7 and 9 (not multiples of the four SIMD lanes).
uint64_t trained_hash() {
  const Dataset d = make_data(DatasetKind::spiral, 200, 1, 0.1f);
  uint64_t h = 0;
  auto train = [&](const NetworkConfig& c, const TrainConfig& t) {
    auto net = make_net(c);
    net->train(d, t, 5);
    h = h * 31 + net->parameter_hash();
  };
  for (const ActivationInfo& a : kActivationTable) {
    NetworkConfig c;
    c.hidden = {{8, a.id}, {6, a.id}, {5, a.id}};
    c.seed = 3;
    TrainConfig t;
    t.batch_size = 7;
    train(c, t);
  }
  for (int head = 0; head < static_cast<int>(kHeadNames.size()); ++head)
    for (int opt = 0; opt < static_cast<int>(kOptimizerNames.size()); ++opt)
      for (bool bn : {false, true}) {
        NetworkConfig c;
        c.hidden = {{8, Act::relu}, {6, Act::tanh, -1.0f, bn}, {5, Act::relu}};
        c.head = static_cast<Head>(head);
        c.seed = 3;
        TrainConfig t;
        t.batch_size = 9;
        t.learning_rate = 0.01f;
        t.optimizer = static_cast<Optimizer>(opt);
        t.regularization = Regularization::l2;
        t.regularization_rate = 0.001f;
        train(c, t);
      }
  return h;
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

TEST_CASE("training gives the same weights in every build, SIMD or scalar") {
  // Every float operation of training happens in the same order in every build: the SIMD
  // kernels sum over points in order as the scalar ones do (see dense_weight_grads), our own
  // exp/tanh do the same operations in both forms, and -ffp-contract=off holds everywhere.
  const uint64_t h = trained_hash();
  MESSAGE("trained hash ", h, (kSimdBuild ? std::string(" (SIMD build)") : std::string(" (scalar build)")));
  CHECK(h == trained_hash());
  CHECK(h == 7308396106172676366ULL);
}
