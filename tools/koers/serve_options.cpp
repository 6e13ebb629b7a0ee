#include "tools/koers/commands.h"
#include "tools/koers/serve_command.h"

#include <memory>

namespace koers::cli {

void add_serve(CLI::App& app, int& exit_code, ServeRunner runner) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* cmd = app.add_subcommand("serve", "Advice over HTTP, with a web page for caseworkers");
  cmd->add_option("--listen", options->listen, "HOST:PORT to listen on (port 0: any free port)")
      ->capture_default_str();
  cmd->add_option("--admin-listen", options->admin_listen,
                  "HOST:PORT for GET /healthz and /metrics (Prometheus), apart from the "
                  "caseworkers' port; asks no one who they are: bind it to a management network");
  add_rules_option(cmd, options->rules);
  cmd->add_option("--policy", options->rules.policy, "Policy file");
  cmd->add_option("--audit", options->audit,
                  "Append a line per advice and feedback to this audit log (JSON lines)");
  cmd->add_option("--record", options->record,
                  "Keep each advised case as DIR/<case sha256>.yaml, for `koers replay`");
  cmd->add_option("--threads", options->threads,
                  "Threads serving the connections (an idle connection holds none); default: "
                  "twice the cores (at least 4), with --audit eight times (at least 16), so that "
                  "more advice lines share each write to the log")
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
  cmd->add_option("--max-bodies-in-flight", options->max_bodies_in_flight,
                  "Bytes of request bodies held by all connections together (503 beyond)")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1} << 20, size_t{1} << 40));
  cmd->add_option("--timeout", options->timeout_seconds,
                  "Seconds for a whole request (header and body) and for its answer")
      ->capture_default_str()
      ->check(CLI::Range(1, 600));
  cmd->add_option("--compute-slots", options->compute_slots,
                  "Requests evaluated at once, the rest wait in arrival order (0: no limit)")
      ->capture_default_str()
      ->check(CLI::Range(0, 1024));
  cmd->add_option("--tokens", options->access.tokens_file,
                  "File of bearer tokens (`koers token add`); requests then need one")
      ->group("Who may ask");
  cmd->add_option("--identity-header", options->access.identity_header,
                  "Header in which the organisation's proxy names the user (believed only from a "
                  "--trusted-proxy)")
      ->group("Who may ask");
  cmd->add_option("--role-header", options->access.role_header,
                  "Header in which the proxy gives the user's role: caseworker or maintainer "
                  "(default: caseworker)")
      ->group("Who may ask");
  cmd->add_option("--trusted-proxy", options->access.trusted_proxies,
                  "Address or CIDR block of the proxy that sets --identity-header (repeatable)")
      ->group("Who may ask");
  cmd->add_option("--pseudonymise-actors", options->access.pseudonym_key_file,
                  "Name users in the audit log by an HMAC under the key in this file (made when "
                  "absent), not by name")
      ->group("Who may ask");
  cmd->add_flag("--no-authentication", options->no_authentication,
                "Answer everyone who can reach the server, also on a non-loopback address")
      ->group("Who may ask");
  cmd->add_option("--expect-rules-hash", options->expect_rules_hash,
                  "Serve only the rule set with this SHA-256 (as `koers check` prints it); a "
                  "start or reload with any other is refused");
  cmd->callback([options, &exit_code, runner] { exit_code = runner(*options); });
}

}  // namespace koers::cli
