// trace.hpp — one point's forward and backward pass through the network, every value kept.
//
// What it is: the values a learner follows for a single point (x, y) with its label — every
// layer's pre-activation z, activation a and gate (z > 0), the head's prediction and loss, and
// the backward pass: ∂L/∂z of every unit and ∂L/∂W, ∂L/∂b of every layer, for this point's loss
// alone (a batch of one, so no 1/n). Batch norm is in evaluation mode (running statistics), as
// in the maps. What it is not: training. Nothing of the network changes (the forward uses the
// network's workspace only), and the gradients of PReLU's α and of BN's γ, β are not traced.
#pragma once

#include <cstdint>
#include <vector>

#include "network.hpp"

namespace relu {

/// @brief One dense layer of a trace (hidden layers, then the output layer).
struct TraceLayer {
  std::vector<float> z, a;    ///< (units) pre-activation (after BN) and activation; output: a = z
  std::vector<uint8_t> gate;  ///< (units) z > 0
  std::vector<float> dLdz;    ///< (units) ∂L/∂z
  std::vector<float> dW, db;  ///< (units·inputs) row-major like LayerView::W, and (units)
};

struct Trace {
  std::vector<TraceLayer> layers;  ///< hidden layers 0 … hidden − 1, then the output layer
  std::vector<float> prediction;   ///< the head's output: P(class 1), k probabilities, tanh or value
  double loss = 0;                 ///< this point's loss (in double, as the gradient checks use)
};

/// @brief Forward and backward of one point. label: as in Dataset (class index, or the value).
Trace trace_point(Network& net, float x, float y, float label);

}  // namespace relu
