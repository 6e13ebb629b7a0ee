#pragma once
// Loading a rule set: a directory of .koers files (read in name order, so the listing order of the
// file system never matters), parsed, checked and compiled into a Program.
#include <optional>
#include <string>
#include <vector>

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

// Layers: the national rules first, then an organisation's own, each a directory (or file) as
// above. A layer is named by its files (`layer "Regio Noord"`), else by its place (`rules`,
// `laag 2`, ...), never by its directory: advice must not depend on where the files are kept. Later
// layers add rules, sources, parameters and recommendations; a rule with the id of an earlier
// layer's rule must be declared `rule x overrides "reason" {` and then takes its place (else K228).
// Program::layers names each layer with its hash, Program::overrides lists what was replaced and
// why, and Program::rules_sha256 covers every layer in order. `display_as[i]` is to layer i what
// `display_as` is to load_rule_set.
std::optional<Program> load_rule_layers(const std::vector<std::string>& dirs, Diagnostics& diags,
                                        const std::vector<std::string>& display_as = {});

// One layer in memory: (relative name, text) pairs.
struct RuleLayerTexts {
  std::string name;          // unless its files declare one (`layer "Regio Noord"`)
  std::string path;          // where it was read from ("" in memory)
  std::string display_path;  // diagnostics show `display_path/name`
  std::vector<std::pair<std::string, std::string>> files;
};
std::optional<Program> load_rule_layers_from_texts(const std::vector<RuleLayerTexts>& layers,
                                                   Diagnostics& diags,
                                                   const check::CheckOptions& options = {});

// The last part of a directory (or a file's name without `.koers`): how koers serve shows a
// layer's files in diagnostics without saying where they are kept.
std::string layer_name(const std::string& dir);

}  // namespace koers
