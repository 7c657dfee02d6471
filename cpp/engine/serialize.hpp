// serialize.hpp — model JSON (versioned) and dataset CSV, both validated field by field.
//
// Parsing never throws (nlohmann's non-throwing parse, every access type-checked): a wasm build
// without exceptions gets a Status naming the offending field instead of an abort.
//
// Model JSON, version 2 (version 1, without "diedAt", still loads: its dead units then date from
// the import's epoch):
//   { "format": "relu-lab-model", "version": 2, "epoch": 12,
//     "config": { "features": ["x","y"], "hidden": [{"units": 8, "activation": "relu",
//                 "alpha": 0.01, "batchNorm": false}], "output": "sigmoid", "classes": 2,
//                 "init": "he_normal", "initScale": 0.5, "biasInit": 0, "reluGradAtZero": 0,
//                 "seed": 1 },
//     "layers": [ { "W": [[…], …], "b": […], "alpha": […]?, "gamma": […]?, "beta": […]?,
//                   "runningMean": […]?, "runningVar": […]?,
//                   "diedAt": [−1 | epoch, …] }, … ] }   // hidden…, output (diedAt: hidden only)
// Other top-level members (the page's "history" of losses) are the caller's: ignored here.
// Dataset CSV: header "x,y,label,split", one point a row, split "train" or "test" (a file with
// only x,y,label puts every point in the training set).
#pragma once

#include <memory>
#include <string>

#include "dataset.hpp"
#include "network.hpp"

namespace relu {

constexpr int kModelFormatVersion = 2;

/// @brief The model as versioned JSON text (config, weights, PReLU α, BN statistics, epoch, the
/// epoch each dead unit died).
std::string model_to_json(Network& net);
/// @brief Rebuild a model from JSON; null with *status naming the bad field.
std::unique_ptr<Network> model_from_json(const std::string& text, Status* status);

/// @brief Just the "config" part of a model, as JSON text.
std::string config_to_json(const NetworkConfig& c);

/// @brief The dataset as CSV with header x,y,label,split.
std::string dataset_to_csv(const Dataset& d);
/// @brief Parse CSV; classes are inferred (integer labels 0…7 → classes, else regression in
/// [−1, 1]); points must lie in [−extent, extent]². Null with *status naming row and column.
std::unique_ptr<Dataset> dataset_from_csv(const std::string& text, float extent, Status* status);

}  // namespace relu
