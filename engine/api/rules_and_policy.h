#pragma once
// A rule set (one directory or layers) with the policy its advice is given under: the policy
// given, else the one the rules name (`default policy "..."`), else the rules' own defaults. One
// place for this choice, used by the koers command, the server and the public library.
#include <optional>
#include <string>
#include <vector>

#include "compile/program.h"
#include "diag/diagnostic.h"
#include "policy/policy.h"

namespace koers {

struct RulesAndPolicy {
  Program program;
  Policy policy;
};

struct RulesAndPolicyRequest {
  std::vector<std::string> layers;  // rule set directories (or .koers files), national first
  std::string policy;               // a policy file; empty: the one the rules name, else defaults
  // Diagnostics name the files by role (`rules/veiligheid.koers`, the policy's file name), not by
  // where this machine keeps them: koers serve sends them to clients.
  bool names_without_paths = false;
  // The layers are the rules shipped with Koers: the default policy is shown as
  // `rules/<declared path>`, the same on every machine.
  bool shipped = false;
  // How the caller names another policy, for the hint of P401 ("give one with --policy").
  std::string policy_hint;
};

// Problems (the rules' K codes, P401 for a named default policy that is not there, the policy's
// own) go to `diags`; nullopt when the advice could not be given under them.
std::optional<RulesAndPolicy> load_rules_and_policy(const RulesAndPolicyRequest& request,
                                                    Diagnostics& diags);

// The default policy as the rule set names it, seen from the directory that holds the rules:
// `policies/x.yaml` for `default policy "../policies/x.yaml"`.
std::string default_policy_shown(const Program& program);

}  // namespace koers
