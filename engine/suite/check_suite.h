#pragma once
// A suite file checked against the rule set before any test runs, like a rule file: an unknown
// key, decision, value, recommendation or field path, an `expect:` that checks nothing, a case
// or policy file that is not there. Every problem of every file is reported at once, as
// `file:line:col` with a caret and a "did you mean" hint; `koers test` then runs nothing.
//
//   S601 not valid YAML, or a part of the wrong shape (a list where a mapping belongs, ...)
//   S602 unknown key, or a key given twice
//   S603 unknown decision            S604 not a value of that decision
//   S605 unknown recommendation      S606 unknown field path (`missing:`)
//   S607 an expectation that checks nothing (empty `expect:`, `tests:` or list)
//   S608 a file named that is not there (case, policy; a test an `--expect` entry names)
//   S609 a test without `name`, `case` or `expect`, a name used twice, `as_of` not a date
#include <string>
#include <vector>

#include "compile/program.h"
#include "diag/diagnostic.h"
#include "suite/rule_names.h"

namespace koers::suite {

// Checks one suite file (its text given) against the names of the rules.
void check_suite_text(const RuleNames& names, const std::string& path, const std::string& text,
                      Diagnostics& diags);

// Checks every suite file against the program; problems go to `diags`.
void check_suite_files(const Program& program, const std::vector<std::string>& files,
                       Diagnostics& diags);

}  // namespace koers::suite
