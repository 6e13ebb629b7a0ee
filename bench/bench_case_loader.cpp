// Throughput of the case loader: ~10 MB of realistic, distinct case files (generated in memory,
// deterministically), loaded one by one against the case schema. Target: >= 30 MB/s.
//
//   cmake --build build --target bench_case_loader && ./build/bench/bench_case_loader
#include <benchmark/benchmark.h>
#include <yaml.h>

#include <memory>
#include <string>
#include <vector>

#include "../tests/support/case_generator.h"
#include "../tests/support/test_schema.h"
#include "data/case_loader.h"

namespace {

struct Corpus {
  koers::Schema schema = koers::testing::case_schema();
  std::vector<koers::SourceFilePtr> files;
  size_t bytes = 0;

  Corpus() {
    koers::testing::CaseGenerator gen(42);
    auto texts = gen.cases(10u << 20);
    for (size_t i = 0; i < texts.size(); ++i) {
      bytes += texts[i].size();
      files.push_back(std::make_shared<const koers::SourceFile>(
          "case-" + std::to_string(i) + ".yaml", std::move(texts[i])));
    }
  }
};

const Corpus& corpus() {
  static const Corpus c;
  return c;
}

void BM_load_case(benchmark::State& state) {
  const Corpus& c = corpus();
  size_t failed = 0;
  for (auto _ : state) {
    for (const auto& f : c.files) {
      koers::Diagnostics diags;
      auto result = koers::load_case(c.schema, f, diags);
      if (!result) ++failed;
      benchmark::DoNotOptimize(result);
    }
  }
  if (failed > 0) state.SkipWithError("generated cases failed to load");
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(c.bytes));
  state.counters["cases"] = static_cast<double>(c.files.size());
}
BENCHMARK(BM_load_case)->Unit(benchmark::kMillisecond);

// The floor: libyaml's event parser alone on the same text, with no schema and no values.
void BM_libyaml_events_only(benchmark::State& state) {
  const Corpus& c = corpus();
  for (auto _ : state) {
    size_t events = 0;
    for (const auto& f : c.files) {
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
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(c.bytes));
}
BENCHMARK(BM_libyaml_events_only)->Unit(benchmark::kMillisecond);

// The canonical form and its hash, which load_case computes for every case.
void BM_canonical_json(benchmark::State& state) {
  const Corpus& c = corpus();
  std::vector<koers::Case> cases;
  for (const auto& f : c.files) {
    koers::Diagnostics diags;
    if (auto result = koers::load_case(c.schema, f, diags)) cases.push_back(std::move(*result));
  }
  for (auto _ : state) {
    size_t n = 0;
    for (const auto& k : cases) n += koers::canonical_json(c.schema, k).size();
    benchmark::DoNotOptimize(n);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(c.bytes));
}
BENCHMARK(BM_canonical_json)->Unit(benchmark::kMillisecond);

}  // namespace
