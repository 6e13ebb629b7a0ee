#pragma once
// Advice for people (terminal text) and for machines (JSON lines, shared/spec/advice-format.md).
#include <string>

#include "compile/program.h"
#include "eval/advice.h"

namespace koers {

// One JSON object on one line, keys in a fixed order: byte-identical for identical advice.
std::string render_json(const Program& program, const Advice& advice);
// The terminal text: safety first, then the decisions, recommendations, missing data, provenance.
std::string render_text(const Program& program, const Advice& advice, bool color = false);

}  // namespace koers
