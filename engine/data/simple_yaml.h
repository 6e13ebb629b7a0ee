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

#include <cstdint>
#include <string_view>
#include <vector>

namespace koers::detail {

// One event, compact (a yaml_event_t is ten times larger, and a case has hundreds of events):
// the start mark, and for a scalar its bytes in the text.
struct SimpleEvent {
  yaml_event_type_t type = YAML_NO_EVENT;
  uint32_t line = 0;    // 0-based, as libyaml's marks
  uint32_t column = 0;  // 0-based; bytes are characters (the subset is ASCII)
  uint32_t begin = 0;   // of a scalar's value in the text
  uint32_t length = 0;
};

// Fills `events` (cleared first). False when `text` is outside the subset.
bool scan_simple_yaml(std::string_view text, std::vector<SimpleEvent>& events);

// The event as libyaml gives it (a plain scalar without tag or anchor). The scalar's value points
// into `text` and is not NUL-terminated: never pass `out` to yaml_event_delete. Inline: the loader
// calls it for every event.
inline void to_libyaml_event(const SimpleEvent& e, std::string_view text, yaml_event_t& out) {
  out.type = e.type;
  out.start_mark = {e.begin, e.line, e.column};
  out.end_mark = {size_t{e.begin} + e.length, e.line, size_t{e.column} + e.length};
  // anchor and tag lie at the same place in every node event (scalar, sequence and mapping start).
  out.data.scalar.anchor = nullptr;
  out.data.scalar.tag = nullptr;
  // libyaml's values are NUL-terminated copies; the loader reads value and length only.
  out.data.scalar.value =
      const_cast<yaml_char_t*>(reinterpret_cast<const yaml_char_t*>(text.data() + e.begin));
  out.data.scalar.length = e.length;
  out.data.scalar.plain_implicit = 1;
  out.data.scalar.quoted_implicit = 0;
  out.data.scalar.style = YAML_PLAIN_SCALAR_STYLE;
}

}  // namespace koers::detail
