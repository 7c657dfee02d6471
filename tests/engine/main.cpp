// main.cpp — doctest's main for the engine suite (native, wasm SIMD and wasm scalar builds).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
