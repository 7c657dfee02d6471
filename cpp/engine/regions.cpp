// regions.cpp — see regions.hpp. One evaluation-mode forward per chunk of pixels (through the
// last hidden z, no output layer), the signs packed into one 64-bit word per layer, and an
// open-addressing hash table over whole patterns: a hash collision is resolved by comparing the
// patterns word for word, so two patterns share an id only when every gate agrees.
#include "regions.hpp"

#include <algorithm>

namespace relu {

namespace {

uint64_t hash_pattern(const uint64_t* w, int words) {
  uint64_t h = 0x9E3779B97F4A7C15ULL;
  for (int k = 0; k < words; ++k) {
    h = (h ^ w[k]) * 0xFF51AFD7ED558CCDULL;
    h ^= h >> 32;
  }
  return h ^ (h >> 29);
}

// Word-wise equality, inlined: memcmp is a byte loop in musl, the wasm libc, and runs per pixel.
bool same(const uint64_t* a, const uint64_t* b, int words) {
  for (int k = 0; k < words; ++k)
    if (a[k] != b[k]) return false;
  return true;
}

size_t table_size(size_t pixels) {
  size_t n = 16;
  while (n < 2 * pixels) n <<= 1;  // load ≤ ½: short probe runs
  return n;
}

// One layer's gate words of n points: word[p] bit u = z[u][p] > 0.  z: (units, ld)  word: (pad_lanes(n))
// The scalar loop is the reference and the native / no-SIMD path; the SIMD one sets the same bits.
void gate_words_ref(const float* z, int units, int ld, int n, uint64_t* word) {
  std::fill_n(word, n, 0);
  for (int u = 0; u < units; ++u) {
    const float* zu = z + static_cast<size_t>(u) * ld;
    for (int p = 0; p < n; ++p) word[p] |= uint64_t{zu[p] > 0.0f} << u;
  }
}

void gate_words(const float* z, int units, int ld, int n, uint64_t* word) {
#if RELU_SIMD
  // Four points a step, with their words kept in two 32-bit accumulators (units 0–31, 32–63)
  // across the units: per unit a load, a compare, an and and an or. Then the halves interleave
  // into the four 64-bit words.
  const int np = pad_lanes(n), low = units < 32 ? units : 32;
  const v128_t zero = wasm_f32x4_splat(0.0f);
  for (int p = 0; p < np; p += 4) {
    v128_t lo = wasm_i32x4_splat(0), hi = lo;
    const float* zp = z + p;
    for (int u = 0; u < low; ++u, zp += ld) {
      const v128_t open = wasm_f32x4_gt(wasm_v128_load(zp), zero);
      lo = wasm_v128_or(lo, wasm_v128_and(open, wasm_i32x4_splat(static_cast<int32_t>(1u << u))));
    }
    for (int u = 32; u < units; ++u, zp += ld) {
      const v128_t open = wasm_f32x4_gt(wasm_v128_load(zp), zero);
      hi = wasm_v128_or(hi, wasm_v128_and(open, wasm_i32x4_splat(static_cast<int32_t>(1u << (u - 32)))));
    }
    wasm_v128_store(word + p, wasm_i32x4_shuffle(lo, hi, 0, 4, 1, 5));
    wasm_v128_store(word + p + 2, wasm_i32x4_shuffle(lo, hi, 2, 6, 3, 7));
  }
#else
  gate_words_ref(z, units, ld, n, word);
#endif
}

// same[p] = pixel p's pattern equals pixel p − 1's (same[0] = 0), from the layer-by-layer gate
// words of a chunk (row stride kForwardChunk). The scalar loop is the reference.
constexpr int kChunkWords = Network::kForwardChunk;
void repeats_ref(const uint64_t* words, int layers, int n, uint8_t* same) {
  if (n > 0) same[0] = 0;
  for (int p = 1; p < n; ++p) {
    bool eq = true;
    for (int l = 0; l < layers; ++l) eq &= words[l * kChunkWords + p] == words[l * kChunkWords + p - 1];
    same[p] = eq;
  }
}

void repeats(const uint64_t* words, int layers, int n, uint8_t* same) {
#if RELU_SIMD
  // Two pixels a step: each layer's words against the words one pixel back, 64-bit lane equality.
  if (n > 0) same[0] = 0;
  int p = 1;
  for (; p + 1 < n; p += 2) {
    v128_t eq = wasm_i64x2_splat(-1);
    for (int l = 0; l < layers; ++l) {
      const uint64_t* w = words + l * kChunkWords + p;
      eq = wasm_v128_and(eq, wasm_i64x2_eq(wasm_v128_load(w), wasm_v128_load(w - 1)));
    }
    const uint32_t bits = wasm_i64x2_bitmask(eq);
    same[p] = bits & 1u, same[p + 1] = (bits >> 1) & 1u;
  }
  for (; p < n; ++p) {  // an odd last pixel
    bool eq = true;
    for (int l = 0; l < layers; ++l) eq &= words[l * kChunkWords + p] == words[l * kChunkWords + p - 1];
    same[p] = eq;
  }
#else
  repeats_ref(words, layers, n, same);
#endif
}

// The gate words of the last forward's n points, layer by layer: words[l·kForwardChunk + p].
void pack_gates(const Network& net, int n, uint64_t* words) {
  for (int l = 0; l < net.hidden_layers(); ++l) {
    int ld = 0;
    const float* z = net.preactivations(l, &ld);
    gate_words(z, net.config().hidden[l].units, ld, n,
               words + static_cast<size_t>(l) * Network::kForwardChunk);
  }
}

// Twice the slots, every region put back: the table starts small (most maps have few regions)
// and keeps load ≤ ½. Within the capacity an earlier call left, resizing does not allocate.
void grow(std::vector<int32_t>& table, const RegionMap& m) {
  table.resize(table.size() * 2);
  std::fill(table.begin(), table.end(), -1);
  const size_t mask = table.size() - 1;
  for (int32_t id = 0; id < m.count; ++id) {
    size_t slot = hash_pattern(&m.patterns[static_cast<size_t>(id) * m.layers], m.layers) & mask;
    while (table[slot] >= 0) slot = (slot + 1) & mask;
    table[slot] = id;
  }
}

// The id of pattern w, added to out->patterns when it is new.
int32_t intern(const uint64_t* w, int words, std::vector<int32_t>& table, RegionMap* out) {
  const size_t mask = table.size() - 1;
  for (size_t slot = hash_pattern(w, words) & mask;; slot = (slot + 1) & mask) {
    const int32_t id = table[slot];
    if (id < 0) {
      table[slot] = out->count;
      out->patterns.insert(out->patterns.end(), w, w + words);  // grows only past earlier counts
      const int32_t fresh = out->count++;
      if (2 * static_cast<size_t>(out->count) > table.size()) grow(table, *out);
      return fresh;
    }
    if (same(&out->patterns[static_cast<size_t>(id) * words], w, words)) return id;
  }
}

// Lowest layer in which regions a and b differ (a ≠ b: they differ somewhere).
int first_difference(const RegionMap& m, int32_t a, int32_t b) {
  const uint64_t* pa = &m.patterns[static_cast<size_t>(a) * m.layers];
  const uint64_t* pb = &m.patterns[static_cast<size_t>(b) * m.layers];
  int l = 0;
  while (l < m.layers - 1 && pa[l] == pb[l]) ++l;
  return l;
}

void mark_folds(RegionMap* m) {
  const int w = m->width, h = m->height;
  for (int j = 0; j < h; ++j)
    for (int i = 0; i < w; ++i) {
      const size_t p = static_cast<size_t>(j) * w + i;
      const int32_t id = m->ids[p];
      int lowest = kNoFold;
      if (i + 1 < w && m->ids[p + 1] != id) lowest = first_difference(*m, id, m->ids[p + 1]);
      if (j + 1 < h && m->ids[p + w] != id)
        lowest = std::min(lowest, first_difference(*m, id, m->ids[p + w]));
      m->fold_layer[p] = static_cast<uint8_t>(lowest);
    }
}

}  // namespace

bool piecewise_linear(const NetworkConfig& config) {
  for (const LayerConfig& h : config.hidden)
    if (h.activation != Act::relu && h.activation != Act::leaky_relu && h.activation != Act::prelu &&
        h.activation != Act::linear)
      return false;
  return true;
}

void region_map(Network& net, const Grid& grid, RegionWorkspace* work, RegionMap* out) {
  const size_t pixels = static_cast<size_t>(grid.width) * grid.height;
  const int layers = net.hidden_layers();
  out->width = grid.width, out->height = grid.height, out->layers = layers;
  out->linear = piecewise_linear(net.config());
  out->ids.resize(pixels);
  out->fold_layer.resize(pixels);
  out->count = 0;
  out->patterns.clear();
  if (layers == 0) {  // no hidden unit: the whole plane is one linear piece
    std::fill(out->ids.begin(), out->ids.end(), 0);
    std::fill(out->fold_layer.begin(), out->fold_layer.end(), kNoFold);
    out->count = 1;
    return;
  }
  // The table's length is a power of two (the probe mask), at first for up to 1,024 regions
  // (intern grows it); resizing within the capacity an earlier call left does not allocate.
  work->table.resize(table_size(std::min<size_t>(pixels, 1024)));
  std::fill(work->table.begin(), work->table.end(), -1);
  std::vector<int32_t>& table = work->table;
  const size_t chunk_words = static_cast<size_t>(Network::kForwardChunk) * layers;
  if (work->chunk.size() < chunk_words) work->chunk.resize(chunk_words);
  const int total = static_cast<int>(pixels);
  for (int s = 0; s < total; s += Network::kForwardChunk) {
    const int n = std::min(Network::kForwardChunk, total - s);
    net.grid_forward(grid, s, n, layers - 1);
    const uint64_t* words = work->chunk.data();
    pack_gates(net, n, work->chunk.data());
    // Most pixels share the pattern of the pixel before them: only a change is looked up.
    uint8_t same[Network::kForwardChunk];
    repeats(words, layers, n, same);
    uint64_t pattern[kMaxHiddenLayers];
    int32_t id = -1;
    for (int p = 0; p < n; ++p) {
      if (!same[p]) {
        for (int l = 0; l < layers; ++l) pattern[l] = words[static_cast<size_t>(l) * kChunkWords + p];
        id = intern(pattern, layers, table, out);
      }
      out->ids[s + p] = id;
    }
  }
  mark_folds(out);
}

std::vector<uint8_t> region_gates(const RegionMap& m, const NetworkConfig& config) {
  size_t units = 0;
  for (const LayerConfig& h : config.hidden) units += h.units;
  std::vector<uint8_t> gates(static_cast<size_t>(m.count) * units, 0);
  if (m.layers == 0) return gates;
  for (int r = 0; r < m.count; ++r) {
    uint8_t* g = &gates[r * units];
    for (int l = 0; l < m.layers; ++l) {
      const uint64_t w = m.patterns[static_cast<size_t>(r) * m.layers + l];
      for (int u = 0; u < config.hidden[l].units; ++u) *g++ = (w >> u) & 1u;
    }
  }
  return gates;
}

RegionMap region_map(Network& net, const Grid& grid) {
  RegionWorkspace work;
  RegionMap out;
  region_map(net, grid, &work, &out);
  return out;
}

}  // namespace relu
