// koers serve: advice over HTTP for the caseworkers' web page and for other systems (README,
// "koers serve"). Rules and policy are loaded once and swapped whole on SIGHUP or POST /v1/reload;
// SIGTERM and SIGINT stop accepting and finish the requests in flight.
#include <pthread.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <iostream>
#include <limits>
#include <memory>
#include <thread>

#include "service/access.h"
#include "service/advice_service.h"
#include "service/audit_log.h"
#include "tools/koers/commands.h"
#include "tools/koers/http_server.h"
#include "tools/koers/serve_admin.h"
#include "tools/koers/serve_command.h"
#include "tools/koers/serve_guard.h"
#include "tools/koers/serve_routes.h"
#include "util/random_bytes.h"

namespace koers::cli {

namespace {

bool split_listen(const std::string& listen, std::string& host, int& port) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  try {
    size_t used = 0;
    port = std::stoi(listen.substr(colon + 1), &used);
    return used == listen.size() - colon - 1 && port >= 0 && port <= 65535;
  } catch (const std::exception&) {
    return false;
  }
}

// Every open connection is a descriptor: take the hard limit, so that --max-connections (not the
// soft limit, often 1024) decides how many clients may be connected at once. Returns how many
// descriptors the process may now have open.
size_t raise_descriptor_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
  if (limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) ::getrlimit(RLIMIT_NOFILE, &limit);
  }
  return limit.rlim_cur == RLIM_INFINITY ? std::numeric_limits<size_t>::max()
                                         : static_cast<size_t>(limit.rlim_cur);
}

// Descriptors kept free for what is not a client connection: the listener, the audit log, rule
// files read by a reload, recorded cases, the token file.
constexpr size_t kReservedDescriptors = 64;

// Signals are taken by one thread with sigwait, never by a handler: reloading and stopping are
// ordinary code then, free to lock and allocate.
class SignalThread {
 public:
  // `stop` ends every server of this process (the served port and the admin port).
  SignalThread(std::function<void()> stop, service::AdviceService& service)
      : thread_([stop = std::move(stop), &service, this] { run(stop, service); }) {}
  ~SignalThread() {
    if (!done_) pthread_kill(thread_.native_handle(), SIGTERM);  // the server stopped by itself
    thread_.join();
  }

  static void block_in_this_and_future_threads() {
    sigset_t set = signals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
  }

 private:
  static sigset_t signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGUSR1);
    return set;
  }

  void run(const std::function<void()>& stop, service::AdviceService& service) {
    const sigset_t set = signals();
    for (;;) {
      int signal = 0;
      if (sigwait(&set, &signal) != 0) continue;
      if (signal == SIGUSR1 || signal == SIGHUP) {
        // After a rotation (logrotate's postrotate): the next audit line goes to a new file.
        service.reopen_audit_log();
      }
      if (signal == SIGUSR1) {
        spdlog::info("SIGUSR1: the audit log is opened again before its next line");
        continue;
      }
      if (signal == SIGHUP) {
        spdlog::info("SIGHUP: reloading rules and policy");
        // Logs its outcome (and audits it, naming the signal); a failure keeps the old rules.
        service.reload({"signal:SIGHUP", "local", random_hex(16)});
        continue;
      }
      spdlog::info("{}: finishing requests in flight, then stopping",
                   signal == SIGINT ? "SIGINT" : "SIGTERM");
      done_ = true;
      stop();
      return;
    }
  }

  std::atomic<bool> done_ = false;
  std::thread thread_;
};

// `--record DIR` keeps families' cases: the directory is created 0700, and an existing one that
// others may read or enter is refused rather than silently used (or silently changed).
bool prepare_record_dir(const std::string& dir) {
  namespace fs = std::filesystem;
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) {
    std::error_code ec;
    const fs::path parent = fs::path(dir).parent_path();
    if (!parent.empty()) fs::create_directories(parent, ec);
    if (::mkdir(dir.c_str(), 0700) != 0 || ::chmod(dir.c_str(), 0700) != 0 ||
        ::stat(dir.c_str(), &st) != 0) {
      std::cerr << "koers serve: cannot create --record directory " << dir << ": "
                << std::strerror(errno) << "\n";
      return false;
    }
  }
  if (!S_ISDIR(st.st_mode)) {
    std::cerr << "koers serve: --record " << dir << " is not a directory\n";
    return false;
  }
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    std::cerr << "koers serve: --record directory " << dir << " is open to other users (mode "
              << mode << "); it will hold families' cases, so only its owner may use it: chmod 700 "
              << dir << "\n";
    return false;
  }
  return true;
}

// A path as it resolves now, through every symbolic link; the path itself when it does not.
std::string resolved(const std::string& path) {
  if (path.empty()) return path;
  std::error_code ec;
  auto real = std::filesystem::canonical(path, ec);
  return ec ? path : real.string();
}

std::vector<std::string> resolved_all(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const auto& p : paths) out.push_back(resolved(p));
  return out;
}

// Loads the rule set and policy as whole versions. Deployed by renaming a symbolic link (docs/
// operations.md), each path is resolved once and everything is read below the version it names;
// when a link moved while the files were read, they are read again, so a reload never mixes
// files of two versions.
std::optional<service::RuleSnapshot> load_whole_version(const RuleOptions& options,
                                                        Diagnostics& diags) {
  for (int attempt = 0;; ++attempt) {
    RuleOptions pinned = options;
    pinned.rules = resolved_all(options.rules);
    pinned.policy = resolved(options.policy);
    Diagnostics attempt_diags;
    auto loaded = load_rules_and_policy(pinned, attempt_diags);
    const bool moved =
        resolved_all(options.rules) != pinned.rules || resolved(options.policy) != pinned.policy;
    if (!moved) {
      for (auto& d : attempt_diags.sorted()) diags.add(std::move(d));
      if (!loaded) return std::nullopt;
      return service::RuleSnapshot{std::move(loaded->program), std::move(loaded->policy), {}};
    }
    if (attempt == 2) {
      diags.error("K004", {},
                  "the rules or policy were swapped three times while they were read; no "
                  "version was read whole, so none is taken");
      return std::nullopt;
    }
    spdlog::warn("the rules or policy were swapped while they were read; reading them again");
  }
}

bool is_loopback_host(const std::string& host) {
  return host == "localhost" ||
         service::classify_address(host, false) == service::AddressClass::loopback;
}

}  // namespace

int run_serve(const ServeOptions& options) {
  std::string host;
  int port = 0;
  if (!split_listen(options.listen, host, port)) {
    std::cerr << "koers serve: --listen needs HOST:PORT, found `" << options.listen << "`\n";
    return kExitUnusable;
  }
  std::unique_ptr<service::AuditLog> audit;
  if (!options.audit.empty()) {
    try {
      std::string repair_note;
      audit = service::AuditLog::open(options.audit, &repair_note);
      if (!repair_note.empty()) spdlog::warn("{}", repair_note);
    } catch (const std::exception& e) {
      std::cerr << "koers serve: " << e.what() << "\n";
      return kExitUnusable;
    }
  }
  if (!options.record.empty() && !prepare_record_dir(options.record)) return kExitUnusable;
  service::ServiceOptions service_options;
  service_options.audit = audit.get();
  service_options.record_dir = options.record;
  service_options.case_limits.max_bytes = options.max_body;
  service_options.compute_slots = options.compute_slots;
  service_options.expect_rules_sha256 = options.expect_rules_hash;
  if (options.max_body > options.max_bodies_in_flight) {
    std::cerr << "koers serve: --max-body " << options.max_body
              << " is larger than --max-bodies-in-flight " << options.max_bodies_in_flight
              << ": such a body could never be taken\n";
    return kExitUnusable;
  }
  std::string access_error;
  auto access = ServeAccess::create(options.access, access_error);
  if (!access) {
    std::cerr << "koers serve: " << access_error << "\n";
    return kExitUnusable;
  }
  if (!access->authentication_configured() && !options.no_authentication &&
      !is_loopback_host(host)) {
    std::cerr << "koers serve: --listen " << options.listen
              << " reaches beyond this machine, and nobody would be asked who they are.\n"
                 "  Give --tokens FILE (see `koers token add`) or --identity-header with "
                 "--trusted-proxy;\n  or, when a proxy in front checks everyone already, "
                 "--no-authentication.\n";
    return kExitUnusable;
  }
  RuleOptions rule_options = options.rules;
  rule_options.names_without_paths = true;  // diagnostics go to clients (reload)
  service::AdviceService service(
      [rule_options](Diagnostics& diags) { return load_whole_version(rule_options, diags); },
      service_options);
  {
    Diagnostics diags;
    if (!service.load(diags)) {
      // The operator is shown where the files are: loaded once more, with their paths.
      if (load_rules_and_policy(options.rules)) print_diagnostics(diags);
      return kExitUnusable;
    }
  }

  SignalThread::block_in_this_and_future_threads();
  std::signal(SIGPIPE, SIG_IGN);  // (SIGXFSZ is ignored from the start: cli_main.cpp)
  const size_t descriptors = raise_descriptor_limit();
  size_t max_connections = options.max_connections;
  const size_t room = descriptors > 2 * kReservedDescriptors ? descriptors - kReservedDescriptors
                                                             : std::max<size_t>(1, descriptors / 2);
  if (max_connections > room) {
    max_connections = room;
    // Beyond it, accept() would fail with EMFILE while reloads and audit writes fail too.
    spdlog::warn(
        "--max-connections {} lowered to {}: the process may open {} descriptors "
        "(raise `ulimit -n` or LimitNOFILE= to allow more)",
        options.max_connections, max_connections, descriptors);
  }
  HttpLimits limits;
  limits.body_bytes = options.max_body;
  limits.request_timeout = std::chrono::seconds(options.timeout_seconds);
  limits.idle_timeout = std::chrono::seconds(std::min(5, options.timeout_seconds));
  limits.max_connections = max_connections;
  limits.bodies_in_flight_bytes = options.max_bodies_in_flight;
  limits.threads = options.threads;
  if (limits.threads == 0) {
    // Measured at 64 connections on 2 cores (README, performance): with --audit, 4 threads gave
    // 3,300 advices/s (at most 4 lines per write), 16 gave 4,100 (about 8 per write).
    const size_t cores = std::max(1u, std::thread::hardware_concurrency());
    limits.threads =
        options.audit.empty() ? std::max<size_t>(4, 2 * cores) : std::max<size_t>(16, 8 * cores);
  }
  ServeRoutes routes(service, options.max_body,
                     SiteGuard(options.allowed_hosts.empty() ? SiteGuard::default_hosts(host)
                                                             : options.allowed_hosts),
                     *access);
  HttpServer server(routes, limits);
  std::string listen_error;
  const int bound = server.listen(host, port, listen_error);
  if (bound < 0) {
    std::cerr << "koers serve: cannot listen on " << options.listen << ": " << listen_error << "\n";
    return kExitUnusable;
  }
  {
    auto snap = service.snapshot();
    std::string layers;
    for (const auto& l : snap->program.layers) {
      layers += (layers.empty() ? "" : " + ") + l.name + " " + l.sha256.substr(0, 12);
    }
    spdlog::info("serving rules {} (sha256 {}{}) with policy {} {} (sha256 {}){}",
                 snap->program.rules_path, snap->program.rules_sha256.substr(0, 12),
                 snap->program.layers.size() > 1 ? "; layers " + layers : std::string(),
                 snap->policy.id, snap->policy.version, snap->policy.sha256.substr(0, 12),
                 audit ? ", audit log " + options.audit : std::string());
  }
  // Health and metrics on their own address, when asked for: a few connections, one thread.
  std::unique_ptr<AdminRoutes> admin_routes;
  std::unique_ptr<HttpServer> admin;
  int admin_bound = -1;
  if (!options.admin_listen.empty()) {
    std::string admin_host;
    int admin_port = 0;
    if (!split_listen(options.admin_listen, admin_host, admin_port)) {
      std::cerr << "koers serve: --admin-listen needs HOST:PORT, found `" << options.admin_listen
                << "`\n";
      return kExitUnusable;
    }
    HttpLimits admin_limits;
    admin_limits.body_bytes = 0;
    admin_limits.request_timeout = std::chrono::seconds(5);
    admin_limits.max_connections = 64;
    admin_limits.threads = 1;
    admin_routes = std::make_unique<AdminRoutes>(server, service);
    admin = std::make_unique<HttpServer>(*admin_routes, admin_limits);
    admin_bound = admin->listen(admin_host, admin_port, listen_error);
    if (admin_bound < 0) {
      std::cerr << "koers serve: cannot listen on " << options.admin_listen << ": " << listen_error
                << "\n";
      return kExitUnusable;
    }
    spdlog::info("health and metrics on http://{}:{}/", admin_host, admin_bound);
  }
  // The one line on stdout: tests and scripts read the port from it (useful with port 0).
  std::cout << "koers serve: listening on http://" << host << ":" << bound << "/"
            << (admin ? " (admin port " + std::to_string(admin_bound) + ")" : std::string())
            << std::endl;
  {
    SignalThread signals(
        [&server, &admin] {
          server.stop();
          if (admin) admin->stop();
        },
        service);
    std::thread admin_thread;
    if (admin) admin_thread = std::thread([&admin] { admin->run(); });
    server.run();
    if (admin) {
      admin->stop();  // the served port stopped by itself (SignalThread's stop() is idempotent)
      admin_thread.join();
    }
  }
  spdlog::info("stopped");
  return kExitOk;
}

}  // namespace koers::cli
