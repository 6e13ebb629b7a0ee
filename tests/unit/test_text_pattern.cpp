// Text patterns of case fields (engine/data/text_pattern.cpp): the byte-table matcher for
// "one character class, repeated" must agree with std::regex on every pattern it takes.
#define BOOST_TEST_MODULE text_pattern
#ifndef BOOST_TEST_DYN_LINK
#define BOOST_TEST_DYN_LINK
#endif
#include <boost/test/unit_test.hpp>
#include <regex>
#include <string>

#include "data/text_pattern.h"

using koers::detail::TextPattern;

BOOST_AUTO_TEST_CASE(agrees_with_std_regex) {
  const char* patterns[] = {"[A-Za-z0-9._-]{1,64}", "[a-z]+",   "[0-9]*",  "[a-c_]{2}",
                            "[A-Z]{0,3}",           "[^a]+",    "[a-z]+x", "(ab)+",
                            "[a\\-z]{1,2}",         "[.]{1,2}", "[z-a]{1}"};
  const std::string texts[] = {"",
                               "a",
                               "abc",
                               "gezin-0142",
                               "ab_c",
                               "A.B",
                               "xyz x",
                               "ABCD",
                               "a-z",
                               std::string(64, 'a'),
                               std::string(65, 'a'),
                               "caf\xc3\xa9",
                               "12",
                               "..",
                               "a\nb",
                               "-"};
  for (const char* pattern : patterns) {
    TextPattern p(pattern);
    std::optional<std::regex> re;
    try {
      re.emplace(pattern, std::regex::ECMAScript);
    } catch (const std::regex_error&) {
    }
    BOOST_TEST(p.valid() == re.has_value(), pattern);
    if (!re) continue;
    for (const auto& text : texts) {
      BOOST_TEST(p.matches(text) == std::regex_match(text, *re), pattern << " on " << text);
    }
  }
}
