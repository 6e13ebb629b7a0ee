#pragma once
// Types of the rule language and of case data.
#include <memory>
#include <string>

namespace koers {

enum class TypeKind {
  boolean,
  integer,
  text,
  date,
  duration,
  enumeration,
  record,
  list,
  none,
  any
};

// A small value type. `ref` indexes Schema::enums or Schema::records; `element` is set for lists.
struct Type {
  TypeKind kind = TypeKind::any;
  int ref = -1;
  std::shared_ptr<const Type> element;

  static Type boolean() { return {TypeKind::boolean, -1, nullptr}; }
  static Type integer() { return {TypeKind::integer, -1, nullptr}; }
  static Type text() { return {TypeKind::text, -1, nullptr}; }
  static Type date() { return {TypeKind::date, -1, nullptr}; }
  static Type duration() { return {TypeKind::duration, -1, nullptr}; }
  static Type none() { return {TypeKind::none, -1, nullptr}; }
  static Type any() { return {TypeKind::any, -1, nullptr}; }
  static Type enumeration(int id) { return {TypeKind::enumeration, id, nullptr}; }
  static Type record(int id) { return {TypeKind::record, id, nullptr}; }
  static Type list_of(Type element) {
    return {TypeKind::list, -1, std::make_shared<const Type>(std::move(element))};
  }

  bool is_list() const { return kind == TypeKind::list; }
  bool operator==(const Type& other) const {
    if (kind != other.kind || ref != other.ref) return false;
    if (kind != TypeKind::list) return true;
    return *element == *other.element;
  }
};

}  // namespace koers
