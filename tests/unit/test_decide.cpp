// Decider (evaluation without the explanation) gives every decision the status and value that
// evaluate() gives: on the shipped rules over the example cases and generated guideline cases,
// and on the peer workload's sample.
#define BOOST_TEST_MODULE decide
#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "data/case_stream.h"
#include "eval/decide.h"
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
