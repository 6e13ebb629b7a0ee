// The canonical JSON form of a validated case (its SHA-256 identifies the case), and the case as
// seen on a date (`dated` lists without the entries after it).
#include <charconv>

#include "data/case_loader.h"

namespace koers {
namespace {

void append_int(std::string& out, int64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  (void)ec;
  out.append(buf, end);
}

void append_digits(std::string& out, int v, int width) {
  char buf[8];
  for (int i = width - 1; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  out.append(buf, static_cast<size_t>(width));
}

void append_date(std::string& out, Date d) {
  Ymd v = ymd_of(d);
  out += '"';
  append_digits(out, v.year, 4);
  out += '-';
  append_digits(out, v.month, 2);
  out += '-';
  append_digits(out, v.day, 2);
  out += '"';
}

void append_string(std::string& out, std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  out += '"';
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
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

void append_value(std::string& out, const Schema& schema, const Value& value);

void append_record(std::string& out, const Schema& schema, const Record& rec) {
  const RecordDef& rd = schema.records.at(static_cast<size_t>(rec.record_id));
  out += '{';
  bool first = true;
  for (size_t i = 0; i < rec.fields.size() && i < rd.fields.size(); ++i) {
    if (rec.fields[i].is_missing()) continue;
    if (!first) out += ',';
    first = false;
    append_string(out, rd.fields[i].name);
    out += ':';
    append_value(out, schema, rec.fields[i]);
  }
  out += '}';
}

void append_value(std::string& out, const Schema& schema, const Value& value) {
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, Missing> || std::is_same_v<T, NoneValue>) {
          out += "null";
        } else if constexpr (std::is_same_v<T, bool>) {
          out += v ? "true" : "false";
        } else if constexpr (std::is_same_v<T, int64_t>) {
          append_int(out, v);
        } else if constexpr (std::is_same_v<T, std::string>) {
          append_string(out, v);
        } else if constexpr (std::is_same_v<T, Date>) {
          append_date(out, v);
        } else if constexpr (std::is_same_v<T, EnumValue>) {
          append_string(out, schema.enums.at(static_cast<size_t>(v.enum_id))
                                 .members.at(static_cast<size_t>(v.index)));
        } else if constexpr (std::is_same_v<T, Duration>) {
          out += "{\"amount\":";
          append_int(out, v.amount);
          out += v.unit == Duration::Unit::days ? ",\"unit\":\"days\"}" : ",\"unit\":\"months\"}";
        } else if constexpr (std::is_same_v<T, ListPtr>) {
          out += '[';
          if (v) {
            for (size_t i = 0; i < v->size(); ++i) {
              if (i > 0) out += ',';
              append_value(out, schema, (*v)[i]);
            }
          }
          out += ']';
        } else if constexpr (std::is_same_v<T, RecordPtr>) {
          if (v) {
            append_record(out, schema, *v);
          } else {
            out += "null";
          }
        }
      },
      value.v);
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

std::string canonical_json(const Schema& schema, const Case& c) {
  std::string out;
  out.reserve(4096);
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
