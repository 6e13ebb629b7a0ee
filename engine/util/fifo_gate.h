#pragma once
// Lets at most `slots` threads through at once, in the order they came.
//
// Why koers serve needs it: a worker thread holds each keep-alive connection, so at 64 connections
// 64 threads want the two cores at once. The scheduler then preempts requests halfway and serves
// the others' time slices in between: the median stays low, but the 99th percentile grew to
// 30-48 ms. Passing only a few requests per core through the CPU-bound part (load,
// evaluate, render) and queueing the rest in arrival order keeps the runnable threads few and the
// waiting fair, so a request's latency is its place in the queue, not the scheduler's luck. Give
// it a few slots per core, not one: a slot handed to a thread that still waits for a CPU is idle.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

namespace koers {

class FifoGate {
 public:
  explicit FifoGate(size_t slots) : free_(slots) {}
  FifoGate(const FifoGate&) = delete;
  FifoGate& operator=(const FifoGate&) = delete;

  // Held while inside; leaving wakes exactly the next in line (no thundering herd).
  class Pass {
   public:
    explicit Pass(FifoGate* gate) : gate_(gate) {
      if (gate_ != nullptr) gate_->enter();
    }
    ~Pass() {
      if (gate_ != nullptr) gate_->leave();
    }
    Pass(const Pass&) = delete;
    Pass& operator=(const Pass&) = delete;

   private:
    FifoGate* gate_;
  };

  void enter() {
    std::unique_lock lock(mutex_);
    if (free_ > 0 && waiting_.empty()) {
      --free_;
      return;
    }
    Waiter me;
    waiting_.push_back(&me);
    me.cv.wait(lock, [&] { return me.admitted; });
  }

  // Threads waiting to enter now.
  size_t waiting() {
    std::lock_guard lock(mutex_);
    return waiting_.size();
  }

  void leave() {
    std::lock_guard lock(mutex_);
    if (waiting_.empty()) {
      ++free_;
      return;
    }
    Waiter* next = waiting_.front();
    waiting_.pop_front();
    next->admitted = true;  // the slot passes straight to it
    next->cv.notify_one();
  }

 private:
  struct Waiter {
    std::condition_variable cv;
    bool admitted = false;
  };

  std::mutex mutex_;
  size_t free_;
  std::deque<Waiter*> waiting_;
};

}  // namespace koers
