#pragma once
// Finding case files by the hash the audit log names them by: every .yaml/.yml/.json file under the
// given directories is loaded against the schema and indexed by the SHA-256 of its canonical form
// (so formatting and key order do not matter, as for the receipt).
#include <map>
#include <string>
#include <vector>

#include "schema/schema.h"

namespace koers::service {

struct CaseIndex {
  std::map<std::string, std::string> path_by_sha256;
  std::vector<std::string> unreadable;  // files that are no valid case for this schema
};

CaseIndex index_cases(const Schema& schema, const std::vector<std::string>& paths);

}  // namespace koers::service
