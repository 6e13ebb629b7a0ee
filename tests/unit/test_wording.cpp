// What a caseworker reads is Dutch, not code. Every example and every regression-suite case is
// advised with the shipped rules, rendered as terminal text and as the HTML page, and the part a
// caseworker reads (all but the "Technische gegevens" section and the sources' addresses) may not
// contain an identifier (snake_case), a plural written as "ouder(s)" or "kind(eren)", or a date in
// ISO form. Each finding names the case and quotes the line, so a failure says what to reword.
#define BOOST_TEST_MODULE wording
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <map>
#include <regex>

#include "data/case_errors_nl.h"
#include "data/case_loader.h"
#include "report/render.h"
#include "suite/suite.h"
#include "support/koers_fixture.h"

namespace fs = std::filesystem;
using namespace koers;

namespace {

struct Finding {
  std::string what;
  std::string line;
};

// The caseworker's part of the terminal text: everything before "Technische gegevens".
std::string readable_text(const std::string& text) {
  return text.substr(0, text.find("\nTechnische gegevens\n"));
}

// The caseworker's part of the page as a reader sees it: no technical section, no style, no
// tags (so no attributes, ids or classes); the text of the chart stays.
std::string readable_html(const std::string& html) {
  std::string out = html;
  auto cut = [&](const std::string& open, const std::string& close) {
    for (size_t at = out.find(open); at != std::string::npos; at = out.find(open, at)) {
      const size_t end = out.find(close, at);
      out.erase(at, end == std::string::npos ? std::string::npos : end + close.size() - at);
    }
  };
  cut("<details id=\"technisch\"", "</details>");
  cut("<style", "</style>");
  cut("<script", "</script>");
  out = std::regex_replace(out, std::regex("<[^>]*>"), "\n");
  return out;
}

std::vector<Finding> wording_findings(const std::string& readable) {
  static const std::regex url("https?://[^ )\n]+");
  static const std::vector<std::pair<std::string, std::regex>> rules = {
      {"identifier", std::regex("\\b[a-z][a-z0-9]*(_[a-z0-9]+)+\\b")},
      {"field path or rule id", std::regex("\\b[a-z_]{2,}(\\[[0-9]+\\])?\\.[a-z_]{3,}\\b")},
      {"plural in brackets", std::regex("[a-zA-Z]\\((s|en|eren|n|'s)\\)")},
      {"ISO date", std::regex("\\b[0-9]{4}-[0-9]{2}-[0-9]{2}\\b")},
  };
  std::vector<Finding> out;
  std::istringstream lines(readable);
  for (std::string line; std::getline(lines, line);) {
    const std::string without_urls = std::regex_replace(line, url, "");
    for (const auto& [what, pattern] : rules) {
      if (std::regex_search(without_urls, pattern)) out.push_back({what, line});
    }
  }
  return out;
}

struct Advised {
  std::string label;
  std::string text;
  std::string html;
};

class Advisor {
 public:
  Advisor() {
    Diagnostics diags;
    auto program = load_rule_set(testing::source_dir() + "/rules", diags);
    BOOST_TEST_REQUIRE(program.has_value(), testing::describe(diags));
    program_ = std::move(*program);
    policy_for("");  // the national policy, loaded once up front
  }

  std::optional<Advised> advise(const std::string& label, const std::string& case_text,
                                std::optional<Date> as_of, const std::string& policy_file) {
    Diagnostics diags;
    auto c =
        load_case(program_.schema, std::make_shared<const SourceFile>(label, case_text), diags);
    if (!c) return std::nullopt;  // a case the suite expects to be rejected
    const Date day = as_of      ? *as_of
                     : c->as_of ? *c->as_of
                                : testing::date_of(testing::kExampleDate);
    const Policy& policy = policy_for(policy_file);
    const Advice advice = evaluate(program_, policy, *c, day);
    return Advised{label, render_text(program_, advice), render_html(program_, advice)};
  }

 private:
  const Policy& policy_for(const std::string& file) {
    const std::string path =
        file.empty() ? testing::source_dir() + "/policies/landelijk.yaml" : file;
    auto found = policies_.find(path);
    if (found != policies_.end()) return found->second;
    Diagnostics diags;
    auto policy = load_policy_file(program_, path, diags);
    BOOST_TEST_REQUIRE(policy.has_value(), testing::describe(diags));
    return policies_.emplace(path, std::move(*policy)).first->second;
  }

  Program program_;
  std::map<std::string, Policy> policies_;
};

std::vector<Advised> every_case() {
  Advisor advisor;
  std::vector<Advised> out;
  for (const auto& entry : fs::directory_iterator(testing::source_dir() + "/examples")) {
    if (entry.path().extension() != ".yaml") continue;
    if (auto a = advisor.advise(entry.path().filename().string(),
                                testing::read_text_file(entry.path().string()), std::nullopt, "")) {
      out.push_back(std::move(*a));
    }
  }
  const auto files = suite::find_suite_files({testing::source_dir() + "/tests/cases"});
  for (const auto& c : suite::suite_cases(files)) {
    if (auto a = advisor.advise(c.label, c.text, c.as_of, c.policy)) out.push_back(std::move(*a));
  }
  return out;
}

std::string report(const std::string& label, const std::vector<Finding>& findings) {
  std::string out;
  for (const auto& f : findings) out += label + ": " + f.what + " in: " + f.line + "\n";
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_check_catches_what_it_is_meant_to_catch) {
  // The check itself: each pattern is found, and the technical section and addresses are not
  // read, so a clean report passes because it is clean and not because nothing is looked at.
  const std::string bad =
      "Advies\nEr zijn 1 ouder(s) en 2 kind(eren).\nGemeten op 2026-06-03.\nZie "
      "critical_maximum.\nNodig voor family.children[0].age.\n"
      "bron: Toolkit (https://example.org/a_b/2026-01-01)\n"
      "Technische gegevens\n  Besluit critical_maximum op 2026-11-01\n";
  const auto findings = wording_findings(readable_text(bad));
  BOOST_TEST(findings.size() == 4u, report("bad", findings));
  const std::string page =
      "<p class=\"let_op\">Goed</p><details id=\"technisch\"><summary>Technische gegevens"
      "</summary><code>definitie.mpg</code> 2026-11-01 care_status</details><p>traject(en)</p>";
  const auto html_findings = wording_findings(readable_html(page));
  BOOST_TEST(html_findings.size() == 1u, report("page", html_findings));
  BOOST_TEST(html_findings.at(0).what == "plural in brackets");
}

BOOST_AUTO_TEST_CASE(every_case_is_advised_in_words_a_caseworker_reads) {
  const auto cases = every_case();
  // The examples and the suites' cases: if the suites could not be found, nothing was checked.
  BOOST_TEST_REQUIRE(cases.size() >= 100u);
  std::string problems;
  for (const auto& c : cases) {
    BOOST_TEST_REQUIRE(c.text.find("\nTechnische gegevens\n") != std::string::npos, c.label);
    BOOST_TEST_REQUIRE(c.html.find("<summary>Technische gegevens</summary>") != std::string::npos,
                       c.label);
    problems += report(c.label + " (tekst)", wording_findings(readable_text(c.text)));
    problems += report(c.label + " (pagina)", wording_findings(readable_html(c.html)));
  }
  BOOST_TEST(problems.empty(), problems);
}

BOOST_AUTO_TEST_CASE(every_field_and_value_of_the_case_format_has_a_dutch_label) {
  // The case form is built from the schema: a field without a title or a value without a label
  // would show a caseworker an identifier.
  Diagnostics diags;
  auto program = load_rule_set(testing::source_dir() + "/rules", diags);
  BOOST_TEST_REQUIRE(program.has_value(), testing::describe(diags));
  std::string unlabelled;
  for (const auto& record : program->schema.records) {
    for (const auto& field : record.fields) {
      if (field.title.empty()) unlabelled += "field " + record.name + "." + field.name + "\n";
      if (field.type.kind == TypeKind::list && field.item_title.empty()) {
        unlabelled += "entry of list " + record.name + "." + field.name + "\n";
      }
    }
  }
  for (const auto& en : program->schema.enums) {
    for (size_t i = 0; i < en.members.size(); ++i) {
      if (en.labels[i].empty()) unlabelled += "value " + en.name + "." + en.members[i] + "\n";
    }
  }
  BOOST_TEST(unlabelled.empty(), unlabelled);
}

BOOST_AUTO_TEST_CASE(case_file_errors_are_told_in_plain_dutch) {
  // Every rejected case of the suite of bad files: its errors in Dutch name fields by their Dutch
  // titles, never by a path. The unknown key a C306 quotes is the caseworker's own word.
  Diagnostics rule_diags;
  auto program = load_rule_set(testing::source_dir() + "/rules", rule_diags);
  BOOST_TEST_REQUIRE(program.has_value(), testing::describe(rule_diags));
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(testing::source_dir() + "/tests/cases/bad")) {
    if (entry.path().extension() != ".yaml") continue;
    ++files;
    Diagnostics diags;
    BOOST_TEST(!load_case_file(program->schema, entry.path().string(), diags).has_value());
    const Diagnostics dutch = dutch_case_diagnostics(program->schema, diags);
    BOOST_TEST(dutch.error_count() == diags.error_count());
    for (const auto& d : dutch.sorted()) {
      const std::string without_quotes =
          std::regex_replace(d.message, std::regex("„[^”]*”|\\([a-z_]+\\)"), "„…”");
      const auto findings = wording_findings(without_quotes);
      BOOST_TEST(findings.empty(), entry.path().filename().string()
                                       << ": " << d.code << ": " << d.message);
      BOOST_TEST(d.message.find(" expected ") == std::string::npos, d.message);
    }
  }
  BOOST_TEST(files >= 15u);
  // The field is named by its place in the family, as the form shows it.
  BOOST_TEST(field_in_dutch(program->schema, "family.children[1].age") ==
             "Gezin: Kind 2: Leeftijd (jaren)");
  BOOST_TEST(field_in_dutch(program->schema, "family.nothing").empty());
  // An unknown key is quoted as the caseworker wrote it, whatever its characters.
  for (const std::string key : {"Family", "as-of", "geboorte datum", "netwrok"}) {
    Diagnostics diags;
    const std::string text = "koers: 2\ncase_id: gezin-1\n" + key + ": 1\n";
    BOOST_TEST(
        !load_case(program->schema, std::make_shared<const SourceFile>("c.yaml", text), diags)
             .has_value());
    bool quoted = false;
    for (const auto& d : dutch_case_diagnostics(program->schema, diags).sorted()) {
      if (d.code == "C306") quoted = d.message.find("„" + key + "”") != std::string::npos;
    }
    BOOST_TEST(quoted, key << ": " << testing::describe(diags));
  }
}

BOOST_AUTO_TEST_CASE(a_counted_word_agrees_with_its_count) {
  // `{n | kind | kinderen}`: the singular for 1, the plural otherwise (0 too), and for an unknown
  // count "een onbekend aantal kinderen"; a text inside the count's expression is no separator.
  Diagnostics diags;
  auto program = testing::load_with_schema({{"t.koers", R"(
decision probe: bool {
  settle first
  otherwise false
}
rule t.probe {
  when true
  then probe = true
  because "Het gezin bestaat uit {count(family.children) | kind | kinderen}, met {count(problems where domain == finances) | geldprobleem | geldproblemen} en {count(family.risk_factors where family.network == weak) | risico | risico's}."
}
)"}},
                                           diags);
  BOOST_TEST_REQUIRE(program.has_value(), testing::describe(diags));
  auto reason = [&](const std::string& yaml) {
    const Advice a = testing::advise(*program, yaml);
    return a.decisions.at(0).because.at(0);
  };
  BOOST_TEST(reason("koers: 1\ncase_id: t-1\nfamily: {children: [{id: k1, age: 3}]}\n"
                    "problems: [{domain: finances, since: 2020-01-01}]\n") ==
             "Het gezin bestaat uit 1 kind, met 1 geldprobleem en 0 risico's.");
  BOOST_TEST(reason("koers: 2\ncase_id: t-2\nfamily: {children: [], risk_factors: []}\n"
                    "problems: []\n") ==
             "Het gezin bestaat uit 0 kinderen, met 0 geldproblemen en 0 risico's.");
  BOOST_TEST(
      reason("koers: 2\ncase_id: t-3\nproblems: []\n").find("uit een onbekend aantal kinderen") !=
      std::string::npos);

  // The forms go with a number only (K229), and need both words (K104).
  Diagnostics wrong;
  BOOST_TEST(!testing::load_with_schema(
                  {{"t.koers",
                    "decision d: bool {\n  settle first\n  otherwise false\n}\n"
                    "rule t.d {\n  when true\n  then d = true\n  because \"{as_of | dag "
                    "| dagen}\"\n}\n"}},
                  wrong)
                  .has_value());
  BOOST_TEST(testing::describe(wrong).find("K229") != std::string::npos, testing::describe(wrong));
  Diagnostics half;
  BOOST_TEST(
      !testing::load_with_schema({{"t.koers",
                                   "decision d: bool {\n  settle first\n  otherwise false\n}\n"
                                   "rule t.d {\n  when true\n  then d = true\n  because "
                                   "\"{count(problems) | probleem}\"\n}\n"}},
                                 half)
           .has_value());
  BOOST_TEST(testing::describe(half).find("K104") != std::string::npos, testing::describe(half));
}
