# Emscripten-specific helpers for relu-lab. Included from the top CMakeLists.txt;
# defines no-op stubs when not cross-compiling with Emscripten.
if(NOT EMSCRIPTEN)
  return()
endif()

# Debian's em++ 3.1.6 runs acorn (JS optimiser) from /usr/share/nodejs, which
# node only finds with NODE_PATH set. Wrap every compile and link in `env`.
set(RELU_EM_NODE_PATH "/usr/share/nodejs" CACHE PATH "NODE_PATH handed to em++ (acorn lives here)")
if(IS_DIRECTORY "${RELU_EM_NODE_PATH}")
  set(CMAKE_CXX_COMPILER_LAUNCHER env "NODE_PATH=${RELU_EM_NODE_PATH}")
  set(CMAKE_CXX_LINKER_LAUNCHER env "NODE_PATH=${RELU_EM_NODE_PATH}")
endif()

# Tests and benches run under node. emcmake's default emulator adds
# --experimental-wasm-threads, which Node 20 rejects: use plain node.
find_program(RELU_NODE_EXECUTABLE NAMES node nodejs REQUIRED)
set(CMAKE_CROSSCOMPILING_EMULATOR "${RELU_NODE_EXECUTABLE}" CACHE FILEPATH "Emulator for wasm programs" FORCE)

# -O3 for wasm Release (compile and link; CMake passes CXX flags at link too).
set(CMAKE_CXX_FLAGS_RELEASE "-O3 -DNDEBUG")

# relu_wasm_flavour(<target> <PUBLIC|PRIVATE|INTERFACE> [SIMD] [EXCEPTIONS])
function(relu_wasm_flavour target vis)
  cmake_parse_arguments(A "SIMD;EXCEPTIONS" "" "" ${ARGN})
  target_compile_definitions(${target} ${vis} DOCTEST_CONFIG_COLORS_NONE)
  if(A_SIMD)
    target_compile_options(${target} ${vis} -msimd128)
    target_link_options(${target} ${vis} -msimd128)
  endif()
  if(A_EXCEPTIONS)
    target_compile_options(${target} ${vis} -fexceptions)
    target_link_options(${target} ${vis} -fexceptions)
  endif()
  if(RELU_WASM_LTO)
    target_compile_options(${target} ${vis} $<$<CONFIG:Release>:-flto>)
    target_link_options(${target} ${vis} $<$<CONFIG:Release>:-flto>)
  endif()
endfunction()

# A self-contained program for node (tests, benches). Suffix .cjs: the output is
# CommonJS, and package.json's "type": "module" would make node load a .js as ESM.
function(relu_wasm_node_program target)
  set_target_properties(${target} PROPERTIES SUFFIX ".cjs")
  target_link_options(${target} PRIVATE
    -sENVIRONMENT=node -sSINGLE_FILE=1 -sALLOW_MEMORY_GROWTH=1 -sEXIT_RUNTIME=1)
endfunction()

# Embind ES module <target>.mjs in <outdir>.
function(relu_wasm_embind_module target outdir)
  set_target_properties(${target} PROPERTIES
    SUFFIX ".mjs"
    RUNTIME_OUTPUT_DIRECTORY "${outdir}")
  target_link_options(${target} PRIVATE
    --bind -sMODULARIZE=1 -sEXPORT_ES6=1 -sENVIRONMENT=web,worker -sSINGLE_FILE=1
    -sDYNAMIC_EXECUTION=0 -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=512MB
    -sEXPORT_NAME=createReluLab -sFILESYSTEM=0
    # For the size budget (bench/size.mjs): emmalloc, not dlmalloc (~2.5 KB gzip less; no hot
    # loop allocates, test_allocation); TextDecoder only (every supported browser has it); and
    # no Module options read by the glue (js/index.js passes none).
    -sMALLOC=emmalloc -sTEXTDECODER=2 "-sINCOMING_MODULE_JS_API=[]")
endfunction()
