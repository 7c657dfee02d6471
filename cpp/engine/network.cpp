// network.cpp — see network.hpp. Hot work goes through kernels.hpp; everything here is
// bookkeeping over at most 9 layers of ≤ 64 units.
#include "network.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include <xtensor/xadapt.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xnoalias.hpp>
#include <xtensor/xsort.hpp>

#include "kernels.hpp"

namespace relu {

namespace {
constexpr float kBnMomentum = 0.9f;  // running = m·running + (1 − m)·batch

bool in_range(float v, float lo, float hi) { return v >= lo && v <= hi; }  // false for NaN
}  // namespace

// ---- configuration --------------------------------------------------------------------------

int feature_count(uint32_t mask) {
  int n = 0;
  for (int f = 0; f < kFeatureCount; ++f) n += (mask >> f) & 1u;
  return n;
}

[[gnu::cold]] Status validate(const NetworkConfig& c) {
  if (c.features == 0 || c.features >= (1u << kFeatureCount))
    return Status::Error("features", "must be a non-empty subset of " + join_names(kFeatureNames));
  if (c.hidden.size() > static_cast<size_t>(kMaxHiddenLayers))
    return Status::Error("hidden", "must have at most " + std::to_string(kMaxHiddenLayers) + " layers");
  for (size_t l = 0; l < c.hidden.size(); ++l) {
    const LayerConfig& h = c.hidden[l];
    const std::string at = "hidden[" + std::to_string(l) + "]";
    if (h.units < kMinUnits || h.units > kMaxUnits)
      return Status::Error(at + ".units", "must be an integer in [1, " + std::to_string(kMaxUnits) + "]");
    if (static_cast<int>(h.activation) >= kActivationCount)
      return Status::Error(at + ".activation", "unknown activation");
    if (h.alpha != -1.0f && !in_range(h.alpha, 0.0f, 10.0f))
      return Status::Error(at + ".alpha", "must be in [0, 10]");
  }
  if (static_cast<int>(c.head) >= static_cast<int>(kHeadNames.size()))
    return Status::Error("output", "must be one of " + join_names(kHeadNames));
  if (c.head == Head::softmax && (c.classes < kMinClasses || c.classes > kMaxClasses))
    return Status::Error("classes", "must be an integer in [2, 8]");
  if (static_cast<int>(c.init) >= static_cast<int>(kInitNames.size()))
    return Status::Error("init", "must be one of " + join_names(kInitNames));
  if (!in_range(c.init_scale, 1e-6f, 100.0f)) return Status::Error("initScale", "must be in [1e-6, 100]");
  if (!in_range(c.bias_init, -1000.0f, 1000.0f)) return Status::Error("biasInit", "must be in [-1000, 1000]");
  if (c.relu_grad_at_zero != 0.0f && c.relu_grad_at_zero != 0.5f && c.relu_grad_at_zero != 1.0f)
    return Status::Error("reluGradAtZero", "must be 0, 0.5 or 1");
  return Status::Ok();
}

[[gnu::cold]] Status validate(const TrainConfig& t) {
  if (static_cast<int>(t.optimizer) >= static_cast<int>(kOptimizerNames.size()))
    return Status::Error("optimizer", "must be one of " + join_names(kOptimizerNames));
  if (!(t.learning_rate > 0.0f && t.learning_rate <= kMaxLearningRate))
    return Status::Error("learningRate", "must be in (0, 10000]");
  if (t.batch_size < 1 || t.batch_size > kMaxBatchSize)
    return Status::Error("batchSize", "must be an integer in [1, " + std::to_string(kMaxBatchSize) + "]");
  if (static_cast<int>(t.regularization) >= static_cast<int>(kRegularizationNames.size()))
    return Status::Error("regularization", "must be one of " + join_names(kRegularizationNames));
  if (!in_range(t.regularization_rate, 0.0f, 10.0f))
    return Status::Error("regularizationRate", "must be in [0, 10]");
  if (!(t.momentum >= 0.0f && t.momentum < 1.0f)) return Status::Error("momentum", "must be in [0, 1)");
  if (!(t.beta1 >= 0.0f && t.beta1 < 1.0f)) return Status::Error("beta1", "must be in [0, 1)");
  if (!(t.beta2 >= 0.0f && t.beta2 < 1.0f)) return Status::Error("beta2", "must be in [0, 1)");
  if (!in_range(t.epsilon, 1e-12f, 1.0f)) return Status::Error("epsilon", "must be in [1e-12, 1]");
  return Status::Ok();
}

[[gnu::cold]] Status validate(const Grid& g) {
  if (g.width < 1 || g.width > kMaxGridSide || g.height < 1 || g.height > kMaxGridSide)
    return Status::Error("width/height", "must be integers in [1, " + std::to_string(kMaxGridSide) + "]");
  if (!(std::isfinite(g.x0) && std::isfinite(g.x1) && g.x0 < g.x1))
    return Status::Error("domain", "x range must be finite with x0 < x1");
  if (!(std::isfinite(g.y0) && std::isfinite(g.y1) && g.y0 < g.y1))
    return Status::Error("domain", "y range must be finite with y0 < y1");
  return Status::Ok();
}

[[gnu::cold]] Status Network::check_compatible(const Dataset& data) const {
  switch (config_.head) {
    case Head::sigmoid:
    case Head::tanh:
      if (data.classes() != 2)
        return Status::Error("output", std::string("'") + kHeadNames[static_cast<int>(config_.head)] +
                                           "' needs a two-class dataset; use 'softmax' or 'linear'");
      break;
    case Head::softmax:
      if (data.classes() != config_.classes)
        return Status::Error("classes", "the network has " + std::to_string(config_.classes) +
                                            " outputs but the dataset has " + std::to_string(data.classes()) +
                                            " classes");
      break;
    case Head::linear:
      if (!data.regression())
        return Status::Error("output", "'linear' is for regression datasets; use 'sigmoid' or 'softmax'");
      break;
  }
  return Status::Ok();
}

// ---- construction ---------------------------------------------------------------------------
// The checks above and construction run once per call, never per point or step: [[gnu::cold]]
// has clang (the wasm build) optimise them for size, as the cold files are (the size budget,
// CMakeLists.txt; W4, which creates 1,000 networks, is the bench that would see it).

[[gnu::cold]] std::unique_ptr<Network> Network::create(const NetworkConfig& config, Status* status) {
  Status s = validate(config);
  if (status) *status = s;
  if (!s.ok) return nullptr;
  return std::unique_ptr<Network>(new Network(config));
}

[[gnu::cold]] Network::Network(const NetworkConfig& c)
    : config_(c), init_rng_(c.seed, 1), shuffle_rng_(c.seed, 2) {
  build();
  for (int l = 0; l < layer_count(); ++l) initialise_layer(l);
  ensure_workspace(kChunk);
}

void Network::build() {
  features_ = feature_count(config_.features);
  const int hidden = hidden_layers();
  layers_.assign(hidden + 1, Dense{});
  size_t p = 0, s = 0;
  int in = features_;
  for (int l = 0; l <= hidden; ++l) {
    Dense& L = layers_[l];
    L.in = in;
    if (l < hidden) {
      const LayerConfig& h = config_.hidden[l];
      L.out = h.units;
      L.act = h.activation;
      L.bn = h.batch_norm;
    } else {
      L.out = relu::output_units(config_);
      L.act = Act::linear;  // the head's non-linearity and loss are applied on z directly
    }
    L.learned_alpha = activation_info(L.act).learned_alpha;
    segments_.push_back({p, p + static_cast<size_t>(L.out) * L.in, true});
    L.W = p, p += static_cast<size_t>(L.out) * L.in;
    L.b = p, p += L.out;
    if (L.learned_alpha) L.alpha = p, p += L.out;
    if (L.bn)
      L.gamma = p, p += L.out, L.beta = p, p += L.out, L.run_mean = s, s += L.out, L.run_var = s, s += L.out;
    segments_.push_back({segments_.back().end, p, false});
    L.fixed_alpha.assign(L.out, l < hidden ? layer_alpha(config_.hidden[l]) : 0.0f);
    in = L.out;
  }
  params_ = grads_ = opt_m_ = opt_v_ = xt::zeros<float>({p});
  stats_ = xt::zeros<float>({s});
  grad_sq_.assign(layers_.size(), 0.0);
  grad_norm_.assign(layers_.size(), 0.0f);
  died_at_.assign(hidden, {});
  alive_scratch_.assign(hidden, {});
  for (int l = 0; l < hidden; ++l) {
    died_at_[l].assign(layers_[l].out, -1);
    alive_scratch_[l].assign(layers_[l].out, 0);
  }
}

void Network::init_row(int l, int unit) {
  const Dense& L = layers_[l];
  const double fan_in = L.in, fan_sum = L.in + L.out;
  double a = 0.0;  // uniform half-width, or normal σ
  bool normal = true;
  switch (config_.init) {
    case Init::he_normal: a = det::sqrt(2.0 / fan_in); break;
    case Init::he_uniform: a = det::sqrt(6.0 / fan_in), normal = false; break;
    case Init::xavier_normal: a = det::sqrt(2.0 / fan_sum); break;
    case Init::xavier_uniform: a = det::sqrt(6.0 / fan_sum), normal = false; break;
    case Init::lecun_normal: a = det::sqrt(1.0 / fan_in); break;
    case Init::uniform: a = config_.init_scale, normal = false; break;
    case Init::normal: a = config_.init_scale; break;
  }
  float* w = &params_[L.W + static_cast<size_t>(unit) * L.in];
  for (int i = 0; i < L.in; ++i)
    w[i] = static_cast<float>(normal ? init_rng_.normal() * a : init_rng_.uniform(-a, a));
}

void Network::initialise_layer(int l) {
  Dense& L = layers_[l];
  for (int u = 0; u < L.out; ++u) init_row(l, u);
  std::fill_n(&params_[L.b], L.out, config_.bias_init);
  if (L.learned_alpha) std::fill_n(&params_[L.alpha], L.out, L.fixed_alpha[0]);
  if (L.bn) {
    std::fill_n(&params_[L.gamma], L.out, 1.0f);
    std::fill_n(&params_[L.beta], L.out, 0.0f);
    std::fill_n(&stats_[L.run_mean], L.out, 0.0f);
    std::fill_n(&stats_[L.run_var], L.out, 1.0f);
  }
}

void Network::ensure_workspace(int points) {
  const int need = std::max(kChunk, pad_lanes(points));
  if (need <= cap_) return;
  cap_ = ld_ = need;
  for (Dense& L : layers_) {
    const size_t sz = static_cast<size_t>(L.out) * ld_;
    L.z.assign(sz, 0.0f);
    L.a.assign(sz, 0.0f);
    L.g.assign(sz, 0.0f);
    if (L.bn) L.u.assign(sz, 0.0f), L.zhat.assign(sz, 0.0f);
    L.bn_mean.assign(L.out, 0.0f);
    L.bn_inv_std.assign(L.out, 1.0f);
  }
  feat_.assign(static_cast<size_t>(features_) * ld_, 0.0f);
  batch_x_.assign(cap_, 0.0f);
  batch_y_.assign(cap_, 0.0f);
  batch_label_.assign(cap_, 0.0f);
}

int Network::total_hidden_units() const {
  int n = 0;
  for (int l = 0; l < hidden_layers(); ++l) n += layers_[l].out;
  return n;
}

LayerView Network::layer(int l) {
  Dense& L = layers_[l];
  LayerView v;
  v.in = L.in, v.out = L.out, v.activation = L.act, v.batch_norm = L.bn;
  v.W = &params_[L.W], v.b = &params_[L.b];
  v.alpha = L.learned_alpha ? &params_[L.alpha] : L.fixed_alpha.data();
  if (L.bn) {
    v.gamma = &params_[L.gamma], v.beta = &params_[L.beta];
    v.running_mean = &stats_[L.run_mean], v.running_var = &stats_[L.run_var];
  }
  return v;
}

const float* Network::alpha_of(const Dense& L) const {
  return L.learned_alpha ? &params_[L.alpha] : L.fixed_alpha.data();
}

bool Network::set_parameter(int l, int unit, int input, float value) {
  if (l < 0 || l >= layer_count() || !std::isfinite(value)) return false;
  const Dense& L = layers_[l];
  if (unit < 0 || unit >= L.out || input < -1 || input >= L.in) return false;
  params_[input < 0 ? L.b + unit : L.W + static_cast<size_t>(unit) * L.in + input] = value;
  return true;
}

void Network::set_alpha(int l, float alpha) {
  if (l < 0 || l >= hidden_layers()) return;
  Dense& L = layers_[l];
  config_.hidden[l].alpha = alpha;
  std::fill(L.fixed_alpha.begin(), L.fixed_alpha.end(), alpha);
  if (L.learned_alpha) std::fill_n(&params_[L.alpha], L.out, alpha);
}

// ---- forward --------------------------------------------------------------------------------

template <class X, class Y>
void Network::fill_features(X x, Y y, int n) {
  const int np = pad_lanes(n);
  float* f = feat_.data();
  for (int k = 0; k < kFeatureCount; ++k) {
    if (!((config_.features >> k) & 1u)) continue;
    switch (static_cast<Feature>(k)) {  // one tight loop per feature
      case Feature::x:
        for (int p = 0; p < n; ++p) f[p] = x(p);
        break;
      case Feature::y:
        for (int p = 0; p < n; ++p) f[p] = y(p);
        break;
      case Feature::x2:
        for (int p = 0; p < n; ++p) f[p] = x(p) * x(p);
        break;
      case Feature::y2:
        for (int p = 0; p < n; ++p) f[p] = y(p) * y(p);
        break;
      case Feature::xy:
        for (int p = 0; p < n; ++p) f[p] = x(p) * y(p);
        break;
      case Feature::sin_x:
        for (int p = 0; p < n; ++p) f[p] = static_cast<float>(det::sin(x(p)));
        break;
      case Feature::sin_y:
        for (int p = 0; p < n; ++p) f[p] = static_cast<float>(det::sin(y(p)));
        break;
    }
    for (int p = n; p < np; ++p) f[p] = 0.0f;  // padding stays finite
    f += ld_;
  }
}

void Network::load_inputs(const float* xs, const float* ys, int n) {
  fill_features([xs](int p) { return xs[p]; }, [ys](int p) { return ys[p]; }, n);
}

void Network::load_minibatch(const Points& tr, const uint32_t* idx, int m) {
  for (int i = 0; i < m; ++i) batch_label_[i] = tr.label[idx[i]];
  fill_features([&](int p) { return tr.x[idx[p]]; }, [&](int p) { return tr.y[idx[p]]; }, m);
}

void Network::load_grid_inputs(const Grid& grid, int start, int n) {
  // Column x's are computed once per grid (Grid::x divides); then the cells from `start` are
  // walked in row-major order with a copy per point.
  if (grid_x_.size() != static_cast<size_t>(grid.width) || grid_x_of_.x0 != grid.x0 ||
      grid_x_of_.x1 != grid.x1) {
    grid_x_.resize(grid.width);
    for (int i = 0; i < grid.width; ++i) grid_x_[i] = grid.x(i);
    grid_x_of_ = grid;
  }
  int i = start % grid.width, j = start / grid.width;
  for (int p = 0; p < n;) {
    const int run = std::min(n - p, grid.width - i);  // the rest of row j
    std::memcpy(&batch_x_[p], &grid_x_[i], sizeof(float) * run);
    std::fill_n(&batch_y_[p], run, grid.y(j));
    p += run, i = 0, ++j;
  }
  load_inputs(batch_x_.data(), batch_y_.data(), n);
}

void Network::batch_norm_forward(Dense& L, int n, bool train, bool update_stats) {
  const int np = pad_lanes(n);
  for (int u = 0; u < L.out; ++u) {
    const float* x = &L.u[static_cast<size_t>(u) * ld_];
    float mean, inv;
    if (train) {
      double s = 0.0, ss = 0.0;
      for (int p = 0; p < n; ++p) s += x[p];
      const double m = s / n;
      for (int p = 0; p < n; ++p) ss += (x[p] - m) * (x[p] - m);
      const double var = ss / n;
      mean = static_cast<float>(m);
      inv = static_cast<float>(1.0 / det::sqrt(var + kBnEpsilon));
      L.bn_mean[u] = mean, L.bn_inv_std[u] = inv;
      if (update_stats) {
        float& rm = stats_[L.run_mean + u];
        float& rv = stats_[L.run_var + u];
        rm = kBnMomentum * rm + (1.0f - kBnMomentum) * mean;
        rv = kBnMomentum * rv + (1.0f - kBnMomentum) * static_cast<float>(var);
      }
    } else {
      mean = stats_[L.run_mean + u];
      inv = 1.0f / std::sqrt(stats_[L.run_var + u] + kBnEpsilon);
    }
    const float gamma = params_[L.gamma + u], beta = params_[L.beta + u];
    float* zh = &L.zhat[static_cast<size_t>(u) * ld_];
    float* z = &L.z[static_cast<size_t>(u) * ld_];
    for (int p = 0; p < np; ++p) {
      zh[p] = (x[p] - mean) * inv;
      z[p] = gamma * zh[p] + beta;
    }
  }
}

void Network::forward(int n, bool train, bool update_stats, int through) {
  const float* x = feat_.data();
  const int hidden = hidden_layers(), last = through < 0 ? hidden : through;
  const bool outputs = through < 0;
  for (int l = 0; l <= last; ++l) {
    Dense& L = layers_[l];
    const float *W = &params_[L.W], *b = &params_[L.b];
    const bool act = l < last || (outputs && l < hidden);
    if (act && !L.bn) {  // z and a in one pass (training, liveness and health read z)
      kernels::dense_act_forward(L.act, alpha_of(L), W, b, x, L.z.data(), L.a.data(), L.in, L.out, n, ld_);
    } else {  // z alone; or BN, which comes between z = W·x + b and the activation
      kernels::dense_forward(W, b, x, L.bn ? L.u.data() : L.z.data(), L.in, L.out, n, ld_);
      if (L.bn) batch_norm_forward(L, n, train, update_stats);
      if (act) kernels::activation_forward(L.act, alpha_of(L), L.z.data(), L.a.data(), L.out, n, ld_);
    }
    x = L.a.data();
  }
}

void Network::infer(int n, bool head) {
  const float* x = feat_.data();
  const int hidden = hidden_layers();
  const bool unit_head = config_.head == Head::sigmoid || config_.head == Head::tanh;
  const float zero = 0.0f;
  for (int l = 0; l <= hidden; ++l) {
    Dense& L = layers_[l];
    const float *W = &params_[L.W], *b = &params_[L.b];
    if (L.bn) {
      kernels::dense_forward(W, b, x, L.u.data(), L.in, L.out, n, ld_);
      batch_norm_forward(L, n, false, false);
      if (l < hidden)
        kernels::activation_forward(L.act, alpha_of(L), L.z.data(), L.a.data(), L.out, n, ld_);
      else if (head && unit_head)
        kernels::activation_forward(head_act(), &zero, L.z.data(), L.a.data(), 1, n, ld_);
    } else if (l < hidden) {
      kernels::dense_act_forward(L.act, alpha_of(L), W, b, x, nullptr, L.a.data(), L.in, L.out, n, ld_);
    } else if (head && unit_head) {
      kernels::dense_act_forward(head_act(), &zero, W, b, x, nullptr, L.a.data(), L.in, 1, n, ld_);
    } else {
      kernels::dense_forward(W, b, x, L.z.data(), L.in, L.out, n, ld_);
    }
    x = L.a.data();
  }
}

// ---- heads and losses -----------------------------------------------------------------------
//   sigmoid: p = σ(z), binary cross-entropy          ∂L/∂z = p − y        (y ∈ {0, 1})
//   softmax: p = softmax(z), cross-entropy           ∂L/∂z = p − onehot(y)
//   tanh:    t = tanh(z), ½(t − y)²                  ∂L/∂z = (t − y)(1 − t²)  (y ∈ {−1, +1})
//   linear:  z, ½(z − y)²                            ∂L/∂z = z − y
// Losses are means over the points; classes arrive as indices and are mapped per head.

double Network::output_gradient(const float* labels, int n, bool want_loss) {
  Dense& O = layers_.back();
  const int K = O.out, np = pad_lanes(n);
  const float inv_n = 1.0f / n;
  double loss = 0.0;
  float* g = O.g.data();
  const float* z = O.z.data();
  for (int k = 0; k < K; ++k)
    for (int p = n; p < np; ++p) g[k * ld_ + p] = 0.0f;  // padding must not feed the sums
  switch (config_.head) {
    case Head::sigmoid:
      kernels::sigmoid_bce_grad(z, labels, n, inv_n, g);
      if (want_loss)  // gradient checks: the exact loss in double
        for (int p = 0; p < n; ++p) {
          const double zz = z[p], y = labels[p] > 0.5f ? 1.0 : 0.0;
          loss += std::max(zz, 0.0) - zz * y + std::log1p(std::exp(-std::fabs(zz)));
        }
      break;
    case Head::tanh:
      for (int p = 0; p < n; ++p) {
        const float y = labels[p] > 0.5f ? 1.0f : -1.0f, t = fast::tanh(z[p]);
        g[p] = (t - y) * (1.0f - t * t) * inv_n;
        if (want_loss) loss += 0.5 * (t - y) * (t - y);
      }
      break;
    case Head::linear:
      for (int p = 0; p < n; ++p) {
        g[p] = (z[p] - labels[p]) * inv_n;
        if (want_loss) loss += 0.5 * (static_cast<double>(z[p]) - labels[p]) * (z[p] - labels[p]);
      }
      break;
    case Head::softmax:
      for (int p = 0; p < n; ++p) {
        const int y = std::clamp(static_cast<int>(labels[p]), 0, K - 1);
        float m = z[p];
        for (int k = 1; k < K; ++k) m = std::max(m, z[k * ld_ + p]);
        float s = 0.0f;
        for (int k = 0; k < K; ++k) s += (g[k * ld_ + p] = fast::exp(z[k * ld_ + p] - m));
        for (int k = 0; k < K; ++k) g[k * ld_ + p] = (g[k * ld_ + p] / s - (k == y)) * inv_n;
        if (want_loss) {
          double se = 0.0;
          for (int k = 0; k < K; ++k) se += std::exp(static_cast<double>(z[k * ld_ + p]) - m);
          loss += std::log(se) + m - z[y * ld_ + p];
        }
      }
      break;
  }
  return loss / n;
}

void Network::head_outputs(int n, float* out, int stride) {
  const Dense& O = layers_.back();
  const int K = O.out;
  if (config_.head != Head::softmax) {  // one unit: infer(n, true) left its values in a or z
    const float* v = config_.head == Head::linear ? O.z.data() : O.a.data();
    if (stride == 1)
      std::memcpy(out, v, sizeof(float) * n);
    else
      for (int p = 0; p < n; ++p) out[static_cast<size_t>(p) * stride] = v[p];
    return;
  }
  const float* z = O.z.data();
  for (int p = 0; p < n; ++p) {
    float* o = out + static_cast<size_t>(p) * stride;
    float m = z[p], s = 0.0f;
    for (int k = 1; k < K; ++k) m = std::max(m, z[k * ld_ + p]);
    for (int k = 0; k < K; ++k) s += (o[k] = fast::exp(z[k * ld_ + p] - m));
    for (int k = 0; k < K; ++k) o[k] /= s;
  }
}

void Network::accumulate_metrics(const float* labels, int n, double* loss, double* correct) const {
  const Dense& O = layers_.back();
  const float* z = O.z.data();
  const int K = O.out;
  if (config_.head == Head::sigmoid || config_.head == Head::tanh) {  // float lanes per chunk
    float l = 0.0f, c = 0.0f;
    if (config_.head == Head::sigmoid)
      kernels::sigmoid_bce_sum(z, labels, n, &l, &c);
    else
      kernels::tanh_square_sum(z, labels, n, &l, &c);
    *loss += l, *correct += c;
    return;
  }
  for (int p = 0; p < n; ++p) {
    const double zz = z[p];
    if (config_.head == Head::linear) {
      *loss += 0.5 * (zz - labels[p]) * (zz - labels[p]);
      continue;
    }
    const int y = std::clamp(static_cast<int>(labels[p]), 0, K - 1);  // softmax
    double m = zz;
    int arg = 0;
    for (int k = 1; k < K; ++k)
      if (z[k * ld_ + p] > m) m = z[k * ld_ + p], arg = k;
    double se = 0.0;
    for (int k = 0; k < K; ++k) se += std::exp(z[k * ld_ + p] - m);
    *loss += std::log(se) + m - z[y * ld_ + p];
    *correct += (arg == y);
  }
}

// ---- backward and update --------------------------------------------------------------------

void Network::batch_norm_backward(Dense& L, int n) {
  // z = γ·ẑ + β, ẑ = (u − μ)/σ over the batch:
  // ∂L/∂u = (1/(nσ)) · (n·∂ẑ − Σ∂ẑ − ẑ·Σ(∂ẑ·ẑ)), with ∂ẑ = γ·∂L/∂z.
  const int np = pad_lanes(n);
  for (int u = 0; u < L.out; ++u) {
    float* g = &L.g[static_cast<size_t>(u) * ld_];
    const float* zh = &L.zhat[static_cast<size_t>(u) * ld_];
    const float gamma = params_[L.gamma + u];
    double dgamma = 0.0, dbeta = 0.0, s1 = 0.0, s2 = 0.0;
    for (int p = 0; p < n; ++p) {
      dgamma += g[p] * zh[p];
      dbeta += g[p];
    }
    s1 = gamma * dbeta;
    s2 = gamma * dgamma;
    grads_[L.gamma + u] = static_cast<float>(dgamma);
    grads_[L.beta + u] = static_cast<float>(dbeta);
    const float k = L.bn_inv_std[u] / n;
    for (int p = 0; p < n; ++p) g[p] = k * static_cast<float>(n * gamma * g[p] - s1 - zh[p] * s2);
    for (int p = n; p < np; ++p) g[p] = 0.0f;
  }
}

void Network::backward(int n) {
  bool fused = false;  // the layer's g already went through its activation (dense_backward_act)
  for (int l = hidden_layers(); l >= 0; --l) {
    Dense& L = layers_[l];
    if (l < hidden_layers() && !fused) {
      float* dalpha = L.learned_alpha ? &grads_[L.alpha] : nullptr;
      kernels::activation_backward(L.act, alpha_of(L), config_.relu_grad_at_zero, L.z.data(), L.a.data(),
                                   L.g.data(), L.g.data(), dalpha, L.out, n, ld_);
    }
    if (l < hidden_layers() && L.bn) batch_norm_backward(L, n);
    const float* x = l > 0 ? layers_[l - 1].a.data() : feat_.data();
    float* dx = l > 0 ? layers_[l - 1].g.data() : nullptr;
    // The layer below takes its activation's derivative in this pass unless it learns α (whose
    // gradient needs the upstream gradient before that product).
    Dense* below = l > 0 ? &layers_[l - 1] : nullptr;
    fused = below && !below->learned_alpha;
    if (fused)
      kernels::dense_backward_act(below->act, alpha_of(*below), config_.relu_grad_at_zero, below->z.data(),
                                  &params_[L.W], x, L.g.data(), &grads_[L.W], &grads_[L.b], dx, L.in, L.out,
                                  n, ld_);
    else
      kernels::dense_backward(&params_[L.W], x, L.g.data(), &grads_[L.W], &grads_[L.b], dx, L.in, L.out, n,
                              ld_);
  }
}

void Network::step(const TrainConfig& t) {
  // Weight decay per weight segment (xt::noalias: element-wise, so no temporary and no
  // allocation), then one update of the whole flat parameter tensor: a kernel, as it runs once
  // per minibatch (the xtensor expression took 0.10 µs of W1's ~1 µs step).
  const float lr = t.learning_rate;
  const float l1 = t.regularization == Regularization::l1 ? t.regularization_rate : 0.0f;
  const float l2 = t.regularization == Regularization::l2 ? t.regularization_rate : 0.0f;
  float c1 = 1.0f, c2 = 1.0f;
  if (t.optimizer == Optimizer::adam) {
    beta1_pow_ *= t.beta1;
    beta2_pow_ *= t.beta2;
    c1 = static_cast<float>(1.0 / (1.0 - beta1_pow_));
    c2 = static_cast<float>(1.0 / (1.0 - beta2_pow_));
  }
  if (l1 != 0.0f || l2 != 0.0f) {  // weight decay: weight segments only
    for (const Segment& s : segments_) {
      if (!s.decay) continue;
      const std::array<size_t, 1> shape{s.end - s.begin};
      auto view = [&](Flat& f) { return xt::adapt(f.data() + s.begin, shape[0], xt::no_ownership(), shape); };
      auto w = view(params_);
      auto g = view(grads_);
      xt::noalias(g) += l2 * w + l1 * xt::sign(w);
    }
  }
  float* w = params_.data();
  const float* g = grads_.data();
  const int n = static_cast<int>(params_.size());
  switch (t.optimizer) {
    case Optimizer::sgd: kernels::sgd_update(w, g, n, lr); break;
    case Optimizer::momentum: kernels::momentum_update(w, opt_m_.data(), g, n, lr, t.momentum); break;
    case Optimizer::adam:
      kernels::adam_update(w, opt_m_.data(), opt_v_.data(), g, n, {lr, t.beta1, t.beta2, c1, c2, t.epsilon});
      break;
  }
}

// ---- training and evaluation ----------------------------------------------------------------

bool Network::parameters_finite() const {
  return kernels::all_abs_below(params_.data(), static_cast<int>(params_.size()), kDivergedMagnitude) &&
         kernels::all_abs_below(stats_.data(), static_cast<int>(stats_.size()), kDivergedMagnitude);
}

double Network::output_bound(const Points& pts) const {
  // |input| ≤ X or Y per coordinate gives each feature's bound; then layer by layer
  // |z_u| ≤ |b_u| + Σ|W_ui|·B (BN: |γ|(B + |μ|)/√(σ² + ε) + |β|) and |f(z)| ≤ max(|f(−B)|,
  // |f(B)|, |lo|) for every entry of the activation table (each is monotone on either side of
  // 0 or bounded below by lo). In double, with 1 % margin a layer for the float rounding.
  double X = 0.0, Y = 0.0;
  for (int p = 0; p < pts.size(); ++p) {
    const double ax = std::fabs(pts.x[p]), ay = std::fabs(pts.y[p]);
    if (!(ax < 1e30 && ay < 1e30)) return kInf;  // NaN included
    X = std::max(X, ax), Y = std::max(Y, ay);
  }
  double B = 0.0;
  for (int k = 0; k < kFeatureCount; ++k) {
    if (!((config_.features >> k) & 1u)) continue;
    switch (static_cast<Feature>(k)) {  // each feature's bound, as fill_features computes it
      case Feature::x: B = std::max(B, X); break;
      case Feature::y: B = std::max(B, Y); break;
      case Feature::x2: B = std::max(B, X * X); break;
      case Feature::y2: B = std::max(B, Y * Y); break;
      case Feature::xy: B = std::max(B, X * Y); break;
      case Feature::sin_x:
      case Feature::sin_y: B = std::max(B, 1.0); break;
    }
  }
  if (!(B < 1e30)) return kInf;
  for (int l = 0; l < layer_count(); ++l) {
    const Dense& L = layers_[l];
    double Bz = 0.0;
    for (int u = 0; u < L.out; ++u) {
      double s = std::fabs(params_[L.b + u]);
      for (int i = 0; i < L.in; ++i) s += std::fabs(params_[L.W + static_cast<size_t>(u) * L.in + i]) * B;
      if (L.bn) {
        const double var = static_cast<double>(stats_[L.run_var + u]) + kBnEpsilon;
        if (!(var > 0.0)) return kInf;  // evaluation would divide by √(negative): NaN
        s = std::fabs(params_[L.gamma + u]) * (s + std::fabs(stats_[L.run_mean + u])) / det::sqrt(var) +
            std::fabs(params_[L.beta + u]);
      }
      if (!(s < 1e30)) return kInf;  // NaN included
      Bz = std::max(Bz, s * 1.01);
    }
    if (l == hidden_layers()) return Bz;
    const ActivationInfo& A = activation_info(L.act);
    const float* alpha = alpha_of(L);
    double Ba = std::isfinite(A.lo) ? std::fabs(A.lo) : 0.0;
    for (int u = 0; u < L.out; ++u) {
      const double up = std::fabs(A.f(static_cast<float>(Bz), alpha[u]));
      const double down = std::fabs(A.f(static_cast<float>(-Bz), alpha[u]));
      if (!(up < 1e30 && down < 1e30)) return kInf;
      Ba = std::max({Ba, up, down});
    }
    B = Ba * 1.01;
  }
  return kInf;
}

bool Network::eval_set(const Points& pts, float* loss, float* accuracy, bool track_liveness) {
  // Without metrics (loss == nullptr), outputs below kBounded in magnitude prove the loss finite
  // for every head (the per-point losses are then < 1e30 and their float sums < 1e33).
  constexpr float kBounded = 1e30f;
  const Dense& O = layers_.back();
  const int n = pts.size();
  double l = 0.0, c = 0.0;
  bool bounded = true;
  const bool liveness_only = !loss && track_liveness && hidden_layers() > 0;
  // Liveness without metrics, two shortcuts. (1) When the weights alone bound every output
  // below kBounded (output_bound), no output need be seen: the points go in chunks of
  // kLiveChunk, each only as deep as the deepest layer with a unit not yet seen active (and
  // never past the last hidden z), and the pass stops once every unit has been. (2) Otherwise,
  // behind a bounded last hidden activation (tanh, sigmoid: |a| ≤ 1), each output is below
  // (in + 1)·kDivergedMagnitude ≪ kBounded (every weight is below that here) once the last
  // hidden z is finite (NaN passes through the activation): the pass stops at that z, checked.
  const bool a_priori = liveness_only && output_bound(pts) < kBounded;
  const Dense* H = hidden_layers() > 0 ? &layers_[hidden_layers() - 1] : nullptr;
  const ActivationInfo* hi = H ? &activation_info(H->act) : nullptr;
  const bool no_outputs =
      a_priori ||
      (liveness_only && std::max(-hi->lo, hi->hi) * (O.in + 1.0f) * kDivergedMagnitude < kBounded);
  const int chunk = a_priori ? kLiveChunk : kChunk;
  int through = no_outputs ? hidden_layers() - 1 : -1;  // a priori: the deepest layer not all live
  const Dense& checked = no_outputs ? *H : O;           // what is checked without a priori bound
  const float bound = no_outputs ? kInf : kBounded;
  if (track_liveness)
    for (auto& a : alive_scratch_) std::fill(a.begin(), a.end(), 0);
  for (int s = 0; s < n; s += chunk) {
    const int m = std::min(chunk, n - s);
    load_inputs(&pts.x[s], &pts.y[s], m);
    if (track_liveness)
      forward(m, false, true, through);
    else
      infer(m, false);
    if (loss)
      accumulate_metrics(&pts.label[s], m, &l, &c);
    else if (!a_priori)
      for (int k = 0; k < checked.out; ++k)
        bounded &= kernels::all_abs_below(&checked.z[static_cast<size_t>(k) * ld_], m, bound);
    if (track_liveness) mark_active(m, &alive_scratch_);
    if (a_priori) {  // deeper layers, all seen active, need not be computed again
      while (through >= 0 &&
             std::count(alive_scratch_[through].begin(), alive_scratch_[through].end(), 0) == 0)
        --through;
      if (through < 0) break;
    }
  }
  if (!loss) {
    if (bounded) return true;
    float full_loss, full_accuracy;  // rare: let the loss itself decide
    return eval_set(pts, &full_loss, &full_accuracy, false);
  }
  *loss = n ? static_cast<float>(l / n) : 0.0f;
  *accuracy = config_.head == Head::linear ? NAN : (n ? static_cast<float>(c / n) : 0.0f);
  return std::isfinite(*loss);
}

void Network::mark_active(int n, std::vector<std::vector<uint8_t>>* alive) const {
  for (int h = 0; h < hidden_layers(); ++h) {
    const Dense& L = layers_[h];
    const ActivationInfo& info = activation_info(L.act);
    for (int u = 0; u < L.out; ++u) {
      uint8_t& flag = (*alive)[h][u];
      const float* z = &L.z[static_cast<size_t>(u) * ld_];
      for (int p = 0; p < n && !flag; ++p) flag = z[p] > info.inactive_below && z[p] < info.inactive_above;
    }
  }
}

void Network::commit_liveness() {
  for (int h = 0; h < hidden_layers(); ++h)
    for (int u = 0; u < layers_[h].out; ++u) {
      int& d = died_at_[h][u];
      if (alive_scratch_[h][u])
        d = -1;
      else if (d < 0)
        d = epoch_;
    }
}

EpochMetrics Network::evaluate(const Dataset& data) {
  EpochMetrics m;
  m.epoch = epoch_;
  eval_set(data.train(), &m.train_loss, &m.train_accuracy, false);
  eval_set(data.test(), &m.test_loss, &m.test_accuracy, false);
  return m;
}

// train_epoch: see stepping.cpp (an epoch is begun, stepped through and ended there).

EpochMetrics Network::train(const Dataset& data, const TrainConfig& t, int epochs) {
  EpochMetrics m = epochs > 0 ? EpochMetrics{} : evaluate(data);
  for (int e = 0; e < epochs; ++e) {
    m = train_epoch(data, t,
                    e == epochs - 1 ? Scoring::both_sets : Scoring::none);  // only the last is returned
    if (m.diverged) break;
  }
  return m;
}

double Network::loss_and_gradient(const float* xs, const float* ys, const float* labels, int n) {
  ensure_workspace(n);
  load_inputs(xs, ys, n);
  forward(n, true, false);
  grads_.fill(0.0f);
  const double loss = output_gradient(labels, n, true);
  backward(n);
  return loss;
}

std::vector<int8_t> Network::activation_pattern(int n) const {
  std::vector<int8_t> s;
  for (int l = 0; l < hidden_layers(); ++l)
    for (int u = 0; u < layers_[l].out; ++u)
      for (int p = 0; p < n; ++p) {
        const float z = layers_[l].z[static_cast<size_t>(u) * ld_ + p];
        s.push_back(static_cast<int8_t>((z > 0.0f) - (z < 0.0f)));
      }
  return s;
}

uint64_t Network::parameter_hash() const {
  uint64_t h = 1469598103934665603ULL;
  auto mix = [&h](const Flat& v) {
    for (float f : v) {
      uint32_t bits;
      std::memcpy(&bits, &f, sizeof bits);
      for (int k = 0; k < 4; ++k) h = (h ^ ((bits >> (8 * k)) & 0xffu)) * 1099511628211ULL;
    }
  };
  mix(params_);
  mix(stats_);
  return h;
}

// ---- grids ----------------------------------------------------------------------------------

void Network::predict(const float* xs, const float* ys, int n, float* out) {
  const int K = output_units();
  for (int s = 0; s < n; s += kChunk) {
    const int m = std::min(kChunk, n - s);
    load_inputs(xs + s, ys + s, m);
    infer(m, true);
    head_outputs(m, out + static_cast<size_t>(s) * K, K);
  }
}

void Network::predict_grid(const Grid& grid, float* out) {
  const int K = output_units(), total = grid.width * grid.height;
  for (int s = 0; s < total; s += kChunk) {
    const int m = std::min(kChunk, total - s);
    load_grid_inputs(grid, s, m);
    infer(m, true);
    head_outputs(m, out + static_cast<size_t>(s) * K, K);
  }
}

void Network::points_forward(const float* xs, const float* ys, int n) {
  load_inputs(xs, ys, n);
  forward(n, false, false);
}

void Network::grid_forward(const Grid& grid, int start, int n, int through) {
  load_grid_inputs(grid, start, n);
  forward(n, false, false, through);
}

void Network::unit_maps(const Grid& grid, float* out) {
  const int total = grid.width * grid.height;
  for (int s = 0; s < total; s += kChunk) {
    const int m = std::min(kChunk, total - s);
    load_grid_inputs(grid, s, m);
    infer(m, false);
    size_t block = 0;
    for (int l = 0; l < hidden_layers(); ++l)
      for (int u = 0; u < layers_[l].out; ++u, ++block)
        std::memcpy(out + block * total + s, &layers_[l].a[static_cast<size_t>(u) * ld_], sizeof(float) * m);
  }
}

}  // namespace relu
