#pragma once
// libyaml's events as comparable text, shared by test_simple_yaml and the differential fuzz target
// fuzz_plain_yaml: the plain-YAML reader (engine/data/simple_yaml.h) must give exactly these.
#include <yaml.h>

#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace koers::testing {

// One event as text: its type, and for nodes the start mark (the loader's positions) and for
// scalars the style and value. The marks of end and document events are not compared: the loader
// reads them only for error messages, and a document with an error is read again by libyaml.
inline std::string describe(const yaml_event_t& e) {
  std::ostringstream out;
  out << e.type;
  if (e.type == YAML_SCALAR_EVENT || e.type == YAML_SEQUENCE_START_EVENT ||
      e.type == YAML_MAPPING_START_EVENT) {
    out << "@" << e.start_mark.line << ":" << e.start_mark.column;
  }
  if (e.type == YAML_SCALAR_EVENT) {
    out << " s" << e.data.scalar.style << " '"
        << std::string(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length)
        << "'" << (e.data.scalar.tag ? " tagged" : "") << (e.data.scalar.anchor ? " anchored" : "");
  }
  return out.str();
}

// libyaml's events, or nothing when it finds an error.
inline std::optional<std::vector<std::string>> libyaml_events(const std::string& text) {
  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  std::vector<std::string> out;
  bool ok = true;
  for (;;) {
    yaml_event_t e;
    if (!yaml_parser_parse(&parser, &e)) {
      ok = false;
      break;
    }
    out.push_back(describe(e));
    bool end = e.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&e);
    if (end) break;
  }
  yaml_parser_delete(&parser);
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace koers::testing
