#include "tools/koers/serve_command.h"

#include <memory>

namespace koers::cli {

void add_serve(CLI::App& app, int& exit_code, ServeRunner runner) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* cmd = app.add_subcommand("serve", "Advice over HTTP, with a web page for caseworkers");
  cmd->add_option("--listen", options->listen, "HOST:PORT to listen on (port 0: any free port)")
      ->capture_default_str();
  cmd->add_option("--rules", options->rules.rules,
                  "Rule set directory (default: the shipped rules)");
  cmd->add_option("--policy", options->rules.policy, "Policy file");
  cmd->add_option("--audit", options->audit,
                  "Append a line per advice and feedback to this audit log (JSON lines)");
  cmd->add_option("--record", options->record,
                  "Keep each advised case as DIR/<case sha256>.yaml, for `koers replay`");
  cmd->add_option("--threads", options->threads,
                  "Threads serving the connections (an idle connection holds none)")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  cmd->add_option("--max-connections", options->max_connections,
                  "Open connections at most; beyond, new ones are closed at once")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--allowed-host", options->allowed_hosts,
                  "Host name the server answers to (repeatable; default: the --listen host and "
                  "localhost)");
  cmd->add_option("--max-body", options->max_body, "Largest request body in bytes (413 above)")
      ->capture_default_str()
      ->check(CLI::Range(1, 64 << 20));
  cmd->add_option("--timeout", options->timeout_seconds,
                  "Seconds for a whole request (header and body) and for its answer")
      ->capture_default_str()
      ->check(CLI::Range(1, 600));
  cmd->add_option("--compute-slots", options->compute_slots,
                  "Requests evaluated at once, the rest wait in arrival order (0: no limit)")
      ->capture_default_str()
      ->check(CLI::Range(0, 1024));
  cmd->callback([options, &exit_code, runner] { exit_code = runner(*options); });
}

}  // namespace koers::cli
