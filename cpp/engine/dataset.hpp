// dataset.hpp — the 2D datasets (TF Playground's and a few more) and user-edited points.
//
// All generators draw from one seeded relu::Rng, so a seed gives the same points natively and
// in wasm. The domain is [−extent, extent]² (default 6, as in TF Playground).
//
// What `noise` (in [0, 1]) means, per dataset:
// - circle, xor, spiral, moons, spiral_k, regress_plane, regress_gauss: each point is moved by a
//   Gaussian offset with σ = noise · extent / 6 · 1.0 (so noise 0.5 ≈ half a unit on [-6, 6]);
//   its label stays that of the clean point, so high noise mixes classes near the boundary.
// - gauss, blobs_k: the blobs' σ grows: σ = (0.5 + 2.5 · noise) · extent / 6.
// Points that noise pushes out of the domain are clamped to its edge.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "config.hpp"

namespace relu {

enum class DatasetKind : uint8_t {
  circle,
  xor_,
  gauss,
  spiral,
  moons,
  spiral_k,
  blobs_k,
  regress_plane,
  regress_gauss
};
inline constexpr std::array<const char*, 9> kDatasetNames = {
    "circle", "xor", "gauss", "spiral", "moons", "spiral_k", "blobs_k", "regress_plane", "regress_gauss"};

/// @brief True for the datasets whose labels are real values in [−1, 1] rather than classes.
inline bool is_regression(DatasetKind k) {
  return k == DatasetKind::regress_plane || k == DatasetKind::regress_gauss;
}

struct DatasetConfig {
  DatasetKind kind = DatasetKind::circle;
  int samples = 500;
  float noise = 0.0f;
  float train_fraction = 0.5f;
  int classes = 2;  ///< spiral_k and blobs_k: 2..8; the others fix it (2, or 0 for regression)
  float extent = 6.0f;
  uint64_t seed = 1;
};

Status validate(const DatasetConfig& c);

/// @brief A set of points with labels: class index (0..k−1) or regression value.
struct Points {
  std::vector<float> x, y, label;
  int size() const { return static_cast<int>(x.size()); }
  void push(float px, float py, float l) { x.push_back(px), y.push_back(py), label.push_back(l); }
};

/// @brief Training and test points of one problem.
class Dataset {
 public:
  Dataset() = default;
  /// @brief Generate from a validated config.
  static Dataset generate(const DatasetConfig& c);
  /// @brief An empty dataset to fill by hand (CSV import, user points).
  Dataset(int classes, float extent) : classes_(classes), extent_(extent) {}

  const Points& train() const { return train_; }
  const Points& test() const { return test_; }
  int classes() const { return classes_; }  ///< 0 for regression
  bool regression() const { return classes_ == 0; }
  float extent() const { return extent_; }

  /// @brief Check a point before adding or relabelling: inside the domain, label allowed.
  Status check_point(float x, float y, float label) const;
  /// @brief Add a point to the training (or test) set; check_point first.
  void add(float x, float y, float label, bool to_test = false);
  /// @brief Remove point i of the training (or test) set; false if out of range.
  bool remove(int i, bool from_test = false);
  /// @brief Relabel point i; false if out of range.
  bool relabel(int i, float label, bool in_test = false);
  /// @brief Remove the nearest training or test point within radius of (x, y); false if none.
  bool remove_near(float x, float y, float radius);

 private:
  Points train_, test_;
  int classes_ = 2;
  float extent_ = 6.0f;
};

}  // namespace relu
