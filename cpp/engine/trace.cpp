// trace.cpp — see trace.hpp. The forward is the network's own (points_forward, evaluation mode);
// the backward is a plain loop over at most 64 × 64 weights a layer, so it needs no kernel.
#include "trace.hpp"

#include <algorithm>
#include <cmath>

namespace relu {

namespace {

// The head's prediction, loss and ∂L/∂z of one point from the output z (K values).
//   sigmoid: BCE of σ(z), y = label > ½    softmax: cross-entropy, y = class index
//   tanh: ½(tanh z − y)², y = ±1           linear: ½(z − y)²
void head_backward(Head head, const std::vector<float>& z, float label, Trace* t, std::vector<float>* dz) {
  const int K = static_cast<int>(z.size());
  t->prediction.assign(K, 0.0f);
  dz->assign(K, 0.0f);
  const double z0 = z[0];
  switch (head) {
    case Head::sigmoid: {
      const double y = label > 0.5f ? 1.0 : 0.0, p = 1.0 / (1.0 + std::exp(-z0));
      t->prediction[0] = static_cast<float>(p);
      (*dz)[0] = static_cast<float>(p - y);
      t->loss = std::max(z0, 0.0) - z0 * y + std::log1p(std::exp(-std::fabs(z0)));
      break;
    }
    case Head::tanh: {
      const double y = label > 0.5f ? 1.0 : -1.0, th = fast::tanh(z[0]);  // the engine's tanh head
      t->prediction[0] = static_cast<float>(th);
      (*dz)[0] = static_cast<float>((th - y) * (1.0 - th * th));
      t->loss = 0.5 * (th - y) * (th - y);
      break;
    }
    case Head::linear:
      t->prediction[0] = z[0];
      (*dz)[0] = static_cast<float>(z0 - label);
      t->loss = 0.5 * (z0 - label) * (z0 - label);
      break;
    case Head::softmax: {
      const int y = std::clamp(static_cast<int>(label), 0, K - 1);
      const double m = *std::max_element(z.begin(), z.end());
      double s = 0.0;
      for (int k = 0; k < K; ++k) s += std::exp(z[k] - m);
      for (int k = 0; k < K; ++k) {
        const double p = std::exp(z[k] - m) / s;
        t->prediction[k] = static_cast<float>(p);
        (*dz)[k] = static_cast<float>(p - (k == y));
      }
      t->loss = std::log(s) + m - z[y];
      break;
    }
  }
}

// Copies column 0 (the one point) of a (units, ld) block.
std::vector<float> column(const float* block, int units, int ld) {
  std::vector<float> v(units);
  for (int u = 0; u < units; ++u) v[u] = block[static_cast<size_t>(u) * ld];
  return v;
}

}  // namespace

Trace trace_point(Network& net, float x, float y, float label) {
  net.points_forward(&x, &y, 1);
  const int count = net.layer_count(), hidden = net.hidden_layers();
  Trace t;
  t.layers.resize(count);
  int ld = 0;
  for (int l = 0; l < count; ++l) {
    TraceLayer& T = t.layers[l];
    const int units = net.layer(l).out;
    const float* z = net.preactivations(l, &ld);  // sets ld: read it after the call
    T.z = column(z, units, ld);
    T.a = l < hidden ? column(net.activations(l, &ld), units, ld) : T.z;  // same ld
    T.gate.resize(units);
    for (int u = 0; u < units; ++u) T.gate[u] = T.z[u] > 0.0f;
  }
  head_backward(net.config().head, t.layers.back().z, label, &t, &t.layers.back().dLdz);

  const float g0 = net.config().relu_grad_at_zero;
  const float* inputs = net.inputs(&ld);
  const std::vector<float> features = column(inputs, net.layer(0).in, ld);
  for (int l = count - 1; l >= 0; --l) {
    const LayerView v = net.layer(l);
    TraceLayer& T = t.layers[l];
    // ∂L/∂u of u = W·x + b: through BN (evaluation: z = γ(u − μ)/√(σ² + ε) + β) when present.
    std::vector<float> du = T.dLdz;
    if (v.batch_norm)
      for (int u = 0; u < v.out; ++u) du[u] *= v.gamma[u] / std::sqrt(v.running_var[u] + kBnEpsilon);
    const std::vector<float>& x = l > 0 ? t.layers[l - 1].a : features;
    T.dW.resize(static_cast<size_t>(v.out) * v.in);
    for (int u = 0; u < v.out; ++u)
      for (int i = 0; i < v.in; ++i) T.dW[static_cast<size_t>(u) * v.in + i] = du[u] * x[i];
    T.db = du;
    if (l == 0) break;
    TraceLayer& B = t.layers[l - 1];  // ∂L/∂a below, then through its activation
    const LayerView below = net.layer(l - 1);
    const ActivationInfo& info = activation_info(below.activation);
    B.dLdz.assign(v.in, 0.0f);
    for (int i = 0; i < v.in; ++i) {
      float da = 0.0f;
      for (int u = 0; u < v.out; ++u) da += v.W[static_cast<size_t>(u) * v.in + i] * du[u];
      B.dLdz[i] = da * info.df(B.z[i], below.alpha[i], g0);
    }
  }
  return t;
}

}  // namespace relu
