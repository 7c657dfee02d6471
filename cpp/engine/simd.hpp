// simd.hpp — the one switch between the WASM SIMD128 kernels and their scalar twins.
//
// RELU_SIMD is 1 only when compiling for wasm with -msimd128. Native builds (g++) and the scalar
// wasm flavour take the scalar paths, which are also the reference the SIMD kernels are tested
// against. <wasm_simd128.h> is clang's header, not Emscripten's: the engine stays toolchain-neutral.
#pragma once

#if defined(__wasm_simd128__)
#define RELU_SIMD 1
#include <wasm_simd128.h>
#else
#define RELU_SIMD 0
#endif

namespace relu {
/// @brief Points are processed in groups of this many lanes; buffers are padded to a multiple.
constexpr int kLanes = 4;
/// @brief Round n up to a multiple of kLanes.
constexpr int pad_lanes(int n) { return (n + kLanes - 1) / kLanes * kLanes; }
/// @brief True when this build uses the SIMD128 kernels.
constexpr bool kSimdBuild = RELU_SIMD != 0;
}  // namespace relu
