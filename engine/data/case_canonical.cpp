// The canonical JSON form of a validated case (its SHA-256 identifies the case), and the case as
// seen on a date (`dated` lists without the entries after it).
#include <algorithm>
#include <charconv>
#include <cstring>

#include "data/case_canonical.h"
#include "data/case_loader.h"

namespace koers {
namespace {

// Appends to a std::string through a raw cursor: the canonical form is built for every case
// loaded, so it avoids std::string's per-append bookkeeping.
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out), used_(out.size()) {
    if (out_.size() < used_ + 4096) out_.resize(std::max(used_ + 4096, out_.capacity()));
    p_ = out_.data() + used_;
    end_ = out_.data() + out_.size();
  }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;
  ~JsonWriter() { out_.resize(static_cast<size_t>(p_ - out_.data())); }

  void room(size_t n) {
    if (static_cast<size_t>(end_ - p_) >= n) return;
    size_t used = static_cast<size_t>(p_ - out_.data());
    out_.resize(std::max(out_.size() * 2, used + n + 4096));
    p_ = out_.data() + used;
    end_ = out_.data() + out_.size();
  }
  void put(char c) {
    room(1);
    *p_++ = c;
  }
  void put(const char* s, size_t n) {
    room(n);
    std::memcpy(p_, s, n);
    p_ += n;
  }
  void put(std::string_view s) { put(s.data(), s.size()); }

  void integer(int64_t v) {
    room(24);
    p_ = std::to_chars(p_, p_ + 24, v).ptr;
  }

  void date(Date d) {
    Ymd v = ymd_of(d);
    room(12);
    char* b = p_;
    int y = v.year;
    b[0] = '"';
    b[1] = static_cast<char>('0' + y / 1000 % 10);
    b[2] = static_cast<char>('0' + y / 100 % 10);
    b[3] = static_cast<char>('0' + y / 10 % 10);
    b[4] = static_cast<char>('0' + y % 10);
    b[5] = '-';
    b[6] = static_cast<char>('0' + v.month / 10);
    b[7] = static_cast<char>('0' + v.month % 10);
    b[8] = '-';
    b[9] = static_cast<char>('0' + v.day / 10);
    b[10] = static_cast<char>('0' + v.day % 10);
    b[11] = '"';
    p_ += 12;
  }

  // The characters of a JSON string, escaped (without the quotes).
  void escaped(std::string_view s) {
    static const char kHex[] = "0123456789abcdef";
    room(s.size());
    size_t run = 0;  // start of the current run of characters that need no escape
    for (size_t i = 0; i < s.size(); ++i) {
      auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      put(s.data() + run, i - run);
      run = i + 1;
      switch (c) {
        case '"':
          put("\\\"", 2);
          break;
        case '\\':
          put("\\\\", 2);
          break;
        case '\n':
          put("\\n", 2);
          break;
        case '\t':
          put("\\t", 2);
          break;
        case '\r':
          put("\\r", 2);
          break;
        case '\b':
          put("\\b", 2);
          break;
        case '\f':
          put("\\f", 2);
          break;
        default: {
          const char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
          put(esc, sizeof esc);
        }
      }
    }
    put(s.data() + run, s.size() - run);
  }
  void string(std::string_view s) {
    put('"');
    escaped(s);
    put('"');
  }

 private:
  std::string& out_;
  size_t used_;
  char* p_ = nullptr;
  char* end_ = nullptr;
};

void write_value(JsonWriter& w, const Schema& schema, const Value& value);

void write_record(JsonWriter& w, const Schema& schema, const Record& rec) {
  const RecordDef& rd = schema.records.at(static_cast<size_t>(rec.record_id));
  w.put('{');
  bool first = true;
  const size_t n = std::min(rec.fields.size(), rd.fields.size());
  for (size_t i = 0; i < n; ++i) {
    const Value& v = rec.fields[i];
    if (v.is_missing()) continue;
    if (first) {
      w.put('"');
    } else {
      w.put(",\"", 2);
    }
    first = false;
    w.put(rd.fields[i].name);  // an identifier of the rule language: nothing to escape
    w.put("\":", 2);
    write_value(w, schema, v);
  }
  w.put('}');
}

void write_value(JsonWriter& w, const Schema& schema, const Value& value) {
  const auto& v = value.v;
  if (const auto* b = std::get_if<bool>(&v)) {
    if (*b) {
      w.put("true", 4);
    } else {
      w.put("false", 5);
    }
  } else if (const auto* i = std::get_if<int64_t>(&v)) {
    w.integer(*i);
  } else if (const auto* s = std::get_if<std::string>(&v)) {
    w.string(*s);
  } else if (const auto* d = std::get_if<Date>(&v)) {
    w.date(*d);
  } else if (const auto* e = std::get_if<EnumValue>(&v)) {
    // Members are identifiers of the rule language: nothing to escape.
    const std::string& member =
        schema.enums.at(static_cast<size_t>(e->enum_id)).members.at(static_cast<size_t>(e->index));
    w.room(member.size() + 2);
    w.put('"');
    w.put(member);
    w.put('"');
  } else if (const auto* list = std::get_if<ListPtr>(&v)) {
    w.put('[');
    if (*list) {
      bool first = true;
      for (const auto& item : **list) {
        if (!first) w.put(',');
        first = false;
        write_value(w, schema, item);
      }
    }
    w.put(']');
  } else if (const auto* rec = std::get_if<RecordPtr>(&v)) {
    if (*rec) {
      write_record(w, schema, **rec);
    } else {
      w.put("null", 4);
    }
  } else if (const auto* dur = std::get_if<Duration>(&v)) {
    w.put("{\"amount\":");
    w.integer(dur->amount);
    w.put(dur->unit == Duration::Unit::days ? std::string_view(",\"unit\":\"days\"}")
                                            : std::string_view(",\"unit\":\"months\"}"));
  } else {
    w.put("null", 4);  // NoneValue (Missing never gets here: absent fields are left out)
  }
}

// The date an entry of a dated list is dated by; nullopt when unknown (the entry is kept).
std::optional<Date> entry_date(const Value& entry, int dated_by) {
  if (dated_by < 0) {
    if (const auto* d = std::get_if<Date>(&entry.v)) return *d;
    return std::nullopt;
  }
  const auto* rec = std::get_if<RecordPtr>(&entry.v);
  if (!rec || !*rec || static_cast<size_t>(dated_by) >= (*rec)->fields.size()) return std::nullopt;
  if (const auto* d = std::get_if<Date>(&(*rec)->fields[static_cast<size_t>(dated_by)].v)) {
    return *d;
  }
  return std::nullopt;
}

// Returns the value as of `as_of`; sets `changed` when anything was left out (otherwise the
// original, shared, is kept by the caller).
// `dropped` counts the entries left out (the advice says how many it did not use).
Value value_as_of(const Schema& schema, const Value& value, const FieldDef* fd, Date as_of,
                  bool& changed, size_t& dropped);

RecordPtr record_as_of(const Schema& schema, const RecordPtr& rec, Date as_of, bool& changed,
                       size_t& dropped) {
  if (!rec || rec->record_id < 0) return rec;
  const RecordDef& rd = schema.records.at(static_cast<size_t>(rec->record_id));
  std::shared_ptr<Record> copy;
  for (size_t i = 0; i < rec->fields.size() && i < rd.fields.size(); ++i) {
    bool field_changed = false;
    Value v = value_as_of(schema, rec->fields[i], &rd.fields[i], as_of, field_changed, dropped);
    if (!field_changed) continue;
    if (!copy) copy = std::make_shared<Record>(*rec);
    copy->fields[i] = std::move(v);
  }
  if (!copy) return rec;
  changed = true;
  return copy;
}

Value value_as_of(const Schema& schema, const Value& value, const FieldDef* fd, Date as_of,
                  bool& changed, size_t& dropped) {
  if (const auto* rec = std::get_if<RecordPtr>(&value.v)) {
    bool rec_changed = false;
    RecordPtr r = record_as_of(schema, *rec, as_of, rec_changed, dropped);
    if (!rec_changed) return {};
    changed = true;
    return Value{std::move(r)};
  }
  const auto* list = std::get_if<ListPtr>(&value.v);
  if (!list || !*list) return {};
  const bool dated = fd && fd->dated;
  bool list_changed = false;
  std::vector<Value> kept;
  for (size_t i = 0; i < (*list)->size(); ++i) {
    const Value& entry = (**list)[i];
    bool drop = false;
    if (dated) {
      auto d = entry_date(entry, fd->dated_by);
      drop = d && *d > as_of;
      if (drop) ++dropped;
    }
    bool entry_changed = false;
    Value nested;
    if (!drop) nested = value_as_of(schema, entry, nullptr, as_of, entry_changed, dropped);
    if ((drop || entry_changed) && !list_changed) {
      list_changed = true;
      kept.reserve((*list)->size());
      kept.assign((*list)->begin(), (*list)->begin() + static_cast<std::ptrdiff_t>(i));
    }
    if (!list_changed) continue;
    if (drop) continue;
    kept.push_back(entry_changed ? std::move(nested) : entry);
  }
  if (!list_changed) return {};
  changed = true;
  return Value{ListPtr(std::make_shared<const std::vector<Value>>(std::move(kept)))};
}

}  // namespace

void detail::append_canonical_json(std::string& out, const Schema& schema, const Record& root) {
  JsonWriter w(out);
  write_record(w, schema, root);
}

std::string canonical_json(const Schema& schema, const Case& c) {
  std::string out;
  if (c.root) {
    detail::append_canonical_json(out, schema, *c.root);
  } else {
    out = "null";
  }
  return out;
}

namespace {

// Whether any list of the schema is `dated`: without one, no case ever changes with as_of, and
// the walk over every value of the case can be skipped.
bool has_dated_list(const Schema& schema) {
  for (const auto& rd : schema.records) {
    for (const auto& fd : rd.fields) {
      if (fd.dated) return true;
    }
  }
  return false;
}

}  // namespace

RecordPtr root_as_of(const Schema& schema, const RecordPtr& root, Date as_of) {
  size_t dropped = 0;
  return root_as_of(schema, root, as_of, dropped);
}

RecordPtr root_as_of(const Schema& schema, const RecordPtr& root, Date as_of, size_t& dropped) {
  if (!has_dated_list(schema)) return root;
  bool changed = false;
  return record_as_of(schema, root, as_of, changed, dropped);
}

Case case_as_of(const Schema& schema, const Case& c, Date as_of) {
  Case out = c;
  out.root = root_as_of(schema, c.root, as_of);
  return out;
}

}  // namespace koers
