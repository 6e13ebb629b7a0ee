// Values in texts for caseworkers: Dutch dates, ja/nee, enum labels, lists as "a, b en c".
#include <fmt/format.h>

#include <bit>
#include <cctype>
#include <string_view>

#include "eval/context.h"
#include "eval/evaluator.h"

namespace koers {

std::string format_value(const Program& program, const Value& v) {
  struct Visitor {
    const Program& program;
    std::string operator()(const Missing& m) const {
      // An unknown decision that can still take only some values says which: "nog onbekend:
      // „volgen” of „melden”" reads better in a reason than a bare "onbekend".
      const Messages& words = program.words();
      if (m.possible == 0 || m.possible_enum < 0) return std::string(words.unknown);
      const EnumDef& en = program.schema.enums[static_cast<size_t>(m.possible_enum)];
      std::string either;
      int shown = 0;
      const int count = std::popcount(m.possible);
      for (size_t i = 0; i < en.members.size() && i < 64; ++i) {
        if (!((m.possible >> i) & 1)) continue;
        if (shown > 0) either += shown + 1 == count ? words.list_or : std::string_view(", ");
        const std::string& label = en.labels[i].empty() ? en.members[i] : en.labels[i];
        either += say(words.quoted, label);
        ++shown;
      }
      return say(words.still_unknown_either, either);
    }
    std::string operator()(const NoneValue&) const { return std::string(program.words().none); }
    std::string operator()(bool b) const {
      return std::string(b ? program.words().yes : program.words().no);
    }
    std::string operator()(int64_t i) const { return std::to_string(i); }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(Date d) const { return date_in_words(program.words(), d); }
    std::string operator()(EnumValue e) const {
      const EnumDef& en = program.schema.enums[static_cast<size_t>(e.enum_id)];
      const std::string& label = en.labels[static_cast<size_t>(e.index)];
      return label.empty() ? en.members[static_cast<size_t>(e.index)] : label;
    }
    std::string operator()(const Duration& d) const {
      const Messages& words = program.words();
      return fmt::format("{} {}", d.amount,
                         d.unit == Duration::Unit::days
                             ? (d.amount == 1 ? words.day_one : words.day_many)
                             : (d.amount == 1 ? words.month_one : words.month_many));
    }
    std::string operator()(const ListPtr& list) const {
      std::string out;
      for (size_t i = 0; i < list->size(); ++i) {
        if (i > 0)
          out += (i + 1 == list->size()) ? program.words().list_and : std::string_view(", ");
        out += format_value(program, (*list)[i]);
      }
      return out.empty() ? std::string(program.words().none) : out;
    }
    std::string operator()(const RecordPtr&) const {
      return std::string(program.words().record_value);
    }
  };
  return std::visit(Visitor{program}, v.v);
}

std::string value_word(const Program& program, const Value& v) {
  if (const bool* b = std::get_if<bool>(&v.v)) return *b ? "true" : "false";
  if (const EnumValue* e = std::get_if<EnumValue>(&v.v)) {
    return program.schema.enums[static_cast<size_t>(e->enum_id)]
        .members[static_cast<size_t>(e->index)];
  }
  if (const ListPtr* l = std::get_if<ListPtr>(&v.v)) {
    std::string out = "[";
    for (size_t i = 0; i < (*l)->size(); ++i)
      out += (i ? ", " : "") + value_word(program, (**l)[i]);
    return out + "]";
  }
  return format_value(program, v);
}

std::string outcome_word(const Program& program, const DecisionResult& d) {
  switch (d.status) {
    case DecisionResult::Status::unknown:
      return "unknown";
    case DecisionResult::Status::not_applicable:
      return "not_applicable";
    case DecisionResult::Status::decided:
      break;
  }
  return value_word(program, d.value);
}

std::vector<std::string> possible_members(const Program& program, const DecisionResult& d,
                                          bool labels) {
  std::vector<std::string> out;
  if (d.status != DecisionResult::Status::unknown || d.possible == 0) return out;
  for (const auto& decision : program.decisions) {
    if (decision.name != d.name || decision.value_type.kind != TypeKind::enumeration) continue;
    const EnumDef& en = program.schema.enums[static_cast<size_t>(decision.value_type.ref)];
    for (size_t i = 0; i < en.members.size() && i < 64; ++i) {
      if (!((d.possible >> i) & 1)) continue;
      out.push_back(labels && !en.labels[i].empty() ? en.labels[i] : en.members[i]);
    }
  }
  return out;
}

namespace {

const std::string kNoUnit;  // a counted word is written with its number: no unit follows

// After a value the organisation chose, and the unit word that follows it ("12 maanden"): the
// mark, inside a closing bracket when one follows ("(minimaal 3, organisatie-instelling)").
void mark_organisation_setting(const Messages& words, const std::string& unit,
                               std::string_view& text, std::string& out) {
  if (!unit.empty() && text.size() > unit.size() && text[0] == ' ' &&
      text.substr(1, unit.size()) == unit) {
    const size_t end = 1 + unit.size();
    const bool word_ends =
        end == text.size() || !std::isalpha(static_cast<unsigned char>(text[end]));
    if (word_ends) {
      out += text.substr(0, end);
      text.remove_prefix(end);
    }
  }
  out += !text.empty() && text[0] == ')' ? words.organisation_setting_inside
                                         : words.organisation_setting;
}

}  // namespace

std::string EvalContext::render(const CompiledTemplate& t) {
  const Messages& words = program_.words();
  std::string out;
  const std::string* pending_unit = nullptr;  // set after a value the organisation chose
  for (const auto& part : t.parts) {
    if (!part.expr) {
      std::string_view text = part.text;
      if (pending_unit != nullptr) mark_organisation_setting(words, *pending_unit, text, out);
      pending_unit = nullptr;
      out += text;
      continue;
    }
    if (pending_unit != nullptr)
      out += words.organisation_setting;  // another value follows at once
    pending_unit = nullptr;
    if (part.organisation_setting) {
      pending_unit = &program_.parameters[static_cast<size_t>(part.expr->slot)].unit;
    }
    Value scratch;  // a case field, define or parameter is read in place, not copied
    const Value& value = ref(*part.expr, scratch);
    if (!part.plural.empty()) {
      // "1 kind", "0 kinderen", "3 kinderen"; an unknown count still names what is counted.
      const int64_t* count = std::get_if<int64_t>(&value.v);
      if (count == nullptr) {
        out += say(words.unknown_count, part.plural);
      } else {
        out += std::to_string(*count) + " " + (*count == 1 ? part.singular : part.plural);
      }
      if (part.organisation_setting) pending_unit = &kNoUnit;
      continue;
    }
    // The values an unknown decision can still take are shown only for that decision itself, not
    // for an expression over it (a count, a yes/no) that passed the unknown on.
    const Type& type = part.expr->type;
    if (value.is_missing() && value.missing().possible != 0 &&
        (type.kind != TypeKind::enumeration || type.ref != value.missing().possible_enum)) {
      out += words.unknown;
      continue;
    }
    out += format_value(program_, value);
  }
  if (pending_unit != nullptr) out += words.organisation_setting;
  return out;
}

}  // namespace koers
