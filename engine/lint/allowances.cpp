#include "lint/allowances.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace koers::lint {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> rule_files(const std::string& rules_path) {
  std::vector<std::string> files;
  std::error_code ec;
  if (fs::is_regular_file(rules_path, ec)) return {rules_path};
  if (!fs::is_directory(rules_path, ec)) return files;
  // Every rule file the rule set is made of, subdirectories included (as load_rule_set reads it).
  for (const auto& e : fs::recursive_directory_iterator(rules_path, ec)) {
    if (e.is_regular_file() && e.path().extension() == ".koers") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

LintDirectives read_lint_directives(const std::string& rules_path, Diagnostics& out) {
  static const std::regex marker(R"(^\s*#\s*koers-lint:)");
  // The subject is a bare name (`strategy`, `r.a+r.b`) or, when it holds spaces or other signs
  // (`support gezinscoach_inzetten`), a text in double quotes.
  static const std::regex allow(
      R"re(^\s*#\s*koers-lint:\s*allow\s+(L[0-9]{3})\s+(?:"([^"]+)"|([A-Za-z0-9_.+]+))\s+"([^"]+)"\s*$)re");
  static const std::regex seeds(R"(^\s*#\s*koers-lint:\s*seeds\s+"([^"]+)\"\s*$)");
  LintDirectives directives;
  for (const auto& path : rule_files(rules_path)) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    auto source = std::make_shared<SourceFile>(path, text.str());
    for (int n = 1; n <= source->line_count(); ++n) {
      std::string line(source->line(n));
      if (!std::regex_search(line, marker)) continue;
      std::smatch m;
      Span span{source, n, static_cast<int>(line.find('#')) + 1, static_cast<int>(line.size())};
      if (std::regex_match(line, m, allow)) {
        directives.allowances.push_back({m[1], m[2].matched ? m[2].str() : m[3].str(), m[4], span});
      } else if (std::regex_match(line, m, seeds)) {
        const fs::path declared = m[1].str();
        const fs::path resolved =
            declared.is_absolute() ? declared
                                   : (fs::path(path).parent_path() / declared).lexically_normal();
        directives.seeds.push_back({m[1], resolved.string(), span});
      } else {
        out.warning(
            "L100", span,
            "a lint directive reads `# koers-lint: allow CODE SUBJECT \"reason\"` or "
            "`# koers-lint: seeds \"path\"`",
            "an allowance needs its reason: it tells the next maintainer why the finding is "
            "intended");
      }
    }
  }
  return directives;
}

std::vector<Allowance> read_allowances(const std::string& rules_path, Diagnostics& out) {
  return read_lint_directives(rules_path, out).allowances;
}

std::vector<std::string> apply_allowances(std::vector<Allowance>& allowances,
                                          const Diagnostics& findings,
                                          const std::set<std::string>& disabled, Diagnostics& kept,
                                          const std::set<std::string>& not_looked_for) {
  std::vector<std::string> allowed;
  for (const auto& d : findings.sorted()) {
    auto a = std::find_if(allowances.begin(), allowances.end(), [&](const Allowance& x) {
      return x.code == d.code && d.message.find("`" + x.subject + "`") != std::string::npos;
    });
    if (a == allowances.end()) {
      kept.add(d);
      continue;
    }
    a->used = true;
    allowed.push_back(fmt::format("{} {}: {}", a->code, a->subject, a->reason));
  }
  for (const auto& a : allowances) {
    if (!a.used && !disabled.count(a.code) && !not_looked_for.count(a.code)) {
      kept.warning("L100", a.span,
                   fmt::format("allowance for {} `{}` matches no finding", a.code, a.subject),
                   "remove it: what it excused is gone");
    }
  }
  return allowed;
}

}  // namespace koers::lint
