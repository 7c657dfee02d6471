// network.hpp — a small fully connected network: training, evaluation, health and revival.
//
// What it is: the whole model of relu-lab — dense layers with a per-layer activation from the
// activation table, optional batch norm, an output head with its loss, minibatch SGD / momentum
// / Adam, divergence guard, dead-unit bookkeeping, ReDo revival and grid evaluation into caller
// buffers. What it is not: anything about JS, canvases or files (see cpp/bindings and web/).
//
// Layer indices: 0 … hidden−1 are the hidden layers, `hidden` is the output layer. Hidden unit
// values for a batch are (units, ld) blocks with points along the lanes (see kernels.hpp).
// No allocation happens per training step or per grid call once the workspace is sized.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <xtensor/xtensor.hpp>

#include "config.hpp"
#include "dataset.hpp"
#include "rng.hpp"

namespace relu {

/// @brief Loss and accuracy after an epoch (accuracy is NaN for regression heads).
struct EpochMetrics {
  int epoch = 0;
  float train_loss = 0, test_loss = 0, train_accuracy = 0, test_accuracy = 0;
  bool diverged = false;  ///< a non-finite loss, or a weight beyond ±kDivergedMagnitude, appeared;
                          ///< the epoch was rolled back to the last finite weights
};

/// @brief Health of one hidden layer (see ../shared/TEACHING.md for the definitions).
struct LayerHealth {
  Act activation = Act::relu;
  int units = 0;
  std::vector<float> activation_rate;  ///< fraction of training points where the unit is active
  std::vector<float> mean_abs;         ///< mean |activation| over the training points
  std::vector<float> dormancy;         ///< mean_abs / layer mean of mean_abs (0 when that is 0)
  std::vector<uint8_t> dead_on_data;   ///< inactive on every training point
  std::vector<uint8_t> dead_on_plane;  ///< inactive on every point of the domain grid
  std::vector<uint8_t> dormant;        ///< dormancy ≤ τ
  std::vector<int> died_at_epoch;      ///< epoch at which it became dead on the data, −1 alive
  std::vector<uint32_t> histogram;     ///< units × kHistogramBins pre-activation counts
  float sparsity = 0;                  ///< fraction of exactly-zero outputs over units × points
  float gradient_norm = 0;             ///< RMS over last epoch's steps of ‖∂L/∂W‖ (Frobenius)
  int dead_count = 0;                  ///< units dead on the data
};

struct Health {
  std::vector<LayerHealth> layers;
  int dead_units = 0, total_units = 0;
};

struct HealthOptions {
  int plane_resolution = 64;  ///< grid side for "dead on the plane"
  float dormancy_tau = 0.1f;  ///< τ for the dormant flag
};

/// @brief A grid over a rectangle: pixel (i, j) is at the centre of its cell, row 0 on top.
struct Grid {
  int width = 0, height = 0;
  float x0 = -6, x1 = 6, y0 = -6, y1 = 6;
  float x(int i) const { return x0 + (i + 0.5f) * (x1 - x0) / width; }
  float y(int j) const { return y1 - (j + 0.5f) * (y1 - y0) / height; }
};
Status validate(const Grid& g);

/// @brief Raw view of one dense layer's parameters and statistics.
struct LayerView {
  int in = 0, out = 0;
  Act activation = Act::linear;  ///< output layer: linear (the head is applied separately)
  bool batch_norm = false;
  float *W = nullptr, *b = nullptr;         ///< W: (out, in)  b: (out)
  float* alpha = nullptr;                   ///< (out): learned (PReLU) or fixed
  float *gamma = nullptr, *beta = nullptr;  ///< BN scale/shift (out), null without BN
  float *running_mean = nullptr, *running_var = nullptr;
};

class Network {
 public:
  /// @brief Build and initialise from a config; null with *status set when it is invalid.
  static std::unique_ptr<Network> create(const NetworkConfig& config, Status* status);

  const NetworkConfig& config() const { return config_; }
  int epoch() const { return epoch_; }
  int hidden_layers() const { return static_cast<int>(config_.hidden.size()); }
  int layer_count() const { return static_cast<int>(layers_.size()); }
  int total_hidden_units() const;
  int output_units() const { return layers_.back().out; }
  int parameter_count() const { return static_cast<int>(params_.size()); }
  LayerView layer(int l);

  /// @brief What an epoch scores after its updates; metrics not scored are NaN. Liveness
  /// (died-at epochs) and divergence are checked after every epoch whatever is chosen.
  enum class Scoring {
    both_sets,  ///< train and test loss and accuracy
    train_set,  ///< the training set's only
    none,       ///< none: for epochs whose metrics nobody reads (train(n)'s earlier ones)
  };
  /// @brief One epoch over the training set in a seeded shuffled order, then its metrics.
  EpochMetrics train_epoch(const Dataset& data, const TrainConfig& train,
                           Scoring scoring = Scoring::both_sets);
  /// @brief Up to `epochs` epochs; stops at the first diverged one. Returns the last metrics
  /// (the test set is scored after the last epoch only: earlier metrics are not returned).
  EpochMetrics train(const Dataset& data, const TrainConfig& train, int epochs);
  /// @brief Loss and accuracy on both sets without training.
  EpochMetrics evaluate(const Dataset& data);

  // ---- time travel (stepping.cpp) -----------------------------------------------------------
  /// @brief An independent network with the complete state: parameters, optimizer state (Adam's
  /// powers too), epoch, the epoch in progress (order, position), shuffle RNG, liveness and
  /// gradient-norm bookkeeping. The clone and this network trained alike give identical bits.
  std::unique_ptr<Network> clone() const;
  /// @brief A copy for keeping (a snapshot), not for use: clone()'s state without the
  /// workspace, and between epochs without the epoch's order and rollback copy, which the next
  /// epoch remakes. Hazard: call nothing on it but clone(), which gives a network for use.
  std::unique_ptr<Network> lean_copy() const;
  /// @brief What train_steps did: steps taken, and the metrics of the last epoch that ended in
  /// the call (epoch_ended false: none did; metrics.diverged: the call stopped there).
  struct StepsResult {
    int steps = 0;
    bool epoch_ended = false;
    EpochMetrics metrics;
  };
  /// @brief Up to `steps` minibatch steps from where the epoch in progress stands; an epoch that
  /// ends on the way is scored on both sets and its liveness committed, as train_epoch does, so
  /// k steps then m steps equal one train_epoch when k + m = steps_per_epoch. Stops at the first
  /// diverged epoch (rolled back to its start, as in train_epoch).
  StepsResult train_steps(const Dataset& data, const TrainConfig& train, int steps);
  /// @brief Minibatch steps taken in the epoch in progress (0 between epochs).
  int step_in_epoch() const { return epoch_step_; }
  /// @brief Every minibatch step ever taken, rolled-back epochs' too: a clock that only moves
  /// forward, which an intervention log can name a moment by (epoch and step repeat after a
  /// diverged epoch). Not saved by the model JSON.
  double steps_taken() const { return static_cast<double>(steps_taken_); }
  /// @brief Steps before the epoch in progress ends with this batch size (a whole epoch's when
  /// none is open; 0 when the training set's size changed since it began: it ends at once).
  int steps_left(const Dataset& data, int batch_size) const;
  /// @brief Steps one epoch over this data takes with this batch size (⌈n / B⌉).
  static int steps_per_epoch(const Dataset& data, int batch_size);

  /// @brief Outputs for n points: (n, output_units) row-major; probabilities for classifiers.
  void predict(const float* xs, const float* ys, int n, float* out);
  /// @brief Outputs over a grid into out (width·height·output_units floats, row-major).
  void predict_grid(const Grid& grid, float* out);
  /// @brief Every hidden unit's activation over a grid: out holds total_hidden_units blocks of
  /// width·height floats, layer by layer, unit by unit.
  void unit_maps(const Grid& grid, float* out);

  /// @brief Health statistics over the training set (evaluation mode).
  Health health(const Dataset& data, const HealthOptions& options = {});

  /// @brief ReDo: re-initialise hidden units (layer, unit): incoming weights from the init
  /// scheme, their bias and outgoing weights to 0, optimizer state reset. Returns units revived.
  int revive(const std::vector<std::pair<int, int>>& units);
  /// @brief Units that health() reports dead on the data (or τ-dormant when dormant is true),
  /// in `layer` (−1: every hidden layer): the usual argument of revive().
  std::vector<std::pair<int, int>> dead_units(const Dataset& data, int layer, bool dormant, float tau = 0.1f);

  /// @brief Set one weight (input ≥ 0) or the bias (input = −1) of a unit of layer `layer`
  /// (hidden or output) without touching the optimizer state; false when out of range or not finite.
  bool set_parameter(int layer, int unit, int input, float value);
  /// @brief Change a fixed α (leaky / ELU) of a hidden layer without resetting training.
  void set_alpha(int layer, float alpha);
  /// @brief Change the ReLU'(0) convention (0, 0.5 or 1).
  void set_relu_grad_at_zero(float g0) { config_.relu_grad_at_zero = g0; }
  /// @brief Set the epoch counter (model import).
  void set_epoch(int e) { epoch_ = e; }
  /// @brief The epoch each unit of hidden layer `layer` became dead on the data, −1 alive (model export).
  const std::vector<int>& died_at(int layer) const { return died_at_[layer]; }
  /// @brief Restore those epochs (model import); d must have one entry per unit of the layer.
  void set_died_at(int layer, std::vector<int> d) { died_at_[layer] = std::move(d); }

  /// @brief Train-mode forward + backward on the given points without updating anything:
  /// returns the mean data loss and leaves ∂loss/∂params in gradients(). For gradient checks.
  double loss_and_gradient(const float* xs, const float* ys, const float* labels, int n);
  float* parameters() { return params_.data(); }
  const float* gradients() const { return grads_.data(); }
  /// @brief Sign pattern of every pre-activation after the last forward (kink-crossing checks).
  std::vector<int8_t> activation_pattern(int n) const;
  /// @brief Hidden pre-activations z of the last forward: (units, ld) block of layer l.
  const float* preactivations(int l, int* ld) const {
    *ld = ld_;
    return layers_[l].z.data();
  }

  /// @brief Evaluation-mode forward of n ≤ kForwardChunk points that keeps every layer's z and a
  /// (read them with preactivations(), activations() and inputs()): the region maps and the
  /// single-point trace read the same forward as the maps. grid_forward takes the grid cells
  /// start … start + n − 1 (row-major) and stops at hidden layer `through`'s z (−1: the output).
  static constexpr int kForwardChunk = 256;
  void points_forward(const float* xs, const float* ys, int n);
  void grid_forward(const Grid& grid, int start, int n, int through = -1);
  /// @brief Activations a of the last forward: (units, ld) block of layer l; the input features.
  const float* activations(int l, int* ld) const {
    *ld = ld_;
    return layers_[l].a.data();
  }
  const float* inputs(int* ld) const {
    *ld = ld_;
    return feat_.data();
  }

  /// @brief A bound on every output z (evaluation mode, before the head) over points whose
  /// coordinates are within those of `points`, from the parameters alone; ∞ when none below
  /// 1e30 can be shown. Liveness passes without metrics use it to stop early.
  double output_bound(const Points& points) const;

  /// @brief Can this network train on / be scored against this dataset? Names the mismatch.
  Status check_compatible(const Dataset& data) const;

  /// @brief Order-sensitive FNV-1a hash of all parameter bits (determinism tests).
  uint64_t parameter_hash() const;

 private:
  struct Dense {
    int in = 0, out = 0;
    Act act = Act::linear;
    bool bn = false;
    size_t W = 0, b = 0, alpha = 0, gamma = 0, beta = 0;  // offsets in params_ (0 = none)
    bool learned_alpha = false;
    std::vector<float> fixed_alpha;          // per unit, when α is not learned
    size_t run_mean = 0, run_var = 0;        // offsets in stats_ (BN running statistics)
    std::vector<float> u, z, a, g, zhat;     // workspace (units, ld)
    std::vector<float> bn_mean, bn_inv_std;  // batch statistics of the last train forward
  };
  struct Segment {
    size_t begin, end;
    bool decay;  // weights get L1/L2; biases, α, γ, β do not
  };

  static constexpr int kChunk = kForwardChunk;  // points per evaluation chunk
  static constexpr int kLiveChunk = 64;         // per chunk of a liveness pass that may stop early

  explicit Network(const NetworkConfig& c);
  void build();
  void initialise_layer(int l);
  void init_row(int l, int unit);
  void ensure_workspace(int points);
  void load_inputs(const float* xs, const float* ys, int n);
  template <class X, class Y>  // features of n points from x(p) and y(p)
  void fill_features(X x, Y y, int n);
  void load_grid_inputs(const Grid& grid, int start, int n);
  // Labels and features of training points idx[0 … m) (a minibatch) straight from the set.
  void load_minibatch(const Points& tr, const uint32_t* idx, int m);
  // Training- or evaluation-mode forward storing z and a of every layer; with `through` ≥ 0 it
  // stops at hidden layer `through`'s z (no activation there, no layer after it).
  void forward(int n, bool train, bool update_stats = true, int through = -1);
  // Evaluation-mode forward that keeps only activations (hidden z is not stored): for callers
  // that read `a`, never hidden z (liveness and health use forward()). The output layer leaves
  // z, or with `head` and a sigmoid/tanh head the head's values in its `a` (head_outputs).
  void infer(int n, bool head);
  Act head_act() const { return config_.head == Head::tanh ? Act::tanh : Act::sigmoid; }
  void batch_norm_forward(Dense& L, int n, bool train, bool update_stats);
  void batch_norm_backward(Dense& L, int n);
  double output_gradient(const float* labels, int n, bool want_loss);  // output g = ∂loss/∂z
  void backward(int n);
  void step(const TrainConfig& t);
  const float* alpha_of(const Dense& L) const;
  void head_outputs(int n, float* out, int stride);
  void accumulate_metrics(const float* labels, int n, double* loss, double* correct) const;
  // Loss and accuracy over p (or with loss == nullptr none: then only whether the loss would be
  // finite is found, cheaply); with track_liveness also which units were live. False when the
  // loss is not finite.
  bool eval_set(const Points& p, float* loss, float* accuracy, bool track_liveness);
  void commit_liveness();  // alive_scratch_ → died_at_ for the current epoch
  // Sets (*alive)[layer][unit] for every hidden unit active on one of the last forward's n points.
  void mark_active(int n, std::vector<std::vector<uint8_t>>* alive) const;
  bool parameters_finite() const;
  // An epoch in three parts (stepping.cpp), which train_epoch and train_steps share: begin
  // snapshots for the rollback and shuffles; each step trains the next minibatch of the order;
  // end scores, commits liveness, or rolls the whole epoch back.
  void select_optimizer(const TrainConfig& t);  // fresh optimizer state when it changed
  void release_workspace();                     // lean_copy(): the buffers any call remakes
  void begin_epoch(int n);
  void epoch_step(const Dataset& data, const TrainConfig& t);
  void minibatch_step(const Points& tr, const TrainConfig& t, int m);  // epoch_step without its checks
  EpochMetrics end_epoch(const Dataset& data, Scoring scoring);
  bool epoch_open() const { return epoch_next_ >= 0; }
  bool epoch_finished() const { return epoch_next_ >= static_cast<int>(order_.size()); }

  NetworkConfig config_;
  std::vector<Dense> layers_;
  // Every trainable value of every layer in one flat tensor (see Dense's offsets), so the
  // optimizer is one whole-array update and a snapshot one copy. stats_ holds BN statistics.
  using Flat = xt::xtensor<float, 1>;
  Flat params_, grads_, opt_m_, opt_v_, stats_;
  Flat snap_params_, snap_m_, snap_v_, snap_stats_;  // start of epoch: rollback
  std::vector<Segment> segments_;
  std::vector<float> feat_;  // (features, ld)
  std::vector<float> batch_x_, batch_y_, batch_label_;
  std::vector<float> grid_x_;  // Grid::x of every column of grid_x_of_
  Grid grid_x_of_;
  std::vector<uint32_t> order_;
  std::vector<double> grad_sq_;            // per layer, summed over the epoch's steps
  std::vector<float> grad_norm_;           // per layer, last epoch
  std::vector<std::vector<int>> died_at_;  // per hidden layer, per unit; −1 alive
  std::vector<std::vector<uint8_t>> alive_scratch_;
  Rng init_rng_, shuffle_rng_;
  int ld_ = 0, cap_ = 0, features_ = 0;
  int epoch_ = 0, epoch_steps_ = 0;
  double beta1_pow_ = 1.0, beta2_pow_ = 1.0;  // Adam bias correction, as running products
  int last_optimizer_ = -1;                   // optimizer state is reset when this changes
  // The epoch in progress: the next minibatch starts at order_[epoch_next_] (−1: none open);
  // epoch_step_ steps taken; the Adam powers and optimizer at its start (for the rollback).
  int epoch_next_ = -1, epoch_step_ = 0;
  double snap_b1_ = 1.0, snap_b2_ = 1.0;
  int snap_optimizer_ = -1;
  int64_t steps_taken_ = 0;
};

}  // namespace relu
