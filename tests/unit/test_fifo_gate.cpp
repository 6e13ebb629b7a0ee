// FifoGate (engine/util/fifo_gate.h): never more inside than its slots, and admitted in arrival
// order, which is what keeps koers serve's slowest requests close to its median.
#define BOOST_TEST_MODULE fifo_gate
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "util/fifo_gate.h"

using koers::FifoGate;

namespace {

void wait_until(const std::function<bool()>& condition) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!condition() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  BOOST_REQUIRE(condition());
}

}  // namespace

BOOST_AUTO_TEST_CASE(waiters_are_admitted_in_the_order_they_came) {
  FifoGate gate(1);
  gate.enter();  // the slot is taken: everyone below queues
  std::mutex order_mutex;
  std::vector<int> order;
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&, i] {
      FifoGate::Pass pass(&gate);
      std::lock_guard lock(order_mutex);
      order.push_back(i);
    });
    // The next thread starts only once this one waits, so arrival order is 0, 1, 2, ...
    wait_until([&] { return gate.waiting() == static_cast<size_t>(i + 1); });
  }
  gate.leave();
  for (auto& t : threads) t.join();
  BOOST_TEST(order == (std::vector<int>{0, 1, 2, 3, 4, 5}), boost::test_tools::per_element());
  BOOST_TEST(gate.waiting() == 0u);
}

BOOST_AUTO_TEST_CASE(never_more_inside_than_the_slots) {
  FifoGate gate(3);
  std::atomic<int> inside = 0;
  std::atomic<int> most = 0;
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&] {
      for (int k = 0; k < 200; ++k) {
        FifoGate::Pass pass(&gate);
        const int now = ++inside;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::yield();
        --inside;
      }
    });
  }
  for (auto& t : threads) t.join();
  BOOST_TEST(most.load() <= 3);
  BOOST_TEST(most.load() >= 2);  // the slots were used, not just one
  BOOST_TEST(inside.load() == 0);
}

BOOST_AUTO_TEST_CASE(a_pass_without_a_gate_does_nothing) {
  FifoGate::Pass pass(nullptr);  // koers serve --compute-slots 0
  BOOST_TEST(true);
}
