// stepping.cpp — an epoch in steps: what train_epoch is made of, and train_steps, which stops
// anywhere inside an epoch and resumes there (see network.hpp). The state of an epoch in
// progress (shuffled order, next minibatch, rollback snapshot) lives in the network, so that a
// clone taken mid-epoch goes on exactly as its original does.
//
// What it is not: a second training loop. train_epoch is begin + every step + end, so the bits
// of existing paths do not depend on whether anyone ever stepped.
#include <algorithm>
#include <cmath>

#include "kernels.hpp"
#include "network.hpp"

namespace relu {

std::unique_ptr<Network> Network::clone() const {
  std::unique_ptr<Network> c(new Network(*this));
  c->ensure_workspace(kChunk);  // a lean copy has none: every evaluation assumes kChunk lanes
  return c;
}

std::unique_ptr<Network> Network::lean_copy() const {
  std::unique_ptr<Network> c(new Network(*this));
  c->release_workspace();
  return c;
}

void Network::release_workspace() {
  auto drop = [](std::vector<float>& v) { std::vector<float>().swap(v); };
  for (Dense& L : layers_) drop(L.u), drop(L.z), drop(L.a), drop(L.g), drop(L.zhat);
  drop(feat_), drop(batch_x_), drop(batch_y_), drop(batch_label_), drop(grid_x_);
  cap_ = ld_ = 0;
  if (!epoch_open()) {  // begin_epoch remakes them
    std::vector<uint32_t>().swap(order_);
    snap_params_ = snap_m_ = snap_v_ = snap_stats_ = Flat::from_shape({0});
  }
}

int Network::steps_per_epoch(const Dataset& data, int batch_size) {
  const int n = data.train().size(), B = std::min(batch_size, std::max(n, 1));
  return B > 0 ? (n + B - 1) / B : 0;
}

int Network::steps_left(const Dataset& data, int batch_size) const {
  const int n = data.train().size();
  if (!epoch_open()) return steps_per_epoch(data, batch_size);
  if (static_cast<int>(order_.size()) != n) return 0;
  const int B = std::min(batch_size, std::max(n, 1));
  return (n - epoch_next_ + B - 1) / B;
}

// The rollback snapshot, then the epoch's shuffled order. Callers select the optimizer first,
// so that a rolled-back epoch keeps a reset of its state (as it always has).
void Network::begin_epoch(int n) {
  snap_params_ = params_, snap_m_ = opt_m_, snap_v_ = opt_v_, snap_stats_ = stats_;  // no realloc
  snap_b1_ = beta1_pow_, snap_b2_ = beta2_pow_, snap_optimizer_ = last_optimizer_;
  order_.resize(n);
  for (int i = 0; i < n; ++i) order_[i] = static_cast<uint32_t>(i);
  shuffle(order_.data(), static_cast<uint32_t>(n), shuffle_rng_);
  std::fill(grad_sq_.begin(), grad_sq_.end(), 0.0);
  epoch_next_ = 0, epoch_step_ = 0;
}

void Network::select_optimizer(const TrainConfig& t) {
  if (static_cast<int>(t.optimizer) == last_optimizer_) return;
  opt_m_.fill(0.0f);
  opt_v_.fill(0.0f);
  beta1_pow_ = beta2_pow_ = 1.0;
  last_optimizer_ = static_cast<int>(t.optimizer);
}

void Network::epoch_step(const Dataset& data, const TrainConfig& t) {
  // Checked before every step too, as a change may come mid-epoch (train_steps); in a whole
  // epoch only begin_epoch's check can see one.
  select_optimizer(t);
  const int n = static_cast<int>(order_.size()), B = std::min(t.batch_size, std::max(n, 1));
  ensure_workspace(B);
  minibatch_step(data.train(), t, std::min(B, n - epoch_next_));
}

void Network::minibatch_step(const Points& tr, const TrainConfig& t, int m) {
  load_minibatch(tr, &order_[epoch_next_], m);
  forward(m, true);  // backward writes every gradient: no zero-fill
  output_gradient(batch_label_.data(), m, false);
  backward(m);
  for (size_t l = 0; l < layers_.size(); ++l)
    grad_sq_[l] += kernels::sum_squares(&grads_[layers_[l].W], layers_[l].out * layers_[l].in);
  step(t);
  epoch_next_ += m, ++epoch_step_, ++steps_taken_;
}

EpochMetrics Network::end_epoch(const Dataset& data, Scoring scoring) {
  const Points& tr = data.train();
  const int steps = epoch_step_;
  epoch_next_ = -1, epoch_step_ = 0;
  EpochMetrics m;
  m.train_loss = m.train_accuracy = m.test_loss = m.test_accuracy = NAN;
  bool ok = parameters_finite();
  if (ok) {
    ++epoch_;
    const bool metrics = scoring != Scoring::none;
    ok = eval_set(tr, metrics ? &m.train_loss : nullptr, &m.train_accuracy, true);
    if (scoring == Scoring::both_sets)
      ok = eval_set(data.test(), &m.test_loss, &m.test_accuracy, false) && ok;
    if (!ok) --epoch_;
  }
  if (!ok) {  // roll back to the last finite weights; nothing of this epoch is kept
    params_ = snap_params_, opt_m_ = snap_m_, opt_v_ = snap_v_, stats_ = snap_stats_;
    beta1_pow_ = snap_b1_, beta2_pow_ = snap_b2_, last_optimizer_ = snap_optimizer_;
    m = evaluate(data);
    m.diverged = true;
    return m;
  }
  commit_liveness();
  for (size_t l = 0; l < layers_.size(); ++l)
    grad_norm_[l] = steps ? static_cast<float>(det::sqrt(grad_sq_[l] / steps)) : 0.0f;
  m.epoch = epoch_;
  return m;
}

EpochMetrics Network::train_epoch(const Dataset& data, const TrainConfig& t, Scoring scoring) {
  // The rest of an epoch in progress, or a whole new one. A training set whose size changed
  // since the epoch began ends it where it stands (its order names the old points).
  const int n = data.train().size();
  if (epoch_open() && static_cast<int>(order_.size()) != n) epoch_next_ = static_cast<int>(order_.size());
  if (!epoch_open()) {
    select_optimizer(t);
    begin_epoch(n);
  }
  // The rest of the epoch in one loop: within this call the optimizer and batch size cannot
  // change, so they are checked once, as train_epoch did before epochs came in steps (with
  // epoch_step's per-step checks, W1 in the raw wasm SIMD engine ran ~2 % slower: bench/README).
  select_optimizer(t);
  const int size = static_cast<int>(order_.size()), B = std::min(t.batch_size, std::max(size, 1));
  ensure_workspace(B);
  const Points& tr = data.train();
  while (!epoch_finished()) minibatch_step(tr, t, std::min(B, size - epoch_next_));
  return end_epoch(data, scoring);
}

Network::StepsResult Network::train_steps(const Dataset& data, const TrainConfig& t, int steps) {
  StepsResult r;
  const int n = data.train().size();
  if (n == 0) return r;  // no minibatch to take (the facade refuses such data)
  while (r.steps < steps) {
    if (epoch_open() && static_cast<int>(order_.size()) != n) epoch_next_ = static_cast<int>(order_.size());
    if (!epoch_open()) {
      select_optimizer(t);
      begin_epoch(n);
    }
    if (!epoch_finished()) epoch_step(data, t), ++r.steps;
    if (epoch_finished()) {
      r.metrics = end_epoch(data, Scoring::both_sets), r.epoch_ended = true;
      if (r.metrics.diverged) break;
    }
  }
  return r;
}

}  // namespace relu
