// The guideline lives only in rules/: no string in engine/, tools/ or web/ names a decision, enum
// value, field, parameter, define, rule, recommendation or kind of the shipped rule set, or the
// shipped policy's file. Whatever the product shows specially is declared in the rules (`alert`,
// `kind`, ...), so another guideline gets the same reports without touching the engine.
//
// A string literal counts when it is such a name, a dotted path of them (`measurements.obvlk`) or
// contains the policy's file name. Words the product uses for itself (keys of the advice and case
// formats, command names) are listed below with the reason they may appear; the test fails when
// one of them is no longer used by the rules, so the list cannot grow stale.
#define BOOST_TEST_MODULE guideline_words
#include <boost/test/unit_test.hpp>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "support/koers_fixture.h"

namespace fs = std::filesystem;
using namespace koers;
using namespace koers::testing;

namespace {

// Product vocabulary that a rule set happens to use as a name too, with why the product may use it.
const std::map<std::string, std::string> kProductWords = {
    {"koers", "the first key of every case file: its format version"},
    {"case", "the record every rule set declares as its case (K212)"},
    {"case_id", "a key of every case file and advice: the pseudonym"},
    {"as_of", "a key of every case file and advice: the advice date"},
    {"unknown", "a status of decisions and conditions in the advice format"},
    {"present", "a key of the regression suites' expectations (`present: [...]`)"},
    {"absent", "a key of the regression suites' expectations (`absent: [...]`)"},
    {"from", "a key of the policy format and of parameters in the advice (`from: policy`)"},
    {"to", "a key of `koers diff --expect` (`from:`/`to:`)"},
    {"high", "an alert level of the rule language (`alert x: high`)"},
    {"urgent", "an alert level of the rule language and a mark of a kind (`urgent`)"},
    {"outcome", "a key of the audit log's feedback lines"},
    {"severity", "a key of diagnostics in the server's JSON"},
    {"caseworker", "a role of the server's access tokens"},
    {"strong", "an HTML element the page reads (`<strong>`)"},
    {"id", "the key of every id in the advice format, the policy format and the suite files"},
    {"date", "a key of dated entries in the advice format (a chart's points and marks)"},
    {"type", "a key of the case schema's JSON (`GET /v1/schema`)"},
    {"status", "a key of every decision in the advice format"},
    {"none", "a word of the rule language (`is none`, `default none`) and of the case format"},
    {"report", "the command `koers report` and the route `/v1/report`"},
    {"basismeting", "the Dutch catalogue's word for a chart's baseline point (engine/messages)"},
    {"measurements", "the English catalogue's word for a chart's points (engine/messages)"},
    {"items", "a keyword of JSON Schema in the server's OpenAPI description (web/openapi.json)"},
};

// Names the rules declare, each with what it is (for the failure message).
std::map<std::string, std::string> declared_names(const Program& p) {
  std::map<std::string, std::string> names;
  auto add = [&](const std::string& name, const std::string& what) {
    if (!name.empty()) names.emplace(name, what);
  };
  for (const auto& e : p.schema.enums) {
    add(e.name, "enum");
    for (const auto& m : e.members) add(m, "value of enum " + e.name);
  }
  for (const auto& r : p.schema.records) {
    add(r.name, "record");
    for (const auto& f : r.fields) add(f.name, "field of " + r.name);
  }
  for (const auto& d : p.decisions) add(d.name, "decision");
  for (const auto& prm : p.parameters) add(prm.id, "parameter");
  for (const auto& d : p.defines) add(d.name, "define");
  for (const auto& r : p.rules) add(r.id, "rule");
  for (const auto& r : p.recommendations) add(r.id, "recommendation");
  for (const auto& k : p.kinds) add(k.id, "kind of recommendation");
  return names;
}

struct Hit {
  std::string where;
  std::string literal;
  std::string what;
};

// The string literals of a C++ or JavaScript file, with their line numbers. Comments are skipped,
// so that a comment may still explain which guideline a piece of code was written for.
std::vector<std::pair<size_t, std::string>> literals_of(const std::string& text) {
  std::vector<std::pair<size_t, std::string>> out;
  size_t line = 1;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') ++line;
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      while (i < text.size() && text[i] != '\n') ++i;
      ++line;
      continue;
    }
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      for (i += 2; i + 1 < text.size() && !(text[i] == '*' && text[i + 1] == '/'); ++i) {
        if (text[i] == '\n') ++line;
      }
      ++i;
      continue;
    }
    if (c == 'R' && i + 2 < text.size() && text[i + 1] == '"') {
      // A raw string: R"delim( ... )delim"
      const size_t open = text.find('(', i + 2);
      if (open == std::string::npos) break;
      const std::string close = ")" + text.substr(i + 2, open - i - 2) + "\"";
      const size_t end = text.find(close, open);
      if (end == std::string::npos) break;
      const std::string body = text.substr(open + 1, end - open - 1);
      out.emplace_back(line, body);
      line += static_cast<size_t>(std::count(body.begin(), body.end(), '\n'));
      i = end + close.size() - 1;
      continue;
    }
    // A C++ digit separator (1'000'000) is no quote.
    if (c == '\'' && i > 0 && std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
        i + 1 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1]))) {
      continue;
    }
    if (c == '"' || c == '\'' || c == '`') {
      // A character literal of C++ ('a') is short and harmless: read like any other.
      std::string body;
      size_t j = i + 1;
      for (; j < text.size() && text[j] != c; ++j) {
        if (text[j] == '\\' && j + 1 < text.size()) {
          body += text[++j];
          continue;
        }
        if (text[j] == '\n') {
          if (c != '`') break;  // an unclosed quote (an apostrophe in a comment-free line)
          ++line;
        }
        body += text[j];
      }
      if (j < text.size() && text[j] == c) {
        out.emplace_back(line, body);
        i = j;
      } else {
        i = j - 1;  // unclosed: go on from the end of the line, which is counted
      }
    }
  }
  return out;
}

bool is_name_path(const std::string& literal, const std::map<std::string, std::string>& names,
                  std::string& what) {
  // The literal itself, or every part of a dotted path, is a declared name.
  if (auto it = names.find(literal); it != names.end()) {
    what = it->second;
    return true;
  }
  if (literal.find('.') == std::string::npos) return false;
  std::stringstream parts(literal);
  std::string part;
  std::string whats;
  while (std::getline(parts, part, '.')) {
    auto it = names.find(part);
    if (it == names.end()) return false;
    whats += (whats.empty() ? "" : ", ") + it->second;
  }
  what = "path of " + whats;
  return true;
}

std::vector<Hit> scan(const fs::path& root, const std::map<std::string, std::string>& names,
                      const std::vector<std::string>& file_words) {
  std::vector<Hit> hits;
  for (const char* dir : {"engine", "tools", "web"}) {
    for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
      const std::string ext = entry.path().extension().string();
      if (!entry.is_regular_file() ||
          (ext != ".cpp" && ext != ".h" && ext != ".js" && ext != ".json"))
        continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream buffer;
      buffer << in.rdbuf();
      const std::string where = fs::relative(entry.path(), root).generic_string();
      for (const auto& [line, literal] : literals_of(buffer.str())) {
        std::string what;
        if (!kProductWords.count(literal) && is_name_path(literal, names, what)) {
          hits.push_back({where + ":" + std::to_string(line), literal, what});
        }
        for (const auto& word : file_words) {
          if (literal.find(word) != std::string::npos) {
            hits.push_back({where + ":" + std::to_string(line), literal, "the shipped policy"});
          }
        }
      }
    }
  }
  return hits;
}

}  // namespace

BOOST_AUTO_TEST_CASE(no_string_in_the_engine_names_what_the_shipped_rules_declare) {
  const auto names = declared_names(shipped_rule_set().program);
  BOOST_TEST_REQUIRE(names.count("safety") == 1);  // the scan reads the real rule set
  std::vector<std::string> policy_files;
  for (const auto& entry : fs::directory_iterator(fs::path(source_dir()) / "policies")) {
    if (entry.path().extension() == ".yaml") policy_files.push_back(entry.path().stem().string());
  }
  BOOST_TEST_REQUIRE(!policy_files.empty());
  const auto hits = scan(source_dir(), names, policy_files);
  std::string report;
  for (const auto& h : hits) report += h.where + ": \"" + h.literal + "\" (" + h.what + ")\n";
  BOOST_TEST(hits.empty(), "the engine knows the guideline by name:\n" << report);
}

BOOST_AUTO_TEST_CASE(every_product_word_is_still_a_name_of_the_rules) {
  const auto names = declared_names(shipped_rule_set().program);
  for (const auto& [word, why] : kProductWords) {
    BOOST_TEST(names.count(word) == 1,
               "`" << word << "` (" << why << ") is no longer a name in the rules: drop it here");
  }
}

// The scanner itself: it finds a name in code and a dotted path, and skips comments.
BOOST_AUTO_TEST_CASE(the_scanner_finds_names_in_literals_and_not_in_comments) {
  const auto literals = literals_of(
      "// \"safety\" in a comment\nif (d.name == \"safety\") x = R\"(measurements.obvlk)\";\n"
      "/* 'progress' */ const s = `a\nb`; const t = 'progress';\n");
  std::vector<std::string> bodies;
  for (const auto& l : literals) bodies.push_back(l.second);
  BOOST_TEST(
      (bodies == std::vector<std::string>{"safety", "measurements.obvlk", "a\nb", "progress"}));
  BOOST_TEST(literals[0].first == 2u);
  BOOST_TEST(literals[3].first == 4u);
  // A digit separator is no quote, and an unclosed quote ends with its line.
  const auto separated = literals_of("int n = 1'000'000; f(\"safety\");\nit's\ng(\"obvlk\");\n");
  BOOST_TEST(separated.size() == 2u);
  BOOST_TEST(separated[0].second == "safety");
  BOOST_TEST(separated[1].second == "obvlk");
  BOOST_TEST(separated[1].first == 3u);
  const std::map<std::string, std::string> names = {
      {"measurements", "field"}, {"obvlk", "field"}, {"safety", "decision"}};
  std::string what;
  BOOST_TEST(is_name_path("measurements.obvlk", names, what));
  BOOST_TEST(!is_name_path("measurements.other", names, what));
  BOOST_TEST(!is_name_path("Veiligheid", names, what));
}
