// test_regions.cpp — region maps count the pieces of known arrangements, agree with a naive
// reference, and give the same ids in every build; traces add up to the trainer's gradient.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <string>

#include "helpers.hpp"
#include "regions.hpp"
#include "trace.hpp"

using namespace relu;
using namespace relu::testing;

namespace {
constexpr double kPi = 3.14159265358979323846;

// One hidden ReLU layer of k units whose folds are k lines in general position: unit u's z is
// n_u·(x, y) − r_u with n_u at angle π(u + 0.3)/k and r_u = 0.5 + 0.2u, so that every pair
// meets (distinct angles), no three meet in a point, and every crossing is inside [−5, 5]² (k ≤ 7).
std::unique_ptr<Network> line_net(int k) {
  NetworkConfig c;
  c.hidden = layers({k});
  auto net = make_net(c);
  for (int u = 0; u < k; ++u) {
    const double th = kPi * (u + 0.3) / k;
    net->set_parameter(0, u, 0, static_cast<float>(std::cos(th)));
    net->set_parameter(0, u, 1, static_cast<float>(std::sin(th)));
    net->set_parameter(0, u, -1, static_cast<float>(-(0.5 + 0.2 * u)));
  }
  return net;
}

int lines_regions(int k) { return 1 + k + k * (k - 1) / 2; }

uint64_t hash_ids(const RegionMap& m) {
  uint64_t h = 1469598103934665603ULL;
  for (size_t p = 0; p < m.ids.size(); ++p) h = (h ^ static_cast<uint64_t>(m.ids[p])) * 1099511628211ULL;
  for (uint8_t f : m.fold_layer) h = (h ^ f) * 1099511628211ULL;
  return h ^ static_cast<uint64_t>(m.count);
}
}  // namespace

TEST_CASE("k lines in general position cut the window into 1 + k + k(k−1)/2 regions") {
  const Grid g{512, 512, -6, 6, -6, 6};
  for (int k : {1, 2, 3, 5, 7}) {
    auto net = line_net(k);
    const RegionMap m = region_map(*net, g);
    INFO("k = ", k);
    CHECK(m.count == lines_regions(k));
    CHECK(m.linear);
    if (k < 2) continue;
    net->set_parameter(0, 1, -1, -100.0f);  // unit 1 dies on the whole window: its fold leaves
    const RegionMap dead = region_map(*net, g);
    CHECK(dead.count == lines_regions(k - 1));
  }
}

TEST_CASE("ids are dense in first-appearance order and equal exactly where every gate agrees") {
  // Naive reference: each pixel's full gate pattern from unit_maps (ReLU: a > 0 ⇔ z > 0), ids
  // handed out in row-major first appearance through a std::map.
  // The second net has more regions than the hash table's first size (it grows while hashing).
  for (auto [widths, grid] : {std::pair{std::vector<int>{12, 12, 12}, Grid{96, 80, -6, 6, -5, 5}},
                              std::pair{std::vector<int>{64, 64}, Grid{220, 200, -6, 6, -6, 6}}}) {
    NetworkConfig c;
    for (int w : widths) c.hidden.push_back({w, Act::relu});
    c.seed = 11;
    c.bias_init = widths.size() == 2 ? 1.0f : 0.0f;  // lines off the origin: many more crossings
    auto net = make_net(c);
    const Grid g = grid;
    const RegionMap m = region_map(*net, g);
    const int units = net->total_hidden_units(), pixels = g.width * g.height;
    std::vector<float> maps(static_cast<size_t>(units) * pixels);
    net->unit_maps(g, maps.data());
    std::map<std::vector<bool>, int> seen;
    int bad = 0;
    for (int p = 0; p < pixels; ++p) {
      std::vector<bool> pattern(units);
      for (int u = 0; u < units; ++u) pattern[u] = maps[static_cast<size_t>(u) * pixels + p] > 0.0f;
      const int id = seen.emplace(pattern, static_cast<int>(seen.size())).first->second;
      if (m.ids[p] != id && bad++ < 5) MESSAGE("pixel ", p, ": id ", m.ids[p], " vs reference ", id);
    }
    CHECK(bad == 0);
    CHECK(m.count == static_cast<int>(seen.size()));
    CHECK(m.count > (widths.size() == 2 ? 1024 : 10));
  }
}

TEST_CASE("a fold pixel names the lowest layer whose gate flips at its right or lower edge") {
  NetworkConfig c;
  c.hidden = layers({6, 6});
  c.seed = 5;
  auto net = make_net(c);
  const Grid g{64, 64, -6, 6, -6, 6};
  const RegionMap m = region_map(*net, g);
  int counts[3] = {0, 0, 0};
  for (int j = 0; j < g.height; ++j)
    for (int i = 0; i < g.width; ++i) {
      const int p = j * g.width + i;
      const bool right = i + 1 < g.width && m.ids[p + 1] != m.ids[p];
      const bool lower = j + 1 < g.height && m.ids[p + g.width] != m.ids[p];
      const uint8_t f = m.fold_layer[p];
      CHECK_MESSAGE((f != kNoFold) == (right || lower), "pixel ", p);
      // Naive reference for the layer: the lowest word in which this pixel's pattern differs
      // from a neighbour's (the SIMD build marks folds four pixels at a time).
      int expected = kNoFold;
      for (const int q : {right ? p + 1 : -1, lower ? p + g.width : -1})
        for (int l = 0; q >= 0 && l < m.layers; ++l)
          if (m.patterns[m.ids[p] * m.layers + l] != m.patterns[m.ids[q] * m.layers + l]) {
            expected = std::min(expected, l);
            break;
          }
      CHECK_MESSAGE(f == expected, "pixel ", p);
      ++counts[f == kNoFold ? 2 : f];
    }
  CHECK(counts[0] > 0);  // first-layer folds (straight lines) and second-layer ones both occur
  CHECK(counts[1] > 0);
}

TEST_CASE("linear regions only for relu, leaky_relu, prelu and linear layers") {
  for (const ActivationInfo& a : kActivationTable) {
    NetworkConfig c;
    c.hidden = {{4, Act::relu}, {4, a.id}};
    const bool expected =
        a.id == Act::relu || a.id == Act::leaky_relu || a.id == Act::prelu || a.id == Act::linear;
    CHECK_MESSAGE(piecewise_linear(c) == expected, a.name);
    CHECK(region_map(*make_net(c), Grid{8, 8}).linear == expected);
  }
  NetworkConfig none;
  none.hidden = {};
  const RegionMap m = region_map(*make_net(none), Grid{8, 8});
  CHECK(m.count == 1);
  CHECK(m.fold_layer[0] == kNoFold);
}

TEST_CASE("region ids are the same in every build, SIMD or scalar") {
  uint64_t h = 0;
  for (Act a : {Act::relu, Act::tanh, Act::gelu}) {
    NetworkConfig c;
    c.hidden = {{16, a}, {16, a, -1.0f, true}, {8, a}};
    c.features = 0b1111111;  // sin features too
    c.seed = 21;
    auto net = make_net(c);
    const Dataset d = make_data(DatasetKind::spiral, 200, 3);
    net->train(d, TrainConfig{}, 3);
    h = h * 31 + hash_ids(region_map(*net, Grid{200, 150, -6, 6, -6, 6}));
  }
  MESSAGE("region hash ", h, std::string(kSimdBuild ? " (SIMD build)" : " (scalar build)"));
  CHECK(h == 10154954115695041763ULL);  // printed by the native build; wasm SIMD and scalar check it too
}

TEST_CASE("a trace's gates are z > 0 and its gradients sum to the trainer's batch gradient") {
  for (int head = 0; head < static_cast<int>(kHeadNames.size()); ++head) {
    NetworkConfig c;
    c.hidden = {{7, Act::relu}, {5, Act::tanh}, {4, Act::prelu}};
    c.head = static_cast<Head>(head);
    c.classes = 3;
    c.seed = 9;
    auto net = make_net(c);
    const Dataset d = make_data(c.head == Head::softmax  ? DatasetKind::blobs_k
                                : c.head == Head::linear ? DatasetKind::regress_plane
                                                         : DatasetKind::xor_,
                                40, 2, 0.1f, 3);
    const Points& p = d.train();
    const int n = p.size();
    std::vector<double> sum(net->parameter_count(), 0.0);
    double loss = 0.0;
    for (int i = 0; i < n; ++i) {
      const Trace t = trace_point(*net, p.x[i], p.y[i], p.label[i]);
      loss += t.loss;
      for (int l = 0; l < net->layer_count(); ++l) {
        const LayerView v = net->layer(l);
        const size_t w = v.W - net->parameters(), b = v.b - net->parameters();
        for (size_t k = 0; k < t.layers[l].dW.size(); ++k) sum[w + k] += t.layers[l].dW[k];
        for (size_t k = 0; k < t.layers[l].db.size(); ++k) sum[b + k] += t.layers[l].db[k];
        for (size_t u = 0; u < t.layers[l].z.size(); ++u)
          CHECK(t.layers[l].gate[u] == (t.layers[l].z[u] > 0.0f));
      }
    }
    const double batch = net->loss_and_gradient(p.x.data(), p.y.data(), p.label.data(), n);
    CHECK(loss / n == doctest::Approx(batch).epsilon(1e-5));
    int bad = 0;
    for (int l = 0; l < net->layer_count(); ++l) {
      const LayerView v = net->layer(l);
      const size_t w = v.W - net->parameters();
      for (size_t k = w; k < w + static_cast<size_t>(v.out) * (v.in + 1); ++k) {  // W then b
        const double ref = net->gradients()[k], got = sum[k] / n;
        if (!(std::fabs(got - ref) <= 1e-5 + 1e-4 * std::fabs(ref)) && bad++ < 5)
          MESSAGE(kHeadNames[head], " parameter ", k, ": ", got, " vs ", ref);
      }
    }
    CHECK(bad == 0);
  }
}
