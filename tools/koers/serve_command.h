#pragma once
// `koers serve`: its options, shared by two programs. The HTTP server lives in `koers-serve`, so
// that `koers` itself stays small and starts fast (the HTTP library once cost every
// `koers advise` ~1.2 ms of its 5 ms budget). `koers serve` hands over to `koers-serve` with
// the same arguments (exec: same process id, same signals); `koers-serve serve` runs the server.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "tools/koers/app.h"
#include "tools/koers/serve_access.h"

namespace koers::cli {

struct ServeOptions {
  RuleOptions rules;
  std::string listen = "127.0.0.1:8080";
  std::string admin_listen;  // "": no admin port (serve_admin.h)
  std::string audit;
  std::string record;
  // Threads running the event loop and the requests (tools/koers/http_server.cpp); 0: chosen in
  // run_serve (cmd_serve.cpp) from the cores and whether there is an audit log. A connection holds
  // no thread while it waits, so these cover the cores, not the connections; but a request waiting
  // for its audit line to be on disk holds its thread, and only lines of waiting requests can share
  // a write (service/audit_log.h).
  size_t threads = 0;
  // Open connections at most; beyond it a new connection is closed at once.
  size_t max_connections = 10000;
  // Host names (Host header) the server answers to; empty: the listen host and localhost.
  std::vector<std::string> allowed_hosts;
  size_t max_body = 1u << 20;
  size_t max_bodies_in_flight = 256u << 20;  // all connections' request bodies together
  int timeout_seconds = 10;  // a whole request (header and body), and writing its answer
  // Requests that load, evaluate and render at once (engine/util/fifo_gate.h). Three per core:
  // measured at 64 connections on 2 cores, 6 slots gave p99 6.8-9.8 ms against 9.5-13.3 ms
  // without a gate at the same ~20,000 req/s; 2 or 4 slots starved the cores (a slot passed to a
  // thread still waiting for a CPU) and fell to 7,600-9,000 req/s.
  size_t compute_slots = 3 * std::max(1u, std::thread::hardware_concurrency());
  // Who may ask (serve_access.h). Without any of these the server answers everyone who can reach
  // it, which is only allowed on a loopback address unless `no_authentication` says so.
  AccessSettings access;
  bool no_authentication = false;
  std::string expect_rules_hash;  // "" accepts any rule set
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
