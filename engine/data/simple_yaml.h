#pragma once
// Internal to the case loader: a scanner for the plain subset of YAML that case files are written
// in (block mappings and sequences, plain scalars, one-line flow lists and mappings, comments),
// producing the same events libyaml would. libyaml spends about half of batch advice on copying,
// queueing and freeing tokens; this subset needs none of that.
//
// It accepts only what it is sure of: anything else (quotes, tabs, non-ASCII, anchors, tags,
// multi-line scalars, empty values, anything libyaml would reject) makes it return false, and the
// loader parses the document with libyaml instead. So every accepted document gives exactly
// libyaml's events: types, plain scalar values, and start marks (0-based line and column).
#include <yaml.h>

#include <string_view>
#include <vector>

namespace koers::detail {

// Fills `events` (cleared first; scalar values point into `text`, they own nothing: never pass
// them to yaml_event_delete). False when `text` is outside the subset.
bool scan_simple_yaml(std::string_view text, std::vector<yaml_event_t>& events);

}  // namespace koers::detail
