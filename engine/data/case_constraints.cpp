// Case files: the checks that look across values rather than at one: dates in order (`not
// before`), `unique` and `unique by`, `unique in file`, `require one of`, `equals sum of`, and
// the latest date of the dated lists.
#include <algorithm>

#include "data/case_reading.h"

namespace koers::case_reading {

// Whether field `index` of `rd` is one of a `require one of` group: absent, it is the other way
// of giving the same thing (OBVL-K `items` beside `total`), not a list of none.
bool is_alternative(const RecordDef& rd, size_t index) {
  for (const auto& group : rd.one_of) {
    if (std::find(group.begin(), group.end(), static_cast<int>(index)) != group.end()) return true;
  }
  return false;
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

}  // namespace koers::case_reading
