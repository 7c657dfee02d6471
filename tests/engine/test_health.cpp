// test_health.cpp — dead, dormant and sparse units, as defined in ../shared/TEACHING.md.
#include <cmath>

#include "helpers.hpp"

using namespace relu;
using namespace relu::testing;

TEST_CASE("a unit with bias −100 is dead on the data and on the plane") {
  const Dataset d = make_data(DatasetKind::circle, 200);
  NetworkConfig c;
  c.hidden = layers({4});
  auto net = make_net(c);
  net->layer(0).b[2] = -100.0f;
  const Health h = net->health(d);
  CHECK(h.layers[0].dead_on_data[2]);
  CHECK(h.layers[0].dead_on_plane[2]);
  CHECK(h.layers[0].activation_rate[2] == 0.0f);
  CHECK(h.layers[0].died_at_epoch[2] == 0);  // born dead: epoch 0
  CHECK(h.dead_units == h.layers[0].dead_count);
  CHECK(h.total_units == 4);
  int dead = 0;
  for (int u = 0; u < 4; ++u) dead += h.layers[0].dead_on_data[u];
  CHECK(dead == h.layers[0].dead_count);
}

TEST_CASE("a unit dead on the data but alive elsewhere on the plane is reported as exactly that") {
  // gauss blobs at (±2, ±2) with σ 0.5: no point has x > 4.5, the plane reaches x = 6.
  const Dataset d = make_data(DatasetKind::gauss, 400);
  NetworkConfig c;
  c.hidden = layers({2});
  auto net = make_net(c);
  LayerView v = net->layer(0);
  v.W[0] = 1.0f, v.W[1] = 0.0f, v.b[0] = -4.5f;  // z = x − 4.5
  v.W[2] = 1.0f, v.W[3] = 0.0f, v.b[1] = 0.0f;   // z = x: alive on both
  const Health h = net->health(d);
  CHECK(h.layers[0].dead_on_data[0]);
  CHECK_FALSE(h.layers[0].dead_on_plane[0]);
  CHECK_FALSE(h.layers[0].dead_on_data[1]);
  CHECK_FALSE(h.layers[0].dead_on_plane[1]);
}

TEST_CASE("activation rate, mean |activation| and dormancy match a hand computation") {
  const Dataset d = make_data(DatasetKind::xor_, 100);
  NetworkConfig c;
  c.hidden = layers({3});
  auto net = make_net(c);
  LayerView v = net->layer(0);
  const float W[] = {1, 0, 0, 1, 0.5f, 0.5f}, b[] = {0, -1, 2};
  std::copy(W, W + 6, v.W);
  std::copy(b, b + 3, v.b);
  double sum[3] = {0, 0, 0};
  int active[3] = {0, 0, 0};
  const Points& p = d.train();
  for (int i = 0; i < p.size(); ++i)
    for (int u = 0; u < 3; ++u) {
      const double z = W[2 * u] * p.x[i] + W[2 * u + 1] * p.y[i] + b[u];
      sum[u] += std::max(0.0, z), active[u] += z > 0;
    }
  const double mean = (sum[0] + sum[1] + sum[2]) / 3 / p.size();
  const Health h = net->health(d);
  for (int u = 0; u < 3; ++u) {
    CHECK(h.layers[0].activation_rate[u] == doctest::Approx(double(active[u]) / p.size()));
    CHECK(h.layers[0].mean_abs[u] == doctest::Approx(sum[u] / p.size()).epsilon(1e-5));
    CHECK(h.layers[0].dormancy[u] == doctest::Approx(sum[u] / p.size() / mean).epsilon(1e-5));
  }
}

TEST_CASE("an all-zero layer has sparsity 1, dormancy 0 and no NaN anywhere") {
  const Dataset d = make_data(DatasetKind::circle, 100);
  NetworkConfig c;
  c.hidden = layers({4, 3});
  auto net = make_net(c);
  for (int u = 0; u < 4; ++u) net->layer(0).b[u] = -1000.0f;
  const Health h = net->health(d);
  const LayerHealth& l1 = h.layers[1];  // gets only zeros from layer 0: z = bias of layer 1
  CHECK(h.layers[0].sparsity == 1.0f);
  CHECK(h.layers[0].dead_count == 4);
  for (int u = 0; u < 4; ++u) {
    CHECK(h.layers[0].dormancy[u] == 0.0f);
    CHECK(h.layers[0].dormant[u]);
  }
  for (float r : l1.dormancy) CHECK_FALSE(std::isnan(r));
  CHECK_FALSE(std::isnan(l1.sparsity));
}

TEST_CASE("the epoch at which a unit dies is recorded, and a revived unit is alive again") {
  const Dataset d = make_data(DatasetKind::circle, 200);
  NetworkConfig c;
  c.hidden = layers({4, 4});
  auto net = make_net(c);
  TrainConfig t;
  net->train(d, t, 5);
  LayerView v = net->layer(0);
  v.b[1] = -100.0f;  // kill unit 1 of layer 0 between epochs 5 and 6
  net->train(d, t, 1);
  Health h = net->health(d);
  CHECK(h.layers[0].dead_on_data[1]);
  CHECK(h.layers[0].died_at_epoch[1] == 6);
  CHECK(h.layers[0].died_at_epoch[0] == -1);
  // gradient norms are per layer, positive while learning
  CHECK(h.layers[0].gradient_norm > 0.0f);

  const auto dead = net->dead_units(d, -1, false);
  REQUIRE(dead.size() >= 1);
  CHECK(net->revive(dead) == static_cast<int>(dead.size()));
  CHECK(net->layer(0).b[1] == 0.0f);
  for (int o = 0; o < 4; ++o) CHECK(net->layer(1).W[o * 4 + 1] == 0.0f);  // outgoing weights
  h = net->health(d);
  CHECK(h.layers[0].died_at_epoch[1] == -1);
  CHECK_FALSE(h.layers[0].dead_on_data[1]);
}

TEST_CASE("a hot learning rate kills ReLU units on the circle, a small one does not") {
  const Dataset d = make_data(DatasetKind::circle, 500);
  auto dead_after = [&](float lr) {
    NetworkConfig c;
    c.hidden = layers({8, 8});
    auto net = make_net(c);
    TrainConfig t;
    t.learning_rate = lr;
    net->train(d, t, 20);
    return net->health(d).dead_units;
  };
  const int hot = dead_after(3.0f), cool = dead_after(0.03f);
  MESSAGE("dead units after 20 epochs: lr 3 → ", hot, ", lr 0.03 → ", cool);
  CHECK(hot > cool);
}

TEST_CASE("the pre-activation histogram counts every training point once per unit") {
  const Dataset d = make_data(DatasetKind::spiral, 300);
  NetworkConfig c;
  c.hidden = layers({5});
  auto net = make_net(c);
  const Health h = net->health(d);
  for (int u = 0; u < 5; ++u) {
    uint32_t total = 0;
    for (int b = 0; b < kHistogramBins; ++b) total += h.layers[0].histogram[u * kHistogramBins + b];
    CHECK(total == static_cast<uint32_t>(d.train().size()));
  }
}

TEST_CASE("set_parameter edits one weight or bias and refuses what is out of range") {
  NetworkConfig c;
  c.hidden = layers({3});
  auto net = make_net(c);
  CHECK(net->set_parameter(0, 1, 0, 2.5f));
  CHECK(net->layer(0).W[1 * 2 + 0] == 2.5f);
  CHECK(net->set_parameter(1, 0, -1, -0.75f));  // output bias
  CHECK(net->layer(1).b[0] == -0.75f);
  CHECK_FALSE(net->set_parameter(0, 3, 0, 1.0f));
  CHECK_FALSE(net->set_parameter(0, 0, 2, 1.0f));
  CHECK_FALSE(net->set_parameter(2, 0, 0, 1.0f));
  CHECK_FALSE(net->set_parameter(0, 0, 0, NAN));
}
