#pragma once
// A case file as a tree that a search can build from the schema, change one part at a time, and
// print as YAML. The case loader stays the judge of validity: a tree is only ever used through the
// text it prints, so a counterexample is exactly the file a maintainer adds to a suite.
#include <string>
#include <utility>
#include <vector>

namespace koers::synth {

struct CaseField;

struct CaseNode {
  enum class Kind { absent, null, scalar, map, list } kind = Kind::absent;
  std::string scalar;  // printed as is (ids, numbers, dates), or double-quoted when `quote`
  bool quote = false;
  std::vector<CaseField> fields;  // map, in schema order
  std::vector<CaseNode> items;    // list

  static CaseNode of(std::string s);
  CaseNode* field(const std::string& name);
  const CaseNode* field(const std::string& name) const;
};

// A key and its value. Not a std::pair: clang with libstdc++ rejects std::pair of a type that is
// still incomplete, as CaseNode is inside its own definition.
struct CaseField {
  std::string first;
  CaseNode second;
  CaseField() = default;
  CaseField(std::string key, CaseNode value) : first(std::move(key)), second(std::move(value)) {}
};

// Defined out of the class: inside it, CaseNode is still incomplete for std::pair (clang).
inline CaseNode CaseNode::of(std::string s) {
  CaseNode n;
  n.kind = Kind::scalar;
  n.scalar = std::move(s);
  return n;
}

// Block YAML for a map node (the root), with flow lists of scalars.
std::string to_yaml(const CaseNode& root);

}  // namespace koers::synth
