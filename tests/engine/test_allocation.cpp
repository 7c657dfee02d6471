// test_allocation.cpp — the hot paths allocate nothing once their workspaces are sized: training
// epochs, grid maps (into a caller's buffer) and evaluation. Proven by counting every global
// operator new of this test program (replaced below) across 400 epochs and 200 maps; a malloc
// that is freed inside the same call is counted too, unlike the facade's heap-growth test.
#include <atomic>
#include <cstdlib>
#include <new>

#include "helpers.hpp"
#include "regions.hpp"

namespace {
std::atomic<long> g_allocations{0};
}  // namespace

void* operator new(std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

using namespace relu;
using namespace relu::testing;

TEST_CASE("training epochs, grid maps and evaluation allocate nothing after the first call") {
  const Dataset d = make_data(DatasetKind::spiral, 500, 1);
  NetworkConfig c;
  c.hidden = layers({8, 8, 8});
  auto net = make_net(c);
  TrainConfig t;  // W1: SGD, lr 0.03, batch 10
  const Grid g{256, 256, -6, 6, -6, 6};
  std::vector<float> map(static_cast<size_t>(g.width) * g.height);
  net->train_epoch(d, t);  // sizes the workspaces
  net->predict_grid(g, map.data());

  const long before = g_allocations.load();
  for (int e = 0; e < 400; ++e) net->train_epoch(d, t);  // 10,000 minibatch steps
  net->train(d, t, 10);
  for (int i = 0; i < 200; ++i) net->predict_grid(g, map.data());
  const EpochMetrics m = net->evaluate(d);
  const long during = g_allocations.load() - before;

  CHECK(during == 0);
  CHECK(m.epoch == 411);
  // The counter does count: a network's creation allocates.
  const long at = g_allocations.load();
  auto other = make_net(c);
  CHECK(g_allocations.load() > at);
}

// ---- region maps (issue 15) ------------------------------------------------------------------
TEST_CASE("region maps allocate nothing once their workspace and map are sized") {
  NetworkConfig c;
  c.hidden = layers({8, 8, 8});
  auto net = make_net(c);
  const Grid g{256, 256, -6, 6, -6, 6}, small{100, 90, -3, 3, -3, 3};
  RegionWorkspace work;
  RegionMap map;
  region_map(*net, g, &work, &map);  // sizes both (the patterns for the larger count)
  region_map(*net, small, &work, &map);
  const long before = g_allocations.load();
  for (int i = 0; i < 20; ++i) region_map(*net, i % 2 ? g : small, &work, &map);
  CHECK(g_allocations.load() - before == 0);
  CHECK(map.count > 1);
}
