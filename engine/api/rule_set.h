#pragma once
// Loading a rule set: a directory of .koers files (read in name order, so the listing order of the
// file system never matters), parsed, checked and compiled into a Program.
#include <optional>
#include <string>

#include "check/checker.h"
#include "compile/program.h"
#include "diag/diagnostic.h"

namespace koers {

// `dir` may also be a single .koers file. Problems go to diags (K1xx syntax, K2xx check,
// K001 cannot read). Program::rules_sha256 covers the relative paths and bytes of every file.
// Diagnostics name the files `display_as/relative name` when `display_as` is given (koers serve
// does not show where its files are), else by their path.
std::optional<Program> load_rule_set(const std::string& dir, Diagnostics& diags,
                                     const std::string& display_as = {});

// The same from texts in memory: (relative name, text) pairs, as if they were files of one
// directory; diagnostics show `display_path/name`.
std::optional<Program> load_rule_set_from_texts(
    const std::vector<std::pair<std::string, std::string>>& files, Diagnostics& diags,
    const std::string& display_path = "rules", const check::CheckOptions& options = {});

}  // namespace koers
