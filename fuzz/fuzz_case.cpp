// Fuzz target: a case file, validated against the shipped schema; a case that loads is advised
// with the shipped rules and policy and rendered as JSON, text and HTML (every path a case file
// from a caseworker takes).
#include <cstddef>
#include <cstdint>
#include <string>

#include "data/case_loader.h"
#include "eval/evaluator.h"
#include "fuzz/fuzz_support.h"
#include "report/render.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto& shipped = koers::fuzz::shipped();
  koers::Diagnostics diags(50);
  auto source = std::make_shared<koers::SourceFile>(
      "fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size));
  auto c = koers::load_case(shipped.program.schema, source, diags);
  (void)koers::render_all(diags);
  if (!c) return 0;
  const koers::Date as_of = c->as_of.value_or(koers::Date{20758});  // 2026-11-01
  koers::Advice advice = koers::evaluate(shipped.program, shipped.policy, *c, as_of);
  (void)koers::render_json(shipped.program, advice);
  (void)koers::render_text(shipped.program, advice);
  (void)koers::render_html(shipped.program, advice);
  (void)koers::render_print_html(shipped.program, advice);
  return 0;
}
