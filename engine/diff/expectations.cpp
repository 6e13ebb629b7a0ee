#include "diff/expectations.h"

#include <yaml-cpp/yaml.h>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "suite/suite.h"
#include "suite/yaml_places.h"

namespace koers::diff {

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kTopKeys = {"changes"};
const std::vector<std::string> kEntryKeys = {"case",     "suite",          "test",
                                             "decision", "recommendation", "to"};
const std::vector<std::string> kRecommendationChanges = {"added", "removed"};

class ExpectationChecker {
 public:
  ExpectationChecker(const suite::RuleNames& names, SourceFilePtr file,
                     const std::vector<CaseOrigin>& compared, Diagnostics& diags)
      : names_(names), file_(std::move(file)), diags_(diags) {
    for (const auto& c : compared) {
      if (c.test.empty()) {
        case_files_[same_file(c.path)] = c.path;
      } else {
        suites_[same_file(c.path)].first = c.path;
        suites_[same_file(c.path)].second.push_back(c.test);
      }
    }
  }

  std::vector<ExpectedChange> check(const YAML::Node& root) {
    std::vector<ExpectedChange> out;
    if (!root.IsMap()) {
      error("S601", root,
            fmt::format("expected a mapping with `changes:`, found {}", suite::node_kind(root)),
            "write `changes: []` when no advice may change");
      return out;
    }
    suite::check_keys(file_, root, kTopKeys, "an --expect file", diags_);
    const YAML::Node changes = root["changes"];
    if (!changes || !changes.IsSequence()) {
      error("S601", changes ? changes : root,
            fmt::format("`changes:` is a list of intended changes, found {}",
                        suite::node_kind(changes)),
            "write `changes: []` when no advice may change");
      return out;
    }
    for (const auto& entry : changes) {
      if (auto e = check_entry(entry)) out.push_back(std::move(*e));
    }
    return out;
  }

 private:
  const suite::RuleNames& names_;
  SourceFilePtr file_;
  Diagnostics& diags_;
  std::map<std::string, std::string> case_files_;  // same_file -> as given
  std::map<std::string, std::pair<std::string, std::vector<std::string>>> suites_;

  void error(const char* code, const YAML::Node& at, std::string message, std::string hint = {}) {
    diags_.error(code, suite::span_of(file_, at), std::move(message), std::move(hint));
  }

  std::string resolve(const YAML::Node& path) const {
    return suite::resolve_beside(file_->path(), path.Scalar());
  }

  std::optional<ExpectedChange> check_entry(const YAML::Node& entry) {
    if (!entry.IsMap()) {
      error("S601", entry,
            fmt::format("an intended change is a mapping (case or suite + test, decision or "
                        "recommendation, to), found {}",
                        suite::node_kind(entry)));
      return std::nullopt;
    }
    suite::check_keys(file_, entry, kEntryKeys, "an intended change", diags_);
    const size_t before = diags_.error_count();
    ExpectedChange e;
    check_origin(entry, e);
    const YAML::Node decision = entry["decision"];
    const YAML::Node recommendation = entry["recommendation"];
    const YAML::Node to = entry["to"];
    if (static_cast<bool>(decision) == static_cast<bool>(recommendation)) {
      error("S609", entry,
            decision ? "an intended change names a `decision:` or a `recommendation:`, not both"
                     : "an intended change names what changes: `decision:` or `recommendation:`");
    }
    if (!to) error("S609", entry, "an intended change says what it changes `to:`");
    if (decision && to) {
      names_.check_decision_value(file_, decision, to, diags_);
      e.kind = "decision";
      e.what = decision.IsScalar() ? decision.Scalar() : "";
      e.to = to.IsScalar() ? to.Scalar() : "";
    } else if (recommendation) {
      names_.check_recommendation(file_, recommendation, diags_);
      e.kind = "recommendation";
      e.what = recommendation.IsScalar() ? recommendation.Scalar() : "";
      if (to) {
        const std::string word = to.IsScalar() ? to.Scalar() : "";
        if (word == "added" || word == "removed") {
          e.to = word == "added" ? "given" : "absent";
        } else {
          error("S604", to,
                fmt::format("a recommendation changes to `added` or `removed`, found {}",
                            suite::node_kind(to)),
                suite::did_you_mean(word, kRecommendationChanges));
        }
      }
    }
    if (diags_.error_count() != before) return std::nullopt;
    return e;
  }

  void check_origin(const YAML::Node& entry, ExpectedChange& e) {
    const YAML::Node c = entry["case"];
    const YAML::Node s = entry["suite"];
    const YAML::Node t = entry["test"];
    if (c && (s || t)) {
      error("S609", entry,
            "an intended change names a `case:` file or a `suite:` and `test:`, "
            "not both");
      return;
    }
    if (c) {
      if (!c.IsScalar()) {
        error("S601", c, fmt::format("`case:` is a case file, found {}", suite::node_kind(c)));
        return;
      }
      const std::string key = same_file(resolve(c));
      if (!case_files_.count(key)) {
        std::error_code ec;
        const bool exists = fs::is_regular_file(resolve(c), ec);
        std::vector<std::string> given;
        for (const auto& [k, v] : case_files_) given.push_back(v);
        std::string hint = suite::did_you_mean(c.Scalar(), given);
        if (hint.empty() && !exists) {
          hint =
              "`case:` is the path of a case file (a `case_id` is not enough: suites reuse "
              "ids); a test of a suite is `suite: FILE` with `test: NAME`";
        }
        error("S608", c,
              exists ? fmt::format("case file {} is not among the cases compared", c.Scalar())
                     : fmt::format("case file not found: {}", c.Scalar()),
              hint);
        return;
      }
      e.origin = {key, ""};
      e.written = c.Scalar();
      return;
    }
    if (!s || !t) {
      error("S609", entry,
            s   ? "`suite:` names a suite file; the test in it is named by `test:`"
            : t ? "`test:` names a test of the suite file named by `suite:`"
                : "an intended change names its case: `case: FILE`, or `suite: FILE` with "
                  "`test: NAME`");
      return;
    }
    if (!s.IsScalar() || !t.IsScalar()) {
      error("S601", s.IsScalar() ? t : s, "`suite:` and `test:` are texts");
      return;
    }
    const std::string key = same_file(resolve(s));
    auto it = suites_.find(key);
    if (it == suites_.end()) {
      std::vector<std::string> given;
      for (const auto& [k, v] : suites_) given.push_back(v.first);
      error("S608", s, fmt::format("suite {} is not among the suites compared", s.Scalar()),
            suite::did_you_mean(s.Scalar(), given));
      return;
    }
    const auto& tests = it->second.second;
    if (std::find(tests.begin(), tests.end(), t.Scalar()) == tests.end()) {
      error("S608", t,
            fmt::format("suite {} has no test `{}` whose case is compared", s.Scalar(), t.Scalar()),
            suite::did_you_mean(t.Scalar(), tests));
      return;
    }
    e.origin = {key, t.Scalar()};
    e.written = s.Scalar() + ": " + t.Scalar();
  }
};

}  // namespace

std::string same_file(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec) p = fs::absolute(path).lexically_normal();
  return p.string();
}

std::optional<std::vector<ExpectedChange>> load_expected_changes(
    const std::string& path, const suite::RuleNames& names, const std::vector<CaseOrigin>& compared,
    Diagnostics& diags) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Diagnostic d;
    d.code = "S601";
    d.message = "the --expect file cannot be read";
    d.path_for_display = path;
    diags.add(std::move(d));
    return std::nullopt;
  }
  std::stringstream text;
  text << in.rdbuf();
  auto file = std::make_shared<SourceFile>(path, text.str());
  YAML::Node root;
  try {
    root = YAML::Load(file->text());
  } catch (const YAML::Exception& e) {
    Span span;
    span.file = file;
    span.line = e.mark.line + 1;
    span.col = e.mark.column + 1;
    diags.error("S601", span, "not valid YAML: " + e.msg);
    return std::nullopt;
  }
  const size_t before = diags.error_count();
  auto out = ExpectationChecker(names, file, compared, diags).check(root);
  if (diags.error_count() != before) return std::nullopt;
  return out;
}

bool is_expected(const ExpectedChange& expected, const CaseOrigin& origin, const Change& change) {
  return expected.origin.test == origin.test && expected.origin.path == same_file(origin.path) &&
         expected.kind == change.kind && expected.what == change.what &&
         expected.to == change.after;
}

}  // namespace koers::diff
