#pragma once
// Case files, the reader's inside (case_loader.h has the entry points, case_loader.cpp the error
// codes and how absent values are read): the Loader walks libyaml's parser events, or the fast
// scanner's (simple_yaml.h), and builds a typed Case as the schema directs. Its parts:
//   case_events.cpp       pulling events, the path being read, diagnostics
//   case_building.cpp     values and records built from events, as the schema directs
//   case_constraints.cpp  the checks across values: `not before`, `unique`, `unique in file`,
//                         `require one of`, `equals sum of`
//   case_scalars.*        what a plain scalar is (null, a number, a date)
// Internal to the case reader.
#include <yaml.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "data/case_loader.h"
#include "data/case_scalars.h"
#include "data/simple_yaml.h"
#include "data/text_pattern.h"

namespace koers::case_reading {

inline constexpr size_t kMaxErrors = 200;  // per file; then reading stops with a C302

struct Pos {
  int line = 0;
  int col = 0;
  int length = 1;
};

std::string join_or(const std::vector<std::string>& items, const char* last_word = "or");

// Compiled patterns, per thread: a case file is loaded many times with the same schema.
const detail::TextPattern& text_pattern(const std::string& pattern);

const ListPtr& empty_list();

// Value::missing_field copies its path out of an initializer list; this moves it (one allocation
// less per absent field).
Value missing(std::string path);

std::string join_path(const std::string& base, const std::string& name);

// The value of an absent field (see the comment at the top of case_loader.cpp).
Value absent_value(const FieldDef& fd, std::string path, bool lists_unknown);

// `null` on an optional date or record that is not `nullable`: the contract allows `null` on every
// optional date and record; where the schema gives null no meaning of its own ("known not to
// exist"), as for a problem's onset or the family's safety, it is read as not given: unknown, never
// as false.
bool null_reads_as_absent(const FieldDef& fd);

// Whether field `index` of `rd` is one of a `require one of` group: absent, it is the other way
// of giving the same thing (OBVL-K `items` beside `total`), not a list of none.
bool is_alternative(const RecordDef& rd, size_t index);

// Format 1: the lists an absent field holds that read as empty, the field itself or, for an
// absent record, the lists within it (depth-first, schema order).
void collect_lists_read_as_empty(const Schema& schema, const FieldDef& fd, const std::string& path,
                                 std::vector<std::string>& out, int depth = 0);

// Order of scalar values, for `unique` checks; Missing and none never take part.
bool comparable(const Value& v);

int compare_scalars(const Value& a, const Value& b);

// A value as a message quotes it.
std::string display_value(const Schema& schema, const Value& v);

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

}  // namespace koers::case_reading
