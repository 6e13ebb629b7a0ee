#include "data/yaml_to_json.h"

#include <yaml.h>

#include <charconv>
#include <nlohmann/json.hpp>
#include <vector>

namespace koers {

namespace {

using Json = nlohmann::ordered_json;

Json scalar_value(const yaml_event_t& e) {
  const std::string text(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
  if (e.data.scalar.style != YAML_PLAIN_SCALAR_STYLE) return text;
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  if (text.empty() || text == "null" || text == "Null" || text == "NULL" || text == "~") {
    return nullptr;
  }
  // Only a number written as a number is written back: "0142" is an id, not 142.
  int64_t number = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, number);
  if (ec == std::errc() && ptr == end && std::to_string(number) == text &&
      (number < 0 ? -number : number) < (int64_t{1} << 53)) {
    return number;
  }
  return text;
}

class Converter {
 public:
  Converter(std::string_view text, const YamlToJsonLimits& limits) : limits_(limits) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
  }
  ~Converter() { yaml_parser_delete(&parser_); }
  Converter(const Converter&) = delete;
  Converter& operator=(const Converter&) = delete;

  YamlToJsonResult run() {
    YamlToJsonResult result;
    std::optional<Json> root;
    bool document_seen = false;
    for (;;) {
      yaml_event_t e;
      if (!yaml_parser_parse(&parser_, &e)) {
        return fail(
            "Dit is geen leesbaar casusbestand: de opbouw (inspringen, dubbele punten, "
            "streepjes, aanhalingstekens) klopt hier niet.",
            parser_.problem_mark);
      }
      const yaml_event_type_t type = e.type;
      const yaml_mark_t mark = e.start_mark;
      if (type == YAML_STREAM_END_EVENT) {
        yaml_event_delete(&e);
        break;
      }
      if (type == YAML_DOCUMENT_START_EVENT && document_seen) {
        yaml_event_delete(&e);
        return fail("Een casusbestand bevat één casus; dit bestand bevat er meer.", mark);
      }
      if (type == YAML_DOCUMENT_START_EVENT) document_seen = true;
      if (type == YAML_ALIAS_EVENT || has_anchor_or_tag(e)) {
        yaml_event_delete(&e);
        return fail("Verwijzingen (& en *) en tags (!) horen niet in een casusbestand.", mark);
      }
      if (++nodes_ > limits_.max_nodes) {
        yaml_event_delete(&e);
        return fail("Dit bestand is groter dan een casus ooit is.", mark);
      }
      std::optional<Json> done;
      if (type == YAML_SCALAR_EVENT) {
        if (e.data.scalar.length > limits_.max_text_length) {
          yaml_event_delete(&e);
          return fail("Deze tekst is langer dan een veld van een casus ooit is.", mark);
        }
        done = scalar_value(e);
      } else if (type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT) {
        if (static_cast<int>(stack_.size()) >= limits_.max_depth) {
          yaml_event_delete(&e);
          return fail("Dit bestand is dieper genest dan een casus ooit is.", mark);
        }
        stack_.push_back(
            {type == YAML_SEQUENCE_START_EVENT ? Json::array() : Json::object(), {}, false});
      } else if (type == YAML_SEQUENCE_END_EVENT || type == YAML_MAPPING_END_EVENT) {
        done = std::move(stack_.back().value);
        stack_.pop_back();
      }
      yaml_event_delete(&e);
      if (!done) continue;
      if (stack_.empty()) {
        root = std::move(*done);
        continue;
      }
      Frame& top = stack_.back();
      if (top.value.is_array()) {
        top.value.push_back(std::move(*done));
      } else if (!top.has_key) {
        top.key = done->is_string() ? done->get<std::string>() : done->dump();
        top.has_key = true;
        // A key twice is refused (the case loader refuses it too); the check also keeps the
        // ordered object's linear lookups few.
        if (top.value.size() >= limits_.max_keys) {
          return fail("Dit onderdeel heeft meer velden dan een casus ooit heeft.", mark);
        }
        if (top.value.contains(top.key)) {
          return fail("Het veld „" + top.key + "” staat hier twee keer.", mark);
        }
      } else {
        top.value[top.key] = std::move(*done);
        top.has_key = false;
      }
    }
    if (!root || !root->is_object()) {
      return fail("Een casusbestand begint met velden zoals case_id: en koers:.", {});
    }
    result.json = root->dump();
    return result;
  }

 private:
  struct Frame {
    Json value;
    std::string key;
    bool has_key;
  };

  static bool has_anchor_or_tag(const yaml_event_t& e) {
    switch (e.type) {
      case YAML_SCALAR_EVENT:
        return e.data.scalar.anchor != nullptr ||
               (e.data.scalar.tag != nullptr && !e.data.scalar.plain_implicit &&
                !e.data.scalar.quoted_implicit);
      case YAML_SEQUENCE_START_EVENT:
        return e.data.sequence_start.anchor != nullptr ||
               (e.data.sequence_start.tag != nullptr && !e.data.sequence_start.implicit);
      case YAML_MAPPING_START_EVENT:
        return e.data.mapping_start.anchor != nullptr ||
               (e.data.mapping_start.tag != nullptr && !e.data.mapping_start.implicit);
      default:
        return false;
    }
  }

  static YamlToJsonResult fail(std::string message, yaml_mark_t mark) {
    YamlToJsonResult r;
    r.error = std::move(message);
    r.line = static_cast<int>(mark.line) + 1;
    r.column = static_cast<int>(mark.column) + 1;
    return r;
  }

  yaml_parser_t parser_{};
  YamlToJsonLimits limits_;
  size_t nodes_ = 0;
  std::vector<Frame> stack_;
};

}  // namespace

YamlToJsonResult yaml_to_json(std::string_view text, const YamlToJsonLimits& limits) {
  return Converter(text, limits).run();
}

}  // namespace koers
