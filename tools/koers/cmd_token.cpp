// koers token add|list|revoke: the bearer tokens of `koers serve --tokens FILE` (docs/
// operations.md, "Who may ask"). A new token is printed once, on stdout, and never stored: the
// file keeps a salted hash. A running server notices a changed file within a second, so a
// revoked token stops working without a restart.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <memory>

#include "service/audit_log.h"
#include "service/token_file.h"
#include "tools/koers/commands.h"
#include "util/atomic_file.h"

namespace koers::cli {

namespace {

struct TokenOptions {
  std::string file;
  std::string name;
  std::string role = "caseworker";
};

// Two `koers token` runs at once must not lose each other's change (a revoke undone by an add
// that read the file before it): each holds an exclusive lock on FILE.lock while it reads,
// changes and replaces the file. The lock file stays; it holds nothing.
class TokenFileLock {
 public:
  explicit TokenFileLock(const std::string& file) {
    const std::string path = file + ".lock";
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd_ < 0) {
      error_ = "cannot open " + path + ": " + std::strerror(errno);
    } else if (::flock(fd_, LOCK_EX) != 0) {
      error_ = "cannot lock " + path + ": " + std::strerror(errno);
    }
  }
  ~TokenFileLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
  }
  TokenFileLock(const TokenFileLock&) = delete;
  TokenFileLock& operator=(const TokenFileLock&) = delete;
  const std::string& error() const { return error_; }

 private:
  int fd_ = -1;
  std::string error_;
};

// The lock, or nullptr after saying why it cannot be had.
std::unique_ptr<TokenFileLock> lock_or_report(const std::string& file) {
  auto lock = std::make_unique<TokenFileLock>(file);
  if (lock->error().empty()) return lock;
  std::cerr << "koers token: " << lock->error() << "\n";
  return nullptr;
}

bool read_tokens(const TokenOptions& options, bool absent_is_empty,
                 std::vector<service::StoredToken>& tokens) {
  try {
    tokens = service::read_token_file(options.file, absent_is_empty);
    return true;
  } catch (const std::exception& e) {
    std::cerr << "koers token: " << e.what() << "\n";
    return false;
  }
}

bool write_tokens(const TokenOptions& options, const std::vector<service::StoredToken>& tokens) {
  ReplaceOptions replace;
  replace.new_file_mode = 0600;  // names and hashes: the owner's business alone
  const auto result =
      replace_file_atomically(options.file, service::format_token_file(tokens), replace);
  if (!result)
    std::cerr << "koers token: cannot write " << options.file << ": " << result.error << "\n";
  return result.ok;
}

int run_add(const TokenOptions& options) {
  if (!service::valid_token_name(options.name)) {
    std::cerr << "koers token add: a name has 1 to 64 letters, digits or . _ @ -\n";
    return kExitUnusable;
  }
  const auto role = service::parse_role(options.role);
  if (!role) {
    std::cerr << "koers token add: --role is caseworker or maintainer\n";
    return kExitUnusable;
  }
  const auto lock = lock_or_report(options.file);
  if (!lock) return kExitUnusable;
  std::vector<service::StoredToken> tokens;
  if (!read_tokens(options, true, tokens)) return kExitUnusable;
  for (const auto& token : tokens) {
    if (token.name == options.name) {
      std::cerr << "koers token add: `" << options.name
                << "` has a token already; revoke it first to give a new one\n";
      return kExitInputRejected;
    }
  }
  auto made = service::make_token(options.name, *role, service::utc_timestamp());
  tokens.push_back(made.stored);
  if (!write_tokens(options, tokens)) return kExitUnusable;
  std::cerr << "koers token: added `" << options.name << "` (" << options.role
            << "). The token below is shown once; give it to its user by a safe route.\n";
  std::cout << made.token << "\n";
  return kExitOk;
}

int run_list(const TokenOptions& options) {
  std::vector<service::StoredToken> tokens;
  if (!read_tokens(options, false, tokens)) return kExitUnusable;
  if (tokens.empty()) std::cout << "(no tokens)\n";
  for (const auto& token : tokens) {
    std::cout << token.name << "\t" << service::role_name(token.role) << "\t" << token.created
              << "\n";
  }
  return kExitOk;
}

int run_revoke(const TokenOptions& options) {
  const auto lock = lock_or_report(options.file);
  if (!lock) return kExitUnusable;
  std::vector<service::StoredToken> tokens;
  if (!read_tokens(options, false, tokens)) return kExitUnusable;
  const auto removed = std::erase_if(
      tokens, [&](const service::StoredToken& token) { return token.name == options.name; });
  if (removed == 0) {
    std::cerr << "koers token revoke: no token is named `" << options.name << "`\n";
    return kExitInputRejected;
  }
  if (!write_tokens(options, tokens)) return kExitUnusable;
  std::cerr << "koers token: revoked `" << options.name
            << "`; a running koers serve refuses it within a second\n";
  return kExitOk;
}

}  // namespace

void add_token(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<TokenOptions>();
  CLI::App* cmd = app.add_subcommand("token", "Bearer tokens for koers serve --tokens");
  cmd->require_subcommand(1);
  const auto file_option = [&](CLI::App* sub) {
    sub->add_option("--file", options->file, "The token file (koers serve --tokens)")->required();
  };
  CLI::App* add = cmd->add_subcommand("add", "Make a token for a user and print it once");
  add->add_option("name", options->name, "Who the token is for, as audit lines name them")
      ->required();
  add->add_option("--role", options->role,
                  "caseworker (advice, reports, feedback) or maintainer "
                  "(also reload and /v1/rules)")
      ->capture_default_str();
  file_option(add);
  add->callback([options, &exit_code] { exit_code = run_add(*options); });
  CLI::App* list = cmd->add_subcommand("list", "Names, roles and dates of the tokens");
  file_option(list);
  list->callback([options, &exit_code] { exit_code = run_list(*options); });
  CLI::App* revoke = cmd->add_subcommand("revoke", "Remove a user's token");
  revoke->add_option("name", options->name, "Whose token")->required();
  file_option(revoke);
  revoke->callback([options, &exit_code] { exit_code = run_revoke(*options); });
}

}  // namespace koers::cli
