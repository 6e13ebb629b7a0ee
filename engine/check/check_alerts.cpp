// Pass 6: alert decisions (`alert ...`). A decision that warns of danger must be concluded by some
// rule: without one, every family would get `unknown` (or the `otherwise` value) and the danger
// would go unseen. A rule set deployed without its safety rules (a file left out) is refused.
#include <fmt/format.h>

#include "check/passes.h"

namespace koers::check {

void check_alerts(CheckState& st) {
  for (const auto& dec : st.program.decisions) {
    if (!dec.is_alert() || !dec.rules.empty()) continue;
    st.diags.error("K225", dec.span,
                   fmt::format("decision `{}` is an alert, but no rule concludes it: no case "
                               "would ever be checked for it",
                               dec.name),
                   fmt::format("add the rules that set `{}` (`then {} = ...`); is a rule file "
                               "missing from the set?",
                               dec.name, dec.name));
  }
}

}  // namespace koers::check
