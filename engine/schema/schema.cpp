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

const FieldDef* Schema::field_at(const std::string& path) const {
  if (root < 0) return nullptr;
  const RecordDef* rec = &root_record();
  const FieldDef* field = nullptr;
  size_t start = 0;
  while (start <= path.size()) {
    size_t dot = path.find('.', start);
    std::string part =
        path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (size_t bracket = part.find('['); bracket != std::string::npos) part.resize(bracket);
    if (rec == nullptr) return nullptr;
    int slot = rec->index_of(part);
    if (slot < 0) return nullptr;
    field = &rec->fields[static_cast<size_t>(slot)];
    if (dot == std::string::npos) return field;
    const Type* t = field->type.is_list() ? field->type.element.get() : &field->type;
    rec = t->kind == TypeKind::record ? &records[static_cast<size_t>(t->ref)] : nullptr;
    start = dot + 1;
  }
  return field;
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
