#include "api/rules_and_policy.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <filesystem>

#include "api/rule_set.h"

namespace koers {

namespace fs = std::filesystem;

std::string default_policy_shown(const Program& program) {
  return (fs::path("rules") / program.default_policy_declared).lexically_normal().generic_string();
}

std::optional<RulesAndPolicy> load_rules_and_policy(const RulesAndPolicyRequest& request,
                                                    Diagnostics& diags) {
  const bool hide = request.names_without_paths;
  std::vector<std::string> display_as;
  for (size_t i = 0; i < request.layers.size(); ++i) {
    display_as.push_back(!hide ? "" : i == 0 ? "rules" : layer_name(request.layers[i]));
  }
  if (request.layers.empty()) {
    Diagnostic d;
    d.code = "K001";
    d.message = "no rule set was given";
    d.hint = "name the directory of the rules (and of each layer on top of them)";
    diags.add(std::move(d));
    return std::nullopt;
  }
  auto program = load_rule_layers(request.layers, diags, display_as);
  if (!program) return std::nullopt;
  spdlog::debug("loaded {} rules in {} layer(s) (sha256 {})", program->rules.size(),
                request.layers.size(), program->rules_sha256);
  std::optional<Policy> policy;
  const std::string policy_file =
      request.policy.empty() ? program->default_policy_path : request.policy;
  if (!request.policy.empty()) {
    policy = load_policy_file(*program, request.policy, diags,
                              hide ? fs::path(request.policy).filename().string() : "");
  } else if (!policy_file.empty()) {
    // Shown without the server's directories: as the rules name it.
    const std::string shown = default_policy_shown(*program);
    if (std::error_code ec; !fs::exists(policy_file, ec)) {
      // A copy of the rules without the policy beside it: say where it was looked for and why.
      Diagnostic d;
      d.code = "P401";
      d.message = fmt::format(
          "the rules name `{}` as their default policy (`default policy`), but it is not there",
          program->default_policy_declared);
      d.hint = request.policy_hint.empty()
                   ? "put that policy there, relative to the rules' directory, or name another"
                   : "put that policy there, relative to the rules' directory, or " +
                         request.policy_hint;
      d.path_for_display = hide ? shown : policy_file;
      diags.add(std::move(d));
      return std::nullopt;
    }
    policy = load_policy_file(*program, policy_file, diags, hide ? shown : "");
    if (policy && request.shipped) policy->path = shown;
  } else {
    policy = default_policy(*program, diags);
  }
  if (!policy) return std::nullopt;
  return RulesAndPolicy{std::move(*program), std::move(*policy)};
}

}  // namespace koers
