// koers diff: which families' advice changes between two rule sets, policies or git revisions,
// grouped by the rules responsible, with the changed rules side by side.
#include <yaml-cpp/yaml.h>

#include <fmt/format.h>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "api/rule_set.h"
#include "data/case_loader.h"
#include "diff/diff.h"
#include "diff/expectations.h"
#include "eval/evaluator.h"
#include "suite/rule_names.h"
#include "suite/suite.h"
#include "tools/koers/commands.h"

namespace koers::cli {

namespace fs = std::filesystem;

namespace {

struct DiffOptions {
  std::string base;
  std::string head;
  std::string rules;   // rules for a side that is a policy file
  std::string policy;  // policy for a side that is a rule set
  std::string as_of;
  std::string expect;
  std::vector<std::string> cases;
  bool timeline = false;  // advise the cases again on every date a parameter changes
};

struct Side {
  std::string label;
  Program program;
  Policy policy;
  // The side is a policy file: that policy is what is compared, for every case. A side that is a
  // rule set takes a test's own `policy:`, as `koers test` does.
  bool policy_compared = false;
  std::map<std::string, Policy> test_policies;  // a suite test's own `policy:`, by path
};

int run_command(const std::string& cmd) {
  return std::system(cmd.c_str());
}

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// The top of the git work tree that holds `path`, "" when none.
std::string git_toplevel(const fs::path& path) {
  std::error_code ec;
  const fs::path dir = fs::is_directory(path, ec) ? path : path.parent_path();
  const std::string cmd = "git -C " + quote(dir.empty() ? "." : dir.string()) +
                          " rev-parse --show-toplevel 2>/dev/null";
  std::string out;
  if (FILE* pipe = ::popen(cmd.c_str(), "r")) {
    std::array<char, 4096> buffer{};
    while (size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe))
      out.append(buffer.data(), n);
    if (::pclose(pipe) != 0) return {};
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

// Exports `path` (relative to the work tree `top`) as it was in `rev` into `out`.
bool export_from_git(const fs::path& top, const std::string& rev, const fs::path& path,
                     const fs::path& out) {
  return run_command("git -C " + quote(top.string()) + " archive --format=tar " + quote(rev) + " " +
                     quote(path.generic_string()) + " 2>/dev/null | tar -x -C " +
                     quote(out.string()) + " 2>/dev/null") == 0 &&
         fs::exists(out / path);
}

// A side is a rule-set directory, a policy file, or a git revision. A revision is read from the
// git repository that holds the rules being compared (--rules, else the other side when it is a
// rule set, else the shipped rules); its policy is the other side's policy file as it was then
// (when the other side is one), else --policy, else the policy its rules name, as it was then.
std::optional<Side> load_side(const std::string& spec, const std::string& other,
                              const DiffOptions& options, const fs::path& scratch) {
  std::error_code ec;
  std::string rules_dir;
  std::string policy_file;
  std::string label = spec;
  bool revision = false;
  if (fs::is_directory(spec, ec)) {
    rules_dir = spec;
    policy_file = options.policy;
  } else if (fs::is_regular_file(spec, ec)) {
    rules_dir = options.rules.empty() ? shipped_rules_dir() : options.rules;
    policy_file = spec;
  } else {
    const bool other_is_rules = fs::is_directory(other, ec);
    const bool other_is_policy = fs::is_regular_file(other, ec);
    const fs::path rules_here = !options.rules.empty() ? fs::path(options.rules)
                                : other_is_rules       ? fs::path(other)
                                                       : fs::path(shipped_rules_dir());
    const std::string top = git_toplevel(rules_here);
    fs::path out = scratch / ("rev-" + std::to_string(std::hash<std::string>{}(spec)));
    fs::create_directories(out);
    const auto inside = [&](const fs::path& p) {
      return fs::weakly_canonical(fs::absolute(p), ec).lexically_relative(top);
    };
    const fs::path rules_rel = top.empty() ? fs::path() : inside(rules_here);
    if (top.empty() ||
        run_command("git -C " + quote(top) + " rev-parse --verify -q " + quote(spec + "^{commit}") +
                    " >/dev/null 2>&1") != 0 ||
        !export_from_git(top, spec, rules_rel, out)) {
      std::cerr << "koers diff: `" << spec
                << "` is not a rule-set directory, a policy file or a git revision"
                << (top.empty() ? " (" + rules_here.string() + " is in no git repository)"
                                : " of " + top + " with " + rules_rel.generic_string())
                << "\n";
      return std::nullopt;
    }
    rules_dir = (out / rules_rel).string();
    std::string policy_said = "the rules' defaults";
    if (other_is_policy && inside(other).string().rfind("..", 0) != 0 &&
        export_from_git(top, spec, inside(other), out)) {
      policy_file = (out / inside(other)).string();
      policy_said = inside(other).generic_string() + " as it was then";
    } else if (!options.policy.empty()) {
      policy_file = options.policy;
      policy_said = options.policy + " (--policy)";
    } else if (Diagnostics named; auto then = load_rule_set(rules_dir, named)) {
      // The policy the rules of that revision name (`default policy`), as it was then.
      const fs::path declared = (rules_rel / then->default_policy_declared).lexically_normal();
      if (!then->default_policy_declared.empty() && declared.generic_string().rfind("..", 0) != 0 &&
          export_from_git(top, spec, declared, out)) {
        policy_file = (out / declared).string();
        policy_said = declared.generic_string() + " as it was then";
      }
    }
    // Which repository, rules and policy a revision means is a default: say which was used.
    std::cerr << "koers diff: `" << spec << "` read from the git repository " << top << " (rules "
              << rules_rel.generic_string() << ", policy " << policy_said << ")\n";
    label = spec + " (git)";
    revision = true;
  }
  Diagnostics diags;
  auto program = load_rule_set(rules_dir, diags);
  if (!program) {
    std::cerr << "koers diff: the rules of `" << spec << "` cannot be used:\n";
    print_diagnostics(diags);
    return std::nullopt;
  }
  // A rule-set directory without --policy: the policy its rules name, if they name one.
  if (policy_file.empty() && !revision) policy_file = program->default_policy_path;
  auto policy = policy_file.empty() ? default_policy(*program, diags)
                                    : load_policy_file(*program, policy_file, diags);
  if (!policy) {
    std::cerr << "koers diff: the policy of `" << spec << "` cannot be used:\n";
    print_diagnostics(diags);
    return std::nullopt;
  }
  return Side{label, std::move(*program), std::move(*policy), fs::is_regular_file(spec, ec), {}};
}

// The cases to compare: case files, directories of them, and the cases of regression suites
// (`*.suite.yaml`), named "suite: test name". A suite's test carries its own `as_of` and
// `policy`, so that it is evaluated exactly as `koers test` does.
struct CaseInput {
  std::string label;
  SourceFilePtr source;
  diff::CaseOrigin origin;
  std::optional<Date> as_of;  // the test's
  std::string policy;         // the test's, "" when it names none
};

// Nullopt, after printing why, when a path is not there, a suite names a case file that is not
// there, or nothing is left to compare: a diff over nothing would pass any gate.
std::optional<std::vector<CaseInput>> case_inputs(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  std::vector<std::string> suites;
  bool ok = true;
  auto is_suite = [](const fs::path& p) {
    return p.filename().string().find(".suite.") != std::string::npos;
  };
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (const auto& e : fs::recursive_directory_iterator(p, ec)) {
        if (!e.is_regular_file() || e.path().extension() != ".yaml") continue;
        (is_suite(e.path()) ? suites : files).push_back(e.path().string());
      }
    } else if (fs::is_regular_file(p, ec)) {
      (is_suite(p) ? suites : files).push_back(p);
    } else {
      std::cerr << "koers diff: " << p << ": no such case file, suite or directory\n";
      ok = false;
    }
  }
  std::sort(files.begin(), files.end());
  std::sort(suites.begin(), suites.end());
  std::vector<CaseInput> out;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) {
      std::cerr << "koers diff: cannot read " << f << "\n";
      ok = false;
      continue;
    }
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    out.push_back({f, std::make_shared<SourceFile>(f, std::move(text)), {f, ""}, {}, {}});
  }
  Diagnostics problems;
  for (auto& c : suite::suite_cases(suites, &problems)) {
    out.push_back({c.label,
                   std::make_shared<SourceFile>(c.label, std::move(c.text)),
                   {c.file, c.test},
                   c.as_of,
                   c.policy});
  }
  if (problems.has_errors()) {
    print_diagnostics(problems);
    ok = false;
  }
  if (ok && out.empty()) {
    std::cerr << "koers diff: no cases to compare in the paths given\n";
    ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

// The policy a case is evaluated with on a side: the side's when it is the policy compared or the
// test names none, else the test's own.
const Policy* policy_for(Side& side, const CaseInput& input) {
  if (side.policy_compared || input.policy.empty()) return &side.policy;
  if (auto it = side.test_policies.find(input.policy); it != side.test_policies.end())
    return &it->second;
  Diagnostics diags;
  auto policy = load_policy_file(side.program, input.policy, diags);
  if (!policy) {
    std::cerr << "koers diff: the policy of " << input.label << " cannot be used with `"
              << side.label << "`:\n";
    print_diagnostics(diags);
    return nullptr;
  }
  return &side.test_policies.emplace(input.policy, std::move(*policy)).first->second;
}

// A rule before and after, line by line: kept lines plain, removed lines `-`, added lines `+`
// (longest common subsequence of lines; rules are short).
std::string line_diff(const std::string& before, const std::string& after) {
  auto lines = [](const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
  };
  const auto a = lines(before);
  const auto b = lines(after);
  std::vector<std::vector<int>> lcs(a.size() + 1, std::vector<int>(b.size() + 1, 0));
  for (size_t i = a.size(); i-- > 0;) {
    for (size_t j = b.size(); j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::string out;
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      out += "      | " + a[i++] + "\n";
      ++j;
    } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
      out += "    - | " + a[i++] + "\n";  // removed lines first, as in a unified diff
    } else {
      out += "    + | " + b[j++] + "\n";
    }
  }
  return out;
}

void print_rule_changes(const Side& base, const Side& head) {
  std::map<std::string, std::string> before;
  std::map<std::string, std::string> after;
  for (const auto& r : base.program.rules) before[r.id] = diff::rule_text(r);
  for (const auto& r : head.program.rules) after[r.id] = diff::rule_text(r);
  std::set<std::string> ids;
  for (const auto& [id, _] : before) ids.insert(id);
  for (const auto& [id, _] : after) ids.insert(id);
  bool any = false;
  auto block = [](const std::string& title, const std::string& text) {
    std::cout << "    " << title << "\n";
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) std::cout << "      | " << line << "\n";
  };
  for (const auto& id : ids) {
    bool in_before = before.count(id) > 0;
    bool in_after = after.count(id) > 0;
    if (in_before && in_after && before[id] == after[id]) continue;
    if (!any) std::cout << "\nChanged rules\n";
    any = true;
    if (!in_before) {
      std::cout << "  + " << id << " (new)\n";
      block("after:", after[id]);
    } else if (!in_after) {
      std::cout << "  - " << id << " (removed)\n";
      block("before:", before[id]);
    } else {
      std::cout << "  ~ " << id << " (- before, + after)\n";
      std::cout << line_diff(before[id], after[id]);
    }
  }
}

// Every date on which a parameter's value differs between the sides, or stops differing: its
// `valid_from` dates in either policy, also those after every case's as_of, so that a dated change
// is never invisible. (`dates` are the cases' dates; a difference on them is listed too.)
// Returns the dates (not "from the start") on which some parameter's values change: where
// `--timeline` advises the cases again.
std::set<int32_t> print_parameter_changes(const Side& base, const Side& head,
                                          const std::set<int32_t>& dates) {
  std::set<int32_t> changed_on;
  bool any = false;
  constexpr int32_t kStart = -1'000'000;  // before any date: the values in force from the start
  for (size_t i = 0; i < head.program.parameters.size(); ++i) {
    const ParameterInfo& p = head.program.parameters[i];
    const int j = base.program.parameter_index(p.id);
    std::set<int32_t> when = {kStart};
    auto add_dates = [&](const Policy& policy, size_t k) {
      if (k >= policy.values.size()) return;
      for (const auto& v : policy.values[k]) {
        if (v.valid_from) when.insert(v.valid_from->days);
      }
    };
    add_dates(head.policy, i);
    if (j >= 0) add_dates(base.policy, static_cast<size_t>(j));
    when.insert(dates.begin(), dates.end());
    std::string last;  // the "was → now" of the previous date; "" while equal
    for (int32_t day : when) {
      const Date d{day};
      const std::string now =
          format_value(head.program, parameters_on(head.program, head.policy, d)[i]);
      const std::string was =
          j < 0 ? "(none)"
                : format_value(base.program,
                               parameters_on(base.program, base.policy, d)[static_cast<size_t>(j)]);
      const std::string pair = was == now ? std::string() : was + " → " + now;
      if (pair == last) continue;
      last = pair;
      if (!any) std::cout << "\nChanged parameters (every date on which a value differs)\n";
      any = true;
      if (day != kStart) changed_on.insert(day);
      const std::string from = day == kStart ? "from the start" : "from " + format_date(d);
      if (pair.empty()) {
        std::cout << fmt::format("  {}: the same again ({}) {}\n", p.id, now, from);
      } else {
        std::cout << fmt::format("  {}: {} ({})\n", p.id, pair, from);
      }
    }
  }
  return changed_on;
}

int run_diff(const DiffOptions& options) {
  std::optional<Date> forced;
  if (!parse_as_of(options.as_of, "diff", forced)) return kExitUnusable;
  fs::path scratch = fs::temp_directory_path() / ("koers-diff-" + std::to_string(::getpid()));
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } cleanup{scratch};
  std::error_code ec;
  if (options.rules.empty() &&
      (fs::is_regular_file(options.base, ec) || fs::is_regular_file(options.head, ec))) {
    std::cerr << "koers diff: the policy files are compared under the shipped rules ("
              << fs::proximate(shipped_rules_dir(), ec).generic_string()
              << "; --rules for others)\n";
  }
  auto base = load_side(options.base, options.head, options, scratch);
  auto head = load_side(options.head, options.base, options, scratch);
  if (!base || !head) return kExitUnusable;
  auto inputs = case_inputs(options.cases);
  if (!inputs) return kExitUnusable;
  std::optional<std::vector<diff::ExpectedChange>> expected;
  if (!options.expect.empty()) {
    // Checked against the rules of both sides: a change may name what only one side has.
    const suite::RuleNames names({&head->program, &base->program});
    std::vector<diff::CaseOrigin> compared;
    for (const auto& input : *inputs) compared.push_back(input.origin);
    Diagnostics diags;
    expected = diff::load_expected_changes(options.expect, names, compared, diags);
    if (!expected) {
      print_diagnostics(diags);
      return kExitUnusable;
    }
  }

  std::vector<diff::Change> changes;
  std::vector<const CaseInput*> change_inputs;  // the case each change was found for
  struct Loaded {
    const CaseInput* input;
    Case base, head;
    const Policy* base_policy;
    const Policy* head_policy;
  };
  std::vector<Loaded> loaded;  // for --timeline: each case again on every date a value changes
  std::set<int32_t> dates;
  size_t cases = 0;
  int rc = kExitOk;
  for (const auto& input : *inputs) {
    const std::string& file = input.label;
    Diagnostics bd;
    Diagnostics hd;
    auto bc = load_case(base->program.schema, input.source, bd);
    auto hc = load_case(head->program.schema, input.source, hd);
    if (!bc && !hc) {
      print_diagnostics(hd);
      rc = kExitInputRejected;
      continue;
    }
    ++cases;
    if (!bc || !hc) {
      const auto& c = bc ? *bc : *hc;
      changes.push_back({c.case_id,
                         file,
                         "case",
                         "accepted",
                         bc ? "yes" : "rejected",
                         hc ? "yes" : "rejected",
                         {}});
      change_inputs.push_back(&input);
      continue;
    }
    // As `koers test`: --as-of, else the test's `as_of`, else the case's.
    Date as_of = forced ? *forced : input.as_of ? *input.as_of : hc->as_of.value_or(today_utc());
    dates.insert(as_of.days);
    const Policy* base_policy = policy_for(*base, input);
    const Policy* head_policy = policy_for(*head, input);
    if (!base_policy || !head_policy) return kExitUnusable;
    Advice before = evaluate(base->program, *base_policy, *bc, as_of);
    Advice after = evaluate(head->program, *head_policy, *hc, as_of);
    if (options.timeline) loaded.push_back({&input, *bc, *hc, base_policy, head_policy});
    for (auto& c : diff::compare(base->program, before, head->program, after)) {
      changes.push_back(std::move(c));
      change_inputs.push_back(&input);
    }
  }

  std::cout << fmt::format("Koers diff: {} → {}\n{} case(s), {} with changed advice\n", base->label,
                           head->label, cases, [&] {
                             std::set<std::string> ids;
                             for (const auto& c : changes) ids.insert(c.file);
                             return ids.size();
                           }());
  // Grouped by the rules responsible.
  std::map<std::string, std::vector<const diff::Change*>> groups;
  for (const auto& c : changes) {
    std::string key;
    for (const auto& r : c.rules) key += (key.empty() ? "" : ", ") + r;
    groups[key.empty() ? "(policy or schema)" : key].push_back(&c);
  }
  for (const auto& [key, list] : groups) {
    std::cout << "\n" << key << "\n";
    for (const auto* c : list) {
      std::cout << fmt::format("  {} ({}): {} {}: {} → {}\n", c->case_id, c->file, c->kind, c->what,
                               c->before, c->after);
    }
  }
  // Summary table: what changed how, in how many cases.
  std::map<std::string, size_t> summary;
  for (const auto& c : changes)
    summary[fmt::format("{} {}: {} → {}", c.kind, c.what, c.before, c.after)]++;
  if (!summary.empty()) {
    std::cout << "\nSummary\n";
    std::cout << fmt::format("  {:<60} {:>6}\n", "change", "cases");
    for (const auto& [what, n] : summary) std::cout << fmt::format("  {:<60} {:>6}\n", what, n);
  }
  print_rule_changes(*base, *head);
  const std::set<int32_t> changed_on = print_parameter_changes(*base, *head, dates);
  if (options.timeline) {
    // A dated change shows its effect only from its date on: advise every case on each such date.
    std::cout << fmt::format("\nTimeline ({} date(s) on which a parameter changes)\n",
                             changed_on.size());
    for (int32_t day : changed_on) {
      const Date d{day};
      std::vector<diff::Change> at;
      for (const auto& l : loaded) {
        Advice before = evaluate(base->program, *l.base_policy, l.base, d);
        Advice after = evaluate(head->program, *l.head_policy, l.head, d);
        for (auto& c : diff::compare(base->program, before, head->program, after)) {
          at.push_back(std::move(c));
        }
      }
      std::set<std::string> files;
      for (const auto& c : at) files.insert(c.file);
      std::cout << fmt::format("  on {}: {} of {} case(s) with changed advice\n", format_date(d),
                               files.size(), loaded.size());
      for (const auto& c : at) {
        std::cout << fmt::format("    {} ({}): {} {}: {} → {}\n", c.case_id, c.file, c.kind, c.what,
                                 c.before, c.after);
      }
    }
  }

  if (expected) {
    size_t unexpected = 0;
    for (size_t k = 0; k < changes.size(); ++k) {
      const diff::Change& c = changes[k];
      bool found = false;
      for (auto& e : *expected) {
        if (diff::is_expected(e, change_inputs[k]->origin, c)) e.seen = found = true;
      }
      if (!found) {
        ++unexpected;
        std::cout << fmt::format("UNEXPECTED {}: {} {}: {} → {}\n", c.file, c.kind, c.what,
                                 c.before, c.after);
      }
    }
    size_t missing = 0;
    for (const auto& e : *expected) {
      if (e.seen) continue;
      ++missing;
      std::cout << fmt::format("EXPECTED BUT NOT CHANGED {}: {} {} → {}\n", e.written, e.kind,
                               e.what, e.to);
    }
    std::cout << fmt::format("{} expected change(s) found, {} unexpected, {} missing\n",
                             expected->size() - missing, unexpected, missing);
    if (unexpected > 0 || missing > 0) rc = kExitInputRejected;
  }
  return rc;
}

}  // namespace

void add_diff(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<DiffOptions>();
  CLI::App* cmd = app.add_subcommand(
      "diff", "Which cases' advice changes between two rule sets, policies or git revisions");
  cmd->add_option("--base", options->base,
                  "Before: a rule-set directory, a policy file or a git revision")
      ->required();
  cmd->add_option("--head", options->head,
                  "After: a rule-set directory, a policy file or a git revision")
      ->required();
  cmd->add_option("--rules", options->rules,
                  "Rules for a side that is a policy file (default: shipped)");
  cmd->add_option(
      "--policy", options->policy,
      "Policy for a side that is a rule set (default: the policy its rules name, else their "
      "defaults)");
  cmd->add_option("--as-of", options->as_of, "Advice date YYYY-MM-DD (default: each case's as_of)");
  cmd->add_option("--expect", options->expect,
                  "YAML list of intended changes; unexpected or missing changes fail (exit 1)");
  cmd->add_flag("--timeline", options->timeline,
                "Also advise every case again on each date a parameter changes (a dated policy "
                "change shows its effect from its date on)");
  cmd->add_option("cases", options->cases,
                  "Case files, regression suites (*.suite.yaml) or directories of them")
      ->required();
  cmd->callback([options, &exit_code] { exit_code = run_diff(*options); });
}

}  // namespace koers::cli
