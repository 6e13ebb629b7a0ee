#include "synth/case_synth.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <set>

#include "data/case_loader.h"

namespace koers::synth {

namespace {

using Kind = CaseNode::Kind;

void collect_ints(const CExpr& e, std::set<int64_t>& out) {
  if (e.op == Op::constant) {
    if (const int64_t* i = std::get_if<int64_t>(&e.value.v)) out.insert(*i);
  }
  for (const auto& a : e.args) collect_ints(a, out);
  if (e.filter) collect_ints(*e.filter, out);
}

void collect_program_ints(const Program& p, std::set<int64_t>& out) {
  for (const auto& d : p.defines) collect_ints(d.value, out);
  for (const auto& r : p.rules) {
    if (r.when) collect_ints(*r.when, out);
    for (const auto& u : r.unless) collect_ints(u, out);
  }
  for (const auto& d : p.decisions) {
    if (d.applies_when) collect_ints(*d.applies_when, out);
    for (const auto& r : d.requirements) collect_ints(r.condition, out);
    for (const auto& c : d.conditions) collect_ints(c.when, out);
  }
}

std::optional<Date> date_of(const CaseNode* n) {
  if (n == nullptr || n->kind != Kind::scalar) return std::nullopt;
  return parse_date(n->scalar);
}

CaseNode from_yaml(const YAML::Node& y) {
  CaseNode n;
  if (y.IsMap()) {
    n.kind = Kind::map;
    for (const auto& kv : y) n.fields.emplace_back(kv.first.Scalar(), from_yaml(kv.second));
  } else if (y.IsSequence()) {
    n.kind = Kind::list;
    for (const auto& item : y) n.items.push_back(from_yaml(item));
  } else if (y.IsNull()) {
    n.kind = Kind::null;
  } else {
    n = CaseNode::of(y.Scalar());
    n.quote = y.Tag() == "!";  // a quoted scalar stays quoted
  }
  return n;
}

}  // namespace

CaseSynth::CaseSynth(const Program& program, const Policy& policy, Date as_of, uint64_t seed)
    : program_(program), as_of_(as_of), base_(as_of), state_(seed * 0x9E3779B97F4A7C15ull + 1) {
  std::set<int64_t> ints = {0, 1, 2, 3};
  collect_program_ints(program, ints);
  for (const auto& values : policy.values) {
    for (const auto& v : values) {
      if (const int64_t* i = std::get_if<int64_t>(&v.value.v)) ints.insert(*i);
    }
  }
  std::set<int64_t> around;
  for (int64_t i : ints) {
    for (int64_t d : {-1, 0, 1}) around.insert(i + d);
  }
  ints_.assign(around.begin(), around.end());
  std::set<int64_t> months = {0, 1, 2, 3, 6, 12, 24};
  std::set<int64_t> days = {0, 1, 7, 14, 30};
  for (int64_t i : around) {
    if (i >= 0 && i <= 240) months.insert(i);
    if (i >= 0 && i <= 400) days.insert(i);
  }
  months_.assign(months.begin(), months.end());
  days_.assign(days.begin(), days.end());
}

uint64_t CaseSynth::next() {
  // xorshift64*: small, fast and the same on every platform.
  state_ ^= state_ >> 12;
  state_ ^= state_ << 25;
  state_ ^= state_ >> 27;
  return state_ * 0x2545F4914F6CDD1Dull;
}

int CaseSynth::pick(int n) {
  return n <= 0 ? 0 : static_cast<int>(next() % static_cast<uint64_t>(n));
}
bool CaseSynth::chance(int percent) {
  return pick(100) < percent;
}

std::string CaseSynth::date_text() {
  Date d = base_;
  switch (pick(4)) {
    case 0:  // some months back, a few days either way
      d = add_days(
          add_months(d, -months_[static_cast<size_t>(pick(static_cast<int>(months_.size())))]),
          pick(5) - 2);
      break;
    case 1:
      d = add_days(d, -days_[static_cast<size_t>(pick(static_cast<int>(days_.size())))]);
      break;
    case 2:
      d = add_days(d, -pick(3650));
      break;
    default:
      d = add_months(d, -months_[static_cast<size_t>(pick(static_cast<int>(months_.size())))]);
      break;
  }
  return format_date(d);
}

CaseNode CaseSynth::scalar(const Type& t, const FieldDef* f) {
  switch (t.kind) {
    case TypeKind::boolean:
      return CaseNode::of(chance(50) ? "true" : "false");
    case TypeKind::integer: {
      int64_t lo = 0;
      int64_t hi = 100;
      if (f != nullptr && f->range) std::tie(lo, hi) = *f->range;
      int64_t v = ints_[static_cast<size_t>(pick(static_cast<int>(ints_.size())))];
      if (f != nullptr && f->range && (chance(50) || v < lo || v > hi)) {
        v = lo + pick(static_cast<int>(std::min<int64_t>(hi - lo + 1, 1000000)));
      }
      return CaseNode::of(std::to_string(v));
    }
    case TypeKind::date:
      return CaseNode::of(date_text());
    case TypeKind::enumeration: {
      const auto& members = program_.schema.enums[static_cast<size_t>(t.ref)].members;
      return CaseNode::of(members[static_cast<size_t>(pick(static_cast<int>(members.size())))]);
    }
    case TypeKind::text:
    default:
      return CaseNode::of("t" + std::to_string(++counter_));
  }
}

CaseNode CaseSynth::list(const FieldDef& f, int depth) {
  CaseNode n;
  n.kind = Kind::list;
  int size = f.length ? static_cast<int>(*f.length) : pick(depth > 2 ? 2 : 6);
  for (int i = 0; i < size; ++i) {
    const Type& element = *f.type.element;
    n.items.push_back(element.kind == TypeKind::record ? record(element.ref, depth + 1)
                                                       : scalar(element, &f));
  }
  return n;
}

CaseNode CaseSynth::field_value(const RecordDef& rec, const FieldDef& f, int depth,
                                bool allow_absent) {
  (void)rec;
  if (allow_absent && !f.required && chance(15)) return CaseNode{};
  if (f.nullable && chance(10)) return CaseNode{Kind::null, {}, false, {}, {}};
  if (f.type.is_list()) return list(f, depth);
  if (f.type.kind == TypeKind::record) return record(f.type.ref, depth + 1);
  return scalar(f.type, &f);
}

CaseNode CaseSynth::record(int record_id, int depth) {
  const RecordDef& rec = program_.schema.records[static_cast<size_t>(record_id)];
  CaseNode n;
  n.kind = Kind::map;
  for (const auto& f : rec.fields) n.fields.emplace_back(f.name, field_value(rec, f, depth, true));
  repair(n, record_id);
  return n;
}

CaseNode CaseSynth::random_case() {
  base_ = as_of_;
  CaseNode root = record(program_.schema.root, 0);
  if (CaseNode* id = root.field("case_id")) *id = CaseNode::of("lint-case");
  if (CaseNode* date = root.field("as_of")) *date = CaseNode::of(format_date(as_of_));
  return root;
}

// Keeps the constraints of the schema: `not before`, `equals sum of`, `require one of`, dated lists
// in date order without two entries on one day, unique keys and values.
void CaseSynth::repair(CaseNode& map, int record_id) {
  if (map.kind != Kind::map) return;
  const RecordDef& rec = program_.schema.records[static_cast<size_t>(record_id)];
  for (size_t i = 0; i < rec.fields.size() && i < map.fields.size(); ++i) {
    const FieldDef& f = rec.fields[i];
    CaseNode& v = map.fields[i].second;
    if (f.type.kind == TypeKind::record && v.kind == Kind::map) repair(v, f.type.ref);
    if (!f.type.is_list() || v.kind != Kind::list) continue;
    const Type& element = *f.type.element;
    if (element.kind == TypeKind::record) {
      for (auto& item : v.items) repair(item, element.ref);
      const RecordDef& er = program_.schema.records[static_cast<size_t>(element.ref)];
      if (f.dated_by >= 0) {
        auto key = [&](const CaseNode& item) {
          auto d = date_of(&item.fields[static_cast<size_t>(f.dated_by)].second);
          return d ? d->days : 0;
        };
        std::stable_sort(v.items.begin(), v.items.end(),
                         [&](const CaseNode& a, const CaseNode& b) { return key(a) < key(b); });
        if (f.unique_key == f.dated_by) {
          for (size_t k = 1; k < v.items.size(); ++k) {
            auto prev = date_of(&v.items[k - 1].fields[static_cast<size_t>(f.dated_by)].second);
            CaseNode& cur = v.items[k].fields[static_cast<size_t>(f.dated_by)].second;
            auto d = date_of(&cur);
            if (prev && d && *d <= *prev) cur = CaseNode::of(format_date(add_days(*prev, 1)));
          }
        }
      }
      if (f.unique_key >= 0 && f.unique_key != f.dated_by &&
          er.fields[static_cast<size_t>(f.unique_key)].type.kind == TypeKind::text) {
        // Only a key given twice is renamed: a case being explained keeps its own ids.
        std::set<std::string> used;
        for (auto& item : v.items) {
          CaseNode& key = item.fields[static_cast<size_t>(f.unique_key)].second;
          if (key.kind == Kind::scalar && used.insert(key.scalar).second) continue;
          int n = static_cast<int>(used.size()) + 1;
          while (used.count("id" + std::to_string(n))) ++n;
          key = CaseNode::of("id" + std::to_string(n));
          used.insert(key.scalar);
        }
      }
    } else {
      if (f.dated) {
        std::sort(v.items.begin(), v.items.end(), [](const CaseNode& a, const CaseNode& b) {
          return a.scalar < b.scalar;  // YYYY-MM-DD sorts as text
        });
      }
      if (f.unique || f.dated) {
        std::vector<CaseNode> kept;
        std::set<std::string> seen;
        for (auto& item : v.items) {
          if (seen.insert(item.scalar).second) kept.push_back(item);
        }
        v.items = std::move(kept);
      }
    }
  }
  for (size_t i = 0; i < rec.fields.size() && i < map.fields.size(); ++i) {
    const FieldDef& f = rec.fields[i];
    CaseNode& v = map.fields[i].second;
    if (f.not_before >= 0) {
      auto self = date_of(&v);
      auto floor = date_of(&map.fields[static_cast<size_t>(f.not_before)].second);
      if (self && floor && *self < *floor) v = CaseNode::of(format_date(*floor));
    }
    if (f.sum_of >= 0) {
      const CaseNode& items = map.fields[static_cast<size_t>(f.sum_of)].second;
      if (items.kind == Kind::list) {
        int64_t sum = 0;
        for (const auto& x : items.items) sum += std::strtoll(x.scalar.c_str(), nullptr, 10);
        v = CaseNode::of(std::to_string(sum));
      }
    }
  }
  for (const auto& group : rec.one_of) {
    bool any = false;
    for (int fi : group)
      any = any || map.fields[static_cast<size_t>(fi)].second.kind != Kind::absent;
    if (!any && !group.empty()) {
      const FieldDef& f = rec.fields[static_cast<size_t>(group.front())];
      map.fields[static_cast<size_t>(group.front())].second = field_value(rec, f, 3, false);
    }
  }
}

namespace {

// A place in the tree that a change can touch: a field of a map (with its schema), or a list.
struct Slot {
  CaseNode* map = nullptr;
  size_t field = 0;
  const RecordDef* rec = nullptr;
  int depth = 0;
};

void collect_slots(CaseNode& map, const Schema& schema, int record_id, int depth,
                   std::vector<Slot>& out) {
  if (map.kind != Kind::map) return;
  const RecordDef& rec = schema.records[static_cast<size_t>(record_id)];
  for (size_t i = 0; i < rec.fields.size() && i < map.fields.size(); ++i) {
    const FieldDef& f = rec.fields[i];
    out.push_back({&map, i, &rec, depth});
    CaseNode& v = map.fields[i].second;
    if (f.type.kind == TypeKind::record) collect_slots(v, schema, f.type.ref, depth + 1, out);
    if (f.type.is_list() && f.type.element->kind == TypeKind::record && v.kind == Kind::list) {
      for (auto& item : v.items) collect_slots(item, schema, f.type.element->ref, depth + 1, out);
    }
  }
}

// The schema's fields in schema order, whatever order a case file wrote them in.
void align(CaseNode& map, const Schema& schema, int record_id) {
  if (map.kind != Kind::map) return;
  const RecordDef& rec = schema.records[static_cast<size_t>(record_id)];
  std::vector<CaseField> fields;
  for (const auto& f : rec.fields) {
    CaseNode v;
    if (CaseNode* given = map.field(f.name)) v = *given;
    if (f.type.kind == TypeKind::record) align(v, schema, f.type.ref);
    if (f.type.is_list() && f.type.element->kind == TypeKind::record && v.kind == Kind::list) {
      for (auto& item : v.items) align(item, schema, f.type.element->ref);
    }
    fields.emplace_back(f.name, std::move(v));
  }
  map.fields = std::move(fields);
}

}  // namespace

CaseNode CaseSynth::mutate(const CaseNode& c) {
  CaseNode out = c;
  base_ = as_of_;
  if (auto d = date_of(out.field("as_of"))) base_ = *d;
  std::vector<Slot> slots;
  collect_slots(out, program_.schema, program_.schema.root, 0, slots);
  // case_id, as_of and the format version stay as they are.
  std::erase_if(slots, [](const Slot& s) {
    const std::string& name = s.map->fields[s.field].first;
    return s.depth == 0 && (name == "koers" || name == "case_id" || name == "as_of");
  });
  if (slots.empty()) return out;
  const Slot& s = slots[static_cast<size_t>(pick(static_cast<int>(slots.size())))];
  const FieldDef& f = s.rec->fields[s.field];
  CaseNode& v = s.map->fields[s.field].second;
  if (f.type.is_list() && v.kind == Kind::list && !f.length && chance(60)) {
    const Type& element = *f.type.element;
    if (!v.items.empty() && chance(40)) {
      v.items.erase(v.items.begin() + pick(static_cast<int>(v.items.size())));
    } else if (!v.items.empty() && chance(40)) {
      size_t k = static_cast<size_t>(pick(static_cast<int>(v.items.size())));
      v.items[k] =
          element.kind == TypeKind::record ? record(element.ref, s.depth + 1) : scalar(element, &f);
    } else {
      v.items.push_back(element.kind == TypeKind::record ? record(element.ref, s.depth + 1)
                                                         : scalar(element, &f));
    }
  } else {
    v = field_value(*s.rec, f, s.depth, true);
  }
  repair(out, program_.schema.root);
  return out;
}

std::vector<CaseNode> CaseSynth::alternatives(const FieldDef& f, const CaseNode& current,
                                              int depth) {
  std::vector<CaseNode> out;
  if (!f.required && current.kind != Kind::absent) out.push_back(CaseNode{});
  if (f.type.is_list()) {
    if (current.kind != Kind::list) {
      out.push_back(list(f, depth));
      return out;
    }
    const Type& element = *f.type.element;
    for (size_t i = 0; i < current.items.size() && !f.length; ++i) {
      CaseNode fewer = current;
      fewer.items.erase(fewer.items.begin() + static_cast<std::ptrdiff_t>(i));
      out.push_back(std::move(fewer));
    }
    if (!f.length) {
      if (element.kind == TypeKind::enumeration) {
        for (const auto& m : program_.schema.enums[static_cast<size_t>(element.ref)].members) {
          CaseNode more = current;
          more.items.push_back(CaseNode::of(m));
          out.push_back(std::move(more));
        }
      } else {
        for (int k = 0; k < 4; ++k) {
          CaseNode more = current;
          more.items.push_back(element.kind == TypeKind::record ? record(element.ref, depth + 1)
                                                                : scalar(element, &f));
          out.push_back(std::move(more));
        }
      }
    }
    return out;
  }
  switch (f.type.kind) {
    case TypeKind::boolean:
      out.push_back(CaseNode::of(current.scalar == "true" ? "false" : "true"));
      break;
    case TypeKind::enumeration:
      for (const auto& m : program_.schema.enums[static_cast<size_t>(f.type.ref)].members) {
        if (m != current.scalar) out.push_back(CaseNode::of(m));
      }
      break;
    case TypeKind::integer:
      for (int64_t v : ints_) {
        if (f.range && (v < f.range->first || v > f.range->second)) continue;
        if (std::to_string(v) != current.scalar) out.push_back(CaseNode::of(std::to_string(v)));
      }
      break;
    case TypeKind::date:
      for (int64_t m : months_) out.push_back(CaseNode::of(format_date(add_months(base_, -m))));
      for (int64_t d : days_) out.push_back(CaseNode::of(format_date(add_days(base_, -d))));
      break;
    case TypeKind::record:
      if (current.kind != Kind::map) {
        // A record that is not there: the smallest one (its required fields), and that one with
        // each scalar field given, so that one fact inside it is one change away.
        const RecordDef& rec = program_.schema.records[static_cast<size_t>(f.type.ref)];
        CaseNode smallest;
        smallest.kind = Kind::map;
        for (const auto& g : rec.fields) {
          smallest.fields.emplace_back(
              g.name, g.required ? field_value(rec, g, depth + 1, false) : CaseNode{});
        }
        repair(smallest, f.type.ref);
        out.push_back(smallest);
        for (size_t i = 0; i < rec.fields.size() && depth < 2; ++i) {
          const FieldDef& g = rec.fields[i];
          if (g.type.is_list() || g.type.kind == TypeKind::record || g.required) continue;
          for (auto& alt : alternatives(g, CaseNode{}, depth + 1)) {
            CaseNode with = smallest;
            with.fields[i].second = std::move(alt);
            repair(with, f.type.ref);
            out.push_back(std::move(with));
          }
        }
      }
      break;
    default:
      out.push_back(scalar(f.type, &f));
      break;
  }
  if (f.nullable && current.kind != Kind::null)
    out.push_back(CaseNode{Kind::null, {}, false, {}, {}});
  return out;
}

std::vector<CaseNode> CaseSynth::neighbours(const CaseNode& c) {
  std::vector<CaseNode> out;
  base_ = as_of_;
  if (auto d = date_of(c.field("as_of"))) base_ = *d;
  CaseNode probe = c;
  std::vector<Slot> slots;
  collect_slots(probe, program_.schema, program_.schema.root, 0, slots);
  for (const Slot& s : slots) {
    const std::string& name = s.map->fields[s.field].first;
    if (s.depth == 0 && (name == "koers" || name == "case_id" || name == "as_of")) continue;
    const FieldDef& f = s.rec->fields[s.field];
    for (auto& replacement : alternatives(f, s.map->fields[s.field].second, s.depth)) {
      // Swapped, not copied: the slots below this one point into the original's storage.
      std::swap(s.map->fields[s.field].second, replacement);
      CaseNode candidate = probe;
      std::swap(s.map->fields[s.field].second, replacement);
      repair(candidate, program_.schema.root);
      out.push_back(std::move(candidate));
    }
  }
  return out;
}

std::vector<CaseNode> CaseSynth::reductions(const CaseNode& c) {
  std::vector<CaseNode> out;
  CaseNode probe = c;
  std::vector<Slot> slots;
  collect_slots(probe, program_.schema, program_.schema.root, 0, slots);
  for (const Slot& s : slots) {
    const FieldDef& f = s.rec->fields[s.field];
    CaseNode& v = s.map->fields[s.field].second;
    const std::string& name = s.map->fields[s.field].first;
    if (s.depth == 0 && name == "as_of") continue;  // the date the case is advised on stays
    std::vector<CaseNode> smaller;
    if (!f.required && v.kind != Kind::absent) smaller.push_back(CaseNode{});
    if (v.kind == Kind::list && !f.length) {
      for (size_t i = 0; i < v.items.size(); ++i) {
        CaseNode fewer = v;
        fewer.items.erase(fewer.items.begin() + static_cast<std::ptrdiff_t>(i));
        smaller.push_back(std::move(fewer));
      }
    }
    for (auto& replacement : smaller) {
      std::swap(v, replacement);
      CaseNode candidate = probe;
      std::swap(v, replacement);
      repair(candidate, program_.schema.root);
      out.push_back(std::move(candidate));
    }
  }
  return out;
}

std::optional<Case> CaseSynth::load(const CaseNode& c) const {
  Diagnostics diags(1);
  auto source = std::make_shared<SourceFile>("counterexample.yaml", to_yaml(c));
  auto loaded = load_case(program_.schema, source, diags);
  if (!loaded || diags.has_errors()) return std::nullopt;
  return loaded;
}

std::optional<CaseNode> CaseSynth::tree_of_yaml(const std::string& yaml) const {
  try {
    CaseNode root = from_yaml(YAML::Load(yaml));
    if (root.kind != Kind::map) return std::nullopt;
    align(root, program_.schema, program_.schema.root);
    return root;
  } catch (const YAML::Exception&) {
    return std::nullopt;
  }
}

}  // namespace koers::synth
