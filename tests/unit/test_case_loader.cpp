// The case loader (engine/data/case_loader.cpp): YAML case files read into typed values against
// the schema. Good files (absent means missing, defaults, null), every class of bad input of
// docs/case-format.md with its code and line:col, all errors at once, hostile input, the
// canonical form and its hash, and the case as of a date. Most tests use the hand-built copy of
// the schema (tests/support/test_schema.h); the last suite checks it against rules/schema.koers
// and runs tests/cases/bad/*.yaml against the real schema.
#define BOOST_TEST_MODULE case_loader
#ifndef BOOST_TEST_DYN_LINK
#define BOOST_TEST_DYN_LINK
#endif
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "api/rule_set.h"
#include "data/case_loader.h"
#include "support/case_generator.h"
#include "support/test_schema.h"
#include "util/sha256.h"

using namespace koers;

namespace {

const Schema& schema() {
  static const Schema s = koers::testing::case_schema();
  return s;
}

std::string source_dir() {
  const char* dir = std::getenv("KOERS_SOURCE_DIR");
  return dir != nullptr && *dir != '\0' ? std::string(dir) : std::string(".");
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::optional<Case> load(const std::string& yaml, Diagnostics& diags, const CaseLimits& limits = {},
                         const Schema& s = schema()) {
  return load_case(s, std::make_shared<SourceFile>("case.yaml", yaml), diags, limits);
}

// Each diagnostic as "CODE@line:col", sorted.
std::vector<std::string> found(const Diagnostics& diags) {
  std::vector<std::string> out;
  for (const auto& d : diags.sorted()) {
    out.push_back(d.code + "@" + std::to_string(d.span.line) + ":" + std::to_string(d.span.col));
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string describe(const Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags.sorted()) {
    out += render_headline(d) + (d.hint.empty() ? "" : " (hint: " + d.hint + ")") + "\n";
  }
  return out;
}

Case load_ok(const std::string& yaml, const Schema& s = schema()) {
  Diagnostics diags;
  auto c = load(yaml, diags, {}, s);
  BOOST_TEST_INFO("diagnostics:\n" << describe(diags));
  BOOST_REQUIRE(c.has_value());
  BOOST_REQUIRE(!diags.has_errors());
  return std::move(*c);
}

// The file must be rejected with exactly these diagnostics ("CODE@line:col").
Diagnostics expect_errors(const std::string& yaml, std::vector<std::string> expected,
                          const CaseLimits& limits = {}) {
  Diagnostics diags;
  auto c = load(yaml, diags, limits);
  std::sort(expected.begin(), expected.end());
  BOOST_TEST_INFO("diagnostics:\n" << describe(diags));
  BOOST_TEST(!c.has_value());
  BOOST_TEST(found(diags) == expected, boost::test_tools::per_element());
  return diags;
}

Diagnostic only(const Diagnostics& diags) {
  auto all = diags.sorted();
  BOOST_REQUIRE_EQUAL(all.size(), 1u);
  return all.front();
}

std::string minimal(const std::string& more = "") {
  return "koers: 1\ncase_id: test-1\n" + more;
}

const Value& field(const Record& r, const std::string& name) {
  int i = schema().records.at(static_cast<size_t>(r.record_id)).index_of(name);
  BOOST_REQUIRE_MESSAGE(i >= 0, "no field " << name);
  return r.fields.at(static_cast<size_t>(i));
}

const Record& rec(const Value& v) {
  BOOST_REQUIRE(std::holds_alternative<RecordPtr>(v.v));
  return v.as_record();
}

// A field of a record, or of an absent record (whose fields read as their absent values).
Value sub(const Value& v, const std::string& name, const Schema& sch = schema()) {
  if (const auto* m = std::get_if<Missing>(&v.v); m != nullptr && m->absent_record >= 0) {
    const RecordDef& rd = sch.records.at(static_cast<size_t>(m->absent_record));
    int i = rd.index_of(name);
    BOOST_REQUIRE_MESSAGE(i >= 0, "no field " << name);
    return absent_field_value(rd.fields[static_cast<size_t>(i)], m->fields.front() + "." + name,
                              m->lists_unknown);
  }
  return field(rec(v), name);
}

// The path of an absent record.
std::string absent_record_path(const Value& v) {
  BOOST_REQUIRE(v.is_missing());
  BOOST_REQUIRE(v.missing().absent_record >= 0);
  return v.missing().fields.front();
}

std::string missing_path(const Value& v) {
  BOOST_REQUIRE(v.is_missing());
  BOOST_REQUIRE_EQUAL(v.missing().fields.size(), 1u);
  return v.missing().fields.front();
}

std::string enum_name(const Value& v) {
  EnumValue e = v.as_enum();
  return schema().enums.at(static_cast<size_t>(e.enum_id)).members.at(static_cast<size_t>(e.index));
}

Date date(const char* text) {
  return *parse_date(text);
}

// A full case file like the example of docs/case-format.md, comments and all.
const char* const kSpecExample = R"(koers: 1                         # required: format version
case_id: gezin-0142              # required: pseudonymous id
as_of: 2026-11-01                # date the advice is for

family:
  parents:                       # adults who raise the children in this household
    - id: ouder1                 # required per entry, unique in the file
      lvb: false                 # licht verstandelijke beperking
  children:
    - id: kind1
      birth_date: 2016-05-01     # or `age: 10`; one of the two is required per child
      lives_at_home: true        # default true
  explicit_help_request: false
  accepts_involvement: false
  resistant_to_help: true
  daily_life: struggles
  access_to_services: poor
  network: weak
  distrusts_care: true
  risk_factors: [debts, single_parent, unemployment, social_isolation]

problems:
  - domain: finances
    since: 2021-03-01
    severity: high
    urgent: false
  - domain: parenting
    since: 2022-09-01
    severity: high
    urgent: false

help_history:
  - from: 2018-01-01
    to: 2019-06-30
    lasting_effect: false

care:
  status: active
  started: 2024-02-01
  closed: null
  strategy: stut_en_steun
  family_plan:
    present: true
    goals_measurable: true
    next_evaluation: 2026-12-01
    last_evaluation: 2026-06-01
  safety_plan:
    present: false
    last_evaluation: null
  explanatory_talks: [2026-09-15]
  interventions:
    - type: netwerkoverleg
      date: 2026-05-10
      outcome: no_change

measurements:
  obvlk:
    - date: 2026-06-03
      total: 31
      subscales: {relatie: 9, opvoeden: 12, depressief: 10}
    - date: 2026-07-01
      total: 30

safety:
  acute: false
  structural: false
  suspicion: true
  signals: [witnesses_domestic_violence]
  risk_assessment:
    instrument: LIRIK
    outcome: high
    date: 2026-08-20
  reported_to_veilig_thuis: null
  help_accepted: true

parenting:
  qualification: problematic
  conditions_not_met: [affectief_klimaat, continuiteit]

caseworker:
  months_with_family: 30
  caseload: 11
  support: [intervisie]
  second_worker: false
)";

}  // namespace

// ---- good files
// ----------------------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(good_files)

BOOST_AUTO_TEST_CASE(spec_example_loads_with_typed_values) {
  Case c = load_ok(kSpecExample);
  BOOST_TEST(c.case_id == "gezin-0142");
  BOOST_REQUIRE(c.as_of.has_value());
  BOOST_TEST(format_date(*c.as_of) == "2026-11-01");
  BOOST_TEST(c.file == "case.yaml");
  BOOST_TEST(c.sha256.size() == 64u);

  const Record& root = *c.root;
  BOOST_TEST(root.path == "");
  BOOST_TEST(root.record_id == schema().root);
  BOOST_TEST(field(root, "koers").as_int() == 1);

  const Record& family = rec(field(root, "family"));
  BOOST_TEST(family.path == "family");
  BOOST_TEST(enum_name(field(family, "network")) == "weak");
  BOOST_TEST(field(family, "resistant_to_help").as_bool() == true);
  const auto& risks = field(family, "risk_factors").as_list();
  BOOST_REQUIRE_EQUAL(risks.size(), 4u);
  BOOST_TEST(risks[3].as_text() == "social_isolation");

  const auto& problems = field(root, "problems").as_list();
  BOOST_REQUIRE_EQUAL(problems.size(), 2u);
  BOOST_TEST(rec(problems[1]).path == "problems[1]");
  BOOST_TEST(enum_name(field(rec(problems[1]), "domain")) == "parenting");
  BOOST_TEST(format_date(field(rec(problems[1]), "since").as_date()) == "2022-09-01");

  const Record& care = rec(field(root, "care"));
  BOOST_TEST(field(care, "closed").is_none());
  BOOST_TEST(field(rec(field(care, "safety_plan")), "last_evaluation").is_none());
  BOOST_TEST(enum_name(field(care, "strategy")) == "stut_en_steun");

  const auto& obvlk = field(rec(field(root, "measurements")), "obvlk").as_list();
  BOOST_REQUIRE_EQUAL(obvlk.size(), 2u);
  const Record& first = rec(obvlk[0]);
  BOOST_TEST(first.path == "measurements.obvlk[0]");
  BOOST_TEST(field(first, "total").as_int() == 31);
  BOOST_TEST(field(first, "items").as_list().empty());  // absent list: none
  BOOST_TEST(field(rec(field(first, "subscales")), "opvoeden").as_int() == 12);
}

BOOST_AUTO_TEST_CASE(absent_fields_are_missing_with_their_path) {
  Case c = load_ok(minimal(R"(
problems:
  - domain: debts
  - domain: housing
measurements:
  obvlk:
    - date: 2026-01-05
      total: 20
    - date: 2026-02-05
      total: 21
    - date: 2026-03-05
      items: [1, 2, 3, 4, 1, 2, 3, 4, 1, 2]
)"));
  const Record& root = *c.root;
  BOOST_TEST(missing_path(field(root, "as_of")) == "as_of");
  BOOST_TEST(!c.as_of.has_value());

  // An absent record reads as a record of absent fields, so an access names the precise field.
  const Value& family = field(root, "family");
  BOOST_TEST(absent_record_path(family) == "family");
  BOOST_TEST(missing_path(sub(family, "network")) == "family.network");
  BOOST_TEST(missing_path(sub(family, "explicit_help_request")) == "family.explicit_help_request");
  BOOST_TEST(sub(family, "children").as_list().empty());

  const Value plan = sub(field(root, "care"), "family_plan");
  BOOST_TEST(absent_record_path(plan) == "care.family_plan");
  BOOST_TEST(missing_path(sub(plan, "next_evaluation")) == "care.family_plan.next_evaluation");

  const auto& problems = field(root, "problems").as_list();
  BOOST_TEST(missing_path(field(rec(problems[1]), "since")) == "problems[1].since");

  const auto& obvlk = field(rec(field(root, "measurements")), "obvlk").as_list();
  BOOST_REQUIRE_EQUAL(obvlk.size(), 3u);
  // A total left out is the sum of the items given.
  BOOST_TEST(field(rec(obvlk[2]), "total").as_int() == 23);
  BOOST_TEST(missing_path(field(rec(obvlk[2]), "subscales")) == "measurements.obvlk[2].subscales");
  const Value& subscales = field(rec(obvlk[1]), "subscales");
  BOOST_TEST(absent_record_path(subscales) == "measurements.obvlk[1].subscales");
  BOOST_TEST(missing_path(sub(subscales, "relatie")) == "measurements.obvlk[1].subscales.relatie");

  // Absent lists are empty.
  BOOST_TEST(field(root, "help_history").as_list().empty());
  BOOST_TEST(sub(field(root, "safety"), "signals").as_list().empty());
}

BOOST_AUTO_TEST_CASE(defaults_apply_to_absent_fields) {
  Case c = load_ok(minimal(R"(
family:
  children:
    - id: kind1
      age: 4
    - id: kind2
      age: 6
      lives_at_home: false
problems:
  - domain: debts
  - domain: housing
    urgent: true
)"));
  const Record& root = *c.root;
  const auto& children = field(rec(field(root, "family")), "children").as_list();  // given
  BOOST_TEST(field(rec(children[0]), "lives_at_home").as_bool() == true);          // default true
  BOOST_TEST(field(rec(children[1]), "lives_at_home").as_bool() == false);         // given
  BOOST_TEST(missing_path(field(rec(children[0]), "birth_date")) ==
             "family.children[0].birth_date");
  const auto& problems = field(root, "problems").as_list();
  BOOST_TEST(field(rec(problems[0]), "urgent").as_bool() == false);  // default false
  BOOST_TEST(field(rec(problems[1]), "urgent").as_bool() == true);
  // `default none`: an absent closed date or risk assessment is known not to exist.
  BOOST_TEST(sub(field(root, "care"), "closed").is_none());
  const Value& safety = field(root, "safety");
  BOOST_TEST(sub(safety, "risk_assessment").is_none());
  BOOST_TEST(sub(safety, "reported_to_veilig_thuis").is_none());
}

BOOST_AUTO_TEST_CASE(null_on_nullable_fields_is_none) {
  Case c = load_ok(minimal(R"(
care:
  closed: ~
  family_plan:
    next_evaluation: null
    last_evaluation:
safety:
  risk_assessment: null
)"));
  const Record& care = rec(field(*c.root, "care"));
  BOOST_TEST(field(care, "closed").is_none());
  const Record& plan = rec(field(care, "family_plan"));
  BOOST_TEST(field(plan, "next_evaluation").is_none());
  BOOST_TEST(field(plan, "last_evaluation").is_none());  // an empty value is null
  BOOST_TEST(field(rec(field(*c.root, "safety")), "risk_assessment").is_none());
}

BOOST_AUTO_TEST_CASE(text_fields_take_any_scalar_and_quotes_are_fine) {
  Case c = load_ok(R"(koers: 1
case_id: "gezin-0001"
as_of: '2026-03-01'
family:
  network: "weak"
  risk_factors: [2021-04-01, 42, true, "quoted", 'single', plain text, null_ish]
)");
  BOOST_TEST(c.case_id == "gezin-0001");
  BOOST_TEST(format_date(*c.as_of) == "2026-03-01");
  const Record& family = rec(field(*c.root, "family"));
  BOOST_TEST(enum_name(field(family, "network")) == "weak");
  std::vector<std::string> tags;
  for (const auto& v : field(family, "risk_factors").as_list()) tags.push_back(v.as_text());
  std::vector<std::string> expected = {"2021-04-01", "42",         "true",    "quoted",
                                       "single",     "plain text", "null_ish"};
  BOOST_TEST(tags == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(field_positions_are_one_based) {
  Case c = load_ok("koers: 1\ncase_id: x\nfamily:\n  network: weak\n  daily_life: copes\n");
  const Record& family = rec(field(*c.root, "family"));
  int network = schema().records[static_cast<size_t>(family.record_id)].index_of("network");
  int access =
      schema().records[static_cast<size_t>(family.record_id)].index_of("access_to_services");
  BOOST_TEST((family.field_positions[static_cast<size_t>(network)] == std::pair<int, int>{4, 12}));
  BOOST_TEST((family.field_positions[static_cast<size_t>(access)] == std::pair<int, int>{0, 0}));
  BOOST_TEST((c.root->field_positions[0] == std::pair<int, int>{1, 8}));
}

BOOST_AUTO_TEST_CASE(flow_style_and_document_markers) {
  Case c = load_ok(
      "%YAML 1.1\n---\n{koers: 1, case_id: x, family: {parents: [{id: a}, {id: b, lvb: true}]}}\n"
      "...\n");
  const auto& parents = field(rec(field(*c.root, "family")), "parents").as_list();
  BOOST_REQUIRE_EQUAL(parents.size(), 2u);
  BOOST_TEST(field(rec(parents[1]), "lvb").as_bool() == true);
}

BOOST_AUTO_TEST_CASE(generated_cases_all_load) {
  koers::testing::CaseGenerator gen(7);
  for (int i = 0; i < 200; ++i) {
    std::string yaml = gen.next_case(i);
    Diagnostics diags;
    auto c = load(yaml, diags);
    BOOST_TEST_INFO("case " << i << ":\n" << describe(diags));
    BOOST_REQUIRE(c.has_value());
  }
}

BOOST_AUTO_TEST_SUITE_END()

// ---- bad input: one test per class of the spec, code and line:col
// --------------------------------

BOOST_AUTO_TEST_SUITE(bad_input)

BOOST_AUTO_TEST_CASE(c301_not_valid_yaml) {
  auto d = expect_errors("koers: 1\ncase_id: x\nfamily:\n  risk_factors: [a, b\n", {"C301@5:1"});
  BOOST_TEST(only(d).message.find("not valid YAML") == 0u);
  expect_errors("koers: 1\ncase_id: x\nfamily:\n\tnetwork: weak\n", {"C301@4:1"});
  // A more-indented line continues the plain scalar `x` ("x bad"), then `:` is an error.
  expect_errors("koers: 1\ncase_id: x\n  bad: indentation\n", {"C315@2:10", "C301@3:6"});
}

BOOST_AUTO_TEST_CASE(c303_required_field_missing) {
  auto d = expect_errors("koers: 1\nas_of: 2026-01-01\n", {"C303@1:1"});
  BOOST_TEST(only(d).message == "case_id: required field missing");
  expect_errors(minimal("problems:\n  - since: 2021-01-01\n    severity: low\n"), {"C303@4:5"});
  expect_errors(minimal("measurements:\n  obvlk:\n    - total: 20\n"), {"C303@5:7"});
}

BOOST_AUTO_TEST_CASE(c304_wrong_type) {
  auto d = expect_errors(minimal("family:\n  resistant_to_help: yes\n"), {"C304@4:22"});
  BOOST_TEST(only(d).message ==
             "family.resistant_to_help: expected bool (true or false), found text `yes`");
  expect_errors(minimal("caseworker:\n  caseload: twelve\n"), {"C304@4:13"});
  expect_errors(minimal("caseworker:\n  caseload: \"12\"\n"), {"C304@4:13"});
  expect_errors(minimal("caseworker:\n  caseload: 12.5\n"), {"C304@4:13"});
  expect_errors(minimal("as_of: 1 maart 2026\n"), {"C304@3:8"});
  expect_errors(minimal("family: weak\n"), {"C304@3:9"});
  expect_errors(minimal("problems:\n  domain: debts\n"), {"C304@4:3"});
  expect_errors(minimal("family:\n  network: [weak]\n"), {"C304@4:12"});
  expect_errors(minimal("family:\n  risk_factors: debts\n"), {"C304@4:17"});
}

BOOST_AUTO_TEST_CASE(c305_value_not_in_list) {
  auto d = expect_errors(minimal("care:\n  strategy: stut_en_stuen\n"), {"C305@4:13"});
  BOOST_TEST(only(d).hint == "did you mean `stut_en_steun`?");
  BOOST_TEST(only(d).message.find("orde_op_zaken") != std::string::npos);  // lists the values
  auto labels =
      expect_errors(minimal("problems:\n  - domain: debts\n    severity: hoog\n"), {"C305@5:15"});
  BOOST_TEST(only(labels).hint == "did you mean `high` (hoog)?");
  expect_errors(minimal("parenting:\n  conditions_not_met: [respect, respekt]\n"), {"C305@4:33"});
}

BOOST_AUTO_TEST_CASE(c306_unknown_key) {
  auto d = expect_errors(minimal("family:\n  netwrok: weak\n"), {"C306@4:3"});
  BOOST_TEST(only(d).message == "family.netwrok: unknown key");
  BOOST_TEST(only(d).hint == "did you mean `network`?");
  auto moved = expect_errors(minimal("network: weak\n"), {"C306@3:1"});
  BOOST_TEST(only(moved).hint == "`network` belongs under `family`");
  expect_errors(minimal("problems:\n  - domain: debts\n    ernst: high\n"), {"C306@5:5"});
}

BOOST_AUTO_TEST_CASE(c307_impossible_date) {
  auto d = expect_errors(minimal("as_of: 2026-02-30\n"), {"C307@3:8"});
  BOOST_TEST(only(d).message == "as_of: 2026-02-30 is not a date (February 2026 has 28 days)");
  expect_errors(minimal("as_of: 2026-13-01\n"), {"C307@3:8"});
  expect_errors(minimal("care:\n  explanatory_talks: [2026-01-01, 2025-02-29]\n"), {"C307@4:35"});
  load_ok(minimal("as_of: 2024-02-29\n"));  // a leap day is fine
}

BOOST_AUTO_TEST_CASE(c308_dates_out_of_order) {
  auto d =
      expect_errors(minimal("care:\n  started: 2024-02-01\n  closed: 2024-01-31\n"), {"C308@5:11"});
  BOOST_TEST(only(d).message == "care.closed: 2024-01-31 is before `started` (2024-02-01)");
  expect_errors(minimal("help_history:\n  - from: 2019-01-01\n    to: 2018-12-31\n"), {"C308@5:9"});
  load_ok(minimal("help_history:\n  - from: 2019-01-01\n    to: 2019-01-01\n"));  // same day
}

BOOST_AUTO_TEST_CASE(c309_number_out_of_range) {
  auto d = expect_errors(
      minimal("measurements:\n  obvlk:\n    - date: 2026-01-01\n      total: 9\n"), {"C309@6:14"});
  BOOST_TEST(only(d).message == "measurements.obvlk[0].total: 9 is out of range 10..40");
  expect_errors(minimal("measurements:\n  obvlk:\n    - date: 2026-01-01\n      total: 41\n"),
                {"C309@6:14"});
  expect_errors(minimal("measurements:\n  obvlk:\n    - date: 2026-01-01\n"
                        "      items: [1, 2, 3, 4, 0, 2, 3, 4, 1, 2]\n"),
                {"C309@6:27"});
  expect_errors(minimal("caseworker:\n  caseload: 99999999999999999999999\n"), {"C309@4:13"});
}

BOOST_AUTO_TEST_CASE(c310_list_length) {
  auto d = expect_errors(
      minimal("measurements:\n  obvlk:\n    - date: 2026-01-01\n      items: [1, 2, 3]\n"),
      {"C310@6:14"});
  BOOST_TEST(only(d).message == "measurements.obvlk[0].items: expected 10 values, found 3");
  expect_errors(minimal("measurements:\n  obvlk:\n    - date: 2026-01-01\n"
                        "      items: [1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3]\n"),
                {"C310@6:14"});
}

BOOST_AUTO_TEST_CASE(c311_total_disagrees_with_items) {
  auto d = expect_errors(minimal("measurements:\n  obvlk:\n    - date: 2026-01-01\n"
                                 "      items: [1, 2, 3, 4, 1, 2, 3, 4, 1, 2]\n      total: 24\n"),
                         {"C311@7:14"});
  BOOST_TEST(only(d).message == "measurements.obvlk[0].total: 24 is not the sum of `items` (23)");
  load_ok(
      minimal("measurements:\n  obvlk:\n    - date: 2026-01-01\n"
              "      items: [1, 2, 3, 4, 1, 2, 3, 4, 1, 2]\n      total: 23\n"));
}

BOOST_AUTO_TEST_CASE(c312_duplicates) {
  auto d =
      expect_errors(minimal("measurements:\n  obvlk:\n    - date: 2026-01-01\n      total: 20\n"
                            "    - date: 2026-01-01\n      total: 22\n"),
                    {"C312@7:13"});
  BOOST_TEST(
      only(d).message ==
      "measurements.obvlk[1].date: duplicate 2026-01-01 (also in measurements.obvlk[0].date)");
  expect_errors(minimal("family:\n  parents:\n    - id: p\n    - id: q\n    - id: p\n"),
                {"C312@7:11"});
  // `unique in file`: an id is unique in the whole file, also between a parent and a child.
  auto shared = expect_errors(
      minimal("family:\n  parents: [{id: p}]\n  children: [{id: k, age: 3}, {id: p, age: 5}]\n"),
      {"C312@5:36"});
  BOOST_TEST(only(shared).message ==
             "family.children[1].id: duplicate `p` (also family.parents[0].id, line 4)");
  auto key = expect_errors(minimal("family:\n  network: weak\n  network: strong\n"), {"C312@5:3"});
  BOOST_TEST(only(key).message == "family.network: duplicate key (first given on line 4)");
}

// The case contract: duplicates are errors only for ids and OBVL-K dates. Free tags, enum lists
// and two talks on one day are what was recorded.
BOOST_AUTO_TEST_CASE(repeats_the_contract_allows_are_kept) {
  Case c = load_ok(minimal(R"(family:
  risk_factors: [debts, housing, debts]
care:
  explanatory_talks: [2026-01-01, 2026-01-01]
parenting:
  conditions_not_met: [interesse, interesse]
caseworker:
  support: [intervisie, intervisie]
)"));
  BOOST_TEST(sub(field(*c.root, "family"), "risk_factors").as_list().size() == 3u);
  BOOST_TEST(sub(field(*c.root, "care"), "explanatory_talks").as_list().size() == 2u);
}

BOOST_AUTO_TEST_CASE(c313_null_not_allowed) {
  auto d = expect_errors(minimal("family:\n  network: null\n"), {"C313@4:12"});
  BOOST_TEST(only(d).message == "family.network: null is not allowed");
  expect_errors(minimal("family:\n  risk_factors:\n"), {"C313@4:16"});
  expect_errors("koers: 1\ncase_id: ~\n", {"C313@2:10"});  // required
  expect_errors(minimal("family:\n  risk_factors: [debts, ~]\n"), {"C313@4:25"});
  expect_errors(minimal("problems:\n  - {domain: debts, urgent: null}\n"), {"C313@4:29"});
}

// The contract: `null` on any optional date or record says it is known not to exist. On a
// `nullable` one it is none; on the others (a problem's onset, the family, its safety) the schema
// gives null no meaning of its own and it is read as not given: unknown, never false.
BOOST_AUTO_TEST_CASE(null_on_any_optional_date_or_record_is_accepted) {
  Case c = load_ok(minimal(R"(as_of: null
family: ~
problems:
  - {domain: debts, since: null}
care:
  started: null
  family_plan: null
  safety_plan: ~
safety: null
caseworker: null
measurements:
  obvlk:
    - {date: 2026-01-01, total: 20, subscales: null}
)"));
  BOOST_TEST(!c.as_of.has_value());  // today, as when left out
  const Value& care = field(*c.root, "care");
  BOOST_TEST(sub(care, "started").is_missing());
  BOOST_TEST(sub(care, "family_plan").is_none());
  BOOST_TEST(sub(care, "safety_plan").is_none());
  // Read as absent: their fields are unknown, and a rule asks for them. A family in care always has
  // someone working with it, so a null caseworker is unknown too, never "no second worker".
  BOOST_TEST(sub(field(*c.root, "caseworker"), "second_worker").is_missing());
  BOOST_TEST(sub(field(*c.root, "safety"), "acute").is_missing());
  BOOST_TEST(sub(field(*c.root, "family"), "network").is_missing());
  const auto& problems = field(*c.root, "problems").as_list();
  BOOST_TEST(field(rec(problems[0]), "since").is_missing());
  // A child's birth date given as null does not count as given for `require one of`.
  expect_errors(minimal("family:\n  children:\n    - {id: k, birth_date: null}\n"), {"C314@5:7"});
  Case nulled_care = load_ok(minimal("care: null\n"));
  BOOST_TEST(field(*nulled_care.root, "care").is_none());
}

BOOST_AUTO_TEST_CASE(c314_none_of_require_one_of) {
  auto d = expect_errors(minimal("family:\n  children:\n    - id: k\n"), {"C314@5:7"});
  BOOST_TEST(only(d).message ==
             "family.children[0]: give `birth_date` or `age` (at least one is required)");
  expect_errors(minimal("measurements:\n  obvlk:\n    - date: 2026-01-01\n"), {"C314@5:7"});
}

BOOST_AUTO_TEST_CASE(c315_pattern) {
  auto d = expect_errors("koers: 1\ncase_id: Jan de Vries\n", {"C315@2:10"});
  BOOST_TEST(only(d).message.find("case_id: `Jan de Vries` does not match") == 0u);
  expect_errors("koers: 1\ncase_id: \"\"\n", {"C315@2:10"});
  expect_errors("koers: 1\ncase_id: " + std::string(65, 'a') + "\n", {"C315@2:10"});
}

BOOST_AUTO_TEST_CASE(c316_format_version) {
  auto d = expect_errors("koers: 3\ncase_id: x\n", {"C316@1:8"});
  BOOST_TEST(only(d).message == "koers: unsupported format version 3");
  expect_errors("koers: 0\ncase_id: x\n", {"C316@1:8"});
}

BOOST_AUTO_TEST_CASE(c317_documents) {
  auto d = expect_errors(minimal("---\nkoers: 1\ncase_id: y\n"), {"C317@3:1"});
  BOOST_TEST(only(d).message.find("more than one YAML document") == 0u);
  expect_errors("- koers: 1\n", {"C317@1:1"});
  expect_errors("just text\n", {"C317@1:1"});
  expect_errors("", {"C317@1:1"});
  expect_errors("# only a comment\n", {"C317@1:1"});
}

BOOST_AUTO_TEST_CASE(c300_file_too_large_or_unreadable) {
  CaseLimits small;
  small.max_bytes = 64;
  auto d = expect_errors(minimal("family:\n  risk_factors: [" + std::string(100, 'a') + "]\n"),
                         {"C300@0:0"}, small);
  BOOST_TEST(only(d).message.find("limit") != std::string::npos);

  Diagnostics missing;
  BOOST_TEST(!load_case_file(schema(), "/nonexistent/case.yaml", missing).has_value());
  BOOST_TEST(found(missing) == std::vector<std::string>{"C300@0:0"},
             boost::test_tools::per_element());
  BOOST_TEST(render_all(missing).find("/nonexistent/case.yaml") != std::string::npos);

  auto path = std::filesystem::temp_directory_path() / "koers-test-case-loader-big.yaml";
  {
    std::ofstream out(path, std::ios::binary);
    out << minimal("family:\n  risk_factors: [" + std::string(200, 'a') + "]\n");
  }
  Diagnostics big;
  BOOST_TEST(!load_case_file(schema(), path.string(), big, small).has_value());
  BOOST_TEST(found(big) == std::vector<std::string>{"C300@0:0"}, boost::test_tools::per_element());
  Diagnostics fine;
  auto c = load_case_file(schema(), path.string(), fine);
  BOOST_REQUIRE(c.has_value());
  BOOST_TEST(c->file == path.string());
  std::filesystem::remove(path);

  Diagnostics dir;
  BOOST_TEST(!load_case_file(schema(), std::filesystem::temp_directory_path().string(), dir));
  BOOST_TEST(found(dir) == std::vector<std::string>{"C300@0:0"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(every_error_is_reported_at_once) {
  auto d = expect_errors(minimal(R"(family:
  netwrok: weak
care:
  started: 2024-02-01
  closed: 2024-01-01
measurements:
  obvlk:
    - date: 2026-02-30
      total: 20
)"),
                         {"C306@4:3", "C308@7:11", "C307@10:13"});
  BOOST_TEST(d.error_count() == 3u);
  std::string text = render_all(d);
  BOOST_TEST(text.find("case.yaml:4:3: error[C306]: family.netwrok: unknown key") !=
             std::string::npos);
  BOOST_TEST(text.find("= hint: did you mean `network`?") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

// ---- limits and hostile input
// --------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(hostile_input)

BOOST_AUTO_TEST_CASE(deep_nesting_is_a_limit_not_a_crash) {
  std::string deep = minimal("family: " + std::string(10000, '[') + std::string(10000, ']') + "\n");
  Diagnostics diags;
  BOOST_TEST(!load(deep, diags).has_value());
  auto codes = found(diags);
  BOOST_TEST((std::find(codes.begin(), codes.end(), "C302@3:40") != codes.end()));
  // Unclosed, in a key nobody knows, and as block mappings.
  std::string unclosed = minimal("unknown: " + std::string(10000, '{') + "\n");
  Diagnostics diags2;
  BOOST_TEST(!load(unclosed, diags2).has_value());
  BOOST_TEST(diags2.has_errors());
  std::string block = minimal("family:\n");
  for (int i = 1; i < 200; ++i) block += std::string(static_cast<size_t>(i) + 1, ' ') + "k:\n";
  Diagnostics diags3;
  BOOST_TEST(!load(block, diags3).has_value());
  BOOST_TEST(diags3.error_count() <= 3u);
}

BOOST_AUTO_TEST_CASE(aliases_are_rejected_billion_laughs) {
  std::string lol =
      minimal("family:\n  risk_factors: &a [lol, lal, lil, lel, lul, lyl, lml, lnl, lpl]\n");
  std::string previous = "a";
  for (char name = 'b'; name <= 'j'; ++name) {
    lol += std::string("x") + name + ": &" + name + " [";
    for (int i = 0; i < 9; ++i) lol += (i ? ", *" : "*") + previous;
    lol += "]\n";
    previous = std::string(1, name);
  }
  Diagnostics diags;
  BOOST_TEST(!load(lol, diags).has_value());
  auto codes = found(diags);
  BOOST_TEST((std::find(codes.begin(), codes.end(), "C302@4:17") != codes.end()));  // the anchor
  BOOST_TEST(diags.error_count() < 20u);  // one alias report, plus the unknown keys

  // An alias alone, where a value is expected.
  auto d = expect_errors(minimal("family:\n  network: *n\n"), {"C302@4:12"});
  BOOST_TEST(only(d).message == "family.network: YAML aliases are not allowed");
}

BOOST_AUTO_TEST_CASE(list_and_text_limits) {
  CaseLimits limits;
  limits.max_list_length = 5;
  limits.max_text_length = 10;
  expect_errors(minimal("family:\n  risk_factors: [a, b, c, d, e, f, g]\n"), {"C302@4:33"}, limits);
  expect_errors(minimal("family:\n  risk_factors: [abcdefghijk]\n"), {"C302@4:18"}, limits);
  limits.max_depth = 2;
  expect_errors(minimal("care:\n  family_plan:\n    present: true\n"), {"C302@5:5"}, limits);
}

BOOST_AUTO_TEST_CASE(tags_are_rejected) {
  auto d = expect_errors("koers: !!int 1\ncase_id: x\n", {"C304@1:8"});
  BOOST_TEST(only(d).message == "koers: explicit YAML tags (`!!int`) are not allowed");
}

BOOST_AUTO_TEST_CASE(binary_garbage_gives_diagnostics) {
  uint64_t state = 12345;
  for (int round = 0; round < 50; ++round) {
    std::string junk;
    for (int i = 0; i < 2000; ++i) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      junk += static_cast<char>(state >> 56);
    }
    Diagnostics diags;
    BOOST_TEST(!load(junk, diags).has_value());
    BOOST_TEST(diags.has_errors());
  }
  expect_errors(std::string("koers: 1\ncase_id: x\0y\n", 21), {"C301@2:11"});
  expect_errors("koers: 1\ncase_id: \xff\xfe\n", {"C301@2:10"});
}

BOOST_AUTO_TEST_CASE(mutated_files_never_crash_and_never_half_load) {
  // Deterministic mutations of the spec example: deletions, duplications and byte flips.
  const std::string base = kSpecExample;
  uint64_t state = 99;
  auto next = [&state](uint64_t n) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<size_t>((state >> 33) % n);
  };
  const char alphabet[] = " :-[]{}#&*!|>'\"\n\tx1?,%@`";
  for (int round = 0; round < 400; ++round) {
    std::string text = base;
    for (int m = 0; m < 3; ++m) {
      size_t at = next(text.size());
      switch (next(3)) {
        case 0:
          text.erase(at, next(20));
          break;
        case 1:
          text.insert(at, text.substr(next(text.size()), next(40)));
          break;
        default:
          text[at] = alphabet[next(sizeof alphabet - 1)];
      }
    }
    Diagnostics diags;
    auto c = load(text, diags);
    BOOST_TEST(c.has_value() == !diags.has_errors());
    if (c) BOOST_TEST(c->root != nullptr);
  }
}

BOOST_AUTO_TEST_CASE(error_floods_are_capped) {
  std::string many = minimal();
  for (int i = 0; i < 5000; ++i) many += "k" + std::to_string(i) + ": 1\n";
  Diagnostics diags(10000);
  BOOST_TEST(!load(many, diags).has_value());
  BOOST_TEST(diags.error_count() <= 201u);
  auto codes = found(diags);
  BOOST_TEST((std::find_if(codes.begin(), codes.end(), [](const std::string& s) {
                return s.rfind("C302", 0) == 0;
              }) != codes.end()));
}

BOOST_AUTO_TEST_SUITE_END()

// ---- the canonical form and the case as of a date
// ------------------------------------------------

BOOST_AUTO_TEST_SUITE(canonical)

BOOST_AUTO_TEST_CASE(canonical_json_is_compact_in_schema_order) {
  Case c = load_ok(R"(caseworker: {caseload: 11}
case_id: "x-1"
koers: 1
family:
  network: weak
  risk_factors: ["a\"b", "tab	c"]
care:
  started: 2024-02-01
problems: [{domain: debts, since: 2021-03-01}]
)");
  std::string json = canonical_json(schema(), c);
  BOOST_TEST(
      json ==
      R"({"koers":1,"case_id":"x-1","family":{"parents":[],"children":[],"network":"weak",)"
      R"("risk_factors":["a\"b","tab\tc"]},"problems":[{"domain":"debts","since":"2021-03-01",)"
      R"("urgent":false}],"help_history":[],"care":{"started":"2024-02-01","closed":null,)"
      R"("explanatory_talks":[],"interventions":[]},)"
      R"("caseworker":{"caseload":11,"support":[]}})");
  BOOST_TEST(c.sha256 == sha256_hex(json));
}

// The spec example again: other key order, comments, flow style, quotes, explicit defaults
// (urgent: false) and left-out defaults (lives_at_home: true), `~` for null.
const char* const kSpecExampleRewritten = R"(# the same family, written differently
caseworker: {second_worker: false, support: [intervisie], caseload: 11, months_with_family: 30}
parenting: {conditions_not_met: [affectief_klimaat, continuiteit], qualification: problematic}
safety:
  help_accepted: true
  reported_to_veilig_thuis: ~
  risk_assessment: {date: 2026-08-20, outcome: high, instrument: "LIRIK"}
  signals:
    - witnesses_domestic_violence   # as recorded
  suspicion: true
  structural: false
  acute: false
measurements:
  obvlk:
    - {date: 2026-06-03, total: 31, subscales: {depressief: 10, opvoeden: 12, relatie: 9}}
    - {total: 30, date: '2026-07-01'}
care:
  interventions: [{outcome: no_change, date: 2026-05-10, type: netwerkoverleg}]
  explanatory_talks:
    - 2026-09-15
  safety_plan: {last_evaluation: null, present: false}
  family_plan: {last_evaluation: 2026-06-01, next_evaluation: 2026-12-01, goals_measurable: true,
                present: true}
  strategy: stut_en_steun
  closed:
  started: 2024-02-01
  status: "active"
help_history: [{lasting_effect: false, to: 2019-06-30, from: 2018-01-01}]
problems:
  - {severity: high, domain: finances, since: 2021-03-01}
  - {urgent: false, severity: high, since: 2022-09-01, domain: parenting}
family:
  risk_factors:
    - debts
    - single_parent
    - unemployment
    - social_isolation
  distrusts_care: true
  network: weak
  access_to_services: poor
  daily_life: struggles
  resistant_to_help: true
  accepts_involvement: false
  explicit_help_request: false
  children: [{birth_date: 2016-05-01, id: kind1}]
  parents: [{lvb: false, id: ouder1}]
as_of: 2026-11-01
case_id: 'gezin-0142'
koers: 1
)";

BOOST_AUTO_TEST_CASE(formatting_does_not_change_the_hash) {
  Case a = load_ok(kSpecExample);
  Case b = load_ok(kSpecExampleRewritten);
  BOOST_TEST(canonical_json(schema(), a) == canonical_json(schema(), b));
  BOOST_TEST(a.sha256 == b.sha256);

  // Lists are ordered: the problems the other way round are another case.
  std::string swapped = kSpecExampleRewritten;
  std::string first = "  - {severity: high, domain: finances, since: 2021-03-01}\n";
  swapped.erase(swapped.find(first), first.size());
  swapped.insert(swapped.find("family:\n"), first);
  BOOST_TEST(load_ok(swapped).sha256 != a.sha256);

  // A changed value changes the hash.
  std::string changed = kSpecExample;
  changed.replace(changed.find("caseload: 11"), 12, "caseload: 12");
  BOOST_TEST(load_ok(changed).sha256 != a.sha256);
}

BOOST_AUTO_TEST_CASE(case_as_of_leaves_out_later_dated_entries) {
  Case c = load_ok(minimal(R"(
as_of: 2026-11-01
family: {network: weak}
help_history:
  - {from: 2018-01-01, to: 2019-01-01}
  - {from: 2026-06-02}
care:
  explanatory_talks: [2026-01-01, 2026-06-01, 2026-06-02]
  interventions:
    - {type: netwerkoverleg, date: 2026-06-01}
    - {type: collega_inzetten, date: 2026-07-01}
measurements:
  obvlk:
    - {date: 2026-05-01, total: 30}
    - {date: 2026-06-01, total: 31}
    - {date: 2026-06-02, total: 32}
)"));
  Case then = case_as_of(schema(), c, date("2026-06-01"));
  const Record& root = *then.root;
  BOOST_TEST(field(root, "help_history").as_list().size() == 1u);
  const Record& care = rec(field(root, "care"));
  BOOST_TEST(field(care, "explanatory_talks").as_list().size() == 2u);  // the same day stays
  BOOST_TEST(field(care, "interventions").as_list().size() == 1u);
  const auto& obvlk = field(rec(field(root, "measurements")), "obvlk").as_list();
  BOOST_REQUIRE_EQUAL(obvlk.size(), 2u);
  BOOST_TEST(field(rec(obvlk[1]), "total").as_int() == 31);
  // Untouched: the original case, and the parts that did not change (shared, not copied).
  BOOST_TEST(field(*c.root, "help_history").as_list().size() == 2u);
  BOOST_TEST(std::get<RecordPtr>(field(root, "family").v) ==
             std::get<RecordPtr>(field(*c.root, "family").v));
  BOOST_TEST(then.sha256 == c.sha256);
  BOOST_TEST(then.case_id == c.case_id);
  // A date after everything keeps everything, and shares the whole tree.
  Case later = case_as_of(schema(), c, date("2030-01-01"));
  BOOST_TEST(later.root == c.root);
}

BOOST_AUTO_TEST_SUITE_END()

// ---- against the real schema (rules/schema.koers)
// ------------------------------------------------

namespace {

// The schema of rules/schema.koers through the real front end; nullopt (test skipped) when the
// rule set cannot be loaded in this tree.
const std::optional<Program>& real_program() {
  static const std::optional<Program> program = []() -> std::optional<Program> {
    std::string path = source_dir() + "/rules/schema.koers";
    if (!std::filesystem::exists(path)) return std::nullopt;
    Diagnostics diags;
    auto p = load_rule_set_from_texts({{"schema.koers", read_file(path)}}, diags);
    if (!p || diags.has_errors()) {
      BOOST_TEST_MESSAGE("rules/schema.koers does not load on its own:\n" << describe(diags));
      return std::nullopt;
    }
    return p;
  }();
  return program;
}

struct Expectation {
  std::string code;
  int line;
  int col;
  auto operator<=>(const Expectation&) const = default;
};

std::vector<Expectation> expectations_of(const std::string& text) {
  static const std::regex re(R"(^# expect: (C\d{3}) at (\d+):(\d+)\s*$)");
  std::vector<Expectation> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line) && line.rfind('#', 0) == 0) {
    std::smatch m;
    if (std::regex_match(line, m, re)) out.push_back({m[1], std::stoi(m[2]), std::stoi(m[3])});
  }
  std::sort(out.begin(), out.end());
  return out;
}

void check_bad_files(const Schema& s) {
  std::string dir = source_dir() + "/tests/cases/bad";
  BOOST_REQUIRE(std::filesystem::is_directory(dir));
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml") continue;
    ++files;
    std::string text = read_file(entry.path().string());
    auto expected = expectations_of(text);
    BOOST_TEST_CONTEXT(entry.path().filename().string()) {
      BOOST_REQUIRE(!expected.empty());
      Diagnostics diags;
      auto c = load_case_file(s, entry.path().string(), diags);
      BOOST_TEST(!c.has_value());
      std::vector<Expectation> got;
      for (const auto& d : diags.sorted()) got.push_back({d.code, d.span.line, d.span.col});
      std::sort(got.begin(), got.end());
      BOOST_TEST_INFO("diagnostics:\n" << describe(diags));
      BOOST_TEST((got == expected));
      // The file name starts with the code it tests.
      std::string code = entry.path().filename().string().substr(0, 4);
      BOOST_TEST(expected.front().code == "C" + code.substr(1));
    }
  }
  BOOST_TEST(files >= 15);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(real_schema)

BOOST_AUTO_TEST_CASE(bad_case_files_with_the_test_schema) {
  check_bad_files(schema());
}

BOOST_AUTO_TEST_CASE(bad_case_files_with_the_real_schema) {
  if (!real_program()) {
    BOOST_TEST_MESSAGE("skipped: rules/schema.koers not available");
    return;
  }
  check_bad_files(real_program()->schema);
}

BOOST_AUTO_TEST_CASE(test_schema_matches_the_real_schema) {
  if (!real_program()) {
    BOOST_TEST_MESSAGE("skipped: rules/schema.koers not available");
    return;
  }
  const Schema& real = real_program()->schema;
  // The same canonical form for the spec example and for generated cases means the same fields,
  // order, defaults and enum members where these cases touch them.
  Case a = load_ok(kSpecExample, real);
  Case b = load_ok(kSpecExample);
  BOOST_TEST(canonical_json(real, a) == canonical_json(schema(), b));
  BOOST_TEST(a.sha256 == b.sha256);
  koers::testing::CaseGenerator gen(3);
  for (int i = 0; i < 50; ++i) {
    std::string yaml = gen.next_case(i);
    BOOST_TEST(load_ok(yaml, real).sha256 == load_ok(yaml).sha256);
  }
  // And the options of every field of the case schema.
  const Schema& mine = schema();
  for (const auto& rd : mine.records) {
    int ri = real.record_index(rd.name);
    BOOST_TEST_CONTEXT("record " << rd.name) {
      BOOST_REQUIRE(ri >= 0);
      const RecordDef& other = real.records[static_cast<size_t>(ri)];
      BOOST_REQUIRE_EQUAL(rd.fields.size(), other.fields.size());
      BOOST_TEST((rd.one_of == other.one_of));
      for (size_t i = 0; i < rd.fields.size(); ++i) {
        const FieldDef& f = rd.fields[i];
        const FieldDef& g = other.fields[i];
        BOOST_TEST_CONTEXT("field " << f.name) {
          BOOST_TEST(f.name == g.name);
          BOOST_TEST(mine.type_name(f.type) == real.type_name(g.type));
          BOOST_TEST(f.required == g.required);
          BOOST_TEST(f.nullable == g.nullable);
          BOOST_TEST(f.default_value.has_value() == g.default_value.has_value());
          BOOST_TEST((f.range == g.range));
          BOOST_TEST((f.length == g.length));
          BOOST_TEST(f.unique == g.unique);
          BOOST_TEST(f.unique_key == g.unique_key);
          BOOST_TEST(f.unique_in_file == g.unique_in_file);
          BOOST_TEST(f.dated == g.dated);
          BOOST_TEST(f.dated_by == g.dated_by);
          BOOST_TEST(f.not_before == g.not_before);
          BOOST_TEST(f.sum_of == g.sum_of);
          BOOST_TEST(f.pattern == g.pattern);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(real_schema_absent_means_missing) {
  if (!real_program()) {
    BOOST_TEST_MESSAGE("skipped: rules/schema.koers not available");
    return;
  }
  const Schema& real = real_program()->schema;
  Case c = load_ok(minimal(), real);
  const RecordDef& root = real.root_record();
  const Value& family = c.root->fields[static_cast<size_t>(root.index_of("family"))];
  BOOST_TEST(missing_path(sub(family, "network", real)) == "family.network");
}

BOOST_AUTO_TEST_SUITE_END()
