#pragma once
// The GNU build id of the running program: a hash the linker computes over the whole binary, so it
// changes with any change to the code. Keys caches that must not outlive the code that wrote them.
#include <string>

namespace koers {

// Lower-case hex, or "" when the program carries no build id.
const std::string& program_build_id();

}  // namespace koers
