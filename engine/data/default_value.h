#pragma once
// The value a declared default (of a schema field or a parameter) stands for.
#include "schema/schema.h"
#include "value/value.h"

namespace koers {

Value value_of_default(const DefaultValue& d, const Type& type);

}  // namespace koers
