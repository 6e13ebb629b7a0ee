#pragma once
// The value a declared default (of a schema field or a parameter) stands for.
#include "data/value.h"
#include "schema/schema.h"

namespace koers {

Value value_of_default(const DefaultValue& d, const Type& type);

}  // namespace koers
