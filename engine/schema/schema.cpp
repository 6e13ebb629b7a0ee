#include "schema/schema.h"

namespace koers {

int EnumDef::index_of(const std::string& member) const {
  for (size_t i = 0; i < members.size(); ++i) {
    if (members[i] == member) return static_cast<int>(i);
  }
  return -1;
}

int RecordDef::index_of(const std::string& field) const {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == field) return static_cast<int>(i);
  }
  return -1;
}

int Schema::enum_index(const std::string& name) const {
  for (size_t i = 0; i < enums.size(); ++i) {
    if (enums[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

int Schema::record_index(const std::string& name) const {
  for (size_t i = 0; i < records.size(); ++i) {
    if (records[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

std::string Schema::type_name(const Type& t) const {
  switch (t.kind) {
    case TypeKind::boolean:
      return "bool";
    case TypeKind::integer:
      return "int";
    case TypeKind::text:
      return "text";
    case TypeKind::date:
      return "date";
    case TypeKind::duration:
      return "duration";
    case TypeKind::none:
      return "none";
    case TypeKind::any:
      return "any";
    case TypeKind::enumeration:
      return t.ref >= 0 ? enums[static_cast<size_t>(t.ref)].name : "enum";
    case TypeKind::record:
      return t.ref >= 0 ? records[static_cast<size_t>(t.ref)].name : "record";
    case TypeKind::list:
      return "list of " + type_name(*t.element);
  }
  return "?";
}

}  // namespace koers
