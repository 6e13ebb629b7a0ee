// Writes generated families for the guideline rule set as one YAML stream (`---` documents), for
// `koers advise --format jsonl`:
//
//   build/bench/gen_guideline_cases -n 116000 > /tmp/gezinnen.yaml
//   build/bench/gen_guideline_cases -n 1000 --series 120 --seed 3 > /tmp/lang.yaml
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "../tests/support/guideline_generator.h"

int main(int argc, char** argv) {
  long count = 1000;
  unsigned long seed = 20261101;
  int series = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "-n") == 0) {
      count = std::strtol(argv[i + 1], nullptr, 10);
    } else if (std::strcmp(argv[i], "--seed") == 0) {
      seed = std::strtoul(argv[i + 1], nullptr, 10);
    } else if (std::strcmp(argv[i], "--series") == 0) {
      series = static_cast<int>(std::strtol(argv[i + 1], nullptr, 10));
    } else {
      std::fprintf(stderr, "usage: gen_guideline_cases [-n N] [--seed S] [--series LENGTH]\n");
      return 2;
    }
  }
  koers::testing::GuidelineGenerator gen(seed);
  for (long n = 0; n < count; ++n) {
    std::string text = gen.next_case(static_cast<int>(n), series);
    std::fputs("---\n", stdout);
    std::fwrite(text.data(), 1, text.size(), stdout);
  }
  return 0;
}
