#include "schema/schema_json.h"

#include <nlohmann/json.hpp>

#include "value/date.h"

namespace koers {

namespace {

using Json = nlohmann::ordered_json;

// "bool", "int", "text", "date", {"enum": name}, {"record": name} or {"list": element}.
Json type_json(const Schema& schema, const Type& type) {
  switch (type.kind) {
    case TypeKind::boolean:
      return "bool";
    case TypeKind::integer:
      return "int";
    case TypeKind::text:
      return "text";
    case TypeKind::date:
      return "date";
    case TypeKind::enumeration:
      return Json{{"enum", schema.enums[static_cast<size_t>(type.ref)].name}};
    case TypeKind::record:
      return Json{{"record", schema.records[static_cast<size_t>(type.ref)].name}};
    case TypeKind::list:
      return Json{{"list", type.element ? type_json(schema, *type.element) : Json("text")}};
    default:
      return "text";
  }
}

Json default_json(const Schema& schema, const FieldDef& field) {
  const DefaultValue& d = *field.default_value;
  switch (d.kind) {
    case DefaultValue::Kind::boolean:
      return d.bool_value;
    case DefaultValue::Kind::integer:
      return d.int_value;
    case DefaultValue::Kind::text:
      return d.text;
    case DefaultValue::Kind::date:
      return format_date(Date{static_cast<int32_t>(d.int_value)});
    case DefaultValue::Kind::enumeration: {
      const Type* t = &field.type;
      if (t->kind == TypeKind::enumeration) {
        return schema.enums[static_cast<size_t>(t->ref)].members[static_cast<size_t>(d.int_value)];
      }
      return d.int_value;
    }
    case DefaultValue::Kind::none:
      return nullptr;
  }
  return nullptr;
}

}  // namespace

std::string schema_json(const Schema& schema, const std::vector<SchemaSeries>& series) {
  Json records = Json::object();
  for (const auto& record : schema.records) {
    Json fields = Json::array();
    for (const auto& f : record.fields) {
      Json field = {{"name", f.name}, {"type", type_json(schema, f.type)}};
      if (!f.title.empty()) field["title"] = f.title;
      if (!f.item_title.empty()) field["item"] = f.item_title;
      if (!f.question.empty()) field["question"] = f.question;
      if (f.required) field["required"] = true;
      if (f.nullable) field["nullable"] = true;
      if (f.default_value) field["default"] = default_json(schema, f);
      if (f.range) field["range"] = {f.range->first, f.range->second};
      if (f.length) field["length"] = *f.length;
      if (!f.pattern.empty()) field["pattern"] = f.pattern;
      if (f.dated) field["dated"] = true;
      fields.push_back(std::move(field));
    }
    Json one_of = Json::array();
    for (const auto& group : record.one_of) {
      Json names = Json::array();
      for (int index : group) names.push_back(record.fields[static_cast<size_t>(index)].name);
      one_of.push_back(std::move(names));
    }
    Json entry = {{"fields", std::move(fields)}};
    if (!one_of.empty()) entry["one_of"] = std::move(one_of);
    records[record.name] = std::move(entry);
  }
  Json enums = Json::object();
  for (const auto& en : schema.enums) {
    Json members = Json::array();
    for (size_t i = 0; i < en.members.size(); ++i) {
      members.push_back({{"value", en.members[i]},
                         {"label", en.labels[i].empty() ? en.members[i] : en.labels[i]}});
    }
    enums[en.name] = std::move(members);
  }
  Json charts = Json::array();
  for (const auto& s : series) {
    charts.push_back(
        {{"list", s.list}, {"value", s.value}, {"date", s.date}, {"scale", {s.low, s.high}}});
  }
  return Json{{"root", schema.root >= 0 ? schema.root_record().name : ""},
              {"records", std::move(records)},
              {"enums", std::move(enums)},
              {"charts", std::move(charts)}}
      .dump();
}

}  // namespace koers
