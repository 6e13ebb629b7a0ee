#pragma once
// `koers serve`: its options, shared by two programs. The HTTP server lives in `koers-serve`, so
// that `koers` itself does not load cpp-httplib and the OpenSSL it is built with: loading them cost
// every `koers advise` ~1.2 ms of its 5 ms budget. `koers serve` hands over to `koers-serve` with
// the same arguments (exec: same process id, same signals); `koers-serve serve` runs the server.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <functional>
#include <string>
#include <thread>

#include "tools/koers/app.h"

namespace koers::cli {

struct ServeOptions {
  RuleOptions rules;
  std::string listen = "127.0.0.1:8080";
  std::string audit;
  std::string record;
  // A worker serves one connection at a time, for as long as it is kept alive, and mostly waits
  // on the socket meanwhile: the workers must cover the connections, not the cores. With 4, 64
  // keep-alive clients waited for a free worker up to 3 s (p99); with 64, p99 was ~25 ms.
  size_t threads = 64;
  size_t max_queued = 64;
  size_t max_body = 1u << 20;
  int timeout_seconds = 10;
  // Requests that load, evaluate and render at once (engine/util/fifo_gate.h). Three per core:
  // measured at 64 connections on 2 cores, 6 slots gave p99 6.8-9.8 ms against 9.5-13.3 ms
  // without a gate at the same ~20,000 req/s; 2 or 4 slots starved the cores (a slot passed to a
  // thread still waiting for a CPU) and fell to 7,600-9,000 req/s.
  size_t compute_slots = 3 * std::max(1u, std::thread::hardware_concurrency());
};

using ServeRunner = std::function<int(const ServeOptions&)>;

// Registers `serve` and its options; `runner` does the serving.
void add_serve(CLI::App& app, int& exit_code, ServeRunner runner);

// The server itself (koers-serve only).
int run_serve(const ServeOptions& options);

// Replaces this process by koers-serve, found next to this program, with the arguments this
// program was started with (koers only). Returns only when that fails, with an exit code.
int exec_server(const ServeOptions& options);

}  // namespace koers::cli
