#include "data/default_value.h"

namespace koers {

Value value_of_default(const DefaultValue& d, const Type& type) {
  switch (d.kind) {
    case DefaultValue::Kind::boolean:
      return Value{d.bool_value};
    case DefaultValue::Kind::integer:
      return Value{d.int_value};
    case DefaultValue::Kind::text:
      return Value{d.text};
    case DefaultValue::Kind::date:
      return Value{Date{static_cast<int32_t>(d.int_value)}};
    case DefaultValue::Kind::enumeration:
      return Value{EnumValue{type.ref, static_cast<int>(d.int_value)}};
    case DefaultValue::Kind::none:
      return Value{NoneValue{}};
  }
  return Value{NoneValue{}};
}

}  // namespace koers
