#include "tools/koers/serve_access.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "service/token_file.h"
#include "tools/koers/serve_json.h"
#include "util/random_bytes.h"

namespace koers::cli {

namespace {

using Clock = std::chrono::steady_clock;

// What changes when the file is replaced or rewritten: its inode, size and change time.
std::string file_signature(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return "absent";
  return std::to_string(st.st_ino) + ":" + std::to_string(st.st_size) + ":" +
         std::to_string(st.st_ctim.tv_sec) + "." + std::to_string(st.st_ctim.tv_nsec);
}

// A token file others may change could admit anyone, like a sudoers file: refused when it is
// writable by group or others, owned by another user (root aside), or in a directory others may
// write (they could rename their own file over it).
std::string writable_by_others(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {};
  if ((st.st_mode & 022) != 0) {
    return path + " may be changed by other users; make it the owner's alone: chmod 600 " + path;
  }
  if (st.st_uid != ::geteuid() && st.st_uid != 0) {
    return path + " belongs to another user; the token file must be koers serve's own (or root's)";
  }
  const std::string dir = std::filesystem::path(path).parent_path().string();
  struct stat dir_st {};
  if (::stat(dir.empty() ? "." : dir.c_str(), &dir_st) == 0 && (dir_st.st_mode & 022) != 0 &&
      (dir_st.st_mode & S_ISVTX) == 0) {
    return "the directory of " + path +
           " may be written by other users, who could replace the token file; keep it in a "
           "directory only its owner may change";
  }
  return {};
}

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
      .count();
}

}  // namespace

std::string load_or_make_pseudonym_key(const std::string& path, std::string& error) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    const std::string key = random_bytes(32);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
      error = "cannot create the key file " + path + ": " + std::strerror(errno);
      return {};
    }
    if (::write(fd, key.data(), key.size()) != static_cast<ssize_t>(key.size()) ||
        ::fsync(fd) != 0) {
      error = "cannot write the key file " + path + ": " + std::strerror(errno);
      ::close(fd);
      ::unlink(path.c_str());  // a half-written key would give other pseudonyms next time
      return {};
    }
    ::close(fd);
    spdlog::info("made a new key for pseudonymous actors in {}", path);
    return key;
  }
  if ((st.st_mode & 077) != 0 || (st.st_uid != ::geteuid() && st.st_uid != 0)) {
    error = "the key file " + path +
            " may be read by other users, who could then tell who asked; it must be koers "
            "serve's own with mode 600";
    return {};
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  if (!in || bytes.str().size() < 16) {
    error = "the key file " + path + " cannot be read or holds fewer than 16 bytes";
    return {};
  }
  return bytes.str();
}

std::unique_ptr<ServeAccess> ServeAccess::create(const AccessSettings& settings,
                                                 std::string& error) {
  auto config = std::make_shared<service::AccessConfig>();
  if (!settings.identity_header.empty()) config->identity_header = settings.identity_header;
  if (!settings.role_header.empty()) config->role_header = settings.role_header;
  for (const auto& text : settings.trusted_proxies) {
    auto block = service::AddressBlock::parse(text);
    if (!block) {
      error = "--trusted-proxy needs an IP address or a CIDR block such as 10.0.0.0/8, found `" +
              text + "`";
      return nullptr;
    }
    config->trusted_proxies.push_back(*block);
  }
  if (config->identity_header && config->trusted_proxies.empty()) {
    error =
        "--identity-header needs at least one --trusted-proxy: the header is believed only "
        "from the proxy that sets it";
    return nullptr;
  }
  if (!config->identity_header && (config->role_header || !config->trusted_proxies.empty())) {
    error = "--role-header and --trusted-proxy go with --identity-header";
    return nullptr;
  }
  std::unique_ptr<ServeAccess> access(new ServeAccess());
  if (!settings.tokens_file.empty()) {
    access->tokens_file_ = settings.tokens_file;
    if (error = writable_by_others(settings.tokens_file); !error.empty()) return nullptr;
    try {
      access->tokens_signature_ = file_signature(settings.tokens_file);
      config->tokens = service::read_token_file(settings.tokens_file);
      config->tokens_required = true;
    } catch (const std::exception& e) {
      error = e.what();
      return nullptr;
    }
    if (config->tokens.empty()) {
      spdlog::warn("the token file holds no tokens: nobody can ask until `koers token add`");
    }
  }
  if (!settings.pseudonym_key_file.empty()) {
    access->pseudonym_key_ = load_or_make_pseudonym_key(settings.pseudonym_key_file, error);
    if (access->pseudonym_key_.empty()) return nullptr;
  }
  access->config_.store(std::move(config));
  return access;
}

bool ServeAccess::authentication_configured() const {
  return config_.load()->authentication_configured();
}

// Checked at most once a second, by one request while the others go on with the tokens they
// have. A file that cannot be read or used admits no token until it is repaired (fail closed).
void ServeAccess::refresh_tokens_if_changed() {
  if (tokens_file_.empty()) return;
  const std::int64_t now = now_ns();
  if (now < next_check_ns_.load(std::memory_order_relaxed)) return;
  std::unique_lock lock(refresh_mutex_, std::try_to_lock);
  if (!lock.owns_lock()) return;
  next_check_ns_.store(now + 1'000'000'000, std::memory_order_relaxed);
  const std::string signature = file_signature(tokens_file_);
  if (signature == tokens_signature_) return;
  tokens_signature_ = signature;
  auto fresh = std::make_shared<service::AccessConfig>(*config_.load());
  try {
    if (std::string problem = writable_by_others(tokens_file_); !problem.empty()) {
      throw service::TokenFileError(problem);
    }
    fresh->tokens = service::read_token_file(tokens_file_);
    spdlog::info("token file changed: {} token(s)", fresh->tokens.size());
  } catch (const std::exception& e) {
    fresh->tokens.clear();
    spdlog::error("token file unusable, no token is accepted until it is repaired: {}", e.what());
  }
  config_.store(std::move(fresh));
}

ServeAccess::Outcome ServeAccess::decide(const HttpRequest& request) {
  refresh_tokens_if_changed();
  Outcome outcome;
  outcome.request_id = random_hex(16);
  const auto config = config_.load();
  service::AccessRequest view;
  view.method = request.method;
  view.path = request.path;
  view.remote_address = request.remote_address;
  view.header = [&request](std::string_view name) -> std::optional<std::string> {
    if (!request.has_header(name)) return std::nullopt;
    return request.header(name);
  };
  view.header_count = [&request](std::string_view name) { return request.header_count(name); };
  const auto decision = service::decide_access(*config, view, outcome.request_id);
  if (const auto* refused = std::get_if<service::Refused>(&decision)) {
    HttpResponse res{refused->status, "application/json", refused->body, {}, false};
    if (refused->status == 401) res.set_header("WWW-Authenticate", "Bearer realm=\"koers\"");
    outcome.refusal = std::move(res);
    return outcome;
  }
  const auto& allowed = std::get<service::Allowed>(decision);
  outcome.requester.actor = allowed.actor.empty() || pseudonym_key_.empty()
                                ? allowed.actor
                                : service::pseudonym(pseudonym_key_, allowed.actor);
  outcome.requester.address_class = std::string(service::address_class_name(allowed.address_class));
  outcome.requester.request_id = outcome.request_id;
  return outcome;
}

}  // namespace koers::cli
