// Defines in an order where each comes after the defines it reads, found without recursion: a
// rule set may chain thousands of defines (each reading the one before), and a pass that followed
// such a chain on the call stack would overflow it.
#pragma once

#include <vector>

#include "compile/program.h"

namespace koers {

// The defines `e` reads directly (not through other defines), each once, in the order met.
std::vector<int> defines_read_directly(const CExpr& e);

// Every define index once, each after all the defines its value reads. The checker has refused
// cycles already; should one remain, its members still appear once.
std::vector<int> defines_dependencies_first(const Program& program);

}  // namespace koers
