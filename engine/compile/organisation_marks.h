// Which texts quote a value the organisation chose: a `{policy.x}` in a text, where x cites a
// source of kind `organisation`. The advice marks such a value "(organisatie-instelling)", derived
// from the source, so no author has to remember to type it and no text claims it wrongly.
#pragma once

#include "compile/program.h"

namespace koers {

// Sets CompiledTemplate::Part::organisation_setting on every text of the program.
void mark_organisation_settings(Program& program);

}  // namespace koers
