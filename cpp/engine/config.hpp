// config.hpp — the engine's configuration types, their names and limits, and Status.
//
// Every name a user can type (heads, inits, optimizers, datasets, features) lives in one array
// here, its length static_asserted against the enum; the limits are named constants. The JS
// schema (issue: npm module) mirrors these; tests/engine/test_config.cpp checks the names.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "activations.hpp"

namespace relu {

// ---- limits ---------------------------------------------------------------------------------
constexpr int kMaxHiddenLayers = 20;  ///< 8 is plenty to draw; the born-dead lesson needs 10–20
constexpr int kMinUnits = 1, kMaxUnits = 64;
constexpr int kMinClasses = 2, kMaxClasses = 8;
constexpr int kMinSamples = 2, kMaxSamples = 20000;
constexpr int kMaxBatchSize = 1024;
constexpr int kMaxGridSide = 2048;
constexpr int kHistogramBins = 32;       ///< pre-activation histogram bins over [−kHistogramRange, +]
constexpr float kHistogramRange = 8.0f;  ///< values outside fall in the first or last bin
constexpr float kMaxLearningRate = 1e4f;
/// A weight (or BN statistic) beyond this magnitude counts as divergence, like a NaN: at learning
/// rate 10 a spiral net's weights reach 1e8–1e9 in one epoch while its loss stays finite.
constexpr float kDivergedMagnitude = 1e6f;
constexpr float kBnEpsilon = 1e-5f;  ///< batch norm's ε in (u − μ)/√(σ² + ε)

// ---- status ---------------------------------------------------------------------------------
/// @brief Result of a checked operation: ok, or the offending field and what is allowed.
struct Status {
  bool ok = true;
  std::string field;    ///< e.g. "hidden[2].units"
  std::string message;  ///< e.g. "must be an integer in [1, 64]"
  static Status Ok() { return {}; }
  static Status Error(std::string f, std::string m) { return {false, std::move(f), std::move(m)}; }
  /// @brief "field: message", or "" when ok.
  std::string text() const { return ok ? std::string() : field + ": " + message; }
};

// ---- names ----------------------------------------------------------------------------------
enum class Head : uint8_t { sigmoid, softmax, tanh, linear };
inline constexpr std::array<const char*, 4> kHeadNames = {"sigmoid", "softmax", "tanh", "linear"};

enum class Init : uint8_t {
  he_normal,
  he_uniform,
  xavier_normal,
  xavier_uniform,
  lecun_normal,
  uniform,
  normal
};
inline constexpr std::array<const char*, 7> kInitNames = {
    "he_normal", "he_uniform", "xavier_normal", "xavier_uniform", "lecun_normal", "uniform", "normal"};

enum class Optimizer : uint8_t { sgd, momentum, adam };
inline constexpr std::array<const char*, 3> kOptimizerNames = {"sgd", "momentum", "adam"};

enum class Regularization : uint8_t { none, l1, l2 };
inline constexpr std::array<const char*, 3> kRegularizationNames = {"none", "l1", "l2"};

/// @brief Input features computed from a point (x, y); a network uses any non-empty subset.
enum class Feature : uint8_t { x, y, x2, y2, xy, sin_x, sin_y };
inline constexpr std::array<const char*, 7> kFeatureNames = {"x", "y", "x2", "y2", "xy", "sinx", "siny"};
constexpr int kFeatureCount = 7;
constexpr uint32_t kDefaultFeatures = 0b11;  ///< x and y

/// @brief Index of name in names, or -1.
template <size_t N>
int find_name(const std::array<const char*, N>& names, const std::string& name) {
  for (size_t i = 0; i < N; ++i)
    if (name == names[i]) return static_cast<int>(i);
  return -1;
}
/// @brief "a, b, c" — for error messages listing what is allowed.
template <size_t N>
std::string join_names(const std::array<const char*, N>& names) {
  std::string s;
  for (size_t i = 0; i < N; ++i) s += (i ? ", " : "") + std::string(names[i]);
  return s;
}

// ---- network --------------------------------------------------------------------------------
/// @brief One hidden layer.
struct LayerConfig {
  int units = 8;
  Act activation = Act::relu;
  float alpha = -1.0f;      ///< leak / ELU scale / PReLU start; < 0 means the table's default
  bool batch_norm = false;  ///< normalise the pre-activation (batch stats in training)
};

/// @brief Everything that defines a network before training.
struct NetworkConfig {
  uint32_t features = kDefaultFeatures;  ///< bit i set = Feature i is an input
  std::vector<LayerConfig> hidden = {{8}, {8}};
  Head head = Head::sigmoid;
  int classes = 2;  ///< softmax only: 2..8 output units
  Init init = Init::he_normal;
  float init_scale = 0.5f;  ///< uniform: ±scale; normal: std = scale
  float bias_init = 0.0f;
  float relu_grad_at_zero = 0.0f;  ///< the ReLU'(0) convention g0: 0, 0.5 or 1
  uint64_t seed = 1;
};

/// @brief How one epoch of training updates the weights.
struct TrainConfig {
  Optimizer optimizer = Optimizer::sgd;
  float learning_rate = 0.03f;
  int batch_size = 10;
  Regularization regularization = Regularization::none;
  float regularization_rate = 0.0f;
  float momentum = 0.9f;                                ///< momentum optimizer
  float beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f;  ///< Adam
};

/// @brief Check a network configuration; names the first offending field.
Status validate(const NetworkConfig& c);
/// @brief Check a training configuration; names the first offending field.
Status validate(const TrainConfig& c);

/// @brief Number of input features selected by a feature mask.
int feature_count(uint32_t mask);
/// @brief Number of output units the head needs.
inline int output_units(const NetworkConfig& c) { return c.head == Head::softmax ? c.classes : 1; }
/// @brief The α a layer uses (its own, or the activation's default).
inline float layer_alpha(const LayerConfig& l) {
  return l.alpha >= 0.0f ? l.alpha : activation_info(l.activation).default_alpha;
}

}  // namespace relu
