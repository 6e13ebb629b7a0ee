#pragma once
// Advice for people (terminal text) and for machines (JSON lines, docs/advice-format.md).
#include <string>

#include "compile/program.h"
#include "eval/advice.h"
#include "report/obvlk_series.h"

namespace koers {

// One JSON object on one line, keys in a fixed order: byte-identical for identical advice.
std::string render_json(const Program& program, const Advice& advice);
// The same line appended to `out` (batch advice reuses one buffer for many cases).
void append_json(std::string& out, const Program& program, const Advice& advice);
// The terminal text: safety first, then the decisions, recommendations, missing data, provenance.
// With `series`, the progress decision is followed by a text chart of the OBVL-K totals.
std::string render_text(const Program& program, const Advice& advice, bool color = false,
                        const ObvlkSeries* series = nullptr);
// One self-contained HTML page in Dutch (no external resources), with the OBVL-K chart as SVG.
std::string render_html(const Program& program, const Advice& advice, const ObvlkSeries* series);
// The print view for the team meeting: one or two A4 pages, safety and actions first, the sources'
// addresses written out, lines for the team's decision; no ids or hashes.
std::string render_print_html(const Program& program, const Advice& advice,
                              const ObvlkSeries* series);

}  // namespace koers
