// test_gradients.cpp — whole-network gradients against central finite differences.
//
// Precision: the engine computes in float32; the loss is summed in double. With h = 2e-3 the
// finite difference has a rounding error of about 1e-7 / h ≈ 5e-5 and a truncation error of
// O(h²), so we accept |analytic − fd| ≤ 1e-3 + 2e-2·|fd|. A parameter whose ±h step moves any
// pre-activation across a kink (its sign pattern changes) is skipped — there the function has no
// derivative; at most a few percent of the parameters are.
#include <cmath>

#include "helpers.hpp"

using namespace relu;
using namespace relu::testing;

namespace {

struct Batch {
  std::vector<float> x, y, label;
};

Batch random_batch(Head head, int classes, int n, uint64_t seed) {
  Rng rng(seed);
  Batch b;
  for (int i = 0; i < n; ++i) {
    b.x.push_back(static_cast<float>(rng.uniform(-3, 3)));
    b.y.push_back(static_cast<float>(rng.uniform(-3, 3)));
    const float label = head == Head::linear    ? static_cast<float>(rng.uniform(-1, 1))
                        : head == Head::softmax ? static_cast<float>(rng.below(classes))
                                                : static_cast<float>(rng.below(2));
    b.label.push_back(label);
  }
  return b;
}

// Checks every parameter; returns how many were checked (not skipped at a kink).
int check_gradients(const NetworkConfig& cfg, uint64_t seed) {
  auto net = make_net(cfg);
  const Batch b = random_batch(cfg.head, cfg.classes, 9, seed);
  const int n = static_cast<int>(b.x.size());
  // give biases, BN γ/β and α non-trivial values so their gradients are exercised
  Rng rng(seed + 100);
  float* p = net->parameters();
  for (int l = 0; l < net->layer_count(); ++l) {
    LayerView v = net->layer(l);
    for (int u = 0; u < v.out; ++u) {
      v.b[u] = static_cast<float>(rng.uniform(-0.3, 0.3));
      if (v.gamma)
        v.gamma[u] = static_cast<float>(rng.uniform(0.5, 1.5)),
        v.beta[u] = static_cast<float>(rng.uniform(-0.3, 0.3));
    }
  }
  net->loss_and_gradient(b.x.data(), b.y.data(), b.label.data(), n);
  const std::vector<float> analytic(net->gradients(), net->gradients() + net->parameter_count());
  const std::vector<int8_t> pattern = net->activation_pattern(n);
  bool kinked = false;  // only piecewise activations have kinks worth skipping
  for (const LayerConfig& l : cfg.hidden) kinked = kinked || activation_info(l.activation).relu_family;
  const float h = 2e-3f;
  int checked = 0, failed = 0;
  for (int i = 0; i < net->parameter_count(); ++i) {
    const float saved = p[i];
    p[i] = saved + h;
    const double up = net->loss_and_gradient(b.x.data(), b.y.data(), b.label.data(), n);
    const bool kink_up = net->activation_pattern(n) != pattern;
    p[i] = saved - h;
    const double down = net->loss_and_gradient(b.x.data(), b.y.data(), b.label.data(), n);
    const bool kink_down = net->activation_pattern(n) != pattern;
    p[i] = saved;
    if (kinked && (kink_up || kink_down)) continue;
    const double fd = (up - down) / (2.0 * h);
    ++checked;
    if (!(std::fabs(analytic[i] - fd) <= 1e-3 + 2e-2 * std::fabs(fd))) {
      if (failed++ < 5) MESSAGE("param ", i, ": analytic ", analytic[i], " vs finite difference ", fd);
    }
  }
  CHECK(failed == 0);
  CHECK(checked >= net->parameter_count() * 3 / 4);
  return checked;
}

}  // namespace

TEST_CASE("gradients match finite differences for every head") {
  for (int head = 0; head < 4; ++head) {
    NetworkConfig c;
    c.head = static_cast<Head>(head);
    c.classes = 3;
    c.hidden = layers({5, 4}, Act::tanh);
    INFO("head ", kHeadNames[head]);
    check_gradients(c, 11 + head);
  }
}

TEST_CASE("gradients match finite differences for every activation, with and without batch norm") {
  for (const ActivationInfo& a : kActivationTable) {
    for (bool bn : {false, true}) {
      NetworkConfig c;
      c.features = 0b11111;  // x, y, x², y², xy
      c.hidden = layers({6, 5}, a.id, bn);
      c.init = Init::xavier_normal;
      const std::string label = std::string(a.name) + (bn ? " with batch norm" : "");
      INFO(label);
      check_gradients(c, 5);
    }
  }
}

TEST_CASE("PReLU's learned α and BN's γ and β receive checked gradients") {
  NetworkConfig c;
  c.hidden = layers({6, 6}, Act::prelu, true);
  c.hidden[1].batch_norm = false;
  c.head = Head::softmax;
  c.classes = 3;
  auto net = make_net(c);
  // the α, γ and β slots exist and are inside the checked parameter vector
  CHECK(net->layer(0).gamma != nullptr);
  CHECK(net->layer(1).gamma == nullptr);
  CHECK(net->layer(0).alpha >= net->parameters());
  CHECK(net->layer(0).alpha < net->parameters() + net->parameter_count());
  check_gradients(c, 99);
}

TEST_CASE("the ReLU'(0) convention changes the gradient only where a pre-activation is exactly 0") {
  NetworkConfig c;
  c.hidden = layers({3});
  c.bias_init = 0.0f;
  float g_at[3];
  for (int k = 0; k < 3; ++k) {
    c.relu_grad_at_zero = k * 0.5f;
    auto net = make_net(c);
    const float x = 0.0f, y = 0.0f, label = 1.0f;  // the origin: every z is exactly the bias, 0
    net->loss_and_gradient(&x, &y, &label, 1);
    g_at[k] = net->gradients()[net->layer(0).b - net->parameters()];  // first hidden bias
  }
  CHECK(g_at[0] == 0.0f);
  CHECK(g_at[1] != 0.0f);
  CHECK(g_at[2] == doctest::Approx(2.0f * g_at[1]));
}
