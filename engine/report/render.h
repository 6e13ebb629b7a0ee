#pragma once
// Advice for people (terminal text) and for machines (JSON lines, docs/advice-format.md).
#include <string>

#include "compile/program.h"
#include "eval/advice.h"

namespace koers {

// One JSON object on one line, keys in a fixed order: byte-identical for identical advice.
std::string render_json(const Program& program, const Advice& advice);
// The same line appended to `out` (batch advice reuses one buffer for many cases).
void append_json(std::string& out, const Program& program, const Advice& advice);
// The terminal text: the alerts first, then the decisions (each followed by the charts that
// illustrate it), recommendations, missing data, provenance.
std::string render_text(const Program& program, const Advice& advice, bool color = false);
// One self-contained HTML page in Dutch (no external resources), with the advice's charts as SVG.
std::string render_html(const Program& program, const Advice& advice);
// The print view for the team meeting: one or two A4 pages, safety and actions first, the sources'
// addresses written out, lines for the team's decision; no ids or hashes.
std::string render_print_html(const Program& program, const Advice& advice);

}  // namespace koers
