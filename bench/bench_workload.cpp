// The peer workload (bench/workload; README, "Batch advice and the peer workload") through every
// stage of Koers, per case: rule-set load + check, case loading (MB/s), evaluation without and
// with the explanation trace, JSON rendering, and YAML -> JSON lines end to end, beside libyaml's
// bare event scan of the same bytes (the floor). Counters: us_per_case.
//
//   build/bench/bench_workload                              # 20,000 generated cases
//   KOERS_WORKLOAD_CASES=/tmp/koers-peers/data/cases.yaml build/bench/bench_workload
//
// With KOERS_WORKLOAD_CASES, the cases are the YAML stream of gen_cases.py
// (bench/compare-peers.sh).
#include <benchmark/benchmark.h>
#include <yaml.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "../tests/support/workload_generator.h"
#include "api/rule_set.h"
#include "data/case_loader.h"
#include "data/case_stream.h"
#include "eval/decide.h"
#include "eval/evaluator.h"
#include "policy/policy.h"
#include "report/render.h"

namespace {

using namespace koers;

std::string source_dir() {
  const char* dir = std::getenv("KOERS_SOURCE_DIR");
  return dir != nullptr && *dir != '\0' ? dir : KOERS_BENCH_SOURCE_DIR;
}

struct Workload {
  Program program;
  Policy policy;
  std::vector<SourceFilePtr> documents;
  std::vector<Case> cases;
  size_t bytes = 0;
  Date as_of = *parse_date("2026-11-01");

  Workload() {
    Diagnostics diags;
    program = std::move(*load_rule_set(source_dir() + "/bench/workload", diags));
    policy = std::move(*default_policy(program, diags));
    if (const char* path = std::getenv("KOERS_WORKLOAD_CASES")) {
      CaseDocumentReader reader({path}, 1u << 20);
      std::vector<CaseDocument> batch;
      while (reader.next_batch(batch, 4096)) {
        for (auto& d : batch) add(std::move(d.text), d.first_line);
        batch.clear();
      }
    } else {
      testing::WorkloadGenerator gen(20261101);
      for (int i = 1; i <= 20000; ++i) add(gen.next_case(i), 1);
    }
    for (const auto& d : documents) {
      auto c = load_case(program.schema, d, diags);
      if (c) cases.push_back(std::move(*c));
    }
  }
  void add(std::string text, int line) {
    bytes += text.size();
    documents.push_back(std::make_shared<const SourceFile>("cases.yaml", std::move(text), line));
  }
};

const Workload& workload() {
  static const Workload w;
  return w;
}

void per_case(benchmark::State& state, size_t cases) {
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * cases));
  state.counters["us_per_case"] =
      benchmark::Counter(static_cast<double>(state.iterations() * cases) * 1e-6,
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_rule_set_load_check_workload(benchmark::State& state) {
  for (auto _ : state) {
    Diagnostics diags;
    auto p = load_rule_set(source_dir() + "/bench/workload", diags);
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_rule_set_load_check_workload)->Unit(benchmark::kMillisecond);

void BM_rule_set_load_check_guideline(benchmark::State& state) {
  for (auto _ : state) {
    Diagnostics diags;
    auto p = load_rule_set(source_dir() + "/rules", diags);
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_rule_set_load_check_guideline)->Unit(benchmark::kMillisecond);

// The floor: libyaml's event parser alone over the same documents.
void BM_workload_libyaml_events(benchmark::State& state) {
  const Workload& w = workload();
  for (auto _ : state) {
    size_t events = 0;
    for (const auto& f : w.documents) {
      yaml_parser_t parser;
      yaml_parser_initialize(&parser);
      yaml_parser_set_input_string(
          &parser, reinterpret_cast<const unsigned char*>(f->text().data()), f->text().size());
      yaml_event_t event;
      bool done = false;
      while (!done && yaml_parser_parse(&parser, &event)) {
        done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        ++events;
      }
      yaml_parser_delete(&parser);
    }
    benchmark::DoNotOptimize(events);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * w.bytes));
  per_case(state, w.documents.size());
}
BENCHMARK(BM_workload_libyaml_events)->Unit(benchmark::kMillisecond);

void BM_workload_load_cases(benchmark::State& state) {
  const Workload& w = workload();
  for (auto _ : state) {
    for (const auto& f : w.documents) {
      Diagnostics diags;
      auto c = load_case(w.program.schema, f, diags);
      benchmark::DoNotOptimize(c);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * w.bytes));
  per_case(state, w.documents.size());
}
BENCHMARK(BM_workload_load_cases)->Unit(benchmark::kMillisecond);

void BM_workload_eval_no_trace(benchmark::State& state) {
  const Workload& w = workload();
  Decider decider(w.program, w.policy, w.as_of);
  for (auto _ : state) {
    for (const auto& c : w.cases) benchmark::DoNotOptimize(decider.decide(c).data());
  }
  per_case(state, w.cases.size());
}
BENCHMARK(BM_workload_eval_no_trace)->Unit(benchmark::kMillisecond);

void BM_workload_eval_with_trace(benchmark::State& state) {
  const Workload& w = workload();
  for (auto _ : state) {
    for (const auto& c : w.cases) {
      Advice a = evaluate(w.program, w.policy, c, w.as_of);
      benchmark::DoNotOptimize(a);
    }
  }
  per_case(state, w.cases.size());
}
BENCHMARK(BM_workload_eval_with_trace)->Unit(benchmark::kMillisecond);

void BM_workload_render_json(benchmark::State& state) {
  const Workload& w = workload();
  std::vector<Advice> advice;
  for (const auto& c : w.cases) advice.push_back(evaluate(w.program, w.policy, c, w.as_of));
  std::string out;
  for (auto _ : state) {
    for (const auto& a : advice) {
      out.clear();
      append_json(out, w.program, a);
      benchmark::DoNotOptimize(out.data());
    }
  }
  per_case(state, advice.size());
}
BENCHMARK(BM_workload_render_json)->Unit(benchmark::kMillisecond);

// YAML document -> JSON line, on one core: what `koers advise --format jsonl` does per case.
void BM_workload_end_to_end(benchmark::State& state) {
  const Workload& w = workload();
  std::string out;
  for (auto _ : state) {
    for (const auto& f : w.documents) {
      Diagnostics diags;
      auto c = load_case(w.program.schema, f, diags);
      Advice a = evaluate(w.program, w.policy, *c, w.as_of);
      out.clear();
      append_json(out, w.program, a);
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * w.bytes));
  per_case(state, w.documents.size());
}
BENCHMARK(BM_workload_end_to_end)->Unit(benchmark::kMillisecond);

}  // namespace
