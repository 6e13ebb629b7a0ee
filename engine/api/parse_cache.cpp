#include "api/parse_cache.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <unordered_set>
#include <vector>

#include "ast/ast_binary.h"
#include "syntax/parser.h"
#include "util/atomic_file.h"
#include "util/build_id.h"
#include "util/sha256.h"

namespace koers {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kMagic = "KOERSAST";
constexpr size_t kDigestSize = 64;  // hex SHA-256 of the payload, after the magic
// Old entries (earlier builds, earlier texts) are pruned beyond this many, least recently read
// or written first (a read touches the entry); the
// entries this process read or wrote are kept besides, however many (a rule set of 10,000 files
// must not evict its own entries while it is read).
constexpr size_t kMaxEntries = 256;

fs::path& cache_dir() {
  static fs::path dir;
  return dir;
}

std::string entry_key(const std::string& text) {
  return sha256_hex("koers parse cache\n" + program_build_id() + "\n" + text);
}

std::optional<std::string> read_whole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return std::nullopt;
  const std::streamoff size = in.tellg();
  if (size < 0) return std::nullopt;
  std::string bytes(static_cast<size_t>(size), '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), size)) return std::nullopt;
  return bytes;
}

std::optional<ast::File> read_entry(const fs::path& path, const SourceFilePtr& source) {
  auto bytes = read_whole(path);
  if (!bytes || bytes->size() < kMagic.size() + kDigestSize ||
      std::string_view(*bytes).substr(0, kMagic.size()) != kMagic) {
    return std::nullopt;
  }
  std::string_view digest = std::string_view(*bytes).substr(kMagic.size(), kDigestSize);
  std::string_view payload = std::string_view(*bytes).substr(kMagic.size() + kDigestSize);
  if (sha256_hex(payload) != digest) return std::nullopt;
  return ast::decode_file(payload, source);
}

// The entries this process used (read or wrote), and where: pruned around once, at exit.
struct Usage {
  std::mutex mutex;
  fs::path dir;
  std::unordered_set<std::string> keys;
  bool wrote = false;
};

Usage& usage() {
  static Usage* u = new Usage;  // never destroyed: used from the atexit handler
  return *u;
}

void prune_at_exit() {
  Usage& u = usage();
  std::lock_guard lock(u.mutex);
  if (!u.wrote || u.dir.empty()) return;
  std::error_code ec;
  std::vector<std::pair<fs::file_time_type, fs::path>> others;
  // Never a throw here (an atexit handler): errors end the listing, and the cache stays as it is.
  fs::directory_iterator it(u.dir, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    if (u.keys.count(it->path().filename().string())) continue;
    others.emplace_back(it->last_write_time(ec), it->path());
  }
  if (others.size() <= kMaxEntries) return;
  std::sort(others.begin(), others.end());
  for (size_t i = 0; i + kMaxEntries < others.size(); ++i) fs::remove(others[i].second, ec);
}

void note_used(const fs::path& dir, const std::string& key, bool written) {
  Usage& u = usage();
  std::lock_guard lock(u.mutex);
  u.dir = dir;
  u.keys.insert(key);
  if (written && !u.wrote) {
    u.wrote = true;
    // Once per process, not once per entry: a directory listing per write made a first check
    // of 10,000 files take a minute.
    std::atexit(prune_at_exit);
  }
}

// Best effort: a cache that cannot be written is only slower. Replaced atomically, so readers see
// a whole entry or none; not flushed to disk, since a damaged entry fails its checksum and is
// parsed and written again.
void write_entry(const fs::path& dir, const std::string& key, const std::string& payload) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  std::string entry;
  entry.reserve(kMagic.size() + kDigestSize + payload.size());
  entry.append(kMagic).append(sha256_hex(payload)).append(payload);
  ReplaceOptions options;
  options.durable = false;
  if (replace_file_atomically(dir / key, entry, options)) note_used(dir, key, true);
}

}  // namespace

void set_parse_cache_dir(fs::path dir) {
  cache_dir() = std::move(dir);
}

const fs::path& parse_cache_dir() {
  return cache_dir();
}

fs::path default_parse_cache_dir() {
  if (const char* env = std::getenv("KOERS_CACHE_DIR")) {
    std::string value = env;
    return value == "off" ? fs::path() : fs::path(value);
  }
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg == '/') {
    return fs::path(xdg) / "koers";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home == '/') {
    return fs::path(home) / ".cache" / "koers";
  }
  return {};
}

std::optional<ast::File> parse_rule_file(const SourceFilePtr& source, Diagnostics& diags) {
  const fs::path& dir = cache_dir();
  if (dir.empty() || program_build_id().empty()) return syntax::parse_file(source, diags);
  const fs::path entries = dir / "parsed";
  const std::string key = entry_key(source->text());
  if (auto cached = read_entry(entries / key, source)) {
    // Read now: the prune keeps the entries read most recently, whichever rule set read them.
    std::error_code ec;
    fs::last_write_time(entries / key, fs::file_time_type::clock::now(), ec);
    note_used(entries, key, false);
    spdlog::debug("rules {}: parsed form read from the cache", source->path());
    return cached;
  }
  Diagnostics own;
  auto file = syntax::parse_file(source, own);
  const bool clean = file.has_value() && own.empty();
  diags.merge(own);
  if (clean) {
    if (auto bytes = ast::encode_file(*file)) write_entry(entries, key, *bytes);
  }
  return file;
}

}  // namespace koers
