// test_activations.cpp — every row of the activation table: values, derivatives, ranges, kinks.
#include <cmath>

#include "activations.hpp"
#include "fastmath.hpp"
#include "helpers.hpp"

using namespace relu;

namespace {
const float kPoints[] = {-7.5f, -3.0f, -1.3f, -0.4f, -0.05f, 0.05f, 0.4f, 1.3f, 3.0f, 7.5f};

double reference_f(Act a, double x, double alpha) {
  switch (a) {
    case Act::relu: return x > 0 ? x : 0;
    case Act::leaky_relu:
    case Act::prelu: return x > 0 ? x : alpha * x;
    case Act::elu: return x >= 0 ? x : alpha * (std::exp(x) - 1);
    case Act::gelu: return 0.5 * x * (1 + std::tanh(0.7978845608028654 * (x + 0.044715 * x * x * x)));
    case Act::silu: return x / (1 + std::exp(-x));
    case Act::softplus: return std::log1p(std::exp(x));
    case Act::sigmoid: return 1 / (1 + std::exp(-x));
    case Act::tanh: return std::tanh(x);
    case Act::linear: return x;
  }
  return 0;
}
}  // namespace

TEST_CASE("the table has one row per activation, in enum order, with unique names") {
  for (int i = 0; i < kActivationCount; ++i) {
    CHECK(static_cast<int>(kActivationTable[i].id) == i);
    Act found;
    REQUIRE(activation_from_name(kActivationTable[i].name, &found));
    CHECK(found == kActivationTable[i].id);
  }
  Act dummy;
  CHECK_FALSE(activation_from_name("relu6", &dummy));
}

TEST_CASE("every activation matches a double-precision reference at chosen points") {
  for (const ActivationInfo& a : kActivationTable) {
    const float alpha = a.default_alpha;
    for (float x : kPoints) {
      INFO(std::string(a.name), " at ", x);
      const double want = reference_f(a.id, x, alpha);
      CHECK(a.f(x, alpha) == doctest::Approx(want).epsilon(1e-5).scale(1.0));
    }
  }
}

TEST_CASE("every derivative matches central finite differences away from kinks") {
  const double h = 1e-3;
  for (const ActivationInfo& a : kActivationTable) {
    const float alpha = a.default_alpha;
    for (float x : kPoints) {
      INFO(std::string(a.name), " at ", x);
      const double fd = (reference_f(a.id, x + h, alpha) - reference_f(a.id, x - h, alpha)) / (2 * h);
      CHECK(a.df(x, alpha, 0.0f) == doctest::Approx(fd).epsilon(1e-4).scale(1.0));
    }
  }
}

TEST_CASE("f' from f's output equals f' from the input, bit for bit (tanh, sigmoid)") {
  // Backward reads the stored a = f(z) for these: it must change nothing.
  int entries = 0;
  for (const ActivationInfo& info : kActivationTable)
    visit_activation(info.id, [&](auto A) {
      using F = decltype(A);
      if constexpr (HasDfOfOutput<F>::value) {
        ++entries;
        for (float z = -30.0f; z <= 30.0f; z += 0.0371f) {
          INFO(info.name, " at ", z);
          REQUIRE(F::df_of_output(F::f(z, 0.0f)) == F::df(z, 0.0f, 0.0f));
        }
      }
    });
  CHECK(entries == 2);
}

TEST_CASE("the ReLU'(0) convention is honoured at the kink and nowhere else") {
  const ActivationInfo& relu = activation_info(Act::relu);
  for (float g0 : {0.0f, 0.5f, 1.0f}) {
    CHECK(relu.df(0.0f, 0.0f, g0) == g0);
    CHECK(relu.df(1e-30f, 0.0f, g0) == 1.0f);
    CHECK(relu.df(-1e-30f, 0.0f, g0) == 0.0f);
  }
  const ActivationInfo& leaky = activation_info(Act::leaky_relu);
  CHECK(leaky.df(0.0f, 0.01f, 0.0f) == doctest::Approx(0.01f));
  CHECK(leaky.df(0.0f, 0.01f, 1.0f) == doctest::Approx(1.0f));
  CHECK(leaky.df(0.0f, 0.01f, 0.5f) == doctest::Approx(0.505f));
}

TEST_CASE("outputs stay inside each activation's stated range") {
  for (const ActivationInfo& a : kActivationTable) {
    for (float x = -40.0f; x <= 40.0f; x += 0.37f) {
      const float y = a.f(x, a.has_alpha ? a.default_alpha : 0.0f);
      INFO(std::string(a.name), " at ", x, " gives ", y);
      CHECK(y >= a.lo - 1e-6f);
      CHECK(y <= a.hi + 1e-6f);
    }
  }
  for (float x = -100.0f; x <= 100.0f; x += 0.5f) CHECK(activation_info(Act::relu).f(x, 0) >= 0.0f);
}

TEST_CASE("fast exp, sigmoid, tanh and log1p stay within their stated error bounds") {
  double worst_exp = 0, worst_tanh = 0, worst_sig = 0, worst_log = 0;
  for (double x = -87.0; x <= 88.0; x += 0.01237) {
    worst_exp = std::max(worst_exp, std::fabs(fast::exp(static_cast<float>(x)) /
                                                  std::exp(static_cast<double>(static_cast<float>(x))) -
                                              1.0));
  }
  for (double x = -20.0; x <= 20.0; x += 0.000731) {
    const float xf = static_cast<float>(x);
    worst_tanh = std::max(worst_tanh, std::fabs(fast::tanh(xf) - std::tanh(static_cast<double>(xf))));
    worst_sig =
        std::max(worst_sig, std::fabs(fast::sigmoid(xf) - 1.0 / (1.0 + std::exp(-static_cast<double>(xf)))));
  }
  for (double u = 0.0; u <= 1.0; u += 0.0001) {
    const float uf = static_cast<float>(u);
    worst_log = std::max(worst_log, std::fabs(fast::log1p01(uf) - std::log1p(static_cast<double>(uf))));
  }
  MESSAGE("worst relative exp error ", worst_exp, ", abs tanh ", worst_tanh, ", abs sigmoid ", worst_sig,
          ", abs log1p ", worst_log);
  CHECK(worst_exp < 3e-7);
  CHECK(worst_tanh < 4e-7);
  CHECK(worst_sig < 3e-7);
  CHECK(worst_log < 3e-7);
  CHECK(std::isnan(fast::exp(NAN)));
}

TEST_CASE("far from zero the saturating activations are flat: tanh is ±1, GELU′ and SiLU′ are 0 or 1") {
  CHECK(fast::tanh(fast::kTanhClamp) == 1.0f);
  CHECK(fast::tanh(8.0f) == 1.0f);
  CHECK(fast::tanh(-1e4f) == -1.0f);
  CHECK(fast::tanh(std::nextafter(fast::kTanhClamp, 0.0f)) < 1.0f);
  for (Act id : {Act::gelu, Act::silu}) {
    const ActivationInfo& a = activation_info(id);
    for (float x : {20.0f, 100.0f, 1e4f}) {
      INFO(std::string(a.name), " at ±", x);
      CHECK(a.df(x, a.default_alpha, 0.0f) == doctest::Approx(1.0).epsilon(1e-6));
      CHECK(std::fabs(a.df(-x, a.default_alpha, 0.0f)) < 1e-6f);
      CHECK(a.f(x, a.default_alpha) == doctest::Approx(x).epsilon(1e-6));
      CHECK(std::fabs(a.f(-x, a.default_alpha)) < 1e-6f * x);
    }
  }
}

TEST_CASE("activation_curve returns the table's f and df, the ReLU'(0) choice included") {
  const float x[] = {-1.0f, 0.0f, 2.0f};
  float f[3], df[3];
  activation_curve(Act::relu, 0.0f, 0.5f, x, 3, f, df);
  CHECK(f[0] == 0.0f);
  CHECK(f[2] == 2.0f);
  CHECK(df[0] == 0.0f);
  CHECK(df[1] == 0.5f);
  CHECK(df[2] == 1.0f);
  activation_curve(Act::leaky_relu, 0.1f, 0.0f, x, 3, f, df);
  CHECK(f[0] == doctest::Approx(-0.1f));
  CHECK(df[0] == doctest::Approx(0.1f));
}
