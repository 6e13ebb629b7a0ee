// Case files: libyaml parser events straight into a typed `Case`, directed by the schema.
//
// Error codes (stable; the README copies this list):
//   C300  the file cannot be read, or is larger than the size limit
//   C301  not valid YAML (libyaml's own message, at its position)
//   C302  a limit was exceeded: nesting depth, list length, text length, too many errors, or a YAML
//         anchor/alias (case files never need them; rejecting them is the alias limit)
//   C303  a required field is missing
//   C304  a value has the wrong type (expected X, found Y), or uses an explicit YAML tag
//   C305  a value is not in the enum's list of allowed values
//   C306  an unknown key (a typo is never read as "absent")
//   C307  an impossible date (2026-02-30)
//   C308  dates out of order (`not before`: closed before started, to before from)
//   C309  a number out of its range
//   C310  a list has the wrong length (OBVL-K items must be 10 values)
//   C311  a total disagrees with the sum of its items (`equals sum of`)
//   C312  a duplicate: a value twice in a `unique` list, two entries with the same `unique by`
//         key (two OBVL-K measurements on one date, duplicate ids), or a key twice in one mapping
//   C313  `null` where it is not allowed: on a required field, a list, a bool, a number, a text
//         or an enum (optional dates and records may be null)
//   C314  none of the fields of a `require one of` group is given
//   C315  a text does not match the field's pattern (case_id)
//   C316  an unsupported format version (`koers` must be 1 or 2)
//   C317  not exactly one YAML document, or the document is not a mapping
//
// Positions: libyaml marks are 0-based; diagnostics and Record::field_positions are 1-based
// (line, column in characters), so 0 means "absent".
//
// Values: an absent field is Missing (naming its path), its default, for a list unknown (format 2:
// Missing) or empty (format 1), or,
// for a record, a Missing marked as an absent record: reading its fields gives their absent values
// in turn (absent_field_value), so a rule reading `family.network` names exactly that. `null` on a
// `nullable` field is NoneValue ("known not to exist"); on another optional date or record it is
// read as absent (null_reads_as_absent).
#include "data/case_loader.h"

#include <yaml.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <unordered_map>

#include "data/case_canonical.h"
#include "data/default_value.h"
#include "data/simple_yaml.h"
#include "data/text_pattern.h"
#include "util/sha256.h"

namespace koers {
namespace {

constexpr size_t kMaxErrors = 200;     // per file; then reading stops with a C302
constexpr size_t kMaxShownChars = 40;  // of a value quoted in a message

struct Pos {
  int line = 0;
  int col = 0;
  int length = 1;
};

// A value for a message: at most kMaxShownChars characters, control characters shown as '?'.
std::string shown(std::string_view s) {
  std::string out;
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) {
      if (chars == kMaxShownChars) {
        out += "…";
        return out;
      }
      ++chars;
    }
    out += (c < 0x20 || c == 0x7F) ? '?' : static_cast<char>(c);
  }
  return out;
}

bool is_null_text(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

std::optional<bool> bool_of(std::string_view s) {
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  return std::nullopt;
}

bool is_int_syntax(std::string_view s) {
  size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

// Decimal integer, YAML 1.2 core schema: [-+]?[0-9]+. False on bad syntax or overflow.
bool parse_int(std::string_view s, int64_t& out) {
  if (!is_int_syntax(s)) return false;
  const char* first = s.data();
  const char* last = s.data() + s.size();
  if (*first == '+') ++first;
  auto [ptr, ec] = std::from_chars(first, last, out);
  return ec == std::errc() && ptr == last;
}

bool is_float_syntax(std::string_view s) {
  if (s == ".inf" || s == "-.inf" || s == "+.inf" || s == ".nan" || s == ".NaN") return true;
  size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  bool digits = false;
  bool dot = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      digits = true;
    } else if (c == '.' && !dot) {
      dot = true;
    } else if ((c == 'e' || c == 'E') && digits) {
      size_t j = i + 1;
      if (j < s.size() && (s[j] == '-' || s[j] == '+')) ++j;
      if (j == s.size()) return false;
      for (; j < s.size(); ++j) {
        if (s[j] < '0' || s[j] > '9') return false;
      }
      return true;
    } else {
      return false;
    }
  }
  return digits;
}

// `dddd-dd-dd`: looks like a date, so a failure to parse it is an impossible date (C307).
bool has_date_shape(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

std::string why_impossible(std::string_view s) {
  int y = 0;
  int m = 0;
  std::from_chars(s.data(), s.data() + 4, y);
  std::from_chars(s.data() + 5, s.data() + 7, m);
  if (y < 1) return "there is no year 0";
  if (m < 1 || m > 12) return "there is no month " + std::to_string(m);
  static const char* const kMonths[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
  int days = 31;
  while (days > 28 && !valid_ymd(y, m, days)) --days;
  return std::string(kMonths[m - 1]) + " " + std::to_string(y) + " has " + std::to_string(days) +
         " days";
}

std::string join_or(const std::vector<std::string>& items, const char* last_word = "or") {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += (i + 1 == items.size()) ? std::string(" ") + last_word + " " : ", ";
    out += items[i];
  }
  return out;
}

// Compiled patterns, per thread: a case file is loaded many times with the same schema.
const detail::TextPattern& text_pattern(const std::string& pattern) {
  thread_local std::unordered_map<std::string, detail::TextPattern> cache;
  auto it = cache.find(pattern);
  if (it == cache.end()) it = cache.emplace(pattern, detail::TextPattern(pattern)).first;
  return it->second;
}

const ListPtr& empty_list() {
  static const ListPtr empty = std::make_shared<const std::vector<Value>>();
  return empty;
}

// Value::missing_field copies its path out of an initializer list; this moves it (one allocation
// less per absent field).
Value missing(std::string path) {
  Value v{Missing{}};
  auto& fields = std::get<Missing>(v.v).fields;
  fields.reserve(1);
  fields.push_back(std::move(path));
  return v;
}

std::string join_path(const std::string& base, const std::string& name) {
  if (base.empty()) return name;
  std::string out;
  out.reserve(base.size() + 1 + name.size());
  out += base;
  out += '.';
  out += name;
  return out;
}

// The value of an absent field (see the comment at the top).
Value absent_value(const FieldDef& fd, std::string path, bool lists_unknown) {
  if (fd.default_value) return value_of_default(*fd.default_value, fd.type);
  if (fd.type.is_list() && !lists_unknown) return Value{empty_list()};
  Value v = missing(std::move(path));
  if (fd.type.kind == TypeKind::record && fd.type.ref >= 0) {
    Missing& m = std::get<Missing>(v.v);
    m.absent_record = fd.type.ref;
    m.lists_unknown = lists_unknown;
  }
  return v;
}

// `null` on an optional date or record that is not `nullable`: the contract allows `null` on every
// optional date and record; where the schema gives null no meaning of its own ("known not to
// exist"), as for a problem's onset or the family's safety, it is read as not given: unknown, never
// as false.
bool null_reads_as_absent(const FieldDef& fd) {
  return !fd.nullable && !fd.required &&
         (fd.type.kind == TypeKind::date || fd.type.kind == TypeKind::record);
}

// Whether field `index` of `rd` is one of a `require one of` group: absent, it is the other way
// of giving the same thing (OBVL-K `items` beside `total`), not a list of none.
bool is_alternative(const RecordDef& rd, size_t index) {
  for (const auto& group : rd.one_of) {
    if (std::find(group.begin(), group.end(), static_cast<int>(index)) != group.end()) return true;
  }
  return false;
}

// Format 1: the lists an absent field holds that read as empty, the field itself or, for an
// absent record, the lists within it (depth-first, schema order).
void collect_lists_read_as_empty(const Schema& schema, const FieldDef& fd, const std::string& path,
                                 std::vector<std::string>& out, int depth = 0) {
  if (fd.default_value || depth > 8) return;
  if (fd.type.is_list()) {
    out.push_back(path);
    return;
  }
  if (fd.type.kind != TypeKind::record || fd.type.ref < 0) return;
  const RecordDef& inner = schema.records[static_cast<size_t>(fd.type.ref)];
  for (size_t i = 0; i < inner.fields.size(); ++i) {
    if (is_alternative(inner, i)) continue;
    collect_lists_read_as_empty(schema, inner.fields[i], join_path(path, inner.fields[i].name), out,
                                depth + 1);
  }
}

// Order of scalar values, for `unique` checks; Missing and none never take part.
bool comparable(const Value& v) {
  return std::holds_alternative<bool>(v.v) || std::holds_alternative<int64_t>(v.v) ||
         std::holds_alternative<std::string>(v.v) || std::holds_alternative<Date>(v.v) ||
         std::holds_alternative<EnumValue>(v.v);
}

int compare_scalars(const Value& a, const Value& b) {
  if (a.v.index() != b.v.index()) return a.v.index() < b.v.index() ? -1 : 1;
  auto three = [](const auto& x, const auto& y) { return x < y ? -1 : (y < x ? 1 : 0); };
  if (auto* x = std::get_if<bool>(&a.v)) return three(*x, std::get<bool>(b.v));
  if (auto* x = std::get_if<int64_t>(&a.v)) return three(*x, std::get<int64_t>(b.v));
  if (auto* x = std::get_if<std::string>(&a.v)) return x->compare(std::get<std::string>(b.v));
  if (auto* x = std::get_if<Date>(&a.v)) return three(x->days, std::get<Date>(b.v).days);
  if (auto* x = std::get_if<EnumValue>(&a.v)) {
    return three(x->index, std::get<EnumValue>(b.v).index);
  }
  return 0;
}

std::string display_value(const Schema& schema, const Value& v) {
  if (auto* b = std::get_if<bool>(&v.v)) return *b ? "true" : "false";
  if (auto* i = std::get_if<int64_t>(&v.v)) return std::to_string(*i);
  if (auto* s = std::get_if<std::string>(&v.v)) return "`" + shown(*s) + "`";
  if (auto* d = std::get_if<Date>(&v.v)) return format_date(*d);
  if (auto* e = std::get_if<EnumValue>(&v.v)) {
    if (e->enum_id >= 0 && e->index >= 0) {
      return "`" +
             schema.enums[static_cast<size_t>(e->enum_id)].members[static_cast<size_t>(e->index)] +
             "`";
    }
  }
  return "?";
}

class Loader {
 public:
  // With `events`, reads those (from scan_simple_yaml) instead of running libyaml's parser.
  // `format_version`: the version the file is read as (absent lists: see absent_value); the
  // caller reads the file again when its `koers:` turns out to say another.
  Loader(const Schema& schema, SourceFilePtr source, Diagnostics& diags, const CaseLimits& limits,
         int format_version, const std::vector<detail::SimpleEvent>* events = nullptr)
      : schema_(schema),
        source_(std::move(source)),
        diags_(diags),
        limits_(limits),
        events_(events),
        line_base_(source_->line_base()),
        format_version_(format_version),
        lists_unknown_(format_version >= 2) {}
  ~Loader() {
    if (has_event_) yaml_event_delete(&event_);
    if (parser_ready_) yaml_parser_delete(&parser_);
  }
  Loader(const Loader&) = delete;
  Loader& operator=(const Loader&) = delete;

  std::optional<Case> run();

 private:
  struct Segment {
    std::string_view name;  // empty: an index
    size_t index = 0;
  };

  // ---- events ----
  bool next();
  void report_yaml_error();
  yaml_event_type_t type() const { return event_.type; }
  bool is_start() const {
    return event_.type == YAML_MAPPING_START_EVENT || event_.type == YAML_SEQUENCE_START_EVENT;
  }
  std::string_view scalar() const {
    return {reinterpret_cast<const char*>(event_.data.scalar.value), event_.data.scalar.length};
  }
  bool plain() const { return event_.data.scalar.style == YAML_PLAIN_SCALAR_STYLE; }
  bool is_null() const {
    return event_.type == YAML_SCALAR_EVENT && plain() && event_.data.scalar.tag == nullptr &&
           is_null_text(scalar());
  }
  // Position of the current event, with the length to underline (on one line).
  Pos pos() const {
    const yaml_mark_t& a = event_.start_mark;
    const yaml_mark_t& b = event_.end_mark;
    Pos p{static_cast<int>(a.line) + 1 + line_base_, static_cast<int>(a.column) + 1, 1};
    if (b.line == a.line && b.column > a.column) {
      p.length = static_cast<int>(std::min<size_t>(b.column - a.column, 200));
    }
    return p;
  }
  // Line and column only: the cheap form for Record::field_positions.
  std::pair<int, int> line_col() const {
    return {static_cast<int>(event_.start_mark.line) + 1 + line_base_,
            static_cast<int>(event_.start_mark.column) + 1};
  }
  Span span(const Pos& p) const { return Span{source_, p.line, p.col, p.length}; }
  std::string found() const;
  void skip_node();
  bool enter();  // one level deeper; false (fatal) beyond the depth limit
  void leave() { --depth_; }

  // ---- paths ----
  std::string path() const { return path_ref(); }
  const std::string& path_ref() const;  // valid until the next call
  std::string path_with(std::string_view name) const;
  std::string prefix() const {  // "path: ", or "" at the root
    std::string p = path();
    if (!p.empty()) p += ": ";
    return p;
  }
  void push(std::string_view name) { segments_.push_back({name, 0}); }
  void push(size_t index) { segments_.push_back({{}, index}); }
  void pop() { segments_.pop_back(); }

  // ---- diagnostics ----
  void error(const char* code, const Pos& p, std::string message, std::string hint = {});

  // ---- values ----
  Value read_field(const FieldDef& fd);
  Value read_typed(const FieldDef& fd, const Type& t);
  Value read_record(int record_id);
  Value read_list(const FieldDef& fd, const Type& element);
  Value read_scalar(const FieldDef& fd, const Type& t);
  Value read_int(const FieldDef& fd);
  Value read_enum(const Type& t);
  std::string expected(const Type& t) const;
  void check_record(const RecordDef& rd, Record& rec, const Pos& start);
  // The latest date of the entries of a dated list, for Case::dated_until.
  void note_dates(const FieldDef& fd, const std::vector<Value>& items);
  void check_unique(const FieldDef& fd, const Type& element, const std::vector<Value>& items,
                    const Pos* item_pos, size_t item_pos_count);
  std::string unknown_key_hint(const RecordDef& rd, const std::string& key) const;
  // `unique in file`: the same id on a parent and a child is one family member or a mistake.
  void note_file_unique(std::string_view value);

  const Schema& schema_;
  SourceFilePtr source_;
  Diagnostics& diags_;
  const CaseLimits& limits_;
  const std::vector<detail::SimpleEvent>* events_;  // scanned already; else libyaml's parser
  size_t next_event_ = 0;
  yaml_parser_t parser_{};
  yaml_event_t event_{};
  bool parser_ready_ = false;
  bool has_event_ = false;
  bool fatal_ = false;
  bool alias_reported_ = false;
  bool anchor_reported_ = false;
  int depth_ = 0;
  size_t errors_ = 0;
  std::vector<Segment> segments_;
  mutable std::string path_buf_;
  std::vector<Value> item_stack_;  // entries of the lists being read, innermost last
  std::vector<Pos> pos_stack_;     // their positions, for lists that must be unique
  std::vector<size_t> order_;      // scratch of check_unique
  struct FirstUse {
    int line = 0;
    std::string path;
  };
  std::unordered_map<std::string, FirstUse> file_unique_;  // `unique in file` values seen
  const FieldDef* koers_field_ = nullptr;                  // the root's `koers` (format version)
  int line_base_ = 0;  // lines before this text in its file (one document of a stream)
  const int format_version_;
  const bool lists_unknown_;                      // format 2 and later
  int declared_version_ = 0;                      // what `koers:` says; 0 until read
  std::vector<std::string> lists_read_as_empty_;  // format 1
  Date dated_until_{std::numeric_limits<int32_t>::min()};
};

void Loader::note_dates(const FieldDef& fd, const std::vector<Value>& items) {
  for (const auto& item : items) {
    const Value* dated = &item;  // the date of the entry, as root_as_of reads it
    if (fd.dated_by >= 0) {
      const auto* rec = std::get_if<RecordPtr>(&item.v);
      if (!rec || !*rec || static_cast<size_t>(fd.dated_by) >= (*rec)->fields.size()) continue;
      dated = &(*rec)->fields[static_cast<size_t>(fd.dated_by)];
    }
    if (const auto* d = std::get_if<Date>(&dated->v)) dated_until_ = std::max(dated_until_, *d);
  }
}

void Loader::note_file_unique(std::string_view value) {
  auto [it, inserted] = file_unique_.try_emplace(std::string(value));
  if (inserted) {
    it->second = FirstUse{pos().line, path()};
    return;
  }
  error("C312", pos(),
        path() + ": duplicate `" + shown(value) + "` (also " + it->second.path + ", line " +
            std::to_string(it->second.line) + ")",
        "every id in a case file must be different, also between parents and children");
}

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

std::string Loader::expected(const Type& t) const {
  switch (t.kind) {
    case TypeKind::boolean:
      return "bool (true or false)";
    case TypeKind::integer:
      return "a whole number";
    case TypeKind::date:
      return "a date (YYYY-MM-DD)";
    case TypeKind::text:
      return "text";
    case TypeKind::list:
      return "a list";
    case TypeKind::record:
      return "a mapping (record `" + schema_.type_name(t) + "`)";
    case TypeKind::enumeration: {
      const EnumDef& e = schema_.enums[static_cast<size_t>(t.ref)];
      if (e.members.size() <= 6) return join_or(e.members);
      return "one of " + join_or(e.members);
    }
    default:
      return schema_.type_name(t);
  }
}

// ---- values
// ----------------------------------------------------------------------------------------

Value Loader::read_field(const FieldDef& fd) {
  if (is_null()) {
    if (fd.nullable) return Value{NoneValue{}};
    error("C313", pos(), path() + ": null is not allowed",
          fd.type.is_list() ? "leave the field out, or write `[]`, when there are none"
                            : "leave the field out when it is unknown");
    return Value{};
  }
  return read_typed(fd, fd.type);
}

Value Loader::read_typed(const FieldDef& fd, const Type& t) {
  switch (t.kind) {
    case TypeKind::record:
      return read_record(t.ref);
    case TypeKind::list:
      return read_list(fd, *t.element);
    case TypeKind::boolean:
    case TypeKind::integer:
    case TypeKind::text:
    case TypeKind::date:
    case TypeKind::enumeration:
      return read_scalar(fd, t);
    default:
      error(
          "C304", pos(),
          path() + ": a field of type " + schema_.type_name(t) + " cannot be given in a case file");
      skip_node();
      return Value{};
  }
}

Value Loader::read_record(int record_id) {
  if (type() != YAML_MAPPING_START_EVENT) {
    if (type() != YAML_ALIAS_EVENT) {
      error("C304", pos(),
            path() + ": expected " + expected(Type::record(record_id)) + ", found " + found());
    }
    skip_node();
    return Value{};
  }
  const RecordDef& rd = schema_.records[static_cast<size_t>(record_id)];
  const size_t n = rd.fields.size();
  Pos start = pos();
  if (!enter()) return Value{};
  auto rec = std::make_shared<Record>();
  rec->record_id = record_id;
  rec->path = path_ref();
  rec->fields.resize(n);
  rec->field_positions.assign(n, {0, 0});
  std::vector<int> key_lines(n, 0);  // where each key was given, also as a null read as absent
  while (next() && type() != YAML_MAPPING_END_EVENT) {
    if (type() != YAML_SCALAR_EVENT) {
      if (type() != YAML_ALIAS_EVENT) {
        error("C304", pos(), path() + ": expected a field name as key, found " + found());
      }
      skip_node();
      if (next()) skip_node();
      continue;
    }
    std::string_view key = scalar();
    size_t fi = n;
    for (size_t i = 0; i < n; ++i) {
      if (rd.fields[i].name == key) {
        fi = i;
        break;
      }
    }
    if (fi == n) {
      std::string k(key);
      error("C306", pos(), path_with(shown(k)) + ": unknown key", unknown_key_hint(rd, k));
      if (next()) skip_node();
      continue;
    }
    if (key_lines[fi] != 0) {
      error("C312", pos(),
            path_with(key) + ": duplicate key (first given on line " +
                std::to_string(key_lines[fi]) + ")");
      if (next()) skip_node();
      continue;
    }
    key_lines[fi] = pos().line;
    push(rd.fields[fi].name);  // before the value's event, so its anchor or tag names the field
    if (!next()) break;
    if (is_null() && null_reads_as_absent(rd.fields[fi])) {
      pop();  // handled with the fields left out, below
      continue;
    }
    rec->field_positions[fi] = line_col();
    rec->fields[fi] = read_field(rd.fields[fi]);
    pop();
  }
  if (fatal_) return Value{};
  leave();
  for (size_t i = 0; i < n; ++i) {
    if (rec->field_positions[i].first != 0) continue;
    const FieldDef& fd = rd.fields[i];
    std::string field_path = join_path(rec->path, fd.name);
    if (fd.required) {
      error("C303", start, field_path + ": required field missing",
            "add `" + fd.name + ":` to " +
                (rec->path.empty() ? std::string("the file") : "`" + rec->path + "`"));
    }
    if (!lists_unknown_ && !is_alternative(rd, i)) {
      collect_lists_read_as_empty(schema_, fd, field_path, lists_read_as_empty_);
    }
    rec->fields[i] = absent_value(fd, std::move(field_path), lists_unknown_);
  }
  check_record(rd, *rec, start);
  return Value{RecordPtr(std::move(rec))};
}

std::string Loader::unknown_key_hint(const RecordDef& rd, const std::string& key) const {
  std::vector<std::string> names;
  names.reserve(rd.fields.size());
  for (const auto& f : rd.fields) names.push_back(f.name);
  std::string best = closest_match(key, names);
  if (!best.empty()) return "did you mean `" + best + "`?";
  // A known field of a record one level down, written at the wrong level?
  for (const auto& f : rd.fields) {
    const Type* t = &f.type;
    if (t->is_list()) t = t->element.get();
    if (t->kind != TypeKind::record || t->ref < 0) continue;
    if (schema_.records[static_cast<size_t>(t->ref)].index_of(key) >= 0) {
      return "`" + key + "` belongs under `" + f.name + "`";
    }
  }
  return "known keys: " + join_or(names, "and");
}

void Loader::check_record(const RecordDef& rd, Record& rec, const Pos& start) {
  auto given = [&](int i) { return rec.field_positions[static_cast<size_t>(i)].first != 0; };
  for (const auto& group : rd.one_of) {
    if (std::any_of(group.begin(), group.end(), given)) continue;
    std::vector<std::string> names;
    for (int i : group) names.push_back("`" + rd.fields[static_cast<size_t>(i)].name + "`");
    error("C314", start,
          (rec.path.empty() ? rd.name : rec.path) + ": give " + join_or(names) +
              (names.size() > 1 ? " (at least one is required)" : " (required)"));
  }
  for (size_t i = 0; i < rd.fields.size(); ++i) {
    const FieldDef& fd = rd.fields[i];
    if (fd.not_before >= 0) {
      const Value& a = rec.fields[i];
      const Value& b = rec.fields[static_cast<size_t>(fd.not_before)];
      const auto* da = std::get_if<Date>(&a.v);
      const auto* db = std::get_if<Date>(&b.v);
      if (da && db && *da < *db) {
        const std::string& other = rd.fields[static_cast<size_t>(fd.not_before)].name;
        auto [line, col] = rec.field_positions[i];
        error("C308", Pos{line, col, 10},
              join_path(rec.path, fd.name) + ": " + format_date(*da) + " is before `" + other +
                  "` (" + format_date(*db) + ")",
              "`" + fd.name + "` may not be earlier than `" + other + "`");
      }
    }
    if (fd.sum_of >= 0) {
      const auto* total = std::get_if<int64_t>(&rec.fields[i].v);
      const auto* items = std::get_if<ListPtr>(&rec.fields[static_cast<size_t>(fd.sum_of)].v);
      if (!items || !given(fd.sum_of)) continue;
      const FieldDef& list_fd = rd.fields[static_cast<size_t>(fd.sum_of)];
      // Only a well-formed list is summed; a bad one already has its own error.
      if (list_fd.length && static_cast<int64_t>((*items)->size()) != *list_fd.length) continue;
      int64_t sum = 0;
      bool ok = true;
      for (const auto& item : **items) {
        const auto* x = std::get_if<int64_t>(&item.v);
        if (!x || (list_fd.range && (*x < list_fd.range->first || *x > list_fd.range->second))) {
          ok = false;
          break;
        }
        sum += *x;
      }
      // A total left out is the sum of the items ("total, or items": rules read the total).
      if (ok && !given(static_cast<int>(i))) {
        rec.fields[i] = Value{sum};
        continue;
      }
      if (!total || !given(static_cast<int>(i))) continue;
      if (ok && sum != *total) {
        auto [line, col] = rec.field_positions[i];
        error("C311", Pos{line, col, static_cast<int>(std::to_string(*total).size())},
              join_path(rec.path, fd.name) + ": " + std::to_string(*total) +
                  " is not the sum of `" + list_fd.name + "` (" + std::to_string(sum) + ")",
              "correct the total or the items, or give only one of them");
      }
    }
  }
}

Value Loader::read_list(const FieldDef& fd, const Type& element) {
  if (type() != YAML_SEQUENCE_START_EVENT) {
    if (type() != YAML_ALIAS_EVENT) {
      error("C304", pos(), path() + ": expected a list, found " + found(),
            type() == YAML_SCALAR_EVENT ? "write a list as `[a, b]` or as lines starting with `- `"
                                        : "");
    }
    skip_node();
    return Value{};
  }
  Pos start = pos();
  if (!enter()) return Value{};
  const bool scalar_unique = fd.unique && element.kind != TypeKind::record;
  const bool key_unique = element.kind == TypeKind::record && fd.unique_key >= 0;
  // Entries go on a stack shared by all lists being read, so a list costs one exact allocation.
  const size_t base = item_stack_.size();
  const size_t pos_base = pos_stack_.size();
  size_t count = 0;
  for (;; ++count) {
    push(count);  // before the entry's event, so its anchor or tag names the entry
    if (!next() || type() == YAML_SEQUENCE_END_EVENT) {
      pop();
      break;
    }
    if (count >= limits_.max_list_length) {
      pop();
      if (count == limits_.max_list_length) {
        error("C302", pos(),
              path() + ": more than " + std::to_string(limits_.max_list_length) + " entries");
      }
      skip_node();
      continue;
    }
    if (scalar_unique) pos_stack_.push_back(pos());
    if (is_null()) {
      error("C313", pos(), path() + ": null is not allowed in a list", "remove the empty entry");
      item_stack_.emplace_back();
    } else {
      Value v = read_typed(fd, element);
      item_stack_.push_back(std::move(v));
    }
    pop();
  }
  if (fatal_) return Value{};
  leave();
  auto first = item_stack_.begin() + static_cast<std::ptrdiff_t>(base);
  std::vector<Value> items(std::make_move_iterator(first),
                           std::make_move_iterator(item_stack_.end()));
  item_stack_.resize(base);

  if (fd.dated) note_dates(fd, items);
  if (fd.length && static_cast<int64_t>(count) != *fd.length) {
    error("C310", start,
          path() + ": expected " + std::to_string(*fd.length) + " values, found " +
              std::to_string(count));
  }
  if (scalar_unique || key_unique) {
    check_unique(fd, element, items, pos_stack_.data() + pos_base, pos_stack_.size() - pos_base);
  }
  pos_stack_.resize(pos_base);
  if (items.empty()) return Value{empty_list()};
  return Value{ListPtr(std::make_shared<const std::vector<Value>>(std::move(items)))};
}

void Loader::check_unique(const FieldDef& fd, const Type& element, const std::vector<Value>& items,
                          const Pos* item_pos, size_t item_pos_count) {
  const bool by_key = element.kind == TypeKind::record;
  const size_t key = static_cast<size_t>(fd.unique_key);
  auto key_of = [&](size_t i) -> const Value* {
    if (!by_key) return &items[i];
    const auto* rec = std::get_if<RecordPtr>(&items[i].v);
    if (!rec || key >= (*rec)->fields.size()) return nullptr;
    return &(*rec)->fields[key];
  };
  std::vector<size_t>& order = order_;
  order.clear();
  for (size_t i = 0; i < items.size(); ++i) {
    const Value* k = key_of(i);
    if (k && comparable(*k)) order.push_back(i);
  }
  if (order.size() < 2) return;
  if (order.size() <= 32) {  // the usual case: a short list, checked without sorting
    bool duplicate = false;
    for (size_t a = 0; a < order.size() && !duplicate; ++a) {
      for (size_t b = a + 1; b < order.size(); ++b) {
        if (compare_scalars(*key_of(order[a]), *key_of(order[b])) == 0) {
          duplicate = true;
          break;
        }
      }
    }
    if (!duplicate) return;
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return compare_scalars(*key_of(a), *key_of(b)) < 0; });
  const std::string list_path = path();
  size_t first = order[0];
  for (size_t j = 1; j < order.size(); ++j) {
    size_t i = order[j];
    if (compare_scalars(*key_of(first), *key_of(i)) != 0) {
      first = i;
      continue;
    }
    std::string where = list_path + "[" + std::to_string(i) + "]";
    std::string first_where = list_path + "[" + std::to_string(first) + "]";
    Pos p;
    if (by_key) {
      const Record& rec = *std::get<RecordPtr>(items[i].v);
      const std::string& key_name =
          schema_.records[static_cast<size_t>(rec.record_id)].fields[key].name;
      where += "." + key_name;
      first_where += "." + key_name;
      p.line = rec.field_positions[key].first;
      p.col = rec.field_positions[key].second;
    } else if (i < item_pos_count) {
      p = item_pos[i];
    }
    error("C312", p,
          where + ": duplicate " + display_value(schema_, *key_of(i)) + " (also in " + first_where +
              ")",
          by_key ? "each entry needs its own `" +
                       schema_.records[static_cast<size_t>(element.ref)].fields[key].name + "`"
                 : "remove the repeated value");
  }
}

Value Loader::read_scalar(const FieldDef& fd, const Type& t) {
  if (type() != YAML_SCALAR_EVENT) {
    if (type() != YAML_ALIAS_EVENT) {
      error("C304", pos(), path() + ": expected " + expected(t) + ", found " + found());
    }
    skip_node();
    return Value{};
  }
  std::string_view s = scalar();
  switch (t.kind) {
    case TypeKind::boolean:
      if (plain()) {
        if (auto b = bool_of(s)) return Value{*b};
      }
      error("C304", pos(), path() + ": expected " + expected(t) + ", found " + found(),
            plain() ? "write `true` or `false`" : "write `true` or `false` without quotes");
      return Value{};
    case TypeKind::integer:
      return read_int(fd);
    case TypeKind::text: {
      if (s.size() > limits_.max_text_length) {
        error("C302", pos(),
              path() + ": text longer than " + std::to_string(limits_.max_text_length) + " bytes");
        return Value{};
      }
      if (!fd.pattern.empty()) {
        if (!text_pattern(fd.pattern).matches(s)) {
          error("C315", pos(),
                path() + ": `" + shown(s) + "` does not match the pattern " + fd.pattern);
          return Value{};
        }
      }
      if (fd.unique_in_file) note_file_unique(s);
      return Value{std::string(s)};
    }
    case TypeKind::date: {
      if (auto d = parse_date(s)) return Value{*d};
      if (has_date_shape(s)) {
        error("C307", pos(),
              path() + ": " + std::string(s) + " is not a date (" + why_impossible(s) + ")");
      } else {
        error("C304", pos(), path() + ": expected " + expected(t) + ", found " + found(),
              "write dates as YYYY-MM-DD, e.g. 2026-03-01");
      }
      return Value{};
    }
    case TypeKind::enumeration:
      return read_enum(t);
    default:
      return Value{};
  }
}

Value Loader::read_int(const FieldDef& fd) {
  std::string_view s = scalar();
  int64_t v = 0;
  if (!plain() || !parse_int(s, v)) {
    if (plain() && is_int_syntax(s)) {
      error("C309", pos(), path() + ": " + shown(s) + " is too large");
    } else {
      error("C304", pos(),
            path() + ": expected " + expected(Type::integer()) + ", found " + found(),
            plain() ? "" : "write the number without quotes");
    }
    return Value{};
  }
  if (&fd == koers_field_) {
    if (v != 1 && v != 2) {
      error("C316", pos(), path() + ": unsupported format version " + std::to_string(v),
            "this version of Koers reads case files of format version 1 and 2 (`koers: 2`)");
    } else {
      declared_version_ = static_cast<int>(v);
    }
    return Value{v};
  }
  if (fd.range && (v < fd.range->first || v > fd.range->second)) {
    error("C309", pos(),
          path() + ": " + std::to_string(v) + " is out of range " +
              std::to_string(fd.range->first) + ".." + std::to_string(fd.range->second));
  }
  return Value{v};
}

Value Loader::read_enum(const Type& t) {
  const EnumDef& e = schema_.enums[static_cast<size_t>(t.ref)];
  std::string_view s = scalar();
  for (size_t i = 0; i < e.members.size(); ++i) {
    if (e.members[i] == s) return Value{EnumValue{t.ref, static_cast<int>(i)}};
  }
  std::string word(s.substr(0, std::min<size_t>(s.size(), 256)));
  std::string hint;
  std::string best = closest_match(word, e.members);
  if (!best.empty()) {
    hint = "did you mean `" + best + "`?";
  } else {
    for (size_t i = 0; i < e.labels.size() && i < e.members.size(); ++i) {
      if (!e.labels[i].empty() && e.labels[i] == word) {
        hint = "did you mean `" + e.members[i] + "` (" + e.labels[i] + ")?";
        break;
      }
    }
  }
  error("C305", pos(), path() + ": `" + shown(s) + "` is not one of " + join_or(e.members, "or"),
        hint);
  return Value{};
}

// ---- the document
// ------------------------------------------------------------------------------------

std::optional<Case> Loader::run() {
  const std::string& text = source_->text();
  if (text.size() > limits_.max_bytes) {
    diags_.error("C300", Span{source_, 0, 0, 1},
                 "the file is " + std::to_string(text.size()) + " bytes; the limit is " +
                     std::to_string(limits_.max_bytes));
    return std::nullopt;
  }
  if (schema_.root < 0 || static_cast<size_t>(schema_.root) >= schema_.records.size()) {
    diags_.error("C300", Span{source_, 0, 0, 1}, "the rule set declares no `case` record");
    return std::nullopt;
  }
  if (!events_) {
    if (!yaml_parser_initialize(&parser_)) {
      diags_.error("C300", Span{source_, 0, 0, 1}, "out of memory");
      return std::nullopt;
    }
    parser_ready_ = true;
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
  }
  const RecordDef& root_def = schema_.root_record();
  if (int k = root_def.index_of("koers"); k >= 0) {
    koers_field_ = &root_def.fields[static_cast<size_t>(k)];
  }

  Value root;
  if (next() && type() == YAML_STREAM_START_EVENT && next()) {
    if (type() == YAML_STREAM_END_EVENT) {
      error("C317", Pos{1 + line_base_, 1, 1},
            "the file holds no YAML document; expected a mapping");
    } else if (type() == YAML_DOCUMENT_START_EVENT && next()) {
      if (type() == YAML_MAPPING_START_EVENT) {
        root = read_record(schema_.root);
      } else {
        error("C317", pos(),
              "the document must be a mapping (`koers: 1`, `case_id: ...`, ...), found " + found());
        skip_node();
      }
      if (next() && type() == YAML_DOCUMENT_END_EVENT && next() &&
          type() == YAML_DOCUMENT_START_EVENT) {
        error("C317", pos(), "more than one YAML document; a case file holds one case",
              "split the file, one case per file");
      }
    }
  }
  if (errors_ > 0) return std::nullopt;
  const auto* rec = std::get_if<RecordPtr>(&root.v);
  if (!rec) return std::nullopt;  // not reachable without an error; never a partial case

  Case c;
  c.file = source_->path();
  c.root = *rec;
  if (int i = root_def.index_of("case_id"); i >= 0) {
    if (const auto* id = std::get_if<std::string>(&c.root->fields[static_cast<size_t>(i)].v)) {
      c.case_id = *id;
    }
  }
  if (int i = root_def.index_of("as_of"); i >= 0) {
    if (const auto* d = std::get_if<Date>(&c.root->fields[static_cast<size_t>(i)].v)) c.as_of = *d;
  }
  // The canonical form goes to a buffer reused across cases: one large allocation per thread.
  thread_local std::string canonical;
  canonical.clear();
  detail::append_canonical_json(canonical, schema_, *c.root);
  c.sha256 = sha256_hex(canonical);
  c.dated_until = dated_until_;
  c.format_version = declared_version_ > 0 ? declared_version_ : format_version_;
  if (c.format_version == 1) c.lists_read_as_empty = std::move(lists_read_as_empty_);
  if (canonical.capacity() > (1u << 20)) std::string().swap(canonical);
  return c;
}

}  // namespace

Value absent_field_value(const FieldDef& field, std::string path, bool lists_unknown) {
  return absent_value(field, std::move(path), lists_unknown);
}

int assumed_format_version(std::string_view text) {
  // Case files are block mappings with `koers:` at the start of a line, nearly always the first.
  // Another layout (a flow mapping, say) is read once more if this guess was wrong.
  size_t at = 0;
  while (at < text.size()) {
    const size_t end = std::min(text.find('\n', at), text.size());
    const std::string_view line = text.substr(at, end - at);
    if (line.starts_with("koers:")) {
      std::string_view rest = line.substr(6);
      while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
      return !rest.empty() && rest.front() >= '2' && rest.front() <= '9' ? 2 : 1;
    }
    at = end + 1;
  }
  return 1;
}

namespace {

std::optional<Case> load_case_as(const Schema& schema, const SourceFilePtr& source,
                                 Diagnostics& diags, const CaseLimits& limits, int format_version) {
  // The fast way first: the plain YAML case files are written in, without libyaml. Anything it
  // does not take, and any document with an error, is read again with libyaml, so every message
  // and position is libyaml's own.
  if (source->text().size() <= limits.max_bytes) {
    thread_local std::vector<detail::SimpleEvent> events;
    if (detail::scan_simple_yaml(source->text(), events)) {
      Diagnostics scratch;
      Loader fast(schema, source, scratch, limits, format_version, &events);
      auto c = fast.run();
      if (events.capacity() > 65536) std::vector<detail::SimpleEvent>().swap(events);
      if (c && scratch.empty()) return c;
    }
  }
  Loader loader(schema, source, diags, limits, format_version);
  return loader.run();
}

}  // namespace

std::optional<Case> load_case(const Schema& schema, SourceFilePtr source, Diagnostics& diags,
                              const CaseLimits& limits) {
  const int assumed = assumed_format_version(source->text());
  auto c = load_case_as(schema, source, diags, limits, assumed);
  if (c && c->format_version != assumed) {
    c = load_case_as(schema, source, diags, limits, c->format_version);
  }
  return c;
}

std::optional<Case> load_case_file(const Schema& schema, const std::string& path,
                                   Diagnostics& diags, const CaseLimits& limits) {
  auto fail = [&](std::string message) -> std::optional<Case> {
    Diagnostic d;
    d.code = "C300";
    d.message = std::move(message);
    d.path_for_display = path;
    diags.add(std::move(d));
    return std::nullopt;
  };
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec) return fail("cannot read the file: " + ec.message());
  if (std::filesystem::is_directory(status)) return fail("cannot read the file: it is a directory");
  if (std::filesystem::is_regular_file(status)) {
    auto size = std::filesystem::file_size(path, ec);
    if (ec) return fail("cannot read the file: " + ec.message());
    if (size > limits.max_bytes) {
      return fail("the file is " + std::to_string(size) + " bytes; the limit is " +
                  std::to_string(limits.max_bytes));
    }
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return fail(std::string("cannot read the file: ") + std::strerror(errno));
  // Read at most one byte more than the limit: a pipe or a growing file cannot get past it.
  std::string text;
  char buf[65536];
  size_t got = 0;
  bool read_error = false;
  while ((got = std::fread(buf, 1, sizeof buf, f)) > 0) {
    text.append(buf, got);
    if (text.size() > limits.max_bytes) break;
  }
  read_error = std::ferror(f) != 0;
  std::fclose(f);
  if (read_error) return fail("cannot read the file: read error");
  if (text.size() > limits.max_bytes) {
    return fail("the file is larger than the limit of " + std::to_string(limits.max_bytes) +
                " bytes");
  }
  auto source = std::make_shared<const SourceFile>(path, std::move(text));
  auto result = load_case(schema, source, diags, limits);
  if (result) result->file = path;
  return result;
}

}  // namespace koers
