// test_training.cpp — training reaches stated accuracies in stated budgets; divergence is caught.
#include <cmath>

#include "helpers.hpp"

using namespace relu;
using namespace relu::testing;

namespace {
EpochMetrics fit(DatasetKind kind, int classes, std::vector<LayerConfig> hidden, Head head, Optimizer opt,
                 float lr, int epochs, Init init = Init::he_normal) {
  const Dataset d = make_data(kind, 500, 1, 0.0f, classes);
  NetworkConfig c;
  c.hidden = std::move(hidden);
  c.head = head;
  c.classes = classes;
  c.init = init;
  auto net = make_net(c);
  TrainConfig t;
  t.optimizer = opt;
  t.learning_rate = lr;
  const EpochMetrics m = net->train(d, t, epochs);
  const std::string name = kDatasetNames[static_cast<int>(kind)];
  MESSAGE(name, ": test accuracy ", m.test_accuracy, " after ", m.epoch, " epochs");
  CHECK_FALSE(m.diverged);
  CHECK(m.epoch == epochs);
  return m;
}
}  // namespace

TEST_CASE("XOR and circle reach 97 % test accuracy in 100 epochs of SGD (2-8-8-1 ReLU, lr 0.03)") {
  CHECK(fit(DatasetKind::xor_, 2, layers({8, 8}), Head::sigmoid, Optimizer::sgd, 0.03f, 100).test_accuracy >=
        0.97f);
  CHECK(
      fit(DatasetKind::circle, 2, layers({8, 8}), Head::sigmoid, Optimizer::sgd, 0.03f, 100).test_accuracy >=
      0.97f);
}

TEST_CASE(
    "the spiral reaches 90 % test accuracy with ReLU and with tanh (2-16-16-16-1, Adam 0.01, 200 epochs)") {
  CHECK(fit(DatasetKind::spiral, 2, layers({16, 16, 16}), Head::sigmoid, Optimizer::adam, 0.01f, 200)
            .test_accuracy >= 0.90f);
  CHECK(fit(DatasetKind::spiral, 2, layers({16, 16, 16}, Act::tanh), Head::sigmoid, Optimizer::adam, 0.01f,
            200, Init::xavier_normal)
            .test_accuracy >= 0.90f);
}

TEST_CASE(
    "the spiral reaches 90 % with the benchmark net and plain SGD (2-8-8-8-1 ReLU, lr 0.03, 1000 epochs)") {
  CHECK(fit(DatasetKind::spiral, 2, layers({8, 8, 8}), Head::sigmoid, Optimizer::sgd, 0.03f, 1000)
            .test_accuracy >= 0.90f);
}

TEST_CASE("a 3-class spiral with a softmax head reaches 90 % (2-16-16-16-3, Adam 0.01, 200 epochs)") {
  CHECK(fit(DatasetKind::spiral_k, 3, layers({16, 16, 16}), Head::softmax, Optimizer::adam, 0.01f, 200)
            .test_accuracy >= 0.90f);
}

TEST_CASE("momentum, tanh head and regression heads all learn") {
  CHECK(fit(DatasetKind::circle, 2, layers({8, 8}), Head::tanh, Optimizer::momentum, 0.01f, 100)
            .test_accuracy >= 0.97f);
  const Dataset d = make_data(DatasetKind::regress_plane, 400);
  NetworkConfig c;
  c.hidden = layers({8});
  c.head = Head::linear;
  auto net = make_net(c);
  TrainConfig t;
  t.learning_rate = 0.01f;
  const float before = net->evaluate(d).test_loss;
  const EpochMetrics m = net->train(d, t, 100);
  CHECK(std::isnan(m.test_accuracy));  // accuracy has no meaning for regression
  CHECK(m.test_loss < 0.01f * before);
}

TEST_CASE("L2 regularisation shrinks the weights, L1 zeroes some") {
  const Dataset d = make_data(DatasetKind::circle, 300);
  auto weight_norm = [&](Regularization r, float rate, int* zeros) {
    NetworkConfig c;
    c.hidden = layers({8, 8});
    auto net = make_net(c);
    TrainConfig t;
    t.regularization = r, t.regularization_rate = rate;
    net->train(d, t, 100);
    double s = 0;
    *zeros = 0;
    LayerView v = net->layer(1);
    for (int i = 0; i < v.in * v.out; ++i) s += v.W[i] * v.W[i], *zeros += std::fabs(v.W[i]) < 1e-3f;
    return std::sqrt(s);
  };
  int z0, z1, z2;
  const double none = weight_norm(Regularization::none, 0, &z0);
  CHECK(weight_norm(Regularization::l2, 0.01f, &z2) < 0.9 * none);
  weight_norm(Regularization::l1, 0.01f, &z1);
  CHECK(z1 > z0);
}

TEST_CASE("a learning rate of 1000 stops with the divergence status and keeps finite weights") {
  const Dataset d = make_data(DatasetKind::spiral, 500);
  NetworkConfig c;
  c.hidden = layers({8, 8, 8});
  auto net = make_net(c);
  TrainConfig t;
  t.learning_rate = 0.03f;
  net->train(d, t, 3);
  const uint64_t before = net->parameter_hash();
  t.learning_rate = 1000.0f;
  const EpochMetrics m = net->train(d, t, 50);
  CHECK(m.diverged);
  CHECK(m.epoch == 3);                     // the diverged epoch does not count
  CHECK(net->parameter_hash() == before);  // rolled back to the last finite weights
  CHECK(std::isfinite(m.train_loss));
  for (int i = 0; i < net->parameter_count(); ++i) REQUIRE(std::isfinite(net->parameters()[i]));
  t.learning_rate = 0.03f;  // and the network still trains afterwards
  const EpochMetrics again = net->train(d, t, 2);
  CHECK_FALSE(again.diverged);
  CHECK(again.epoch == 5);
}

TEST_CASE(
    "learning rate 10 on the spiral is divergence: weights explode to 1e8 while the loss stays finite") {
  const Dataset d = make_data(DatasetKind::spiral, 500);
  NetworkConfig c;
  c.hidden = layers({8, 8, 8});
  auto net = make_net(c);
  TrainConfig t;
  t.learning_rate = 10.0f;
  const EpochMetrics m = net->train(d, t, 10);
  CHECK(m.diverged);
  CHECK(m.epoch == 0);
  for (int i = 0; i < net->parameter_count(); ++i)
    REQUIRE(std::fabs(net->parameters()[i]) < kDivergedMagnitude);
}

TEST_CASE("training is deterministic: same seed, same weights after training") {
  const Dataset d = make_data(DatasetKind::spiral, 200);
  NetworkConfig c;
  c.hidden = layers({8, 8}, Act::prelu, true);
  auto a = make_net(c), b = make_net(c);
  TrainConfig t;
  t.optimizer = Optimizer::adam, t.learning_rate = 0.01f;
  a->train(d, t, 20);
  b->train(d, t, 20);
  CHECK(a->parameter_hash() == b->parameter_hash());
}

TEST_CASE("train(n) is n epochs: the same weights, liveness and final metrics as n train_epoch calls") {
  const Dataset d = make_data(DatasetKind::spiral, 300, 3);
  NetworkConfig c;
  c.hidden = layers({8, 8});
  auto a = make_net(c), b = make_net(c);
  TrainConfig t;
  t.learning_rate = 0.3f;  // some units die on the way: died-at epochs are compared too
  const EpochMetrics ma = a->train(d, t, 20);
  EpochMetrics mb;
  for (int e = 0; e < 20; ++e) mb = b->train_epoch(d, t);
  CHECK(a->parameter_hash() == b->parameter_hash());
  CHECK(ma.epoch == mb.epoch);
  CHECK(ma.train_loss == mb.train_loss);
  CHECK(ma.test_loss == mb.test_loss);
  CHECK(ma.test_accuracy == mb.test_accuracy);
  const Health ha = a->health(d), hb = b->health(d);
  for (size_t l = 0; l < ha.layers.size(); ++l)
    CHECK(ha.layers[l].died_at_epoch == hb.layers[l].died_at_epoch);
  // An epoch that does not score the test set says so with NaN, and still checks the train set.
  const EpochMetrics m = b->train_epoch(d, t, Network::Scoring::train_set);
  CHECK(std::isnan(m.test_loss));
  CHECK(std::isnan(m.test_accuracy));
  CHECK(std::isfinite(m.train_loss));
}

TEST_CASE("train(n) equals n train_epoch calls for every head, BN, learned-α PReLU, tanh and Adam") {
  // The paths that differ: fused or two-pass backward (PReLU's α, BN), the head's metrics, and
  // the unscored epochs of train(n).
  struct Case {
    const char* name;
    DatasetKind data;
    int classes;
    Head head;
    std::vector<LayerConfig> hidden;
    Optimizer optimizer;
  };
  const std::vector<Case> cases = {
      {"softmax, PReLU", DatasetKind::spiral_k, 3, Head::softmax, layers({8, 8}, Act::prelu), Optimizer::sgd},
      {"tanh head, BN", DatasetKind::circle, 2, Head::tanh, layers({8, 6}, Act::relu, true),
       Optimizer::momentum},
      {"linear head, tanh", DatasetKind::regress_plane, 2, Head::linear, layers({8, 8}, Act::tanh),
       Optimizer::adam},
      {"sigmoid, sigmoid units", DatasetKind::xor_, 2, Head::sigmoid, layers({5, 7}, Act::sigmoid),
       Optimizer::sgd},
  };
  for (const Case& k : cases) {
    INFO(k.name);
    const Dataset d = make_data(k.data, 240, 7, 0.1f, k.classes);
    NetworkConfig c;
    c.hidden = k.hidden, c.head = k.head, c.classes = k.classes;
    auto a = make_net(c), b = make_net(c);
    TrainConfig t;
    t.optimizer = k.optimizer, t.learning_rate = k.optimizer == Optimizer::adam ? 0.01f : 0.1f;
    const EpochMetrics ma = a->train(d, t, 12);
    EpochMetrics mb;
    for (int e = 0; e < 12; ++e) mb = b->train_epoch(d, t);
    CHECK(a->parameter_hash() == b->parameter_hash());
    CHECK(ma.train_loss == mb.train_loss);
    CHECK(ma.test_loss == mb.test_loss);
    CHECK(std::isfinite(ma.train_loss));
    const Health ha = a->health(d), hb = b->health(d);
    for (size_t l = 0; l < ha.layers.size(); ++l)
      CHECK(ha.layers[l].died_at_epoch == hb.layers[l].died_at_epoch);
  }
}

TEST_CASE("epochs that skip their metrics still tell a huge finite loss from an infinite one") {
  // train(n)'s earlier epochs check only that every output is below 1e30 in magnitude, and let
  // the loss decide otherwise. Weights of 5e5 (below the divergence limit) make the outputs of
  // four hidden layers ~1e32 (a finite loss) and of five ~1e39 (infinite: divergence).
  const Dataset d = make_data(DatasetKind::spiral, 200);
  for (int depth : {4, 5}) {
    INFO("hidden layers ", depth);
    NetworkConfig c;
    c.hidden = depth == 4 ? layers({8, 8, 8, 8}) : layers({8, 8, 8, 8, 8});
    auto a = make_net(c), b = make_net(c);
    for (auto* net : {a.get(), b.get()})
      for (int l = 0; l < net->layer_count(); ++l) {
        const LayerView L = net->layer(l);
        std::fill(L.W, L.W + L.in * L.out, 5e5f);
      }
    TrainConfig t;
    t.learning_rate = 1e-30f;  // the weights barely move: the outputs stay where they are
    const EpochMetrics ma = a->train(d, t, 3);
    EpochMetrics mb;
    for (int e = 0; e < 3 && !mb.diverged; ++e) mb = b->train_epoch(d, t);
    CHECK(ma.diverged == (depth == 5));
    CHECK(mb.diverged == ma.diverged);
    CHECK(ma.epoch == mb.epoch);
    CHECK(a->parameter_hash() == b->parameter_hash());
    if (depth == 4) CHECK(ma.train_loss > 1e30f);
  }
}

TEST_CASE("epochs that skip their metrics behind tanh or sigmoid still catch a NaN inside") {
  // Those epochs stop at the last hidden layer's z (its activation bounds every output) and
  // check only that this z is finite. A negative running variance in that layer's BN (written
  // through the raw view; imports refuse it) makes its evaluation-mode z NaN while training,
  // which normalises by the batch, stays finite: the epoch must diverge either way.
  const Dataset d = make_data(DatasetKind::circle, 40);
  for (Act act : {Act::tanh, Act::sigmoid}) {
    INFO(activation_info(act).name);
    NetworkConfig c;
    c.hidden = layers({4, 4}, act, true);
    auto a = make_net(c), b = make_net(c);
    for (auto* net : {a.get(), b.get()}) {
      const LayerView L0 = net->layer(0), L1 = net->layer(1);
      std::fill(L0.W, L0.W + L0.in * L0.out, 0.01f);  // a small batch variance: the running one
      L1.running_var[2] = -1.0f;                      // stays negative after the epoch's step
    }
    TrainConfig t;
    t.learning_rate = 1e-30f, t.batch_size = 100;  // one step an epoch; the weights stay put
    const EpochMetrics ma = a->train(d, t, 3);
    const EpochMetrics mb = b->train_epoch(d, t);
    CHECK(mb.diverged);
    CHECK(ma.diverged);
    CHECK(ma.epoch == mb.epoch);
    CHECK(a->parameter_hash() == b->parameter_hash());
  }
}

TEST_CASE("a unit active on the last training point only is live, however the liveness pass is cut") {
  // Unscored liveness passes take the points in chunks and stop computing layers all of whose
  // units were seen active. Here the last hidden layer's unit 0 fires on the last point only
  // (x = 5.5, past every other point's x): every other unit is live from the first chunk on.
  Dataset d(2, 6.0f);
  const Dataset spiral = make_data(DatasetKind::spiral, 300, 5);
  for (int i = 0; i < spiral.train().size(); ++i)
    if (spiral.train().x[i] < 5.0f) d.add(spiral.train().x[i], spiral.train().y[i], spiral.train().label[i]);
  d.add(5.5f, 0.0f, 1.0f);
  REQUIRE(d.train().size() > 2 * 64);
  NetworkConfig c;
  c.hidden = layers({4, 4});
  auto a = make_net(c), b = make_net(c);
  for (auto* net : {a.get(), b.get()}) {
    for (int l = 0; l < 2; ++l) {
      const LayerView L = net->layer(l);
      std::fill(L.W, L.W + L.in * L.out, 0.0f);
      std::fill(L.b, L.b + L.out, 1.0f);
    }
    net->layer(0).W[0] = 1.0f, net->layer(0).b[0] = 10.0f;    // a = x + 10 > 0
    net->layer(1).W[0] = 1.0f, net->layer(1).b[0] = -15.25f;  // z > 0 only where x > 5.25
  }
  TrainConfig t;
  t.learning_rate = 1e-30f;
  // Epoch 1 on every point, then epoch 2 without the last one: the unit dies at epoch 2. Were
  // it wrongly seen dead in epoch 1, its death would date from epoch 1.
  a->train_epoch(d, t, Network::Scoring::none);  // liveness only: the cut pass
  b->train_epoch(d, t);                          // scored: every point through every layer
  REQUIRE(d.remove(d.train().size() - 1));
  a->train_epoch(d, t, Network::Scoring::none);
  b->train_epoch(d, t);
  const Health ha = a->health(d), hb = b->health(d);
  CHECK(hb.layers[1].died_at_epoch[0] == 2);
  for (size_t l = 0; l < ha.layers.size(); ++l)
    CHECK(ha.layers[l].died_at_epoch == hb.layers[l].died_at_epoch);
}

TEST_CASE("output_bound holds for every output, activation, BN and feature, up to the data's corners") {
  // Unscored liveness passes skip the outputs (and stop once every unit was seen active) when
  // this bound is below 1e30: it must hold for every point the pass would have seen. The net
  // here has a linear head (predict returns z itself), large weights and biases, and BN
  // statistics that amplify (running variance 0.05).
  const Dataset d = make_data(DatasetKind::spiral, 300, 3);
  const Points& P = d.train();
  float X = 0, Y = 0;
  for (int p = 0; p < P.size(); ++p) X = std::max(X, std::fabs(P.x[p])), Y = std::max(Y, std::fabs(P.y[p]));
  std::vector<float> xs(P.x), ys(P.y);
  for (float sx : {-1.0f, 1.0f})
    for (float sy : {-1.0f, 1.0f}) xs.push_back(sx * X), ys.push_back(sy * Y);
  Rng rng(11);
  for (const ActivationInfo& info : kActivationTable)
    for (bool bn : {false, true})
      for (uint32_t features : {kDefaultFeatures, (1u << kFeatureCount) - 1}) {
        INFO(info.name, bn ? " with BN" : "", " features ", features);
        NetworkConfig c;
        c.hidden = layers({6, 5}, info.id, bn);
        c.head = Head::linear, c.features = features;
        c.init = Init::normal, c.init_scale = 1.5f;
        auto net = make_net(c);
        for (int l = 0; l < net->layer_count(); ++l) {
          const LayerView L = net->layer(l);
          for (int u = 0; u < L.out; ++u) {
            L.b[u] = static_cast<float>(rng.uniform(-2.0, 2.0));
            if (L.batch_norm)
              L.running_mean[u] = static_cast<float>(rng.uniform(-1.0, 1.0)), L.running_var[u] = 0.05f,
              L.gamma[u] = static_cast<float>(rng.uniform(-2.0, 2.0)), L.beta[u] = 0.5f;
          }
        }
        std::vector<float> out(xs.size());
        net->predict(xs.data(), ys.data(), static_cast<int>(xs.size()), out.data());
        double largest = 0;
        for (float v : out) largest = std::max(largest, double(std::fabs(v)));
        const double bound = net->output_bound(P);
        CHECK(bound < 1e30);
        CHECK(largest <= bound);
        CHECK(largest > 0.0);
      }
  // Two nets where the bound is tight (within its 1 % margins): one unit seeing x² only, and one
  // PReLU unit with α = −3 (its largest output is on the negative side, 3·X at x = −X).
  struct Tight {
    uint32_t features;
    Act act;
    float alpha, largest;
  };
  for (const Tight& k : {Tight{1u << static_cast<int>(Feature::x2), Act::linear, 0.0f, X * X},
                         Tight{1u << static_cast<int>(Feature::x), Act::prelu, -3.0f, 3 * X}}) {
    INFO(activation_info(k.act).name);
    NetworkConfig c;
    c.hidden = layers({1}, k.act);
    c.head = Head::linear, c.features = k.features;
    auto net = make_net(c);
    for (int l = 0; l < 2; ++l) net->layer(l).W[0] = 1.0f, net->layer(l).b[0] = 0.0f;
    net->layer(0).alpha[0] = k.alpha;
    const double bound = net->output_bound(P);
    CHECK(bound >= k.largest);
    CHECK(bound <= k.largest * 1.05);
  }
  // And no bound where none can be shown: a non-finite coordinate, or a negative variance.
  Dataset odd(2, 6.0f);
  odd.add(NAN, 0.0f, 1.0f);
  CHECK(make_net(NetworkConfig{})->output_bound(odd.train()) == kInf);
  NetworkConfig c;
  c.hidden = layers({4}, Act::tanh, true);
  auto net = make_net(c);
  net->layer(0).running_var[1] = -1.0f;
  CHECK(net->output_bound(P) == kInf);
}

TEST_CASE("invalid training configs name their field") {
  TrainConfig t;
  t.learning_rate = NAN;
  CHECK(validate(t).field == "learningRate");
  t = {};
  t.batch_size = 0;
  CHECK(validate(t).field == "batchSize");
  t = {};
  t.regularization_rate = -1;
  CHECK(validate(t).field == "regularizationRate");
  NetworkConfig c;
  c.hidden = layers({65});
  CHECK(validate(c).field == "hidden[0].units");
  c.hidden = std::vector<LayerConfig>(kMaxHiddenLayers + 1, LayerConfig{});
  CHECK(validate(c).field == "hidden");
  c = {};
  c.features = 0;
  CHECK(validate(c).field == "features");
  c = {};
  c.relu_grad_at_zero = 0.3f;
  CHECK(validate(c).field == "reluGradAtZero");
}

TEST_CASE("heads refuse datasets they cannot score, naming the mismatch") {
  auto net = make_net(NetworkConfig{});
  CHECK(net->check_compatible(make_data(DatasetKind::xor_, 10)).ok);
  CHECK(net->check_compatible(make_data(DatasetKind::spiral_k, 30, 1, 0, 3)).field == "output");
  CHECK(net->check_compatible(make_data(DatasetKind::regress_plane, 10)).field == "output");
  NetworkConfig c;
  c.head = Head::softmax, c.classes = 4;
  CHECK(make_net(c)->check_compatible(make_data(DatasetKind::spiral_k, 30, 1, 0, 3)).field == "classes");
}
