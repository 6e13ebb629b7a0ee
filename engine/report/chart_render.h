#pragma once
// A chart of the advice (`Advice::charts`, declared in the rules with `chart ...`) drawn for
// people: inline SVG for the report and the page, a few lines of text for the terminal. Drawn only
// from the advice, so what is shown is what was audited.
#include <string>

#include "compile/program.h"
#include "eval/advice.h"

namespace koers {

// Inline SVG (no external resources), readable in greyscale, with <title> and <desc>.
std::string chart_svg(const Program& program, const ChartResult& chart);
// A compact text version for the terminal.
std::string chart_text(const Program& program, const ChartResult& chart);

}  // namespace koers
