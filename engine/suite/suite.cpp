// The regression-suite runner. Suite files are read with yaml-cpp (they are small); the case of a
// test goes through the real case loader, so a suite tests exactly what `koers advise` does.
#include "suite/suite.h"

#include <yaml-cpp/yaml.h>

#include <fmt/format.h>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "data/case_loader.h"
#include "eval/evaluator.h"
#include "report/render.h"
#include "suite/update.h"
#include "suite/yaml_places.h"
#include "util/atomic_file.h"

namespace koers::suite {

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The text of a block mapping under `case:` starting at (0-based) `line`, dedented, so the case
// loader sees it exactly as a case file (its line numbers are then relative to the block).
std::string block_text(const std::string& text, int first_line) {
  std::vector<std::string> lines;
  std::stringstream in(text);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  if (first_line < 0 || first_line >= static_cast<int>(lines.size())) return {};
  auto indent_of = [](const std::string& l) { return l.find_first_not_of(' '); };
  size_t indent = indent_of(lines[static_cast<size_t>(first_line)]);
  std::string out;
  for (size_t i = static_cast<size_t>(first_line); i < lines.size(); ++i) {
    const std::string& l = lines[i];
    size_t ind = indent_of(l);
    bool blank = ind == std::string::npos || l[ind] == '#';
    if (!blank && ind < indent) break;
    out += (l.size() >= indent ? l.substr(indent) : std::string()) + "\n";
  }
  return out;
}

std::string scalar_text(const YAML::Node& n) {
  if (n.IsSequence()) {
    std::string out = "[";
    for (size_t i = 0; i < n.size(); ++i) out += (i ? ", " : "") + scalar_text(n[i]);
    return out + "]";
  }
  return n.IsScalar() ? n.Scalar() : "?";
}

class Runner {
 public:
  Runner(const Program& program, const RunOptions& options)
      : program_(program), options_(options) {}

  void run_file(const std::string& file, std::vector<TestResult>& out) {
    std::string text = read_file(file);
    YAML::Node root;
    try {
      root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
      out.push_back(broken(file, "(suite)",
                           fmt::format("{}:{}:{}: not valid YAML: {}", file, e.mark.line + 1,
                                       e.mark.column + 1, e.msg)));
      return;
    }
    YAML::Node tests = root["tests"];
    if (!tests || !tests.IsSequence()) {
      out.push_back(broken(file, "(suite)", file + ": a suite file has `tests:`, a list of tests"));
      return;
    }
    std::vector<ExpectEdit> edits;
    std::vector<size_t> edited;  // indexes in `out` of the tests those edits update
    for (const auto& t : tests) {
      std::string name = t["name"] ? t["name"].as<std::string>() : "(unnamed)";
      if (!options_.pattern.empty() &&
          (file + ": " + name).find(options_.pattern) == std::string::npos) {
        continue;
      }
      try {
        std::optional<Actual> actual;
        out.push_back(run_test(file, text, name, t, actual));
        if (options_.update && !out.back().passed && actual) {
          std::string why;
          auto edit = plan_expect_edit(text, t["expect"], *actual, why);
          if (!edit) {
            out.back().failures.push_back("not updated: " + why);
            continue;
          }
          edits.push_back(*edit);
          edited.push_back(out.size() - 1);
        }
      } catch (const YAML::Exception& e) {
        out.push_back(
            broken(file, name,
                   fmt::format("{}:{}:{}: {}", file, e.mark.line + 1, e.mark.column + 1, e.msg)));
      }
    }
    if (edits.empty()) return;
    ReplaceOptions replace;
    replace.follow_symlinks = options_.follow_symlinks;
    if (auto written = replace_file_atomically(file, apply_expect_edits(text, edits), replace);
        !written) {
      for (size_t i : edited)
        out[i].failures.push_back("not updated: cannot write " + file + ": " + written.error);
      return;
    }
    for (size_t k = 0; k < edits.size(); ++k) {
      TestResult& r = out[edited[k]];
      r.updated = true;
      r.failures = edits[k].not_updated;
      r.passed = r.failures.empty();
    }
  }

 private:
  const Program& program_;
  const RunOptions& options_;
  std::map<std::string, Policy> policies_;

  static TestResult broken(const std::string& file, const std::string& name, std::string why) {
    TestResult r;
    r.file = file;
    r.name = name;
    r.failures.push_back(std::move(why));
    return r;
  }

  const Policy* policy(const std::string& path, std::string& error) {
    if (auto it = policies_.find(path); it != policies_.end()) return &it->second;
    Diagnostics diags;
    auto p =
        path.empty() ? default_policy(program_, diags) : load_policy_file(program_, path, diags);
    if (!p) {
      error = render_all(diags);
      return nullptr;
    }
    return &policies_.emplace(path, std::move(*p)).first->second;
  }

  static std::string resolve(const std::string& file, const std::string& path) {
    return resolve_beside(file, path);
  }

  // `actual` is set when the case was loaded or rejected, for --update.
  TestResult run_test(const std::string& file, const std::string& text, const std::string& name,
                      const YAML::Node& t, std::optional<Actual>& actual) {
    TestResult r;
    r.file = file;
    r.name = name;
    YAML::Node case_node = t["case"];
    if (!case_node) return broken(file, name, "the test has no `case:` (a path or a mapping)");
    SourceFilePtr source;
    if (case_node.IsScalar()) {
      std::string path = resolve(file, case_node.Scalar());
      std::error_code ec;
      if (!fs::exists(path, ec)) return broken(file, name, "case file not found: " + path);
      source = std::make_shared<SourceFile>(path, read_file(path));
    } else {
      source = std::make_shared<SourceFile>(file + " (" + name + ")",
                                            block_text(text, case_node.Mark().line));
    }
    const YAML::Node expect = t["expect"];
    if (!expect) return broken(file, name, "the test has no `expect:`");

    Diagnostics diags;
    auto c = load_case(program_.schema, source, diags);
    if (!c) {
      actual.emplace();
      actual->rejected = true;
      for (const auto& d : diags.sorted()) {
        if (d.severity == Severity::error) actual->error_codes.push_back(d.code);
      }
    }
    if (expect["error"]) {
      std::string code = expect["error"].Scalar();
      if (c) {
        r.failures.push_back(
            fmt::format("expected the case to be rejected with {}, but it was accepted", code));
      } else {
        bool found = false;
        for (const auto& d : diags.sorted()) found = found || d.code == code;
        if (!found) {
          r.failures.push_back(fmt::format("expected error {}, got:\n{}", code, render_all(diags)));
        }
      }
      r.passed = r.failures.empty();
      return r;
    }
    if (!c) {
      TestResult rejected = broken(file, name, "the case was rejected:\n" + render_all(diags));
      rejected.trace.clear();
      return rejected;
    }

    std::string policy_path =
        t["policy"] ? resolve(file, t["policy"].Scalar()) : options_.default_policy;
    std::string error;
    const Policy* pol = policy(policy_path, error);
    if (pol == nullptr) return broken(file, name, "the policy cannot be used:\n" + error);
    Date as_of = c->as_of.value_or(today_utc());
    if (t["as_of"]) {
      auto d = parse_date(t["as_of"].Scalar());
      if (!d) return broken(file, name, "`as_of` is not a date: " + t["as_of"].Scalar());
      as_of = *d;
    }
    Advice advice = evaluate(program_, *pol, *c, as_of);
    if (options_.on_case) options_.on_case(*pol, *c, as_of);
    // Evaluation errors (R501) fail a test unless it expects them, by a part of their text.
    std::vector<std::string> expected_errors;
    if (const YAML::Node errs = expect["evaluation_errors"]) {
      for (const auto& e : errs) expected_errors.push_back(e.Scalar());
    }
    for (const auto& e : advice.errors) {
      bool expected =
          std::any_of(expected_errors.begin(), expected_errors.end(),
                      [&](const std::string& x) { return e.find(x) != std::string::npos; });
      if (!expected) r.failures.push_back("evaluation error: " + e);
    }
    for (const auto& x : expected_errors) {
      bool given =
          std::any_of(advice.errors.begin(), advice.errors.end(),
                      [&](const std::string& e) { return e.find(x) != std::string::npos; });
      if (!given)
        r.failures.push_back("expected the evaluation error: " + x + ", but none was given");
    }
    actual.emplace();
    for (const auto& d : advice.decisions) actual->decisions[d.name] = outcome_word(program_, d);
    for (const auto& rec : advice.recommendations) actual->recommendations.push_back(rec.id);
    for (const auto& m : advice.missing) actual->missing.push_back(m.field);
    actual->advice_text = render_json(program_, advice);

    if (const YAML::Node decisions = expect["decisions"]) {
      for (const auto& kv : decisions) {
        std::string decision = kv.first.Scalar();
        std::string wanted = scalar_text(kv.second);
        auto it = std::find_if(advice.decisions.begin(), advice.decisions.end(),
                               [&](const DecisionResult& d) { return d.name == decision; });
        if (it == advice.decisions.end()) {
          r.failures.push_back(fmt::format("decision `{}` does not exist", decision));
          continue;
        }
        std::string got = outcome_word(program_, *it);
        if (got != wanted) {
          std::string why;
          if (!it->rules.empty()) why = " by " + it->rules.front();
          if (!it->missing.empty()) {
            why += " (missing:";
            for (const auto& m : it->missing) why += " " + m;
            why += ")";
          }
          r.failures.push_back(
              fmt::format("decision {}: expected {}, got {}{}", decision, wanted, got, why));
        }
      }
    }
    auto has_rec = [&](const std::string& id) {
      return std::any_of(advice.recommendations.begin(), advice.recommendations.end(),
                         [&](const RecommendationResult& rec) { return rec.id == id; });
    };
    if (const YAML::Node recs = expect["recommendations"]) {
      for (const auto& id : recs["present"]) {
        if (!has_rec(id.Scalar()))
          r.failures.push_back("recommendation " + id.Scalar() + ": expected, but not given");
      }
      for (const auto& id : recs["absent"]) {
        if (has_rec(id.Scalar()))
          r.failures.push_back("recommendation " + id.Scalar() + ": given, but expected absent");
      }
      if (const YAML::Node order = recs["order"]) {
        std::vector<std::string> given;
        for (const auto& rec : advice.recommendations) given.push_back(rec.id);
        std::vector<std::string> wanted;
        for (const auto& id : order) wanted.push_back(id.Scalar());
        std::vector<std::string> filtered;
        for (const auto& g : given) {
          if (std::find(wanted.begin(), wanted.end(), g) != wanted.end()) filtered.push_back(g);
        }
        if (filtered != wanted)
          r.failures.push_back("recommendations are not in the expected order");
      }
    }
    if (const YAML::Node missing = expect["missing"]) {
      for (const auto& f : missing) {
        bool found = std::any_of(advice.missing.begin(), advice.missing.end(),
                                 [&](const MissingField& m) { return m.field == f.Scalar(); });
        if (!found)
          r.failures.push_back("missing field " + f.Scalar() +
                               ": expected to be reported, but not");
      }
    }
    if (const YAML::Node texts = expect["because_contains"]) {
      std::string all = render_json(program_, advice);
      for (const auto& s : texts) {
        if (all.find(s.Scalar()) == std::string::npos) {
          r.failures.push_back("the advice does not contain the text: " + s.Scalar());
        }
      }
    }
    r.passed = r.failures.empty();
    if (!r.passed) r.trace = render_text(program_, advice);
    return r;
  }
};

}  // namespace

std::string resolve_beside(const std::string& suite_file, const std::string& path) {
  fs::path candidate = fs::path(suite_file).parent_path() / path;
  std::error_code ec;
  return fs::exists(candidate, ec) ? candidate.lexically_normal().string() : path;
}

std::vector<SuiteCase> suite_cases(const std::vector<std::string>& files, Diagnostics* problems) {
  std::vector<SuiteCase> out;
  for (const auto& file : files) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
      if (problems) {
        Diagnostic d;
        d.code = "S608";
        d.message = "the suite file is not there";
        d.path_for_display = file;
        problems->add(std::move(d));
      }
      continue;
    }
    const std::string text = read_file(file);
    auto source = std::make_shared<SourceFile>(file, text);
    auto problem = [&](const char* code, const YAML::Node& at, const std::string& message) {
      if (problems) problems->error(code, span_of(source, at), message);
    };
    try {
      YAML::Node tests = YAML::Load(text)["tests"];
      if (!tests || !tests.IsSequence()) {
        problem("S601", YAML::Node(), "a suite file has `tests:`, a list of tests");
        continue;
      }
      for (const auto& t : tests) {
        const YAML::Node c = t["case"];
        if (!c || (t["expect"] && t["expect"]["error"])) continue;
        SuiteCase sc;
        sc.file = file;
        sc.test = t["name"] ? t["name"].Scalar() : "(unnamed)";
        sc.label = file + ": " + sc.test;
        if (const YAML::Node d = t["as_of"]) {
          sc.as_of = parse_date(d.Scalar());
          if (!sc.as_of) {
            problem("S609", d,
                    "expected a date YYYY-MM-DD for `as_of`, found `" + d.Scalar() + "`");
            continue;
          }
        }
        if (const YAML::Node p = t["policy"]) sc.policy = resolve_beside(file, p.Scalar());
        if (c.IsScalar()) {
          const std::string path = resolve_beside(file, c.Scalar());
          if (!fs::is_regular_file(path, ec)) {
            problem("S608", c,
                    "case file not found: " +
                        (fs::path(file).parent_path() / c.Scalar()).lexically_normal().string() +
                        " (a path is relative to the suite file)");
            continue;
          }
          sc.text = read_file(path);
        } else if (c.IsMap()) {
          sc.text = block_text(text, c.Mark().line);
        } else {
          continue;
        }
        out.push_back(std::move(sc));
      }
    } catch (const YAML::Exception& e) {
      // `koers test` reports a broken suite; here it offers no cases, or a problem when asked.
      if (problems) {
        Span span;
        span.file = source;
        span.line = e.mark.line + 1;
        span.col = e.mark.column + 1;
        problems->error("S601", span, "not valid YAML: " + e.msg);
      }
    }
  }
  return out;
}

std::vector<std::string> suite_case_texts(const std::vector<std::string>& files) {
  std::vector<std::string> out;
  for (auto& c : suite_cases(files)) out.push_back(std::move(c.text));
  return out;
}

std::vector<std::string> find_suite_files(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) {
      out.push_back(p);
    } else if (fs::is_directory(p, ec)) {
      for (const auto& e : fs::recursive_directory_iterator(p, ec)) {
        const std::string name = e.path().filename().string();
        const std::string suffix = ".suite.yaml";
        if (e.is_regular_file() && name.size() > suffix.size() &&
            name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
          out.push_back(e.path().lexically_normal().string());
        }
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<TestResult> run_suites(const Program& program, const std::vector<std::string>& files,
                                   const RunOptions& options) {
  Runner runner(program, options);
  std::vector<TestResult> out;
  for (const auto& f : files) runner.run_file(f, out);
  return out;
}

}  // namespace koers::suite
