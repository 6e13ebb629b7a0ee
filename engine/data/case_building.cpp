// Case files: values and records built from parser events, as the schema directs; the document
// as a whole (run), with its format version and content hash.
#include <algorithm>
#include <charconv>
#include <cstring>

#include "data/case_canonical.h"
#include "data/case_reading.h"
#include "data/default_value.h"
#include "util/sha256.h"

namespace koers::case_reading {

std::string join_or(const std::vector<std::string>& items, const char* last_word) {
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

// Format 1: the lists an absent field holds that read as empty, the field itself or, for an
// absent record, the lists within it (depth-first, schema order).
void collect_lists_read_as_empty(const Schema& schema, const FieldDef& fd, const std::string& path,
                                 std::vector<std::string>& out, int depth) {
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

}  // namespace koers::case_reading
