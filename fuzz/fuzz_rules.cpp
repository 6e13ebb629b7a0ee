// Fuzz target: a rule file, with the shipped case schema beside it, through the whole front end
// (parser, checker, compiler) and the formatter. Besides "never crash, never hang", it checks the
// formatter's promises: fmt(fmt(x)) == fmt(x), and formatting never changes the tokens.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "api/rule_set.h"
#include "fuzz/fuzz_support.h"
#include "syntax/format.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  koers::Diagnostics diags(50);
  (void)koers::load_rule_set_from_texts(
      {{"schema.koers", koers::fuzz::shipped_text("rules/schema.koers")}, {"fuzz.koers", text}},
      diags);
  (void)koers::render_all(diags);

  koers::Diagnostics fmt_diags;
  auto source = std::make_shared<koers::SourceFile>("fuzz.koers", text);
  auto once = koers::syntax::format_source(source, fmt_diags);
  if (!once) return 0;
  koers::Diagnostics again_diags;
  auto twice = koers::syntax::format_source(
      std::make_shared<koers::SourceFile>("fuzz.koers", *once), again_diags);
  if (!twice || *twice != *once) std::abort();  // fmt is not idempotent
  auto tokens = [](const std::string& t) {
    std::string out;
    for (const auto& [kind, token] : koers::syntax::token_stream(t))
      out += std::to_string(kind) + token + "\n";
    return out;
  };
  if (tokens(*once) != tokens(text)) std::abort();  // fmt changed what the file says
  return 0;
}
