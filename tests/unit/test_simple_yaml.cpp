// The case loader's own scanner for plain YAML (engine/data/simple_yaml.cpp) against libyaml:
// whatever it accepts must give exactly libyaml's events (type, scalar value and style, start
// line and column), and what it cannot be sure of it must refuse. Checked on every case file of
// the project, generated families and workload cases, and hand-written edge cases.
#define BOOST_TEST_MODULE simple_yaml
#ifndef BOOST_TEST_DYN_LINK
#define BOOST_TEST_DYN_LINK
#endif
#include <yaml.h>

#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "data/simple_yaml.h"
#include "support/guideline_generator.h"
#include "support/koers_fixture.h"
#include "support/workload_generator.h"
#include "support/yaml_events.h"

namespace {

using koers::detail::scan_simple_yaml;
using koers::testing::describe;
using koers::testing::libyaml_events;

// True when the scanner took the text (and then it must agree with libyaml).
bool check(const std::string& text) {
  std::vector<koers::detail::SimpleEvent> events;
  if (!scan_simple_yaml(text, events)) return false;
  auto expected = libyaml_events(text);
  BOOST_TEST_INFO("text:\n" << text);
  BOOST_REQUIRE_MESSAGE(expected.has_value(), "libyaml rejects a text the scanner took");
  std::vector<std::string> got;
  for (const auto& e : events) {
    yaml_event_t converted{};
    koers::detail::to_libyaml_event(e, text, converted);
    got.push_back(describe(converted));
  }
  BOOST_TEST(got == *expected, boost::test_tools::per_element());
  return true;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_case_file_of_the_project) {
  namespace fs = std::filesystem;
  size_t files = 0;
  size_t taken = 0;
  for (const char* dir : {"examples", "tests", "bench"}) {
    for (const auto& entry :
         fs::recursive_directory_iterator(koers::testing::source_dir() + "/" + dir)) {
      auto ext = entry.path().extension();
      if (!entry.is_regular_file() || (ext != ".yaml" && ext != ".yml")) continue;
      // Suites are read by yaml-cpp, not by the case loader; their Dutch comments and quoted
      // expectations are outside the subset by design and say nothing about case files.
      if (entry.path().filename().string().ends_with(".suite.yaml")) continue;
      ++files;
      if (check(koers::testing::read_text_file(entry.path().string()))) {
        ++taken;
      } else {
        BOOST_TEST_MESSAGE("left to libyaml: " << entry.path().string());
      }
    }
  }
  BOOST_TEST_MESSAGE(taken << " of " << files << " files taken by the scanner");
  BOOST_TEST(files > 20u);
  BOOST_TEST(taken >= files / 2);
}

BOOST_AUTO_TEST_CASE(generated_families_and_workload_cases_are_all_taken) {
  koers::testing::GuidelineGenerator families(7);
  koers::testing::WorkloadGenerator workload(7);
  for (int i = 1; i <= 300; ++i) {
    std::string family = families.next_case(i);
    BOOST_TEST(check(family), family);
    std::string workload_case = workload.next_case(i);
    BOOST_TEST(check(workload_case), workload_case);
  }
}

// Families with random small damage (a byte replaced, inserted or removed; a line indented or
// dedented): whatever the scanner still takes must be what libyaml reads.
BOOST_AUTO_TEST_CASE(damaged_families_agree_with_libyaml_when_taken) {
  koers::testing::GuidelineGenerator families(11);
  uint64_t state = 12345;
  auto next = [&state](uint64_t n) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return (state >> 33) % n;
  };
  const std::string alphabet = " :-#[]{},\n\"'|>&*!?%@`abz019._";
  constexpr int kFamilies = 2000;
  size_t taken = 0;
  for (int i = 1; i <= kFamilies; ++i) {
    std::string text = families.next_case(i);
    for (int damage = 0; damage < 1 + static_cast<int>(next(3)); ++damage) {
      size_t at = next(text.size());
      switch (next(5)) {
        case 0:
          text[at] = alphabet[next(alphabet.size())];
          break;
        case 1:
          text.insert(at, 1, alphabet[next(alphabet.size())]);
          break;
        case 2:
          text.erase(at, 1);
          break;
        case 3: {
          size_t line = text.rfind('\n', at);
          text.insert(line == std::string::npos ? 0 : line + 1, next(2) == 0 ? " " : "  ");
          break;
        }
        default: {
          size_t line = text.rfind('\n', at);
          size_t begin = line == std::string::npos ? 0 : line + 1;
          if (text[begin] == ' ') text.erase(begin, 1);
        }
      }
    }
    taken += check(text) ? 1 : 0;
  }
  BOOST_TEST_MESSAGE(taken << " of " << kFamilies << " damaged families taken by the scanner");
}

BOOST_AUTO_TEST_CASE(plain_subset_is_taken) {
  for (const char* text : {
           "a: 1\n",
           "---\na: 1\n",
           "--- # comment\n# more\na: 1  # trailing\n\n",
           "a: 1",
           "a:\n  b: x y z\n  c: [1, 2,  3 ]\nd: {k: v, l: w}\n",
           "a:\n- x\n- y\nb: 2\n",
           "a:\n  - id: 1\n    b: 2\n  - id: 3\n",
           "a:\n  -\n    b: 1\n  - c: [ ]\n",
           "a: -3\nb: +4\nc: .5\nd: 12:30\ne: a#b\nf: x [y] {z}\n",
           "  a: 1\n  b: 2\n",
           "a:\n  - - 1\n",
           "a: [a b, c]\n",
           "a: 1\n   # indented comment\nb: 2\n",
           "- a\n",
       }) {
    check(text);
  }
  BOOST_TEST(check("a:\n  b: x y z\n  c: [1, 2,  3 ]\nd: {k: v, l: w}\n"));
  BOOST_TEST(check("a:\n- x\n- y\nb: 2\n"));
  BOOST_TEST(check("a:\n  - id: 1\n    b: 2\n  - id: 3\n"));
}

BOOST_AUTO_TEST_CASE(anything_else_is_left_to_libyaml) {
  for (const char* text : {
           "",
           "# only a comment\n",
           "a: \"quoted\"\n",
           "a: 'quoted'\n",
           "a: |\n  block\n",
           "a: &x 1\nb: *x\n",
           "a: !!str 1\n",
           "a:\tb\n",
           "a: 1\r\n",
           "a: caf\xc3\xa9\n",
           "a: b\n  c\n",
           "a:\nb: 1\n",
           "a: b: c\n",
           "a: [1,\n 2]\n",
           "a: [1, 2,]\n",
           "a: 1\n...\n",
           "a: 1\n---\nb: 2\n",
           "a: 1\n b: 2\n",
           "a:\n  - x\n  b: 1\n",
           "%YAML 1.2\n---\na: 1\n",
           "? a\n: 1\n",
           "a: ~\n",
           "a: {k: [1]}\n",
           "[1, 2]\n",
           "a: 1 #\n",
       }) {
    std::vector<koers::detail::SimpleEvent> events;
    bool taken = scan_simple_yaml(text, events);
    if (taken) check(text);  // allowed only when exact
  }
  std::vector<koers::detail::SimpleEvent> events;
  BOOST_TEST(!scan_simple_yaml("a: \"quoted\"\n", events));
  BOOST_TEST(!scan_simple_yaml("a: b\n  c\n", events));
  BOOST_TEST(!scan_simple_yaml("a: b: c\n", events));
  BOOST_TEST(!scan_simple_yaml("a: caf\xc3\xa9\n", events));
  // Control characters anywhere in a long line (the 8-bytes-at-a-time check).
  for (char bad : {'\t', '\r', '\x01', '\x7f', '\x80'}) {
    const std::string good = "abcdefghijklmnop: qrstuvwxyz\n";
    BOOST_TEST(scan_simple_yaml(good, events));
    for (size_t at = 0; at + 1 < good.size(); ++at) {
      std::string text = good;
      text[at] = bad;
      BOOST_TEST(!scan_simple_yaml(text, events), text);
    }
  }
}
