// The canonical JSON form of a validated case (its SHA-256 identifies the case), and the case as
// seen on a date (`dated` lists without the entries after it).
#include <algorithm>
#include <charconv>

#include "data/case_canonical.h"
#include "data/case_loader.h"

namespace koers {
namespace {

void append_int(std::string& out, int64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  (void)ec;
  out.append(buf, end);
}

void append_date(std::string& out, Date d) {
  Ymd v = ymd_of(d);
  char buf[12];
  int y = v.year;
  buf[0] = '"';
  buf[1] = static_cast<char>('0' + y / 1000 % 10);
  buf[2] = static_cast<char>('0' + y / 100 % 10);
  buf[3] = static_cast<char>('0' + y / 10 % 10);
  buf[4] = static_cast<char>('0' + y % 10);
  buf[5] = '-';
  buf[6] = static_cast<char>('0' + v.month / 10);
  buf[7] = static_cast<char>('0' + v.month % 10);
  buf[8] = '-';
  buf[9] = static_cast<char>('0' + v.day / 10);
  buf[10] = static_cast<char>('0' + v.day % 10);
  buf[11] = '"';
  out.append(buf, sizeof buf);
}

void append_escaped(std::string& out, std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  size_t run = 0;  // start of the current run of characters that need no escape
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default: {
        const char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        out.append(esc, sizeof esc);
      }
    }
  }
  out.append(s.data() + run, s.size() - run);
}

void append_string(std::string& out, std::string_view s) {
  out += '"';
  append_escaped(out, s);
  out += '"';
}

void append_value(std::string& out, const Schema& schema, const Value& value);

void append_record(std::string& out, const Schema& schema, const Record& rec) {
  const RecordDef& rd = schema.records.at(static_cast<size_t>(rec.record_id));
  out += '{';
  bool first = true;
  const size_t n = std::min(rec.fields.size(), rd.fields.size());
  for (size_t i = 0; i < n; ++i) {
    const Value& v = rec.fields[i];
    if (v.is_missing()) continue;
    out += first ? "\"" : ",\"";
    first = false;
    append_escaped(out, rd.fields[i].name);
    out += "\":";
    append_value(out, schema, v);
  }
  out += '}';
}

void append_value(std::string& out, const Schema& schema, const Value& value) {
  const auto& v = value.v;
  if (const auto* b = std::get_if<bool>(&v)) {
    out += *b ? "true" : "false";
  } else if (const auto* i = std::get_if<int64_t>(&v)) {
    append_int(out, *i);
  } else if (const auto* s = std::get_if<std::string>(&v)) {
    append_string(out, *s);
  } else if (const auto* d = std::get_if<Date>(&v)) {
    append_date(out, *d);
  } else if (const auto* e = std::get_if<EnumValue>(&v)) {
    append_string(out, schema.enums.at(static_cast<size_t>(e->enum_id))
                           .members.at(static_cast<size_t>(e->index)));
  } else if (const auto* list = std::get_if<ListPtr>(&v)) {
    out += '[';
    if (*list) {
      bool first = true;
      for (const auto& item : **list) {
        if (!first) out += ',';
        first = false;
        append_value(out, schema, item);
      }
    }
    out += ']';
  } else if (const auto* rec = std::get_if<RecordPtr>(&v)) {
    if (*rec) {
      append_record(out, schema, **rec);
    } else {
      out += "null";
    }
  } else if (const auto* dur = std::get_if<Duration>(&v)) {
    out += "{\"amount\":";
    append_int(out, dur->amount);
    out += dur->unit == Duration::Unit::days ? ",\"unit\":\"days\"}" : ",\"unit\":\"months\"}";
  } else {
    out += "null";  // NoneValue (Missing never reaches here: absent fields are left out)
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
Value value_as_of(const Schema& schema, const Value& value, const FieldDef* fd, Date as_of,
                  bool& changed);

RecordPtr record_as_of(const Schema& schema, const RecordPtr& rec, Date as_of, bool& changed) {
  if (!rec || rec->record_id < 0) return rec;
  const RecordDef& rd = schema.records.at(static_cast<size_t>(rec->record_id));
  std::shared_ptr<Record> copy;
  for (size_t i = 0; i < rec->fields.size() && i < rd.fields.size(); ++i) {
    bool field_changed = false;
    Value v = value_as_of(schema, rec->fields[i], &rd.fields[i], as_of, field_changed);
    if (!field_changed) continue;
    if (!copy) copy = std::make_shared<Record>(*rec);
    copy->fields[i] = std::move(v);
  }
  if (!copy) return rec;
  changed = true;
  return copy;
}

Value value_as_of(const Schema& schema, const Value& value, const FieldDef* fd, Date as_of,
                  bool& changed) {
  if (const auto* rec = std::get_if<RecordPtr>(&value.v)) {
    bool rec_changed = false;
    RecordPtr r = record_as_of(schema, *rec, as_of, rec_changed);
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
    }
    bool entry_changed = false;
    Value nested;
    if (!drop) nested = value_as_of(schema, entry, nullptr, as_of, entry_changed);
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
  append_record(out, schema, root);
}

std::string canonical_json(const Schema& schema, const Case& c) {
  std::string out;
  if (c.root) {
    append_record(out, schema, *c.root);
  } else {
    out = "null";
  }
  return out;
}

Case case_as_of(const Schema& schema, const Case& c, Date as_of) {
  Case out = c;
  bool changed = false;
  out.root = record_as_of(schema, c.root, as_of, changed);
  return out;
}

}  // namespace koers
