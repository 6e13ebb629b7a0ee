#pragma once
// Builds random cases from the case schema, and changes them one part at a time, for the searches
// of `koers lint` and `koers explain` (a case on which two rules overlap, a decision with no
// rule, the smallest change that makes a rule fire). Values are drawn where the rules look: the
// integers and durations the rules and the policy mention, one either side, and dates that many
// months or days before `as_of`. Deterministic: the same seed gives the same cases everywhere
// (no std:: distributions).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compile/program.h"
#include "policy/policy.h"
#include "synth/case_tree.h"
#include "value/value.h"

namespace koers::synth {

class CaseSynth {
 public:
  CaseSynth(const Program& program, const Policy& policy, Date as_of, uint64_t seed);

  CaseNode random_case();
  // A copy with one part regenerated (a field, a list entry added, removed or redrawn), repaired
  // so that the schema's constraints (dates not before others, totals equal to sums, dated lists in
  // order, unique keys) still hold.
  CaseNode mutate(const CaseNode& c);
  // The single-part changes of `c` that the search for a smallest change tries, in a fixed order:
  // each optional field made unknown, each yes/no flipped, each other enum member, the integers
  // and dates the rules look at, a list entry added or removed.
  std::vector<CaseNode> neighbours(const CaseNode& c);
  // The single-part removals of `c`: each optional field left out, each list entry dropped. What a
  // counterexample is shrunk with, so that it shows only what its finding needs.
  std::vector<CaseNode> reductions(const CaseNode& c);
  // Through the real case loader; nullopt when the loader rejects it.
  std::optional<Case> load(const CaseNode& c) const;

  Date as_of() const { return as_of_; }
  // The date a case is advised on: its own `as_of`, else the search's.
  Date as_of_of(const Case& c) const { return c.as_of.value_or(as_of_); }
  // The case tree of a loaded case file, to search from (a case to explain).
  std::optional<CaseNode> tree_of_yaml(const std::string& yaml) const;

 private:
  const Program& program_;
  Date as_of_;
  Date base_;  // dates are drawn around this: the as_of of the case being changed
  uint64_t state_;
  std::vector<int64_t> ints_;    // integers the rules and policy mention, and one either side
  std::vector<int64_t> months_;  // month distances to try for dates
  std::vector<int64_t> days_;    // day distances to try for dates
  int counter_ = 0;              // for unique ids and texts

  uint64_t next();
  int pick(int n);
  bool chance(int percent);

  CaseNode record(int record_id, int depth);
  CaseNode field_value(const RecordDef& rec, const FieldDef& f, int depth, bool allow_absent);
  CaseNode scalar(const Type& t, const FieldDef* f);
  CaseNode list(const FieldDef& f, int depth);
  std::vector<CaseNode> alternatives(const FieldDef& f, const CaseNode& current, int depth);
  std::string date_text();
  void repair(CaseNode& map, int record_id);
};

}  // namespace koers::synth
