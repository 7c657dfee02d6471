// convert.hpp — the tiny converters that the Embind table (relu_lab.cpp) is built from.
//
// What it is: helpers that reshape one value at the JS/C++ boundary — a vector becomes a new JS
// typed array (a copy), an enum member crosses as its name, a uint64 seed as a JS number, an
// engine "unique_ptr<T> f(…, Status*)" as one { value, status } object.
// What it is not: no loops over data (copies are one typed-array constructor or .set call), no
// training logic, no state. The JS facade (js/) validates every value before it gets here; the
// engine validates again and answers with a relu::Status, never an exception.
#pragma once

#include <emscripten/val.h>

#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "engine/activations.hpp"
#include "engine/config.hpp"

namespace relu::js {

using emscripten::val;

/// @brief The JS typed-array constructor that holds elements of type T.
template <class T>
constexpr const char* typed_array_name() {
  if constexpr (std::is_same_v<T, float>)
    return "Float32Array";
  else if constexpr (std::is_same_v<T, int>)
    return "Int32Array";
  else if constexpr (std::is_same_v<T, uint32_t>)
    return "Uint32Array";
  else {
    static_assert(std::is_same_v<T, uint8_t>, "no typed array for this element type");
    return "Uint8Array";
  }
}

/// @brief A new JS typed array holding a copy of v. The view on the wasm heap that feeds the
/// copy never leaves this function (memory cannot grow between its creation and the copy).
template <class T>
val copy_out(const T* p, size_t n) {
  return val::global(typed_array_name<T>()).new_(emscripten::typed_memory_view(n, p));
}
template <class T>
val copy_out(const std::vector<T>& v) {
  return copy_out(v.data(), v.size());
}

/// @brief Copy n values into an existing JS typed array (its length is the caller's check).
template <class T>
void copy_into(const val& out, const T* p, size_t n) {
  out.call<void>("set", val(emscripten::typed_memory_view(n, p)));
}

/// @brief A copy of a JS array or typed array of numbers (one TypedArray.set call).
inline std::vector<float> copy_in(const val& a) { return emscripten::convertJSArrayToNumberVector<float>(a); }

/// @brief Names as a JS array of strings.
inline val names(const char* const* first, const char* const* last) {
  return val::array(std::vector<std::string>(first, last));
}
/// @brief The names of an engine name array (kHeadNames, …) as a JS array of strings.
template <auto& Names>
val names() {
  return names(Names.data(), Names.data() + Names.size());
}

/// @brief Fold an engine "unique_ptr<T> f(…, Status*)" into one JS value { value, status };
/// value is null when the status is not ok. The caller owns value (delete()).
template <class T>
val with_status(std::unique_ptr<T> value, const Status& status) {
  val r = val::object();
  r.set("status", val(status));
  r.set("value", value ? val(std::move(value)) : val::null());
  return r;
}

// ---- value_object accessors -----------------------------------------------------------------
// Each is a getter/setter pair for one struct member M (a pointer to member), used through the
// macros below so that every line of the table stays one field.

template <auto M>
struct member;
template <class T, class F, F T::*M>
struct member<M> {
  using object = T;
  using field = F;
};
template <auto M>
using object_of = typename member<M>::object;

/// @brief An enum member as its name in an engine name array. An unknown name becomes an
/// out-of-range value that the engine's validate() reports with the field's name.
template <auto M, auto& Names>
struct by_name {
  static std::string get(const object_of<M>& o) {
    const size_t i = static_cast<size_t>(o.*M);
    return i < Names.size() ? Names[i] : "";
  }
  static void set(object_of<M>& o, const std::string& name) {
    const int i = find_name(Names, name);
    o.*M = static_cast<typename member<M>::field>(i < 0 ? Names.size() : static_cast<size_t>(i));
  }
};

/// @brief An activation member as its name in kActivationTable (unknown → kActivationCount).
template <auto M>
struct act_by_name {
  static std::string get(const object_of<M>& o) {
    const int i = static_cast<int>(o.*M);
    return i < kActivationCount ? kActivationTable[i].name : "";
  }
  static void set(object_of<M>& o, const std::string& name) {
    Act a = static_cast<Act>(kActivationCount);
    activation_from_name(name.c_str(), &a);
    o.*M = a;
  }
};

/// @brief A uint64 member as a JS number (exact up to 2^53; the facade allows no more).
template <auto M>
struct as_number {
  static double get(const object_of<M>& o) { return static_cast<double>(o.*M); }
  static void set(object_of<M>& o, double v) {
    o.*M = v >= 0.0 && v < 18446744073709551616.0 ? static_cast<uint64_t>(v) : 0;
  }
};

/// @brief A const char* member as a JS string (read-only: setting is ignored).
template <auto M>
struct as_string {
  static std::string get(const object_of<M>& o) { return o.*M; }
  static void set(object_of<M>&, const std::string&) {}
};

/// @brief A vector member as a JS typed-array copy (read-only: setting is ignored).
template <auto M>
struct as_copy {
  static val get(const object_of<M>& o) { return copy_out(o.*M); }
  static void set(object_of<M>&, const val&) {}
};

/// @brief A vector member as a JS array of value objects, both ways.
template <auto M>
struct as_array {
  using element = typename member<M>::field::value_type;
  static val get(const object_of<M>& o) { return val::array(o.*M); }
  static void set(object_of<M>& o, const val& a) { o.*M = emscripten::vecFromJSArray<element>(a); }
};

// The table's spelling of the accessor pairs, one field a line:
//   .field("output", RELU_BY_NAME(&NetworkConfig::head, kHeadNames))
// clang-format off
#define RELU_BY_NAME(m, names) &::relu::js::by_name<m, names>::get, &::relu::js::by_name<m, names>::set
#define RELU_ACT_BY_NAME(m) &::relu::js::act_by_name<m>::get, &::relu::js::act_by_name<m>::set
#define RELU_AS_NUMBER(m) &::relu::js::as_number<m>::get, &::relu::js::as_number<m>::set
#define RELU_AS_STRING(m) &::relu::js::as_string<m>::get, &::relu::js::as_string<m>::set
#define RELU_AS_COPY(m) &::relu::js::as_copy<m>::get, &::relu::js::as_copy<m>::set
#define RELU_AS_ARRAY(m) &::relu::js::as_array<m>::get, &::relu::js::as_array<m>::set
// clang-format on

}  // namespace relu::js
