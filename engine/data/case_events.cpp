// Case files: pulling parser events (libyaml's, or the fast scanner's), keeping the path being
// read, and reporting diagnostics at the event's place.
#include <algorithm>

#include "data/case_reading.h"

namespace koers::case_reading {

void Loader::error(const char* code, const Pos& p, std::string message, std::string hint) {
  if (fatal_ && errors_ >= kMaxErrors) return;
  diags_.error(code, span(p), std::move(message), std::move(hint));
  if (++errors_ == kMaxErrors) {
    diags_.error("C302", span(p),
                 "too many errors (" + std::to_string(kMaxErrors) +
                     "); the rest of the file was not checked");
    ++errors_;
    fatal_ = true;
  }
}

void Loader::report_yaml_error() {
  Pos p;
  if (parser_.error == YAML_READER_ERROR) {
    auto [line, col] = source_->position(parser_.problem_offset);
    p.line = line;
    p.col = col;
  } else {
    p.line = static_cast<int>(parser_.problem_mark.line) + 1 + line_base_;
    p.col = static_cast<int>(parser_.problem_mark.column) + 1;
  }
  std::string message = "not valid YAML: ";
  message += parser_.problem ? parser_.problem : "unknown error";
  if (parser_.error == YAML_READER_ERROR && parser_.problem_value != -1) {
    char buf[32];
    std::snprintf(buf, sizeof buf, " (byte 0x%02X)", static_cast<unsigned>(parser_.problem_value));
    message += buf;
  }
  if (parser_.context) {
    message += " (";
    message += parser_.context;
    message += " at line " + std::to_string(parser_.context_mark.line + 1) + ":" +
               std::to_string(parser_.context_mark.column + 1) + ")";
  }
  if (parser_.error == YAML_MEMORY_ERROR) message = "not valid YAML: out of memory";
  error("C301", p, std::move(message));
  fatal_ = true;
}

bool Loader::next() {
  if (fatal_) return false;
  if (events_) {
    // The scanner's events own nothing (has_event_ stays false: nothing to delete).
    if (next_event_ == events_->size()) {
      fatal_ = true;
      return false;
    }
    detail::to_libyaml_event((*events_)[next_event_++], source_->text(), event_);
    return true;  // the scanner takes no anchors, aliases or tags: nothing to check
  }
  if (has_event_) {
    yaml_event_delete(&event_);
    has_event_ = false;
  }
  if (!yaml_parser_parse(&parser_, &event_)) {
    report_yaml_error();
    return false;
  }
  has_event_ = true;
  // Anchors, aliases and tags are checked here, once for every event, skipped or not.
  const yaml_char_t* anchor = nullptr;
  const yaml_char_t* tag = nullptr;
  switch (event_.type) {
    case YAML_SCALAR_EVENT:
      anchor = event_.data.scalar.anchor;
      tag = event_.data.scalar.tag;
      break;
    case YAML_SEQUENCE_START_EVENT:
      anchor = event_.data.sequence_start.anchor;
      tag = event_.data.sequence_start.tag;
      break;
    case YAML_MAPPING_START_EVENT:
      anchor = event_.data.mapping_start.anchor;
      tag = event_.data.mapping_start.tag;
      break;
    case YAML_ALIAS_EVENT:
      // One report per file: a billion-laughs file would otherwise bury everything else.
      if (!alias_reported_) {
        alias_reported_ = true;
        error("C302", pos(), prefix() + "YAML aliases are not allowed",
              "write the value out in full; case files use no anchors or aliases");
      }
      return !fatal_;
    default:
      return true;
  }
  if (anchor && !anchor_reported_) {
    anchor_reported_ = true;
    error("C302", pos(),
          prefix() + "YAML anchors (`&" + shown(reinterpret_cast<const char*>(anchor)) +
              "`) are not allowed",
          "write the value out in full; case files use no anchors or aliases");
  }
  if (tag) {
    std::string t = shown(reinterpret_cast<const char*>(tag));
    if (t.rfind("tag:yaml.org,2002:", 0) == 0) t = "!!" + t.substr(18);
    error("C304", pos(), prefix() + "explicit YAML tags (`" + t + "`) are not allowed",
          "remove the tag; the schema gives every field its type");
  }
  return !fatal_;
}

bool Loader::enter() {
  if (++depth_ > limits_.max_depth) {
    error("C302", pos(),
          prefix() + "nested deeper than " + std::to_string(limits_.max_depth) + " levels");
    fatal_ = true;
    return false;
  }
  return true;
}

// Consumes the rest of the node that starts at the current event, without looking at it.
void Loader::skip_node() {
  if (!is_start()) return;
  int base = depth_;
  if (!enter()) return;
  while (depth_ > base && next()) {
    if (is_start()) {
      if (!enter()) return;
    } else if (type() == YAML_MAPPING_END_EVENT || type() == YAML_SEQUENCE_END_EVENT) {
      leave();
    }
  }
}

const std::string& Loader::path_ref() const {
  std::string& out = path_buf_;
  out.clear();
  for (const auto& s : segments_) {
    if (s.name.empty()) {
      char digits[24];
      auto [end, ec] = std::to_chars(digits, digits + sizeof digits, s.index);
      (void)ec;
      out += '[';
      out.append(digits, end);
      out += ']';
    } else {
      if (!out.empty()) out += '.';
      out += s.name;
    }
  }
  return out;
}

std::string Loader::path_with(std::string_view name) const {
  std::string out = path();
  if (!out.empty()) out += '.';
  out += name;
  return out;
}

std::string Loader::found() const {
  switch (event_.type) {
    case YAML_MAPPING_START_EVENT:
      return "a mapping";
    case YAML_SEQUENCE_START_EVENT:
      return "a list";
    case YAML_ALIAS_EVENT:
      return "an alias";
    case YAML_SCALAR_EVENT:
      break;
    default:
      return "nothing";
  }
  std::string_view s = scalar();
  if (!plain()) return "quoted text `\"" + shown(s) + "\"`";
  if (is_null_text(s)) return "null";
  if (bool_of(s)) return "bool `" + shown(s) + "`";
  if (is_int_syntax(s) || is_float_syntax(s)) return "number `" + shown(s) + "`";
  if (has_date_shape(s)) return "date `" + shown(s) + "`";
  return "text `" + shown(s) + "`";
}

}  // namespace koers::case_reading
