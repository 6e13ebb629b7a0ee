#include "api/rule_set.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/parse_cache.h"
#include "check/checker.h"
#include "eval/scalar_code.h"
#include "util/sha256.h"

namespace koers {

namespace fs = std::filesystem;

// Rule files beyond this size are refused: no real rule file comes close, and it bounds parsing.
constexpr std::uintmax_t kMaxRuleFileBytes = 4u << 20;

std::optional<Program> load_rule_set_from_texts(
    const std::vector<std::pair<std::string, std::string>>& texts, Diagnostics& diags,
    const std::string& display_path, const check::CheckOptions& options) {
  std::vector<std::pair<std::string, std::string>> sorted = texts;
  std::sort(sorted.begin(), sorted.end());
  std::vector<ast::File> files;
  std::string hash_input;
  bool syntax_ok = true;
  for (const auto& [name, text] : sorted) {
    // The hash covers names and bytes, each length-prefixed so no two sets can collide by framing.
    hash_input +=
        std::to_string(name.size()) + ":" + name + std::to_string(text.size()) + ":" + text;
    std::string shown =
        display_path.empty() ? name : (fs::path(display_path) / name).lexically_normal().string();
    auto source = std::make_shared<SourceFile>(shown, text);
    auto file = parse_rule_file(source, diags);
    if (!file) {
      syntax_ok = false;
      continue;
    }
    files.push_back(std::move(*file));
  }
  if (!syntax_ok) return std::nullopt;
  auto program = check::check_rule_set(files, diags, options);
  if (!program) return std::nullopt;
  program->rules_path = display_path;
  program->rules_sha256 = sha256_hex(hash_input);
  // Compiled here, once the program is in its final place: the code points into it.
  program->scalar_code = std::make_shared<const ScalarCode>(*program);
  return program;
}

std::optional<Program> load_rule_set(const std::string& dir, Diagnostics& diags,
                                     const std::string& display_as) {
  std::vector<fs::path> paths;
  std::error_code ec;
  fs::path base = dir;
  if (fs::is_regular_file(dir, ec)) {
    paths.emplace_back(dir);
    base = fs::path(dir).parent_path();
  } else if (fs::is_directory(dir, ec)) {
    for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
      if (entry.is_regular_file() && entry.path().extension() == ".koers")
        paths.push_back(entry.path());
    }
  }
  if (paths.empty()) {
    Diagnostic d;
    d.code = "K001";
    d.message = "no rule files (*.koers) found here";
    d.path_for_display = display_as.empty() ? dir : display_as;
    diags.add(std::move(d));
    return std::nullopt;
  }
  std::vector<std::pair<std::string, std::string>> texts;
  for (const auto& p : paths) {
    // Names relative to the rule set, so the hash does not depend on where the set is read from.
    std::string relative = p.lexically_relative(base).generic_string();
    std::string display = display_as.empty() ? p.lexically_normal().string()
                                             : (fs::path(display_as) / relative).generic_string();
    if (fs::file_size(p, ec) > kMaxRuleFileBytes) {
      Diagnostic d;
      d.code = "K001";
      d.message = "this rule file is larger than 4 MiB";
      d.path_for_display = display;
      diags.add(std::move(d));
      continue;
    }
    std::ifstream in(p, std::ios::binary);
    if (!in) {
      Diagnostic d;
      d.code = "K001";
      d.message = "cannot read this rule file";
      d.path_for_display = display;
      diags.add(std::move(d));
      continue;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    texts.emplace_back(relative, buffer.str());
  }
  if (diags.has_errors()) return std::nullopt;
  auto program =
      load_rule_set_from_texts(texts, diags, display_as.empty() ? base.string() : display_as);
  if (program) program->rules_path = dir;
  return program;
}

}  // namespace koers
