// health.cpp — health statistics and ReDo revival (see network.hpp). Cold code: it runs once
// per frame or per click, so it is compiled for size in the wasm builds (CMakeLists.txt).
#include <algorithm>
#include <cmath>

#include "network.hpp"

namespace relu {

// ---- health and revival ---------------------------------------------------------------------

Health Network::health(const Dataset& data, const HealthOptions& opt) {
  const int hidden = hidden_layers();
  Health H;
  H.layers.resize(hidden);
  std::vector<std::vector<double>> sum_abs(hidden);
  std::vector<std::vector<int>> active(hidden);
  std::vector<std::vector<uint8_t>> alive_plane(hidden);
  std::vector<double> zeros(hidden, 0.0);
  for (int l = 0; l < hidden; ++l) {
    const int U = layers_[l].out;
    LayerHealth& h = H.layers[l];
    h.activation = layers_[l].act, h.units = U;
    h.histogram.assign(static_cast<size_t>(U) * kHistogramBins, 0);
    sum_abs[l].assign(U, 0.0), active[l].assign(U, 0), alive_plane[l].assign(U, 0);
  }
  const Points& pts = data.train();
  const int n = pts.size();
  for (int s = 0; s < n; s += kChunk) {
    const int m = std::min(kChunk, n - s);
    load_inputs(&pts.x[s], &pts.y[s], m);
    forward(m, false);
    for (int l = 0; l < hidden; ++l) {
      const Dense& L = layers_[l];
      const ActivationInfo& info = activation_info(L.act);
      LayerHealth& h = H.layers[l];
      for (int u = 0; u < L.out; ++u) {
        const float* z = &L.z[static_cast<size_t>(u) * ld_];
        const float* a = &L.a[static_cast<size_t>(u) * ld_];
        uint32_t* hist = &h.histogram[static_cast<size_t>(u) * kHistogramBins];
        for (int p = 0; p < m; ++p) {
          active[l][u] += z[p] > info.inactive_below && z[p] < info.inactive_above;
          sum_abs[l][u] += std::fabs(a[p]);
          zeros[l] += a[p] == 0.0f;
          if (z[p] == z[p]) {
            const float t = (z[p] + kHistogramRange) / (2.0f * kHistogramRange) * kHistogramBins;
            hist[std::clamp(static_cast<int>(std::floor(std::clamp(t, -1.0f, kHistogramBins + 1.0f))), 0,
                            kHistogramBins - 1)]++;
          }
        }
      }
    }
  }
  // dead on the plane: the same test over a grid of the whole visible domain
  const float e = data.extent();
  const Grid plane{opt.plane_resolution, opt.plane_resolution, -e, e, -e, e};
  const int total = plane.width * plane.height;
  for (int s = 0; s < total; s += kChunk) {
    const int m = std::min(kChunk, total - s);
    load_grid_inputs(plane, s, m);
    forward(m, false);
    mark_active(m, &alive_plane);
  }
  for (int l = 0; l < hidden; ++l) {
    LayerHealth& h = H.layers[l];
    const int U = h.units;
    h.activation_rate.resize(U), h.mean_abs.resize(U), h.dormancy.resize(U);
    h.dead_on_data.resize(U), h.dead_on_plane.resize(U), h.dormant.resize(U);
    h.died_at_epoch.resize(U);
    double layer_mean = 0.0;
    for (int u = 0; u < U; ++u) {
      h.activation_rate[u] = n ? static_cast<float>(active[l][u]) / n : 0.0f;
      h.mean_abs[u] = n ? static_cast<float>(sum_abs[l][u] / n) : 0.0f;
      layer_mean += h.mean_abs[u];
    }
    layer_mean /= U;
    for (int u = 0; u < U; ++u) {
      h.dormancy[u] = layer_mean > 0.0 ? static_cast<float>(h.mean_abs[u] / layer_mean) : 0.0f;
      h.dormant[u] = h.dormancy[u] <= opt.dormancy_tau;
      h.dead_on_data[u] = n > 0 && active[l][u] == 0;
      h.dead_on_plane[u] = !alive_plane[l][u];
      int& d = died_at_[l][u];  // keep the record current (a unit can be born dead)
      if (!h.dead_on_data[u])
        d = -1;
      else if (d < 0)
        d = epoch_;
      h.died_at_epoch[u] = d;
      h.dead_count += h.dead_on_data[u];
    }
    h.sparsity = n ? static_cast<float>(zeros[l] / (static_cast<double>(n) * U)) : 0.0f;
    h.gradient_norm = grad_norm_[l];
    H.dead_units += h.dead_count;
    H.total_units += U;
  }
  return H;
}

std::vector<std::pair<int, int>> Network::dead_units(const Dataset& data, int layer, bool dormant,
                                                     float tau) {
  HealthOptions o;
  o.dormancy_tau = tau;
  const Health H = health(data, o);
  std::vector<std::pair<int, int>> out;
  for (int l = 0; l < hidden_layers(); ++l) {
    if (layer >= 0 && l != layer) continue;
    for (int u = 0; u < H.layers[l].units; ++u)
      if (dormant ? H.layers[l].dormant[u] : H.layers[l].dead_on_data[u]) out.emplace_back(l, u);
  }
  return out;
}

int Network::revive(const std::vector<std::pair<int, int>>& units) {
  int revived = 0;
  for (const auto& [l, u] : units) {
    if (l < 0 || l >= hidden_layers() || u < 0 || u >= layers_[l].out) continue;
    Dense& L = layers_[l];
    init_row(l, u);
    params_[L.b + u] = 0.0f;
    auto reset_state = [this](size_t i) { opt_m_[i] = opt_v_[i] = 0.0f; };
    for (int i = 0; i < L.in; ++i) reset_state(L.W + static_cast<size_t>(u) * L.in + i);
    reset_state(L.b + u);
    if (L.learned_alpha) params_[L.alpha + u] = L.fixed_alpha[u], reset_state(L.alpha + u);
    if (L.bn) {
      params_[L.gamma + u] = 1.0f, params_[L.beta + u] = 0.0f;
      stats_[L.run_mean + u] = 0.0f, stats_[L.run_var + u] = 1.0f;
      reset_state(L.gamma + u), reset_state(L.beta + u);
    }
    Dense& next = layers_[l + 1];
    for (int o = 0; o < next.out; ++o) {
      const size_t i = next.W + static_cast<size_t>(o) * next.in + u;
      params_[i] = 0.0f;
      reset_state(i);
    }
    died_at_[l][u] = -1;
    ++revived;
  }
  return revived;
}

}  // namespace relu
