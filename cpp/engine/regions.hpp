// regions.hpp — the gate regions of a network over a grid, and where their seams ("folds") run.
//
// What it is: for every pixel of a grid, the gate pattern of every hidden unit (open where its
// pre-activation z > 0), reduced to a dense region id; the number of distinct patterns; and per
// pixel the lowest hidden layer whose gate flips across its right or lower edge (for drawing the
// folds coloured by layer). For relu, leaky_relu, prelu and linear hidden layers (batch norm in
// evaluation mode is affine) the network is one linear function inside each region: *linear*
// regions. Otherwise the same patterns are *gate* regions whose pieces are curved.
// What it is not: an exact count of the regions of the plane. It counts the patterns seen at
// the grid's pixel centres in its window: a lower bound, which grows with the resolution.
//
// Ids are dense, 0 … count − 1, in order of first appearance in row-major pixel order, so they
// depend on the z signs only — and those come from the network's own forward (the same kernels,
// SIMD or scalar, with the same bits), so ids are identical in every build.
#pragma once

#include <cstdint>
#include <vector>

#include "network.hpp"

namespace relu {

constexpr uint8_t kNoFold = 255;  ///< fold_layer of a pixel whose gates do not flip at its edges

/// @brief The regions over one grid (row-major pixels, row 0 on top, as Grid).
struct RegionMap {
  int width = 0, height = 0;
  int count = 0;                    ///< distinct gate patterns seen at the pixel centres
  bool linear = false;              ///< every hidden layer is piecewise linear (relu, leaky, prelu, linear)
  int layers = 0;                   ///< hidden layers: words per pattern (one 64-bit word per layer)
  std::vector<int32_t> ids;         ///< (height·width) region id of each pixel
  std::vector<uint8_t> fold_layer;  ///< (height·width) lowest layer flipping at the right/lower edge
  std::vector<uint64_t> patterns;   ///< (count·layers) region r's gates: bit u of word l = unit u of layer l
};

/// @brief Scratch space of region_map: sized by the first call for a grid size and network,
/// reused (no allocation) by later calls of the same or smaller size. The map's patterns grow
/// with the count, not the pixels (so a deep net on a big grid needs little), and allocate again
/// only when a call finds more regions than every call before it.
struct RegionWorkspace {
  std::vector<int32_t> table;   // open addressing over patterns: region id, −1 empty
  std::vector<uint64_t> chunk;  // (hidden units, kForwardChunk / 64) gate bits of the chunk being hashed
};

/// @brief True when the network is one linear function inside each gate region.
bool piecewise_linear(const NetworkConfig& config);

/// @brief The regions of `net` over `grid` into *out (its vectors are reused when large enough).
void region_map(Network& net, const Grid& grid, RegionWorkspace* work, RegionMap* out);

/// @brief The gates of every region as bytes: (count, hidden units) row-major, 1 = open, units
/// layer by layer as unit_maps orders them.
std::vector<uint8_t> region_gates(const RegionMap& map, const NetworkConfig& config);

/// @brief region_map with a workspace of its own (allocates: for one-off callers).
RegionMap region_map(Network& net, const Grid& grid);

}  // namespace relu
