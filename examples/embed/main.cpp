// A host program that gives advice with the Koers library: the rules, a case file and a date in,
// the advice out, as `koers advise --format json` prints it (or as text with --text).
//
//   koers-embed RULES_DIR CASE_FILE [YYYY-MM-DD] [--text]
#include <koers/koers.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: koers-embed RULES_DIR CASE_FILE [YYYY-MM-DD] [--text]\n";
    return 2;
  }
  const std::string as_of = argc > 3 && std::string(argv[3]) != "--text" ? argv[3] : "";
  const bool text = std::string(argv[argc - 1]) == "--text";

  // The rules, with the policy they name (`default policy`); problems are printed as koers does.
  std::vector<koers::api::Problem> rule_problems;
  auto rules =
      koers::api::RuleSet::load({.rule_layers = {argv[1]}, .policy_file = ""}, rule_problems);
  for (const auto& p : rule_problems) std::cerr << p.rendered;
  if (!rules) return 3;

  std::ifstream in(argv[2], std::ios::binary);
  if (!in) {
    std::cerr << argv[2] << ": cannot be read\n";
    return 1;
  }
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::vector<koers::api::Problem> case_problems;
  auto case_file = rules->read_case(bytes.str(), argv[2], case_problems);
  for (const auto& p : case_problems) std::cerr << p.rendered;
  if (!case_file) return 1;

  const koers::api::Advice advice = rules->advise(*case_file, as_of);
  if (!advice.ok()) {
    for (const auto& e : advice.errors()) std::cerr << "error: " << e << "\n";
    return 1;
  }
  if (text) {
    std::cout << advice.render(koers::api::Format::text);
  } else {
    std::cout << advice.render(koers::api::Format::json) << "\n";
  }
  return 0;
}
