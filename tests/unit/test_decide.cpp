// Decider (evaluation without the explanation) gives every decision the status and value that
// evaluate() gives: on the shipped rules over the example cases and generated guideline cases,
// and on the peer workload's sample.
#define BOOST_TEST_MODULE decide
#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "data/case_stream.h"
#include "eval/decide.h"
#include "eval/settled_case.h"
#include "report/render.h"
#include "support/case_generator.h"
#include "support/koers_fixture.h"

namespace fs = std::filesystem;
using namespace koers;
using koers::testing::source_dir;

namespace {

// Values as the advice prints them, so that list and enum values compare by content.
std::string shown(const Program& program, const DecisionResult& d) {
  return outcome_word(program, d);
}

size_t compare_all(const Program& program, const Policy& policy,
                   const std::vector<SourceFilePtr>& sources, Date as_of) {
  size_t compared = 0;
  Decider decider(program, policy, as_of);
  for (const auto& source : sources) {
    Diagnostics diags;
    auto c = load_case(program.schema, source, diags);
    BOOST_TEST_REQUIRE(c.has_value(), source->path() + "\n" + render_all(diags));
    Advice advice = evaluate(program, policy, *c, as_of);
    const auto& lean = decider.decide(*c);
    BOOST_TEST_REQUIRE(lean.size() == program.decisions.size());
    for (size_t i = 0; i < program.decisions.size(); ++i) {
      const DecisionResult* full = nullptr;
      for (const auto& d : advice.decisions) {
        if (d.name == program.decisions[i].name) full = &d;
      }
      BOOST_TEST_REQUIRE(full != nullptr);
      BOOST_TEST((lean[i].status == full->status),
                 source->path() + ": " + program.decisions[i].name);
      BOOST_TEST(shown(program, lean[i]) == shown(program, *full),
                 source->path() + ": " + program.decisions[i].name);
      BOOST_TEST(lean[i].missing == full->missing,
                 source->path() + ": " + program.decisions[i].name);
      ++compared;
    }
  }
  return compared;
}

std::pair<Program, Policy> load(const std::string& rules, const std::string& policy_file) {
  Diagnostics diags;
  auto program = load_rule_set(rules, diags);
  BOOST_TEST_REQUIRE(program.has_value(), render_all(diags));
  auto policy = policy_file.empty() ? default_policy(*program, diags)
                                    : load_policy_file(*program, policy_file, diags);
  BOOST_TEST_REQUIRE(policy.has_value(), render_all(diags));
  return {std::move(*program), std::move(*policy)};
}

}  // namespace

BOOST_AUTO_TEST_CASE(decide_equals_evaluate_on_the_guideline_rules) {
  auto [program, policy] = load(source_dir() + "/rules", source_dir() + "/policies/landelijk.yaml");
  std::vector<SourceFilePtr> sources;
  for (const auto& entry : fs::directory_iterator(source_dir() + "/examples")) {
    if (entry.path().extension() != ".yaml") continue;  // examples/embed/ is a program
    sources.push_back(std::make_shared<const SourceFile>(
        entry.path().string(), koers::testing::read_text_file(entry.path().string())));
  }
  koers::testing::CaseGenerator gen(5);
  for (int i = 0; i < 300; ++i) {
    sources.push_back(
        std::make_shared<const SourceFile>("gen-" + std::to_string(i), gen.next_case(i)));
  }
  BOOST_TEST(compare_all(program, policy, sources, *parse_date("2026-11-01")) > 0u);
}

BOOST_AUTO_TEST_CASE(decide_equals_evaluate_on_the_workload_sample) {
  auto [program, policy] = load(source_dir() + "/bench/workload", "");
  CaseDocumentReader reader({source_dir() + "/tests/data/workload/cases.yaml"}, 1u << 20);
  std::vector<CaseDocument> docs;
  std::vector<SourceFilePtr> sources;
  while (reader.next_batch(docs, 64)) {
    for (auto& d : docs) {
      sources.push_back(
          std::make_shared<const SourceFile>(d.path, std::move(d.text), d.first_line));
    }
    docs.clear();
  }
  BOOST_TEST(sources.size() == 300u);
  BOOST_TEST(compare_all(program, policy, sources, *parse_date("2026-11-01")) == 300u * 10u);
}

// `is known` and `is missing` are the two operators that turn an unknown into a known answer, so
// the fast evaluation must not read "unknown" where the full evaluation knows the answer: a
// comparison with an unknown `first` decision is known when every value it can still take gives
// the same result. The advice, the lean Decider and the explanation's SettledCase must agree, in
// rules and in `applies when` alike.
BOOST_AUTO_TEST_CASE(is_known_over_a_narrowed_unknown_decision_agrees_everywhere) {
  Program program = koers::testing::program_with(R"(
decision strat: strategy { settle first }
rule strat.laag { priority 1 when safety.suspicion then strat = orde_op_zaken }
rule strat.hoog { priority 10 when safety.structural then strat = stut_en_steun }
decision bekend: bool { settle first otherwise false }
rule bekend.ja { when (decision.strat != refresh) is known then bekend = true }
decision open: bool { settle first otherwise false }
rule open.ja { when (decision.strat == stut_en_steun) is missing then open = true }
decision gevolgd: bool {
  settle first
  applies when (decision.strat != refresh) is known
  otherwise true
}
)");
  const Policy policy = koers::testing::defaults_of(program);
  const Date as_of = koers::testing::date_of(koers::testing::kExampleDate);
  // structural unknown: strat is stut_en_steun or orde_op_zaken, never refresh.
  const Case c = koers::testing::case_from(
      program, koers::testing::minimal_case("safety: {suspicion: true, acute: false}\n"));
  const Advice advice = evaluate(program, policy, c, as_of);
  BOOST_TEST((koers::testing::decision(advice, "strat").status == DecisionResult::Status::unknown));
  auto yes = [&](const std::string& name) {
    const DecisionResult& d = koers::testing::decision(advice, name);
    return d.status == DecisionResult::Status::decided && d.value.as_bool();
  };
  BOOST_TEST(yes("bekend"));   // known: `!= refresh` holds for every possible value
  BOOST_TEST(yes("open"));     // still open: one possible value says yes, one no
  BOOST_TEST(yes("gevolgd"));  // applies, so `otherwise` decides

  Decider decider(program, policy, as_of);
  const auto& lean = decider.decide(c);
  for (size_t i = 0; i < program.decisions.size(); ++i) {
    const std::string& name = program.decisions[i].name;
    const DecisionResult& full = koers::testing::decision(advice, name);
    BOOST_TEST((lean[i].status == full.status), name);
    BOOST_TEST(shown(program, lean[i]) == shown(program, full), name);
  }

  SettledCase settled(program, policy, c, as_of);
  for (const auto& rule : program.rules) {
    if (rule.id == "bekend.ja" || rule.id == "open.ja") {
      BOOST_TEST(settled.holds(rule).as_bool(), rule.id);
    }
  }
}
