#include "suite/check_suite.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "suite/suite.h"
#include "suite/yaml_places.h"
#include "value/date.h"

namespace koers::suite {

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kTopKeys = {"tests"};
const std::vector<std::string> kTestKeys = {"name", "case", "as_of", "policy", "expect"};
const std::vector<std::string> kExpectKeys = {"decisions",        "recommendations",   "missing",
                                              "because_contains", "evaluation_errors", "error"};
const std::vector<std::string> kRecommendationKeys = {"present", "absent", "order"};

// The files beside `path`, for "did you mean" on a misspelt path.
std::vector<std::string> neighbours(const fs::path& path) {
  std::vector<std::string> out;
  std::error_code ec;
  const fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.is_regular_file(ec)) out.push_back(e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class SuiteChecker {
 public:
  SuiteChecker(const RuleNames& names, SourceFilePtr file, Diagnostics& diags)
      : names_(names), file_(std::move(file)), diags_(diags) {}

  void check(const YAML::Node& root) {
    if (!root.IsMap()) {
      error("S601", root,
            fmt::format("expected a mapping with `tests:`, found {}", node_kind(root)));
      return;
    }
    check_keys(file_, root, kTopKeys, "a suite file", diags_);
    const YAML::Node tests = root["tests"];
    if (!tests) {
      error("S601", root, "a suite file has `tests:`, a list of tests; none found");
      return;
    }
    if (!tests.IsSequence()) {
      error("S601", tests, fmt::format("`tests:` is a list of tests, found {}", node_kind(tests)));
      return;
    }
    if (tests.size() == 0) error("S607", tests, "`tests:` is empty: the suite checks nothing");
    for (const auto& t : tests) check_test(t);
  }

 private:
  const RuleNames& names_;
  SourceFilePtr file_;
  Diagnostics& diags_;
  std::set<std::string> test_names_;

  void error(const char* code, const YAML::Node& at, std::string message, std::string hint = {}) {
    diags_.error(code, span_of(file_, at), std::move(message), std::move(hint));
  }

  void check_test(const YAML::Node& t) {
    if (!t.IsMap()) {
      error("S601", t,
            fmt::format("a test is a mapping (name, case, expect), found {}", node_kind(t)));
      return;
    }
    check_keys(file_, t, kTestKeys, "a test", diags_);
    for (const char* required : {"name", "case", "expect"}) {
      if (!t[required]) error("S609", t, fmt::format("the test has no `{}:`", required));
    }
    if (const YAML::Node name = t["name"]) {
      if (!name.IsScalar()) {
        error("S601", name, fmt::format("a test's name is a text, found {}", node_kind(name)));
      } else if (!test_names_.insert(name.Scalar()).second) {
        error("S609", name, fmt::format("two tests are named `{}`", name.Scalar()),
              "a test is known by its suite and name (`koers diff --expect`): name it apart");
      }
    }
    if (const YAML::Node c = t["case"]) check_file(c, "case", /*mapping_allowed=*/true);
    if (const YAML::Node p = t["policy"]) check_file(p, "policy", /*mapping_allowed=*/false);
    if (const YAML::Node d = t["as_of"]) {
      if (!d.IsScalar() || !parse_date(d.Scalar())) {
        error("S609", d,
              fmt::format("expected a date YYYY-MM-DD for `as_of`, found {}", node_kind(d)));
      }
    }
    // The key is kept for the caret: an empty `expect:` has no place of its own.
    for (const auto& kv : t) {
      if (kv.first.IsScalar() && kv.first.Scalar() == "expect") {
        check_expect(kv.first, kv.second);
        break;
      }
    }
  }

  // A path beside the suite file (or from the working directory) that must be there.
  void check_file(const YAML::Node& node, const char* what, bool mapping_allowed) {
    if (mapping_allowed && node.IsMap()) return;  // an inline case: the case loader checks it
    if (!node.IsScalar()) {
      error("S601", node,
            fmt::format("expected a path to a {} file{}, found {}", what,
                        mapping_allowed ? " or an inline case" : "", node_kind(node)));
      return;
    }
    const std::string path = resolve_beside(file_->path(), node.Scalar());
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) return;
    const fs::path wanted = fs::path(file_->path()).parent_path() / node.Scalar();
    const std::string best = closest_match(wanted.filename().string(), neighbours(wanted));
    error("S608", node,
          fmt::format("{} file not found: {} (a path is relative to the suite file)", what,
                      wanted.lexically_normal().string()),
          best.empty() ? std::string()
                       : fmt::format("did you mean `{}`?",
                                     (fs::path(node.Scalar()).parent_path() / best).string()));
  }

  // A list of scalars, each checked by `each`; the number of entries is returned.
  template <typename Each>
  size_t list_of(const YAML::Node& key, const YAML::Node& list, const char* what, Each each) {
    if (!list.IsSequence()) {
      error("S601", list.IsNull() ? key : list,
            fmt::format("`{}` is a list of {}, found {}", key.Scalar(), what, node_kind(list)),
            list.IsScalar() ? fmt::format("write `{}: [{}]`", key.Scalar(), list.Scalar())
                            : std::string());
      return 0;
    }
    for (const auto& item : list) each(item);
    return list.size();
  }

  void check_expect(const YAML::Node& key, const YAML::Node& expect) {
    if (!expect.IsMap() || expect.size() == 0) {
      if (expect.IsNull() || (expect.IsMap() && expect.size() == 0)) {
        error("S607", key, "`expect:` is empty: the test checks nothing",
              "list the decisions, recommendations or missing fields the case must give");
      } else {
        error("S601", expect, fmt::format("`expect:` is a mapping, found {}", node_kind(expect)));
      }
      return;
    }
    check_keys(file_, expect, kExpectKeys, "`expect:`", diags_);
    size_t checks = 0;
    auto text = [&](const YAML::Node& n) {
      if (!n.IsScalar()) error("S601", n, fmt::format("expected a text, found {}", node_kind(n)));
    };
    for (const auto& kv : expect) {
      const std::string k = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
      const YAML::Node& v = kv.second;
      if (k == "decisions") {
        if (!v.IsMap()) {
          error("S601", v.IsNull() ? kv.first : v,
                fmt::format("`decisions` is a mapping `decision: value`, found {}", node_kind(v)));
          continue;
        }
        for (const auto& d : v) names_.check_decision_value(file_, d.first, d.second, diags_);
        checks += v.size();
      } else if (k == "recommendations") {
        checks += check_recommendations(kv.first, v);
      } else if (k == "missing") {
        checks += list_of(kv.first, v, "field paths",
                          [&](const YAML::Node& n) { names_.check_field_path(file_, n, diags_); });
      } else if (k == "because_contains" || k == "evaluation_errors") {
        checks += list_of(kv.first, v, "texts", text);
      } else if (k == "error") {
        text(v);
        ++checks;
        if (expect.size() > 1) {
          error("S609", kv.first,
                "`error:` expects the case to be rejected; the other expectations would not be "
                "checked",
                "keep `error:` alone, or drop it");
        }
      }
    }
    if (checks == 0) {
      error("S607", key, "`expect:` lists nothing to check: the test checks nothing",
            "list the decisions, recommendations or missing fields the case must give");
    }
  }

  size_t check_recommendations(const YAML::Node& key, const YAML::Node& recs) {
    if (!recs.IsMap()) {
      error("S601", recs.IsNull() ? key : recs,
            fmt::format("`recommendations` is a mapping (present, absent, order), found {}",
                        node_kind(recs)));
      return 0;
    }
    check_keys(file_, recs, kRecommendationKeys, "`recommendations:`", diags_);
    size_t checks = 0;
    for (const auto& kv : recs) {
      const std::string k = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
      if (std::find(kRecommendationKeys.begin(), kRecommendationKeys.end(), k) ==
          kRecommendationKeys.end()) {
        continue;  // an unknown key is reported above and checks nothing
      }
      checks += list_of(kv.first, kv.second, "recommendation ids", [&](const YAML::Node& id) {
        names_.check_recommendation(file_, id, diags_);
      });
    }
    return checks;
  }
};

std::string read_file(const std::string& path, bool& ok) {
  std::ifstream in(path, std::ios::binary);
  ok = static_cast<bool>(in);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

void check_suite_text(const RuleNames& names, const std::string& path, const std::string& text,
                      Diagnostics& diags) {
  auto file = std::make_shared<SourceFile>(path, text);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    Span span;
    span.file = file;
    span.line = e.mark.line + 1;
    span.col = e.mark.column + 1;
    diags.error("S601", span, "not valid YAML: " + e.msg);
    return;
  }
  SuiteChecker(names, file, diags).check(root);
}

void check_suite_files(const Program& program, const std::vector<std::string>& files,
                       Diagnostics& diags) {
  const RuleNames names({&program});
  for (const auto& f : files) {
    bool ok = false;
    const std::string text = read_file(f, ok);
    if (!ok) {
      Diagnostic d;
      d.code = "S601";
      d.message = "the suite file cannot be read";
      d.path_for_display = f;
      diags.add(std::move(d));
      continue;
    }
    check_suite_text(names, f, text, diags);
  }
}

}  // namespace koers::suite
