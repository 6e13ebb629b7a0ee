#pragma once
// Types of the rule language and of case data.
#include <memory>
#include <string>

namespace koers {

enum class TypeKind { boolean, integer, text, date, duration, enumeration, record, list, none, any };

// A small value type. `ref` indexes Schema::enums or Schema::records; `element` is set for lists.
struct Type {
  TypeKind kind = TypeKind::any;
  int ref = -1;
  std::shared_ptr<const Type> element;

  static Type boolean() { return {TypeKind::boolean}; }
  static Type integer() { return {TypeKind::integer}; }
  static Type text() { return {TypeKind::text}; }
  static Type date() { return {TypeKind::date}; }
  static Type duration() { return {TypeKind::duration}; }
  static Type none() { return {TypeKind::none}; }
  static Type any() { return {TypeKind::any}; }
  static Type enumeration(int id) { return {TypeKind::enumeration, id}; }
  static Type record(int id) { return {TypeKind::record, id}; }
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
