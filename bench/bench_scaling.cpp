// How cost grows: evaluation time per case against the number of rules (10 -> 10,000 generated
// rules over the peer workload's schema) and against the length of the OBVL-K series (3 -> 120
// monthly totals, the guideline rules over generated families). bench/plot-scaling.sh turns the
// JSON output into docs/scaling.svg.
//
//   build/bench/bench_scaling --benchmark_format=json > scaling.json
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "../tests/support/guideline_generator.h"
#include "../tests/support/workload_generator.h"
#include "api/rule_set.h"
#include "data/case_loader.h"
#include "eval/decide.h"
#include "eval/evaluator.h"
#include "policy/policy.h"

namespace {

using namespace koers;

std::string source_dir() {
  const char* dir = std::getenv("KOERS_SOURCE_DIR");
  return dir != nullptr && *dir != '\0' ? dir : KOERS_BENCH_SOURCE_DIR;
}

std::string read_file(const std::string& path) {
  std::string out;
  if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
    char buf[65536];
    size_t got = 0;
    while ((got = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, got);
    std::fclose(f);
  }
  return out;
}

// `rules` rules over the workload schema: one bool decision per ten rules, each rule a
// three-part condition on case fields with its own thresholds, so that every rule is evaluated
// (settle collect would stop nothing either; `first` here stops at the first rule that holds).
std::vector<std::pair<std::string, std::string>> generated_rules(int rules) {
  // Every rule cites a source, as the checker requires (K227).
  std::string text = "source gegenereerd {\n  title \"Gegenereerde regels\"\n  kind seed\n}\n";
  const int decisions = std::max(1, rules / 10);
  for (int d = 0; d < decisions; ++d) {
    text += "decision d" + std::to_string(d) + ": bool {\n  settle first\n  otherwise false\n}\n";
  }
  for (int r = 0; r < rules; ++r) {
    const int d = r % decisions;
    // `first` tries a decision's rules by priority: each of its ten rules has its own.
    text += "rule g.r" + std::to_string(r) + " {\n  source gegenereerd\n  priority " +
            std::to_string(r / decisions) +
            "\n  when family.problem_duration_months >= " + std::to_string(40 + r % 57) +
            " and family.risk_factor_count == " + std::to_string(r % 5) +
            "\n    and not situation.acute_safety_concern\n  then d" + std::to_string(d) +
            " = true\n}\n";
  }
  return {{"schema.koers", read_file(source_dir() + "/bench/workload/schema.koers")},
          {"generated.koers", text}};
}

struct Loaded {
  Program program;
  Policy policy;
  std::vector<Case> cases;
};

const Loaded& rules_fixture(int rules) {
  static std::map<int, std::unique_ptr<Loaded>> cache;
  auto& slot = cache[rules];
  if (!slot) {
    Diagnostics diags;
    auto program = load_rule_set_from_texts(generated_rules(rules), diags);
    if (!program) std::abort();
    auto policy = default_policy(*program, diags);
    slot = std::make_unique<Loaded>(Loaded{std::move(*program), std::move(*policy), {}});
    testing::WorkloadGenerator gen(1);
    for (int i = 1; i <= 200; ++i) {
      auto c = load_case(slot->program.schema,
                         std::make_shared<const SourceFile>("c.yaml", gen.next_case(i)), diags);
      if (c) slot->cases.push_back(std::move(*c));
    }
  }
  return *slot;
}

const Loaded& series_fixture(int length) {
  static std::map<int, std::unique_ptr<Loaded>> cache;
  auto& slot = cache[length];
  if (!slot) {
    Diagnostics diags;
    auto program = load_rule_set(source_dir() + "/rules", diags);
    auto policy = load_policy_file(*program, source_dir() + "/policies/landelijk.yaml", diags);
    if (!program || !policy) std::abort();
    slot = std::make_unique<Loaded>(Loaded{std::move(*program), std::move(*policy), {}});
    testing::GuidelineGenerator gen(2);
    for (int i = 0; i < 200; ++i) {
      auto c =
          load_case(slot->program.schema,
                    std::make_shared<const SourceFile>("c.yaml", gen.next_case(i, length)), diags);
      if (c) slot->cases.push_back(std::move(*c));
    }
  }
  return *slot;
}

void per_case(benchmark::State& state, size_t cases) {
  state.counters["us_per_case"] =
      benchmark::Counter(static_cast<double>(state.iterations() * cases) * 1e-6,
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

const Date kAsOf = *parse_date("2026-11-01");

void BM_rules_no_trace(benchmark::State& state) {
  const Loaded& f = rules_fixture(static_cast<int>(state.range(0)));
  Decider decider(f.program, f.policy, kAsOf);
  for (auto _ : state) {
    for (const auto& c : f.cases) benchmark::DoNotOptimize(decider.decide(c).data());
  }
  per_case(state, f.cases.size());
}
BENCHMARK(BM_rules_no_trace)
    ->Arg(10)
    ->Arg(100)
    ->Arg(1000)
    ->Arg(10000)
    ->Unit(benchmark::kMicrosecond);

void BM_rules_with_trace(benchmark::State& state) {
  const Loaded& f = rules_fixture(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    for (const auto& c : f.cases) {
      Advice a = evaluate(f.program, f.policy, c, kAsOf);
      benchmark::DoNotOptimize(a);
    }
  }
  per_case(state, f.cases.size());
}
BENCHMARK(BM_rules_with_trace)
    ->Arg(10)
    ->Arg(100)
    ->Arg(1000)
    ->Arg(10000)
    ->Unit(benchmark::kMicrosecond);

void BM_rules_load_check(benchmark::State& state) {
  auto files = generated_rules(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    Diagnostics diags;
    auto p = load_rule_set_from_texts(files, diags);
    if (!p) {
      state.SkipWithError("the generated rules do not load");
      return;
    }
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_rules_load_check)
    ->Arg(10)
    ->Arg(100)
    ->Arg(1000)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond);

void BM_series_no_trace(benchmark::State& state) {
  const Loaded& f = series_fixture(static_cast<int>(state.range(0)));
  Decider decider(f.program, f.policy, kAsOf);
  for (auto _ : state) {
    for (const auto& c : f.cases) benchmark::DoNotOptimize(decider.decide(c).data());
  }
  per_case(state, f.cases.size());
}
BENCHMARK(BM_series_no_trace)
    ->Arg(3)
    ->Arg(6)
    ->Arg(12)
    ->Arg(24)
    ->Arg(48)
    ->Arg(120)
    ->Unit(benchmark::kMicrosecond);

void BM_series_with_trace(benchmark::State& state) {
  const Loaded& f = series_fixture(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    for (const auto& c : f.cases) {
      Advice a = evaluate(f.program, f.policy, c, kAsOf);
      benchmark::DoNotOptimize(a);
    }
  }
  per_case(state, f.cases.size());
}
BENCHMARK(BM_series_with_trace)
    ->Arg(3)
    ->Arg(6)
    ->Arg(12)
    ->Arg(24)
    ->Arg(48)
    ->Arg(120)
    ->Unit(benchmark::kMicrosecond);

}  // namespace
