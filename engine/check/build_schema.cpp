// Pass 1: the case schema from the `enum` and `record` declarations of all files.
#include <fmt/format.h>

#include <regex>

#include "check/passes.h"
#include "value/date.h"

namespace koers::check {

namespace {

std::optional<DefaultValue> default_of(const ast::Literal& lit, const Type& type, bool nullable,
                                       const Schema& schema, Diagnostics& diags) {
  DefaultValue d;
  using K = ast::Literal::Kind;
  if (lit.kind == K::name && lit.text == "none" && nullable &&
      !(type.kind == TypeKind::enumeration &&
        schema.enums[static_cast<size_t>(type.ref)].index_of("none") >= 0)) {
    d.kind = DefaultValue::Kind::none;
    return d;
  }
  switch (type.kind) {
    case TypeKind::boolean:
      if (lit.kind == K::boolean) {
        d.kind = DefaultValue::Kind::boolean;
        d.bool_value = lit.bool_value;
        return d;
      }
      break;
    case TypeKind::integer:
      if (lit.kind == K::integer) {
        d.kind = DefaultValue::Kind::integer;
        d.int_value = lit.int_value;
        return d;
      }
      break;
    case TypeKind::text:
      if (lit.kind == K::text) {
        d.kind = DefaultValue::Kind::text;
        d.text = lit.text;
        return d;
      }
      break;
    case TypeKind::date:
      if (lit.kind == K::date) {
        auto date = parse_date(lit.text);
        if (!date) {
          diags.error("K105", lit.span,
                      fmt::format("`{}` is not a date in the calendar", lit.text));
          return std::nullopt;
        }
        d.kind = DefaultValue::Kind::date;
        d.int_value = date->days;
        return d;
      }
      break;
    case TypeKind::enumeration:
      if (lit.kind == K::name) {
        const EnumDef& en = schema.enums[static_cast<size_t>(type.ref)];
        int index = en.index_of(lit.text);
        if (index < 0) {
          std::string hint = closest_match(lit.text, en.members);
          diags.error("K205", lit.span,
                      fmt::format("`{}` is not a value of `{}`", lit.text, en.name),
                      hint.empty() ? "" : fmt::format("did you mean `{}`?", hint));
          return std::nullopt;
        }
        d.kind = DefaultValue::Kind::enumeration;
        d.int_value = index;
        d.text = lit.text;
        return d;
      }
      break;
    default:
      break;
  }
  diags.error("K204", lit.span,
              fmt::format("this default does not fit the type `{}`", schema.type_name(type)),
              nullable ? "a nullable field may also have `default none`" : "");
  return std::nullopt;
}

}  // namespace

std::optional<DefaultValue> check_default(const ast::Literal& lit, const Type& type, bool nullable,
                                          const Schema& schema, Diagnostics& diags) {
  return default_of(lit, type, nullable, schema, diags);
}

void build_schema(const std::vector<ast::File>& files, Schema& schema, Diagnostics& diags) {
  std::map<std::string, Span> seen;
  auto unique_name = [&](const std::string& name, const Span& span, const char* what) {
    auto [it, inserted] = seen.emplace(name, span);
    if (!inserted) {
      diags.error("K201", span, fmt::format("{} `{}` is declared twice", what, name),
                  fmt::format("first declared at {}:{}:{}", it->second.path(), it->second.line,
                              it->second.col));
    }
    return inserted;
  };
  static const std::set<std::string> builtin = {"bool", "int", "text", "date", "list"};
  // Names first, so that records may refer to each other in any order.
  for (const auto& file : files) {
    for (const auto& en : file.enums) {
      if (builtin.count(en.name)) {
        diags.error("K201", en.span, fmt::format("`{}` is a built-in type", en.name));
        continue;
      }
      if (!unique_name(en.name, en.span, "type")) continue;
      EnumDef def;
      def.name = en.name;
      def.span = en.span;
      std::set<std::string> members;
      for (const auto& m : en.members) {
        if (!members.insert(m.name).second) {
          diags.error("K201", m.span, fmt::format("`{}` is listed twice in `{}`", m.name, en.name));
          continue;
        }
        def.members.push_back(m.name);
        def.labels.push_back(m.label);
      }
      schema.enums.push_back(std::move(def));
    }
    for (const auto& rec : file.records) {
      if (builtin.count(rec.name)) {
        diags.error("K201", rec.span, fmt::format("`{}` is a built-in type", rec.name));
        continue;
      }
      if (!unique_name(rec.name, rec.span, "type")) continue;
      RecordDef def;
      def.name = rec.name;
      def.span = rec.span;
      schema.records.push_back(std::move(def));
    }
  }
  schema.root = schema.record_index("case");

  // Then the fields.
  for (const auto& file : files) {
    for (const auto& rec : file.records) {
      int index = schema.record_index(rec.name);
      if (index < 0 || schema.records[static_cast<size_t>(index)].span.line != rec.span.line ||
          schema.records[static_cast<size_t>(index)].span.path() != rec.span.path()) {
        continue;  // a duplicate, already reported
      }
      RecordDef& def = schema.records[static_cast<size_t>(index)];
      for (const auto& f : rec.fields) {
        if (def.index_of(f.name) >= 0) {
          diags.error("K201", f.span,
                      fmt::format("field `{}` is declared twice in `{}`", f.name, rec.name));
          continue;
        }
        FieldDef field;
        field.name = f.name;
        field.span = f.span;
        field.type = resolve_type(f.type, schema, diags);
        field.required = f.required;
        field.nullable = f.nullable;
        field.range = f.range;
        field.length = f.length;
        field.unique = f.unique && f.unique_in.empty();
        if (!f.unique_in.empty()) {
          field.unique_in_file = f.unique_in == "file";
          if (!field.unique_in_file) {
            diags.error("K211", f.option_span,
                        fmt::format("`unique in {}`: only `unique in file` is known", f.unique_in),
                        "write `unique in file` (no two such values in one case file), or "
                        "`unique by FIELD` on a list of records");
          } else if (field.type.kind != TypeKind::text) {
            diags.error("K211", f.option_span,
                        fmt::format("`unique in file` needs a text field; `{}` is {}", f.name,
                                    schema.type_name(field.type)));
          }
        }
        field.dated = f.dated;
        field.pattern = f.pattern;
        field.question = f.question;
        field.title = f.title;
        field.item_title = f.item_title;
        if (f.default_value) {
          field.default_value = default_of(*f.default_value, field.type, f.nullable, schema, diags);
        }
        if (f.required && f.default_value) {
          diags.error("K211", f.span, fmt::format("`{}` is required and has a default", f.name),
                      "a required field has no default: drop one of the two");
        }
        if (f.range && !(field.type.kind == TypeKind::integer ||
                         (field.type.is_list() && field.type.element->kind == TypeKind::integer))) {
          diags.error("K211", f.option_span,
                      fmt::format("`range` needs a number field; `{}` is {}", f.name,
                                  schema.type_name(field.type)));
        }
        if (f.range && f.range->first > f.range->second) {
          diags.error("K211", f.option_span,
                      "the range is empty: its lower end is above its upper end");
        }
        if ((f.length || field.unique || f.dated) && !field.type.is_list()) {
          diags.error("K211", f.option_span,
                      fmt::format("`length`, `unique` and `dated` need a list; `{}` is {}", f.name,
                                  schema.type_name(field.type)));
        }
        if (!f.pattern.empty()) {
          try {
            std::regex check(f.pattern);
          } catch (const std::regex_error&) {
            diags.error("K211", f.option_span, "this pattern is not a valid regular expression");
          }
        }
        def.fields.push_back(std::move(field));
      }
    }
  }

  // Options that name other fields, now that all fields are known.
  for (const auto& file : files) {
    for (const auto& rec : file.records) {
      int index = schema.record_index(rec.name);
      if (index < 0) continue;
      RecordDef& def = schema.records[static_cast<size_t>(index)];
      if (def.span.line != rec.span.line || def.span.path() != rec.span.path()) continue;
      for (const auto& f : rec.fields) {
        int slot = def.index_of(f.name);
        if (slot < 0) continue;
        FieldDef& field = def.fields[static_cast<size_t>(slot)];
        const RecordDef* element_record =
            field.type.is_list() && field.type.element->kind == TypeKind::record
                ? &schema.records[static_cast<size_t>(field.type.element->ref)]
                : nullptr;
        auto element_field = [&](const std::string& name, const char* option) -> int {
          if (element_record == nullptr) {
            diags.error("K211", f.option_span,
                        fmt::format("`{} by` needs a list of records; `{}` is {}", option, f.name,
                                    schema.type_name(field.type)));
            return -1;
          }
          int i = element_record->index_of(name);
          if (i < 0) {
            diags.error("K211", f.option_span,
                        fmt::format("`{}` has no field `{}`", element_record->name, name));
          }
          return i;
        };
        if (!f.unique_by.empty()) field.unique_key = element_field(f.unique_by, "unique");
        if (!f.dated_by.empty()) {
          field.dated_by = element_field(f.dated_by, "dated");
          if (field.dated_by >= 0 &&
              element_record->fields[static_cast<size_t>(field.dated_by)].type.kind !=
                  TypeKind::date) {
            diags.error("K211", f.option_span,
                        fmt::format("`dated by {}` needs a date field", f.dated_by));
          }
        } else if (f.dated && field.type.is_list() && field.type.element->kind != TypeKind::date) {
          diags.error("K211", f.option_span,
                      "`dated` alone needs a list of dates; use `dated by FIELD`");
        }
        auto sibling = [&](const std::string& name) {
          int i = def.index_of(name);
          if (i < 0)
            diags.error("K211", f.option_span,
                        fmt::format("`{}` has no field `{}`", rec.name, name));
          return i;
        };
        if (!f.not_before.empty()) field.not_before = sibling(f.not_before);
        if (!f.sum_of.empty()) field.sum_of = sibling(f.sum_of);
      }
      for (const auto& group : rec.one_of) {
        std::vector<int> slots;
        for (const auto& name : group.fields) {
          int i = def.index_of(name);
          if (i < 0) {
            diags.error("K211", group.span, fmt::format("`{}` has no field `{}`", rec.name, name));
          } else {
            slots.push_back(i);
          }
        }
        def.one_of.push_back(std::move(slots));
      }
    }
  }
}

}  // namespace koers::check
