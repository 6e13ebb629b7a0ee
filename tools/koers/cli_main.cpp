#include "tools/koers/cli_main.h"

#include <csignal>

#include <CLI/CLI.hpp>

#include <iostream>

#include "api/parse_cache.h"
#include "eval/evaluator.h"
#include "tools/koers/commands.h"
#include "tools/koers/log_format.h"
#include "tools/koers/serve_command.h"

namespace koers::cli {

namespace {
std::vector<char*> arguments;
}

const std::vector<char*>& original_arguments() {
  return arguments;
}

int cli_main(int argc, char** argv, ServeRunner serve_runner) {
  // A file-size limit reached by the audit log (or any file written) must fail that write with
  // EFBIG, reported like any write error (the advice withheld), not kill the program: before
  // anything is opened, since opening the audit log may already write a repair line.
  std::signal(SIGXFSZ, SIG_IGN);
  arguments.assign(argv, argv + argc);
  arguments.push_back(nullptr);
  CLI::App app{
      "Koers: advice for multiprobleemgezinnen, from rules that people can read, check and "
      "test.\nKoers gives advice; a professional decides."};
  app.require_subcommand(0, 1);
  // --log-level, --log-format and --no-cache may also follow the command (`koers serve
  // --log-format json`), as the service's options in /etc/default/koers do.
  app.fallthrough();
  bool version = false;
  app.add_flag("--version", version, "Print the engine version");
  std::string log_level = "warn";
  app.add_option("--log-level", log_level,
                 "Logging on stderr: trace, debug, info, warn, error, off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));
  std::string log_format = "text";
  app.add_option("--log-format", log_format,
                 "Log lines as text, or as JSON objects (json) for a log collector; never with "
                 "case content")
      ->check(CLI::IsMember({"text", "json"}));
  bool no_cache = false;
  app.add_flag("--no-cache", no_cache,
               "Parse the rule files afresh instead of using the parse cache (also: "
               "KOERS_CACHE_DIR=off)");
  int exit_code = koers::cli::kExitOk;
  koers::cli::add_advise(app, exit_code);
  koers::cli::add_check(app, exit_code);
  koers::cli::add_test(app, exit_code);
  koers::cli::add_explain(app, exit_code);
  koers::cli::add_diff(app, exit_code);
  koers::cli::add_lint(app, exit_code);
  koers::cli::add_fmt(app, exit_code);
  koers::cli::add_report(app, exit_code);
  koers::cli::add_timeline(app, exit_code);
  koers::cli::add_serve(app, exit_code, std::move(serve_runner));
  koers::cli::add_replay(app, exit_code);
  koers::cli::add_feedback(app, exit_code);
  koers::cli::add_token(app, exit_code);
  koers::cli::add_policy(app, exit_code);
  koers::cli::add_audit(app, exit_code);
  app.parse_complete_callback([&] {
    koers::cli::setup_logging(log_level, log_format);
    if (!no_cache) koers::set_parse_cache_dir(koers::default_parse_cache_dir());
  });
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : koers::cli::kExitUnusable;
  }
  if (version) {
    std::cout << "koers " << koers::engine_version() << "\n";
    return 0;
  }
  if (app.get_subcommands().empty()) {
    std::cout << app.help();
    return koers::cli::kExitUnusable;
  }
  return exit_code;
}

}  // namespace koers::cli
