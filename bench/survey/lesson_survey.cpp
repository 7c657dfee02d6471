#include <cmath>
#include <cstdio>
#include <functional>
#include "network.hpp"
using namespace relu;
struct R {
  double dead = 0, acc = 0, inactive = 0;
};
Dataset data(DatasetKind k, uint64_t seed, float extent = 6, int classes = 2) {
  DatasetConfig d;
  d.kind = k;
  d.samples = 500;
  d.seed = seed;
  d.extent = extent;
  d.classes = classes;
  return Dataset::generate(d);
}
NetworkConfig tf(std::vector<int> w, Act a, uint64_t seed) {
  NetworkConfig c;
  c.hidden.clear();
  for (int x : w) c.hidden.push_back({x, a});
  c.init = Init::uniform;
  c.init_scale = 0.5f;
  c.bias_init = 0.1f;
  c.head = Head::tanh;
  c.seed = seed;
  return c;
}
double dead_frac(Network& n, const Dataset& d) {
  auto h = n.health(d);
  return double(h.dead_units) / h.total_units;
}
int main() {
  const int S = 30;
  // half-off: He init, circle, epoch 0
  {
    double rate = 0;
    int zero = 0;
    for (int s = 1; s <= S; s++) {
      auto d = data(DatasetKind::circle, s);
      NetworkConfig c;
      c.hidden = {{8}, {8}};
      c.seed = s;
      Status st;
      auto n = Network::create(c, &st);
      auto h = n->health(d);
      double m = 0;
      int u = 0;
      for (auto& l : h.layers)
        for (float r : l.activation_rate) {
          m += r;
          u++;
          zero += r == 0;
        }
      rate += m / u;
    }
    printf("half-off: mean on-rate %.3f, units at 0%%: %d over %d seeds\n", rate / S, zero, S);
  }
  // too-hot
  for (auto kind : {DatasetKind::circle, DatasetKind::spiral})
    for (float lr : {3.0f, 0.03f}) {
      R r;
      for (int s = 1; s <= S; s++) {
        auto d = data(kind, s);
        Status st;
        auto n = Network::create(tf({8, 8}, Act::relu, s), &st);
        TrainConfig t;
        t.learning_rate = lr;
        auto m = n->train(d, t, lr > 1 ? 10 : 200);
        r.dead += dead_frac(*n, d);
        r.acc += m.test_accuracy;
      }
      printf("too-hot %s lr %g: dead %.3f acc %.3f\n", kind == DatasetKind::circle ? "circle" : "spiral", lr,
             r.dead / S, r.acc / S);
    }
  // leak-helps: circle extent 1, 2-4-2-1 lr 1, 200 epochs
  for (Act a : {Act::relu, Act::leaky_relu}) {
    R r;
    for (int s = 1; s <= S; s++) {
      auto d = data(DatasetKind::circle, s, 1.0f);
      Status st;
      auto n = Network::create(tf({4, 2}, a, s), &st);
      TrainConfig t;
      t.learning_rate = 1;
      auto m = n->train(d, t, 200);
      r.dead += dead_frac(*n, d);
      r.acc += m.test_accuracy;
    }
    printf("leak-helps %s: inactive %.3f acc %.3f\n", activation_info(a).name, r.dead / S, r.acc / S);
  }
  // leak-no-cure: spiral 2-8-8-1 lr 3, 200 epochs
  struct V {
    const char* name;
    Act a;
    float alpha;
    bool redo;
  };
  for (V v : {V{"relu", Act::relu, -1, false}, V{"leaky .01", Act::leaky_relu, 0.01f, false},
              V{"leaky .1", Act::leaky_relu, 0.1f, false}, V{"leaky .3", Act::leaky_relu, 0.3f, false},
              V{"elu", Act::elu, -1, false}, V{"relu+redo", Act::relu, -1, true}}) {
    R r;
    for (int s = 1; s <= S; s++) {
      auto d = data(DatasetKind::spiral, s);
      auto c = tf({8, 8}, v.a, s);
      for (auto& l : c.hidden) l.alpha = v.alpha;
      Status st;
      auto n = Network::create(c, &st);
      TrainConfig t;
      t.learning_rate = 3;
      EpochMetrics m;
      for (int e = 0; e < 200; e++) {
        m = n->train_epoch(d, t);
        if (v.redo && e % 10 == 9) n->revive(n->dead_units(d, -1, false));
      }
      r.dead += dead_frac(*n, d);
      r.acc += m.test_accuracy;
    }
    printf("leak-no-cure %s: inactive %.3f acc %.3f\n", v.name, r.dead / S, r.acc / S);
  }
  {
    R r;
    for (int s = 1; s <= S; s++) {
      auto d = data(DatasetKind::spiral, s);
      Status st;
      auto n = Network::create(tf({8, 8}, Act::relu, s), &st);
      TrainConfig t;
      t.learning_rate = 0.1f;
      auto m = n->train(d, t, 200);
      r.acc += m.test_accuracy;
      r.dead += dead_frac(*n, d);
    }
    printf("leak-no-cure relu lr .1: acc %.3f dead %.3f\n", r.acc / S, r.dead / S);
  }
  // born-dead
  for (int depth : {10, 20})
    for (int width : {2, 8}) {
      int flat = 0;
      const int N = 1000;
      Grid g{41, 41, -1, 1, -1, 1};
      std::vector<float> out(41 * 41 * 1);
      for (int s = 1; s <= N; s++) {
        NetworkConfig c;
        c.hidden.assign(depth, LayerConfig{width, Act::relu});
        c.seed = s;
        Status st;
        auto n = Network::create(c, &st);
        n->predict_grid(g, out.data());
        bool f = true;
        for (float v : out) f = f && v == out[0];
        flat += f;
      }
      printf("born-dead depth %d width %d: constant %.3f\n", depth, width, flat / double(N));
    }
  // data-vs-plane: gauss 2-8-8-1 lr .03
  {
    double dd = 0, dp = 0;
    for (int s = 1; s <= S; s++) {
      auto d = data(DatasetKind::gauss, s);
      Status st;
      auto n = Network::create(tf({8, 8}, Act::relu, s), &st);
      TrainConfig t;
      n->train(d, t, 200);
      auto h = n->health(d);
      int a = 0, b = 0;
      for (auto& l : h.layers)
        for (int u = 0; u < l.units; u++) {
          a += l.dead_on_data[u];
          b += l.dead_on_plane[u];
        }
      dd += a / 16.0;
      dp += b / 16.0;
    }
    printf("data-vs-plane: dead on data %.3f, on plane %.3f\n", dd / S, dp / S);
  }
  // revive
  for (bool redo : {false, true}) {
    R r;
    double l0 = 0;
    for (int s = 1; s <= S; s++) {
      auto d = data(DatasetKind::circle, s);
      Status st;
      auto n = Network::create(tf({8, 8}, Act::relu, s), &st);
      TrainConfig t;
      t.learning_rate = 3;
      n->train(d, t, 20);
      if (redo) n->revive(n->dead_units(d, -1, false));
      t.learning_rate = 0.03f;
      auto m = n->train(d, t, 200);
      auto h = n->health(d);
      r.dead += dead_frac(*n, d);
      l0 += h.layers[0].dead_count;
      r.acc += m.test_accuracy;
    }
    printf("revive redo=%d: dead %.3f (layer0 %.2f units) acc %.3f\n", redo, r.dead / S, l0 / S, r.acc / S);
  }
  // vanishing: spiral, 5 hidden of 8, grad norm first/last after 1 epoch (lr .03)
  for (Act a : {Act::sigmoid, Act::tanh, Act::relu}) {
    double ratio = 0;
    for (int s = 1; s <= S; s++) {
      auto d = data(DatasetKind::spiral, s);
      NetworkConfig c;
      c.hidden.assign(5, LayerConfig{8, a});
      c.seed = s;
      c.init = a == Act::relu ? Init::he_normal : Init::xavier_normal;
      Status st;
      auto n = Network::create(c, &st);
      TrainConfig t;
      n->train(d, t, 1);
      auto h = n->health(d);
      ratio += std::log10(h.layers[0].gradient_norm / h.layers[4].gradient_norm);
    }
    printf("vanishing %s: log10(first/last) %.2f\n", activation_info(a).name, ratio / S);
  }
  // init-and-bn: spiral 6 hidden of 8 relu
  struct I {
    const char* name;
    Init init;
    float scale;
    bool bn;
  };
  for (I v : {I{"std .01", Init::normal, 0.01f, false}, I{"he", Init::he_normal, 0, false},
              I{"std 1", Init::normal, 1, false}, I{"std .01 + BN", Init::normal, 0.01f, true},
              I{"std 1 + BN", Init::normal, 1.0f, true}}) {
    R r;
    int div = 0;
    for (int s = 1; s <= S; s++) {
      auto d = data(DatasetKind::spiral, s);
      NetworkConfig c;
      c.hidden.assign(6, LayerConfig{8, Act::relu, -1, v.bn});
      c.init = v.init;
      c.init_scale = v.scale > 0 ? v.scale : 0.5f;
      c.seed = s;
      Status st;
      auto n = Network::create(c, &st);
      TrainConfig t;
      t.learning_rate = 0.03f;
      auto m = n->train(d, t, 300);
      div += m.diverged;
      r.acc += m.test_accuracy;
      r.dead += dead_frac(*n, d);
    }
    printf("init-and-bn %s: acc %.3f dead %.3f diverged %d\n", v.name, r.acc / S, r.dead / S, div);
  }
  // faster: spiral epochs to 90% test acc, ReLU vs sigmoid vs tanh (He for relu, xavier others), lr .03,
  // 2-8-8-8
  for (Act a : {Act::relu, Act::tanh, Act::sigmoid}) {
    double ep = 0;
    int never = 0;
    for (int s = 1; s <= S; s++) {
      auto d = data(DatasetKind::spiral, s);
      NetworkConfig c;
      c.hidden.assign(3, LayerConfig{8, a});
      c.seed = s;
      c.init = a == Act::relu ? Init::he_normal : Init::xavier_normal;
      Status st;
      auto n = Network::create(c, &st);
      TrainConfig t;
      int e = 0;
      for (; e < 2000; e++) {
        if (n->train_epoch(d, t).test_accuracy >= 0.9f) break;
      }
      if (e == 2000) never++;
      ep += e + 1;
    }
    printf("faster %s: mean epochs to 90%% %.0f (never in 2000: %d)\n", activation_info(a).name, ep / S,
           never);
  }
}
