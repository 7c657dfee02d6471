// test_stepping.cpp — an epoch taken in steps, and clones: stepping k then m minibatches is one
// train_epoch when k + m is the epoch's steps, and a clone goes on exactly as its original.
#include <cstring>

#include "helpers.hpp"

using namespace relu;
using namespace relu::testing;

namespace {
// Everything a later epoch can read back: parameters (and BN statistics), every metric's bits,
// died-at epochs and gradient norms from health.
struct Fingerprint {
  uint64_t params = 0;
  std::vector<uint32_t> bits;
  bool operator==(const Fingerprint& o) const { return params == o.params && bits == o.bits; }
};

uint32_t bits_of(float f) {
  uint32_t b;
  std::memcpy(&b, &f, sizeof b);
  return b;
}

Fingerprint fingerprint(Network& net, const Dataset& d, const EpochMetrics& m) {
  Fingerprint f;
  f.params = net.parameter_hash();
  for (float v : {m.train_loss, m.test_loss, m.train_accuracy, m.test_accuracy}) f.bits.push_back(bits_of(v));
  f.bits.push_back(static_cast<uint32_t>(m.epoch));
  f.bits.push_back(m.diverged);
  const Health h = net.health(d);
  for (const LayerHealth& l : h.layers) {
    f.bits.push_back(bits_of(l.gradient_norm));
    for (int e : l.died_at_epoch) f.bits.push_back(static_cast<uint32_t>(e));
  }
  return f;
}

struct Setup {
  const char* name;
  Optimizer optimizer;
  bool batch_norm;
  float learning_rate;
};
const Setup kSetups[] = {
    {"sgd", Optimizer::sgd, false, 0.3f},
    {"momentum", Optimizer::momentum, false, 0.1f},
    {"adam", Optimizer::adam, false, 0.01f},
    {"adam with batch norm", Optimizer::adam, true, 0.01f},
    {"sgd, a large rate that kills units", Optimizer::sgd, false, 3.0f},
};

NetworkConfig config_of(const Setup& s) {
  NetworkConfig c;
  c.hidden = layers({8, 6}, Act::relu, s.batch_norm);
  c.seed = 11;
  return c;
}
TrainConfig train_of(const Setup& s) {
  TrainConfig t;
  t.optimizer = s.optimizer, t.learning_rate = s.learning_rate, t.batch_size = 9;  // not a lane multiple
  return t;
}
}  // namespace

TEST_CASE("k steps then m steps equal one train_epoch when k + m is the epoch's steps") {
  const Dataset d = make_data(DatasetKind::spiral, 200, 1, 0.1f);
  for (const Setup& s : kSetups) {
    CAPTURE(s.name);
    const TrainConfig t = train_of(s);
    const int per_epoch = Network::steps_per_epoch(d, t.batch_size);
    REQUIRE(per_epoch == (d.train().size() + 8) / 9);
    auto whole = make_net(config_of(s));
    auto stepped = make_net(config_of(s));
    for (int e = 0; e < 4; ++e) {  // a different split each epoch, 0 and the whole epoch included
      const int k = (e * 7) % (per_epoch + 1);
      const EpochMetrics a = whole->train_epoch(d, t);
      const Network::StepsResult r1 = stepped->train_steps(d, t, k);
      CHECK(r1.steps == k);
      CHECK(r1.epoch_ended == (k == per_epoch));
      CHECK(stepped->step_in_epoch() == k % per_epoch);
      CHECK(stepped->steps_left(d, t.batch_size) == per_epoch - k % per_epoch);
      const Network::StepsResult r2 = stepped->train_steps(d, t, per_epoch - k);
      const EpochMetrics& b = k == per_epoch ? r1.metrics : r2.metrics;
      CHECK(stepped->step_in_epoch() == 0);
      CHECK(stepped->epoch() == e + 1);
      CHECK(fingerprint(*whole, d, a) == fingerprint(*stepped, d, b));
    }
  }
}

TEST_CASE("train_epoch after some steps finishes the epoch in progress") {
  const Dataset d = make_data(DatasetKind::circle, 150, 2, 0.1f);
  const Setup& s = kSetups[2];
  auto whole = make_net(config_of(s)), stepped = make_net(config_of(s));
  const EpochMetrics a = whole->train_epoch(d, train_of(s));
  stepped->train_steps(d, train_of(s), 5);
  const EpochMetrics b = stepped->train_epoch(d, train_of(s));
  CHECK(fingerprint(*whole, d, a) == fingerprint(*stepped, d, b));
}

TEST_CASE("a clone, taken mid-epoch, trains to the same bits as its original") {
  const Dataset d = make_data(DatasetKind::spiral, 200, 3, 0.1f);
  for (const Setup& s : kSetups) {
    CAPTURE(s.name);
    const TrainConfig t = train_of(s);
    auto net = make_net(config_of(s));
    net->train(d, t, 3);
    net->train_steps(d, t, 4);
    auto twin = net->clone();
    CHECK(twin->parameter_hash() == net->parameter_hash());
    CHECK(twin->step_in_epoch() == 4);
    CHECK(twin->steps_taken() == net->steps_taken());
    const Network::StepsResult a = net->train_steps(d, t, 37);
    const Network::StepsResult b = twin->train_steps(d, t, 37);
    CHECK(fingerprint(*net, d, a.metrics) == fingerprint(*twin, d, b.metrics));
    const EpochMetrics ma = net->train(d, t, 3), mb = twin->train(d, t, 3);
    CHECK(fingerprint(*net, d, ma) == fingerprint(*twin, d, mb));
  }
}

TEST_CASE("a clone is independent of its original") {
  const Dataset d = make_data(DatasetKind::xor_, 120, 1, 0.1f);
  auto net = make_net(config_of(kSetups[0]));
  auto twin = net->clone();
  const uint64_t before = twin->parameter_hash();
  net->train(d, train_of(kSetups[0]), 2);
  net->set_parameter(0, 0, -1, 5.0f);
  CHECK(twin->parameter_hash() == before);
  CHECK(twin->epoch() == 0);
  CHECK(net->epoch() == 2);
}

TEST_CASE("an optimizer changed mid-epoch starts from fresh state, as it does between epochs") {
  // Momentum with μ = 0 moves the weights as SGD does but leaves m = the last gradient; Adam
  // taking over mid-epoch must not start from that m.
  const Dataset d = make_data(DatasetKind::circle, 150, 4, 0.1f);
  const Setup& s = kSetups[0];
  TrainConfig sgd = train_of(s), mom = train_of(s), adam = train_of(s);
  mom.optimizer = Optimizer::momentum, mom.momentum = 0.0f;
  adam.optimizer = Optimizer::adam, adam.learning_rate = 0.01f;
  auto a = make_net(config_of(s)), b = make_net(config_of(s));
  a->train_steps(d, sgd, 5);
  b->train_steps(d, mom, 5);
  REQUIRE(a->parameter_hash() == b->parameter_hash());
  a->train_steps(d, adam, 20);
  b->train_steps(d, adam, 20);
  CHECK(a->step_in_epoch() == 25 % Network::steps_per_epoch(d, 9));
  CHECK(a->parameter_hash() == b->parameter_hash());
}

TEST_CASE("train_steps stops at a diverged epoch and rolls it back to its start") {
  const Dataset d = make_data(DatasetKind::spiral, 200, 1, 0.1f);
  NetworkConfig c;
  c.hidden = layers({8, 8});
  c.seed = 5;
  TrainConfig t;
  t.learning_rate = 10000.0f;
  auto net = make_net(c);
  const uint64_t start = net->parameter_hash();
  const Network::StepsResult r = net->train_steps(d, t, 1000);
  REQUIRE(r.epoch_ended);
  CHECK(r.metrics.diverged);
  CHECK(r.steps == Network::steps_per_epoch(d, t.batch_size));
  CHECK(net->parameter_hash() == start);
  CHECK(net->steps_taken() == r.steps);  // the clock keeps the rolled-back steps
  CHECK(net->epoch() == 0);
  CHECK(net->step_in_epoch() == 0);
}

TEST_CASE("a training set whose size changed mid-epoch ends the epoch in progress") {
  Dataset d = make_data(DatasetKind::circle, 150, 4, 0.1f);
  auto net = make_net(config_of(kSetups[0]));
  const TrainConfig t = train_of(kSetups[0]);
  net->train_steps(d, t, 3);
  d.add(0.5f, 0.5f, 1.0f, false);
  CHECK(net->steps_left(d, t.batch_size) == 0);
  const Network::StepsResult r = net->train_steps(d, t, 1);
  CHECK(r.epoch_ended);
  CHECK(r.steps == 1);  // the one step is the new epoch's first
  CHECK(net->epoch() == 1);
  CHECK(net->step_in_epoch() == 1);
}

TEST_CASE("a clone of a lean copy trains to the same bits as the network it was taken from") {
  const Dataset d = make_data(DatasetKind::spiral, 200, 3, 0.1f);
  for (const Setup& s : kSetups) {
    CAPTURE(s.name);
    const TrainConfig t = train_of(s);
    auto net = make_net(config_of(s));
    net->train(d, t, 2);
    for (int steps : {0, 5}) {  // between epochs, and mid-epoch (order and rollback kept)
      net->train_steps(d, t, steps);
      auto kept = net->lean_copy();
      auto twin = kept->clone();
      const Network::StepsResult a = net->train_steps(d, t, 30), b = twin->train_steps(d, t, 30);
      CHECK(fingerprint(*net, d, a.metrics) == fingerprint(*twin, d, b.metrics));
      const EpochMetrics ma = net->train_epoch(d, t), mb = twin->train_epoch(d, t);
      CHECK(fingerprint(*net, d, ma) == fingerprint(*twin, d, mb));
      float p1[2], p2[2];
      const float xs[2] = {0.5f, -1.0f}, ys[2] = {1.0f, 2.0f};
      net->predict(xs, ys, 2, p1);
      twin->predict(xs, ys, 2, p2);
      CHECK(std::memcmp(p1, p2, sizeof p1) == 0);
    }
  }
}
