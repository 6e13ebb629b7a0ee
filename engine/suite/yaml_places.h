#pragma once
// Diagnostics for the YAML files a maintainer writes beside the rules (suite files, the
// `koers diff --expect` file): a node's place as a span, so that every problem is shown as
// `file:line:col` with a caret under the key or value, and key checks with "did you mean".
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "diag/diagnostic.h"

namespace koers::suite {

// The place of a node (its first character; `length` the node's text when it is a scalar).
Span span_of(const SourceFilePtr& file, const YAML::Node& node);

// "did you mean `x`?" for the candidate closest to `word`, else `otherwise`.
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates,
                         const std::string& otherwise = {});

// Every key of `map` is one of `known` and is given once (yaml-cpp would keep only the first of
// two). Unknown keys and repeated keys are S602 errors; `what` names the mapping ("a test").
void check_keys(const SourceFilePtr& file, const YAML::Node& map,
                const std::vector<std::string>& known, const std::string& what, Diagnostics& diags);

// A short description of what a node is, for "expected a list, found ...".
std::string node_kind(const YAML::Node& node);

}  // namespace koers::suite
