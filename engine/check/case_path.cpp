#include "check/case_path.h"

#include <fmt/format.h>

namespace koers::check {

std::optional<CasePath> resolve_case_path(const Schema& schema, const std::string& dotted,
                                          const Span& span, Diagnostics& diags) {
  std::vector<std::string> parts;
  size_t from = 0;
  for (size_t dot; (dot = dotted.find('.', from)) != std::string::npos; from = dot + 1) {
    parts.push_back(dotted.substr(from, dot - from));
  }
  parts.push_back(dotted.substr(from));

  CasePath out;
  int record = schema.root;
  std::string walked;
  for (size_t i = 0; i < parts.size(); ++i) {
    const RecordDef& def = schema.records[static_cast<size_t>(record)];
    const int slot = def.index_of(parts[i]);
    walked += (walked.empty() ? "" : ".") + parts[i];
    if (slot < 0) {
      std::vector<std::string> names;
      for (const auto& f : def.fields) names.push_back(f.name);
      const std::string hint = closest_match(parts[i], names);
      diags.error("K230", span, fmt::format("`{}` is not a field of the case", walked),
                  hint.empty() ? "" : fmt::format("did you mean `{}`?", hint));
      return std::nullopt;
    }
    out.slots.push_back(slot);
    out.field = &def.fields[static_cast<size_t>(slot)];
    if (i + 1 == parts.size()) break;
    if (out.field->type.kind != TypeKind::record) {
      diags.error(
          "K230", span,
          fmt::format("`{}` is not a record, so `{}` cannot be in it", walked, parts[i + 1]));
      return std::nullopt;
    }
    record = out.field->type.ref;
  }
  return out;
}

}  // namespace koers::check
