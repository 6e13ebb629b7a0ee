// The `koers` command as a user runs it: exit codes, errors on stderr, byte-identical output.
#define BOOST_TEST_MODULE cli
#include <boost/test/unit_test.hpp>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;

namespace {

struct Run {
  int code = -1;
  std::string out;
  std::string err;
};

fs::path root() {
  const char* dir = std::getenv("KOERS_SOURCE_DIR");
  return dir ? fs::path(dir) : fs::current_path();
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Runs koers with `args` (already shell-quoted) from `cwd`.
Run koers(const std::string& args, const fs::path& cwd = root()) {
  static int counter = 0;
  fs::path tmp = fs::temp_directory_path() /
                 ("koers-cli-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::string cmd = "cd '" + cwd.string() + "' && '" KOERS_BINARY "' " + args + " >'" +
                    tmp.string() + ".out' 2>'" + tmp.string() + ".err'";
  int status = std::system(cmd.c_str());
  Run r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(tmp.string() + ".out");
  r.err = slurp(tmp.string() + ".err");
  fs::remove(tmp.string() + ".out");
  fs::remove(tmp.string() + ".err");
  return r;
}

fs::path write_temp(const std::string& name, const std::string& text) {
  fs::path dir = fs::temp_directory_path() / ("koers-cli-" + std::to_string(::getpid()));
  fs::create_directories(dir / fs::path(name).parent_path());
  std::ofstream(dir / name, std::ios::binary) << text;
  return dir / name;
}

}  // namespace

BOOST_AUTO_TEST_CASE(version_and_help) {
  Run v = koers("--version");
  BOOST_TEST(v.code == 0);
  BOOST_TEST(v.out.find("koers 0.") == 0u);
  Run h = koers("advise --as-of 2026-11-01 --help");
  BOOST_TEST(h.code == 0);
  BOOST_TEST(h.out.find("--as-of") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(advise_example_gives_text_with_safety_first) {
  Run r = koers("advise --as-of 2026-11-01 examples/gezin-0217-acuut.yaml");
  BOOST_TEST(r.code == 0, r.err);
  size_t safety = r.out.find("VEILIGHEID");
  size_t decisions = r.out.find("Besluiten");
  BOOST_TEST(safety != std::string::npos);
  BOOST_TEST(safety < decisions);
  // A recommendation is shown by its declared label, never by its id.
  BOOST_TEST(r.out.find("[Escalatie] Direct ingrijpen\n") != std::string::npos, r.out);
  // Ids are only in the technical section, at the end.
  const size_t technical = r.out.find("\nTechnische gegevens\n");
  BOOST_TEST_REQUIRE(technical != std::string::npos);
  BOOST_TEST(r.out.substr(0, technical).find("direct_ingrijpen") == std::string::npos, r.out);
  BOOST_TEST(r.out.find("direct_ingrijpen", technical) != std::string::npos, r.out);
  BOOST_TEST(r.out.find("Ontvangstbewijs sha256:", technical) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(json_output_is_byte_identical_from_any_directory) {
  Run a = koers(
      "advise --as-of 2026-11-01 --format json examples/gezin-0142.yaml "
      "examples/gezin-0451-onvolledig.yaml");
  Run b = koers("advise --as-of 2026-11-01 --format json '" +
                    (root() / "examples/gezin-0142.yaml").string() + "' '" +
                    (root() / "examples/gezin-0451-onvolledig.yaml").string() + "'",
                fs::temp_directory_path());
  BOOST_TEST(a.code == 0, a.err);
  BOOST_TEST(b.code == 0, b.err);
  BOOST_TEST(a.out == b.out);
  BOOST_TEST(std::count(a.out.begin(), a.out.end(), '\n') == 2);
}

BOOST_AUTO_TEST_CASE(as_of_override_changes_the_advice_date) {
  Run r = koers("advise --format json --as-of 2027-03-01 examples/gezin-0142.yaml");
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(r.out.find("\"as_of\":\"2027-03-01\"") != std::string::npos);
  Run bad = koers("advise --as-of 2027-02-30 examples/gezin-0142.yaml");
  BOOST_TEST(bad.code == 2);
  BOOST_TEST(bad.err.find("--as-of") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_bad_case_is_rejected_with_exit_1_and_others_still_advised) {
  fs::path bad =
      write_temp("bad-case.yaml", "koers: 1\ncase_id: gezin-x\nfamily:\n  netwrok: weak\n");
  Run r = koers("advise --as-of 2026-11-01 --format json '" + bad.string() +
                "' examples/gezin-0142.yaml");
  BOOST_TEST(r.code == 1);
  // In plain Dutch by default, with the place and the spelling suggestion.
  BOOST_TEST(r.err.find("bad-case.yaml:4:3: fout[C306]: Het veld „netwrok” bestaat niet") !=
                 std::string::npos,
             r.err);
  BOOST_TEST(r.err.find("= tip: bedoelt u `network`?") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("1 fout in het casusbestand") != std::string::npos, r.err);
  BOOST_TEST(r.out.find("\"case_id\":\"gezin-0142\"") != std::string::npos);
  BOOST_TEST(r.out.find("gezin-x") == std::string::npos);
  // The technical messages stay available.
  Run en = koers("advise --lang en --as-of 2026-11-01 '" + bad.string() + "'");
  BOOST_TEST(en.code == 1);
  BOOST_TEST(en.err.find("bad-case.yaml:4:3: error[C306]: family.netwrok: unknown key") !=
                 std::string::npos,
             en.err);
  BOOST_TEST(en.err.find("did you mean `network`?") != std::string::npos, en.err);
}

BOOST_AUTO_TEST_CASE(broken_rules_exit_2_with_file_line_col_and_caret) {
  fs::path rules = write_temp("rules-broken/a.koers", "rule x.y {\n  when }\n");
  Run r = koers("check --rules '" + rules.parent_path().string() + "'");
  BOOST_TEST(r.code == 2);
  BOOST_TEST(r.err.find("a.koers:2:8: error[K101]: expected a condition after `when`") !=
                 std::string::npos,
             r.err);
  BOOST_TEST(r.err.find("^") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(check_accepts_the_shipped_rules_and_policies) {
  Run r = koers("check");
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(r.out.find("ok:") == 0u);
  Run org = koers("check --policy policies/voorbeeld-regio-noord.yaml");
  BOOST_TEST(org.code == 0, org.err);
}

BOOST_AUTO_TEST_CASE(policy_with_a_later_date_of_effect_changes_advice) {
  // Regio Noord uses the 2015 definition (no prior-help criterion) until 2027-07-01.
  Run before = koers(
      "advise --format json --policy policies/voorbeeld-regio-noord.yaml "
      "--as-of 2027-06-30 "
      "examples/gezin-0388-geen-mpg.yaml");
  Run after = koers(
      "advise --format json --policy policies/voorbeeld-regio-noord.yaml "
      "--as-of 2027-07-01 "
      "examples/gezin-0388-geen-mpg.yaml");
  BOOST_TEST(before.code == 0, before.err);
  BOOST_TEST(after.code == 0, after.err);
  BOOST_TEST(before.out.find("eerder hulptraject") == std::string::npos);
  BOOST_TEST(after.out.find("eerder hulptraject") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(logs_never_contain_case_content) {
  Run r = koers("--log-level debug advise --as-of 2026-11-01 examples/gezin-0142.yaml");
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(r.err.find("gezin-0142") != std::string::npos);  // named by id
  BOOST_TEST(r.err.find("witnesses_domestic_violence") == std::string::npos);
  BOOST_TEST(r.err.find("LIRIK") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(koers_test_reports_failures_with_expected_and_actual) {
  fs::path suite = write_temp("suites/mixed.suite.yaml",
                              "tests:\n"
                              "  - name: goed\n"
                              "    case: " +
                                  (root() / "examples/gezin-0217-acuut.yaml").string() +
                                  "\n"
                                  "    expect:\n"
                                  "      decisions: {safety: acute}\n"
                                  "  - name: fout verwacht\n"
                                  "    case: " +
                                  (root() / "examples/gezin-0217-acuut.yaml").string() +
                                  "\n"
                                  "    expect:\n"
                                  "      decisions: {safety: none}\n"
                                  "      recommendations: {absent: [direct_ingrijpen]}\n");
  fs::path junit = suite.parent_path() / "junit.xml";
  Run r = koers("test --junit '" + junit.string() + "' '" + suite.string() + "'");
  BOOST_TEST(r.code == 1, r.err);
  BOOST_TEST(r.out.find("decision safety: expected none, got acute by veiligheid.acuut") !=
                 std::string::npos,
             r.out);
  BOOST_TEST(r.out.find("recommendation direct_ingrijpen: given, but expected absent") !=
             std::string::npos);
  BOOST_TEST(r.out.find("\n1 passed, 1 failed\n") != std::string::npos);
  std::string xml = slurp(junit);
  BOOST_TEST(xml.find("failures=\"1\"") != std::string::npos);
  BOOST_TEST(xml.find("<failure message=\"decision safety: expected none") != std::string::npos);
}

// A misspelt expectation is not a test that passes: the suite is checked against the rules first,
// every problem at once, and `koers test` exits 2 without running a test.
BOOST_AUTO_TEST_CASE(koers_test_refuses_a_suite_with_misspelt_expectations) {
  const std::string example = (root() / "examples/gezin-0142.yaml").string();
  fs::path suite = write_temp("suites/misspelt.suite.yaml",
                              "tests:\n"
                              "  - name: spelfouten\n"
                              "    case: " +
                                  example +
                                  "\n"
                                  "    expect:\n"
                                  "      recommendations:\n"
                                  "        absent: [caseload_verlagn]\n"
                                  "  - name: leeg\n"
                                  "    case: " +
                                  example + "\n    expect:\n");
  Run r = koers("test '" + suite.string() + "'");
  BOOST_TEST(r.code == 2, r.out << r.err);
  BOOST_TEST(r.err.find("misspelt.suite.yaml:6:18: error[S605]: unknown recommendation "
                        "`caseload_verlagn`") != std::string::npos,
             r.err);
  BOOST_TEST(r.err.find("did you mean `caseload_verlagen`?") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("misspelt.suite.yaml:9:5: error[S607]") != std::string::npos, r.err);
  BOOST_TEST(r.out.find("passed") == std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(koers_test_update_rewrites_failed_expectations_so_they_pass) {
  const std::string example = (root() / "examples/gezin-0217-acuut.yaml").string();
  fs::path suite = write_temp("suites/update.suite.yaml",
                              "# verwachtingen van een oudere regelset\n"
                              "tests:\n"
                              "  - name: verouderd\n"
                              "    case: " +
                                  example +
                                  "\n"
                                  "    expect:\n"
                                  "      decisions:\n"
                                  "        safety: none\n"
                                  "      recommendations: {absent: [direct_ingrijpen]}\n");
  BOOST_TEST(koers("test '" + suite.string() + "'").code == 1);
  Run update = koers("test --update '" + suite.string() + "'");
  BOOST_TEST(update.code == 0, update.out);
  BOOST_TEST(update.out.find("UPDATED ") != std::string::npos);
  BOOST_TEST(update.out.find("1 test(s) updated") != std::string::npos);
  const std::string text = slurp(suite);
  BOOST_TEST(text.find("# verwachtingen van een oudere regelset\n") == 0u);
  BOOST_TEST(text.find("        safety: acute\n") != std::string::npos, text);
  BOOST_TEST(text.find("{present: [direct_ingrijpen]}") != std::string::npos, text);
  Run again = koers("test '" + suite.string() + "'");
  BOOST_TEST(again.code == 0, again.out);
  BOOST_TEST(again.out.find("1 passed, 0 failed\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(koers_diff_reports_changes_and_checks_expectations) {
  // A policy that makes gezin-0142's caseload acceptable: caseload_verlagen disappears.
  fs::path policy = write_temp("diff/ruim.yaml",
                               "koers_policy: 1\nid: ruim\nversion: \"1\"\nparameters:\n"
                               "  support.max_caseload: {value: 12, source: organisatie}\n");
  std::string base = "--base policies/landelijk.yaml --head '" + policy.string() + "' ";
  Run r = koers("diff " + base + "examples");
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(r.out.find("5 case(s), 1 with changed advice") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("gezin-0142 (examples/gezin-0142.yaml): recommendation caseload_verlagen: "
                        "given → absent") != std::string::npos,
             r.out);
  BOOST_TEST(r.out.find("support.max_caseload: 8 → 12") != std::string::npos);

  // An entry names its case by file (relative to the --expect file, else the working directory).
  fs::path good = write_temp("diff/expect-good.yaml",
                             "changes:\n  - {case: examples/gezin-0142.yaml, recommendation: "
                             "caseload_verlagen, to: removed}\n");
  BOOST_TEST(koers("diff " + base + "--expect '" + good.string() + "' examples").code == 0);
  fs::path bad = write_temp(
      "diff/expect-bad.yaml",
      "changes:\n  - {case: examples/gezin-0217-acuut.yaml, decision: safety, to: none}\n");
  Run wrong = koers("diff " + base + "--expect '" + bad.string() + "' examples");
  BOOST_TEST(wrong.code == 1);
  BOOST_TEST(wrong.out.find("UNEXPECTED examples/gezin-0142.yaml: recommendation "
                            "caseload_verlagen") != std::string::npos,
             wrong.out);
  BOOST_TEST(wrong.out.find("EXPECTED BUT NOT CHANGED examples/gezin-0217-acuut.yaml: decision "
                            "safety → none") != std::string::npos,
             wrong.out);
}

// The --expect file is checked like a suite: a `case_id` where a case file belongs, an unknown
// decision, value or recommendation, an unknown key are errors (exit 2) before anything runs.
BOOST_AUTO_TEST_CASE(koers_diff_expect_file_is_checked_against_rules_and_cases) {
  const std::string base =
      "diff --base policies/landelijk.yaml --head policies/voorbeeld-regio-noord.yaml ";
  fs::path by_id = write_temp(
      "diff/expect-by-id.yaml",
      "changes:\n  - {case: gezin-0142, recommendation: caseload_verlagen, to: removed}\n");
  Run id = koers(base + "--expect '" + by_id.string() + "' examples");
  BOOST_TEST(id.code == 2, id.out);
  BOOST_TEST(id.err.find("expect-by-id.yaml:2:12: error[S608]: case file not found: gezin-0142") !=
                 std::string::npos,
             id.err);
  BOOST_TEST(id.err.find("`suite: FILE` with `test: NAME`") != std::string::npos, id.err);

  fs::path misspelt = write_temp("diff/expect-misspelt.yaml",
                                 "changes:\n"
                                 "  - case: examples/gezin-0142.yaml\n"
                                 "    decison: safety\n"
                                 "  - case: examples/gezin-0142.yaml\n"
                                 "    decision: saftey\n"
                                 "    to: none\n"
                                 "  - case: examples/gezin-0142.yaml\n"
                                 "    decision: safety\n"
                                 "    to: acuut\n"
                                 "  - suite: tests/cases/beleid/regio_noord.suite.yaml\n"
                                 "    test: bestaat niet\n"
                                 "    recommendation: caseload_verlagn\n"
                                 "    to: added\n");
  Run bad = koers(base + "--expect '" + misspelt.string() + "' examples tests/cases/beleid");
  BOOST_TEST(bad.code == 2, bad.out);
  for (const char* want :
       {"expect-misspelt.yaml:3:5: error[S602]", "did you mean `decision`?",
        "expect-misspelt.yaml:5:15: error[S603]", "did you mean `safety`?",
        "expect-misspelt.yaml:9:9: error[S604]", "did you mean `acute`?",
        "expect-misspelt.yaml:11:11: error[S608]", "expect-misspelt.yaml:12:21: error[S605]",
        "did you mean `caseload_verlagen`?"}) {
    BOOST_TEST(bad.err.find(want) != std::string::npos, want << " not in:\n" << bad.err);
  }
}

// Suites reuse case ids: an intended change is matched by the suite and the test's name, so the
// change of one test does not stand in for another test of the same case_id.
BOOST_AUTO_TEST_CASE(koers_diff_expect_matches_a_suite_test_by_name_not_by_case_id) {
  const std::string family =
      "      koers: 1\n"
      "      case_id: gezin-9001\n"
      "      as_of: 2026-11-01\n"
      "      safety: {acute: false, structural: false, suspicion: false}\n"
      "      caseworker: {months_with_family: 9, caseload: CASELOAD, support: [intervisie], "
      "second_worker: false}\n";
  auto with = [&](const std::string& caseload) {
    std::string t = family;
    t.replace(t.find("CASELOAD"), 8, caseload);
    return t;
  };
  fs::path suite = write_temp("diff-ids/twee.suite.yaml",
                              "tests:\n  - name: caseload 9\n    case:\n" + with("9") +
                                  "    expect: {decisions: {safety: none}}\n"
                                  "  - name: caseload 20\n    case:\n" +
                                  with("20") + "    expect: {decisions: {safety: none}}\n");
  fs::path policy = write_temp("diff-ids/ruim.yaml",
                               "koers_policy: 1\nid: ruim\nversion: \"1\"\nparameters:\n"
                               "  support.max_caseload: {value: 12, source: organisatie}\n");
  const std::string run = "diff --base policies/landelijk.yaml --head '" + policy.string() +
                          "' --expect '" + (suite.parent_path() / "expect.yaml").string() + "' '" +
                          suite.string() + "'";
  // Only "caseload 9" changes (9 is too high nationally, not with 12).
  write_temp("diff-ids/expect.yaml",
             "changes:\n  - {suite: twee.suite.yaml, test: caseload 9, recommendation: "
             "caseload_verlagen, to: removed}\n");
  Run right = koers(run);
  BOOST_TEST(right.code == 0, right.out << right.err);
  write_temp("diff-ids/expect.yaml",
             "changes:\n  - {suite: twee.suite.yaml, test: caseload 20, recommendation: "
             "caseload_verlagen, to: removed}\n");
  Run wrong = koers(run);
  BOOST_TEST(wrong.code == 1, wrong.out << wrong.err);
  BOOST_TEST(wrong.out.find("EXPECTED BUT NOT CHANGED twee.suite.yaml: caseload 20: "
                            "recommendation caseload_verlagen → absent") != std::string::npos,
             wrong.out);
}

// `koers diff` over a suite evaluates each test as `koers test` does: with the test's `as_of`; a
// case file that is not there, or nothing to compare, is an error, not "0 case(s)".
BOOST_AUTO_TEST_CASE(koers_diff_over_suites_uses_the_tests_as_of_and_refuses_missing_cases) {
  // Regio Noord lowers the maximum caseload to 6 from 2027: a caseload of 7 is too high only then.
  fs::path suite = write_temp("diff-asof/datum.suite.yaml",
                              "tests:\n  - name: caseload 7 in 2027\n    case:\n"
                              "      koers: 1\n"
                              "      case_id: gezin-9002\n"
                              "      as_of: 2026-11-01\n"
                              "      safety: {acute: false, structural: false, suspicion: false}\n"
                              "      caseworker: {months_with_family: 9, caseload: 7, support: "
                              "[intervisie], second_worker: false}\n"
                              "    as_of: 2027-01-01\n"
                              "    expect: {decisions: {safety: none}}\n");
  const std::string sides =
      "diff --base policies/landelijk.yaml --head policies/voorbeeld-regio-noord.yaml ";
  Run r = koers(sides + "'" + suite.string() + "'");
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(r.out.find("recommendation caseload_verlagen: absent → given") != std::string::npos,
             r.out);

  fs::path gone = write_temp("diff-asof/weg.suite.yaml",
                             "tests:\n  - name: weg\n    case: bestaat-niet.yaml\n"
                             "    expect: {decisions: {safety: none}}\n");
  Run missing = koers(sides + "'" + gone.string() + "'");
  BOOST_TEST(missing.code == 2, missing.out);
  BOOST_TEST(missing.err.find("weg.suite.yaml:3:11: error[S608]: case file not found") !=
                 std::string::npos,
             missing.err);
  BOOST_TEST(missing.out.find("0 case(s)") == std::string::npos, missing.out);
  // Between two rule sets, a test is evaluated with its own `policy:` (here one that cannot be
  // used: the diff says so instead of quietly using another policy).
  write_temp("diff-asof/kapot.yaml",
             "koers_policy: 1\nid: kapot\nversion: \"1\"\nparameters:\n"
             "  support.max_caseloud: {value: 12, source: organisatie}\n");
  fs::path pinned =
      write_temp("diff-asof/eigen.suite.yaml", "tests:\n  - name: eigen beleid\n    case: " +
                                                   (root() / "examples/gezin-0142.yaml").string() +
                                                   "\n    policy: kapot.yaml\n"
                                                   "    expect: {decisions: {safety: none}}\n");
  Run own = koers("diff --base rules --head rules '" + pinned.string() + "'");
  BOOST_TEST(own.code == 2, own.out << own.err);
  BOOST_TEST(own.err.find("the policy of " + pinned.string() + ": eigen beleid cannot be used") !=
                 std::string::npos,
             own.err);
  Run nothing = koers(sides + "no-such-dir/");
  BOOST_TEST(nothing.code == 2, nothing.out);
}

// A dated policy change is listed even when it falls after every case's as_of: Regio Noord lowers
// the maximum caseload from 2027, after the examples' dates.
// `--timeline`: a dated policy change shows its effect from its date on, so every case is advised
// again on each date a value changes, and the changes on that date are listed.
BOOST_AUTO_TEST_CASE(koers_diff_timeline_advises_the_cases_on_every_change_date) {
  Run r = koers(
      "diff --base policies/landelijk.yaml --head policies/voorbeeld-regio-noord.yaml "
      "--timeline tests/cases/definitie");
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(
      r.out.find("\nTimeline (2 date(s) on which a parameter changes)\n") != std::string::npos,
      r.out);
  const size_t january = r.out.find("  on 2027-01-01: ");
  const size_t july = r.out.find("  on 2027-07-01: 1 of 22 case(s) with changed advice\n");
  BOOST_TEST(january != std::string::npos, r.out);
  BOOST_TEST(july != std::string::npos, r.out);
  BOOST_TEST(january < july);
  // On 2027-07-01 the definition of 2020 is back; one family's advice differs there.
  BOOST_TEST(r.out.find("    gezin-1014 (", july) != std::string::npos, r.out);
  // Without the flag there is no timeline.
  Run plain = koers(
      "diff --base policies/landelijk.yaml --head policies/voorbeeld-regio-noord.yaml "
      "tests/cases/definitie");
  BOOST_TEST(plain.out.find("Timeline") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(koers_diff_lists_every_date_on_which_a_parameter_differs) {
  Run r = koers(
      "diff --base policies/landelijk.yaml --head policies/voorbeeld-regio-noord.yaml "
      "--as-of 2026-11-01 examples/gezin-0142.yaml");
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(r.out.find("support.max_caseload: 8 → 6 (from 2027-01-01)") != std::string::npos,
             r.out);
  BOOST_TEST(r.err.find("compared under the shipped rules (rules; --rules for others)") !=
                 std::string::npos,
             r.err);
}

// `--base REV` is a revision of the repository that holds the rules being compared (the user's
// own), not of the repository koers was built from; stderr says which repository was used.
BOOST_AUTO_TEST_CASE(koers_diff_base_revision_is_read_from_the_repository_of_the_rules) {
  const fs::path repo = fs::temp_directory_path() / ("koers-repo-" + std::to_string(::getpid()));
  fs::remove_all(repo);
  fs::create_directories(repo);
  fs::copy(root() / "rules", repo / "regels", fs::copy_options::recursive);
  // The rules name their default policy as ../policies/landelijk.yaml: it comes along.
  fs::copy(root() / "policies", repo / "policies", fs::copy_options::recursive);
  // The committed rules lack the caseload rule; the working copy has it again.
  const fs::path file = repo / "regels" / "professional.koers";
  const std::string full = slurp(file);
  const size_t from = full.find("rule professional.caseload {");
  const size_t to = full.find("\n}\n", from);
  BOOST_REQUIRE(from != std::string::npos && to != std::string::npos);
  std::ofstream(file, std::ios::binary) << full.substr(0, from) + full.substr(to + 3);
  const std::string git = "git -C '" + repo.string() + "' ";
  BOOST_REQUIRE(std::system((git + "init -q && " + git + "add -A && " + git +
                             "-c user.name=t -c user.email=t@example.org commit -qm regels")
                                .c_str()) == 0);
  std::ofstream(file, std::ios::binary) << full;
  Run r = koers("diff --base HEAD --head '" + (repo / "regels").string() +
                "' --policy policies/landelijk.yaml examples/gezin-0142.yaml");
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(r.out.find("recommendation caseload_verlagen: absent → given") != std::string::npos,
             r.out);
  BOOST_TEST(
      r.err.find("`HEAD` read from the git repository " + fs::weakly_canonical(repo).string() +
                 " (rules regels") != std::string::npos,
      r.err);
  // Without --policy: the policy the rules of that revision name, as it was then.
  Run named = koers("diff --base HEAD --head '" + (repo / "regels").string() +
                    "' examples/gezin-0142.yaml");
  BOOST_TEST(named.code == 0, named.err);
  BOOST_TEST(named.err.find("policy policies/landelijk.yaml as it was then") != std::string::npos,
             named.err);
  fs::remove_all(repo);
}

BOOST_AUTO_TEST_CASE(koers_explain_shows_each_condition_with_its_values) {
  Run r =
      koers("explain --as-of 2026-11-01 examples/gezin-0142.yaml --rule kritisch_maximum.in_zicht");
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(r.out.find("uitkomst: onwaar") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("[parenting.qualification = problematisch; [good, good_enough] = goed en "
                        "goed genoeg]  → onwaar") != std::string::npos,
             r.out);
  Run d = koers("explain --as-of 2026-11-01 examples/gezin-0142.yaml --decision strategy");
  BOOST_TEST(d.code == 0, d.err);
  BOOST_TEST(d.out.find("strategie.stut_en_steun (priority 30, → stut_en_steun): waar") !=
                 std::string::npos,
             d.out);
  BOOST_TEST(
      koers("explain --as-of 2026-11-01 examples/gezin-0142.yaml --rule bestaat.niet").code == 2);
  // The settings the rule reads, each with its value, where it comes from and its note.
  Run refresh =
      koers("explain --as-of 2026-11-01 examples/gezin-0142.yaml --rule strategie.refresh");
  BOOST_TEST(refresh.out.find("instellingen die hierbij gelezen worden:\n"
                              "    - policy.strategy.aftercare_months = 12 maanden (uit het "
                              "beleid landelijk; bron: organisatie)\n") != std::string::npos,
             refresh.out);
  BOOST_TEST(refresh.out.find("toelichting: Refresh: nazorg tot 12 maanden na afsluiting.") !=
                 std::string::npos,
             refresh.out);
}

BOOST_AUTO_TEST_CASE(koers_test_coverage_names_what_no_case_reaches) {
  Run r = koers("test --coverage --min-coverage 90 tests/cases/veiligheid/acuut.suite.yaml");
  BOOST_TEST(r.code == 1, r.out);  // three tests cannot cover the guideline
  BOOST_TEST(r.out.find("rules fired and not fired:") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("    strategie.refresh: never fired\n") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("recommendations never given:") != std::string::npos);
  BOOST_TEST(r.out.find("    progress = improving\n") != std::string::npos);
  BOOST_TEST(r.out.find("is below the minimum of 90%") != std::string::npos);
  BOOST_TEST(r.out.find("\n3 passed, 0 failed\n") != std::string::npos);
  fs::path json = write_temp("coverage/c.json", "");
  Run j =
      koers("test --coverage-json '" + json.string() + "' tests/cases/veiligheid/acuut.suite.yaml");
  BOOST_TEST(j.code == 0, j.out);
  BOOST_TEST(slurp(json).find("\"rule\": \"veiligheid.acuut\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(koers_lint_reports_each_finding_with_a_stable_code) {
  std::string schema = slurp(root() / "rules" / "schema.koers");
  write_temp("lint/schema.koers", schema);
  fs::path rules =
      write_temp("lint/r.koers",
                 "source s { title \"S\" kind guideline }\n"
                 "kind action \"Actie\"\n"
                 "source ongebruikt { title \"O\" kind seed }\n"
                 "parameter p.x: int { default 1 source s }\n"
                 "define nooit: bool = true\n"
                 "decision d: bool { settle first }\n"
                 "decision leeg: bool { settle first }\n"
                 "rule r.altijd { source s priority 2 when true then d = true }\n"
                 "rule r.later { source s priority 1 when safety.acute then d = false }\n"
                 "rule r.bellen { source s when safety.acute recommend action bellen \"Bel.\" }\n");
  std::string dir = rules.parent_path().string();
  Run r = koers("lint --rules '" + dir + "'");
  BOOST_TEST(r.code == 1);
  for (const char* code : {"L101", "L102", "L103", "L105", "L106", "L107"}) {
    BOOST_TEST(r.err.find(std::string("warning[") + code + "]") != std::string::npos, code
                                                                                          << "\n"
                                                                                          << r.err);
  }
  BOOST_TEST(
      r.err.find("r.koers:9:6: warning[L107]: rule `r.later` is never tried") != std::string::npos,
      r.err);
  Run quiet = koers("lint --disable L101,L102,L103,L105,L106,L107 --rules '" + dir + "'");
  BOOST_TEST(quiet.code == 0, quiet.err);
  BOOST_TEST(quiet.out == "no findings\n");
}

BOOST_AUTO_TEST_CASE(koers_lint_writes_counterexamples_that_koers_test_runs) {
  write_temp("lintcx/schema.koers", slurp(root() / "rules" / "schema.koers"));
  fs::path rules = write_temp("lintcx/r.koers",
                              "source s { title \"S\" kind guideline }\n"
                              "decision d: bool { settle first }\n"
                              "rule r.ja { source s priority 2 when safety.acute then d = true }\n"
                              "rule r.nee { source s priority 1 when safety.structural "
                              "then d = false }\n");
  const std::string dir = rules.parent_path().string();
  const std::string out_dir = (rules.parent_path() / "cx").string();
  Run r =
      koers("lint --as-of 2026-11-01 --rules '" + dir + "' --counterexamples '" + out_dir + "'");
  BOOST_TEST(r.code == 1, r.err);
  BOOST_TEST(r.err.find("warning[L110]: decision `d` has a gap") != std::string::npos, r.err);
  BOOST_TEST(r.out.find("counterexample for L110 d: ") != std::string::npos, r.out);
  const std::string suite = slurp(fs::path(out_dir) / "L110-d.suite.yaml");
  BOOST_TEST(suite.find("decisions: {d: unknown}") != std::string::npos, suite);
  // The counterexample is a valid case and shows the gap when advised.
  Run t = koers("test --rules '" + dir + "' '" + out_dir + "'");
  BOOST_TEST(t.code == 0, t.out + t.err);
  BOOST_TEST(t.out.find("1 passed, 0 failed") != std::string::npos);
  // Declared as intended, with its reason, the finding is gone and the reason is shown.
  std::ofstream(rules, std::ios::app) << "# koers-lint: allow L110 d \"bewust open\"\n";
  Run allowed = koers("lint --as-of 2026-11-01 --rules '" + dir + "'");
  BOOST_TEST(allowed.code == 0, allowed.err);
  BOOST_TEST(allowed.out == "allowed L110 d: bewust open\nno findings\n");
}

// A policy officer lints a copy of the shipped rules: it carries its seed cases (`voorbeelden/`,
// declared with `# koers-lint: seeds`), so the copy gives what the shipped rules give. Without them
// the search would report rules it cannot reach; instead the missing seeds are the one finding.
BOOST_AUTO_TEST_CASE(koers_lint_on_a_copy_of_the_shipped_rules_finds_nothing) {
  const fs::path copy = write_temp("lint-copy/.keep", "").parent_path() / "regels";
  fs::remove_all(copy);
  fs::copy(root() / "rules", copy, fs::copy_options::recursive);
  // The rules name their default policy as ../policies/landelijk.yaml: it comes along.
  fs::copy(root() / "policies", copy.parent_path() / "policies",
           fs::copy_options::recursive | fs::copy_options::skip_existing);
  Run r = koers("lint --as-of 2026-11-01 --rules '" + copy.string() + "'");
  BOOST_TEST(r.code == 0, r.out + r.err);
  BOOST_TEST(r.out.find("no findings\n") != std::string::npos, r.out);
  BOOST_TEST(r.err.find("the case search starts from " + (copy / "voorbeelden").string() +
                        " (declared in ") != std::string::npos,
             r.err);
  // Under --no-search nobody looked for L110: its allowance is not "unused" (no L100).
  Run quick = koers("lint --no-search --rules '" + copy.string() + "'");
  BOOST_TEST(quick.code == 0, quick.out + quick.err);
  BOOST_TEST(quick.out == "no findings\n", quick.out);
  fs::remove_all(copy / "voorbeelden");
  Run bare = koers("lint --as-of 2026-11-01 --rules '" + copy.string() + "'");
  BOOST_TEST(bare.code == 1);
  BOOST_TEST(bare.err.find("warning[L100]: the seed cases `voorbeelden` this rule set declares "
                           "are not there") != std::string::npos,
             bare.err);
  fs::remove_all(copy.parent_path());
}

// Every shipped seed case is one the loader accepts: a rejected seed would silently narrow the
// search (lint says so on stderr, which this keeps from happening unnoticed).
BOOST_AUTO_TEST_CASE(the_shipped_seed_cases_are_all_used) {
  Run r = koers("lint --as-of 2026-11-01");
  BOOST_TEST(r.code == 0, r.out + r.err);
  BOOST_TEST(r.err.find("seed case(s) left out") == std::string::npos, r.err);
  BOOST_TEST(r.err.find("search finding(s) left out") == std::string::npos, r.err);
  for (const auto& e : fs::directory_iterator(root() / "rules" / "voorbeelden")) {
    Run a = koers("advise '" + e.path().string() + "'");
    BOOST_TEST(a.code == 0, e.path().string() << "\n" << a.err);
  }
}

// An organisation's rules on top of the national ones: `--rules` twice. A case file after the
// second `--rules` is still a case (one directory per `--rules`).
BOOST_AUTO_TEST_CASE(koers_takes_an_organisation_layer_with_a_second_rules) {
  const fs::path org =
      write_temp("laag/gemeente/eigen.koers",
                 "layer \"Gemeente Voorbeeld\"\n"
                 "source eigen { title \"Eigen beleid\" kind organisation }\n"
                 "rule professional.caseload overrides \"Wij werken met hoogstens 6 gezinnen.\" {\n"
                 "  source eigen\n"
                 "  when caseworker.caseload > 6\n"
                 "  recommend support caseload_verlagen \"Verlaag de caseload.\"\n"
                 "}\n")
          .parent_path();
  Run check = koers("check --rules rules --rules '" + org.string() + "'");
  BOOST_TEST(check.code == 0, check.err);
  BOOST_TEST(check.out.find("\nlayer rules sha256 ") != std::string::npos, check.out);
  BOOST_TEST(check.out.find("\nlayer Gemeente Voorbeeld sha256 ") != std::string::npos, check.out);
  BOOST_TEST(check.out.find("rule professional.caseload of rules is overridden by Gemeente "
                            "Voorbeeld: Wij "
                            "werken met hoogstens 6 gezinnen.") != std::string::npos,
             check.out);
  Run advice = koers(
      "advise --as-of 2026-11-01 --policy policies/landelijk.yaml --rules rules "
      "--rules '" +
      org.string() + "' examples/gezin-0142.yaml");
  BOOST_TEST(advice.code == 0, advice.err);
  BOOST_TEST(advice.out.find("Verlaag de caseload.") != std::string::npos, advice.out);
  BOOST_TEST(advice.out.find("Regel professional.caseload van rules is vervangen door die van "
                             "Gemeente Voorbeeld") != std::string::npos,
             advice.out);
  // koers explain says which rule a layer replaced, and why.
  Run explain = koers(
      "explain --as-of 2026-11-01 --policy policies/landelijk.yaml --rules rules "
      "--rules '" +
      org.string() + "' examples/gezin-0142.yaml --rule professional.caseload");
  BOOST_TEST(explain.code == 0, explain.err);
  BOOST_TEST(
      explain.out.find("  Gemeente Voorbeeld vervangt hiermee de regel van rules: Wij werken "
                       "met hoogstens 6 gezinnen.\n") != std::string::npos,
      explain.out);
  // The same layers kept elsewhere, under other names, give the same advice byte for byte.
  const fs::path moved = org.parent_path() / "elders" / "andere-naam";
  fs::create_directories(moved.parent_path());
  fs::copy(org, moved, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  const std::string json =
      "advise --format json --as-of 2026-11-01 --policy policies/landelijk.yaml ";
  Run here = koers(json + "--rules rules --rules '" + org.string() + "' examples/gezin-0142.yaml");
  Run there = koers(json + "--rules '" + (root() / "rules").string() + "' --rules '" +
                    moved.string() + "' examples/gezin-0142.yaml");
  BOOST_TEST(here.code == 0, here.err);
  BOOST_TEST(!here.out.empty());
  BOOST_TEST(here.out == there.out);
  // Without `overrides` the same id is refused, with the place of the national rule.
  std::ofstream(org / "eigen.koers", std::ios::app)
      << "rule definitie.mpg { source eigen when true then mpg = true }\n";
  Run refused = koers("check --rules rules --rules '" + org.string() + "'");
  BOOST_TEST(refused.code == 2);
  BOOST_TEST(refused.err.find("error[K228]: rule `definitie.mpg` is already in layer `rules` "
                              "(rules/definitie.koers:") != std::string::npos,
             refused.err);
}

BOOST_AUTO_TEST_CASE(koers_explain_names_the_smallest_change_of_facts) {
  Run r = koers("explain --as-of 2026-11-01 examples/gezin-0142.yaml --decision strategy");
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(r.out.find("Kleinste verandering waardoor `strategy` een andere waarde krijgt dan "
                        "stut_en_steun:\n  1. family.daily_life: struggles → copes\n") !=
                 std::string::npos,
             r.out);
  Run to = koers(
      "explain --as-of 2026-11-01 examples/gezin-0142.yaml --decision strategy --to "
      "direct_hulpaanbod");
  BOOST_TEST(to.out.find("`strategy` direct_hulpaanbod wordt:") != std::string::npos, to.out);
  BOOST_TEST(to.out.find("→ true") != std::string::npos, to.out);  // safety, or an urgent problem
  Run none =
      koers("explain --as-of 2026-11-01 --no-change examples/gezin-0142.yaml --decision strategy");
  BOOST_TEST(none.out.find("Kleinste verandering") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(koers_diff_compares_the_cases_of_regression_suites) {
  Run r = koers(
      "diff --base policies/landelijk.yaml --head policies/voorbeeld-regio-noord.yaml "
      "tests/cases/beleid/regio_noord.suite.yaml");
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(r.out.find("gezin-8001 (tests/cases/beleid/regio_noord.suite.yaml: problemen 20 "
                        "maanden is landelijk geen langere periode): decision mpg: false → true") !=
                 std::string::npos,
             r.out);
}

// `koers serve` hands over to koers-serve (tools/koers/serve_command.h): its options are checked by
// koers itself, and without koers-serve next to it the user is told what is missing.
BOOST_AUTO_TEST_CASE(serve_without_koers_serve_next_to_koers_says_so) {
  const fs::path lonely =
      fs::temp_directory_path() / ("koers-lonely-" + std::to_string(::getpid()));
  fs::create_directories(lonely);
  fs::copy_file(KOERS_BINARY, lonely / "koers", fs::copy_options::overwrite_existing);
  const std::string cmd = "'" + (lonely / "koers").string() + "' serve --listen 127.0.0.1:0 2>'" +
                          (lonely / "err").string() + "'";
  const int status = std::system(cmd.c_str());
  BOOST_TEST(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 2);
  const std::string err = slurp(lonely / "err");
  BOOST_TEST(err.find("koers-serve") != std::string::npos, err);
  // scripts/demo.sh builds koers alone: the message says how to build the server too.
  BOOST_TEST(err.find("--target koers-serve") != std::string::npos, err);
  fs::remove_all(lonely);

  Run bad = koers("serve --threads 0");
  BOOST_TEST(bad.code == 2);
  BOOST_TEST(bad.err.find("--threads") != std::string::npos, bad.err);
}

// koers policy show: each parameter's value on a date, where it comes from (policy entry with its
// date of effect, or the rule set's default), its source and note, and the dates it changes.
BOOST_AUTO_TEST_CASE(policy_show_gives_each_value_its_origin_and_its_changes) {
  Run now = koers("policy show --policy policies/voorbeeld-regio-noord.yaml --as-of 2026-12-02");
  BOOST_TEST(now.code == 0, now.err);
  BOOST_TEST(now.out.find("Beleid regio-noord 2027-01") == 0u, now.out);
  BOOST_TEST(now.out.find("in werking op 2 december 2026") != std::string::npos);
  BOOST_TEST(
      now.out.find("mpg.min_problem_months — Langere periode: minimale duur van de "
                   "problemen\n  waarde: 18 maanden (uit het beleid)\n") != std::string::npos,
      now.out);
  // A value the policy changes later: today's, and the date and value of the change.
  const size_t prior = now.out.find("mpg.require_prior_help");
  BOOST_REQUIRE(prior != std::string::npos);
  const std::string block = now.out.substr(prior, now.out.find("\n\n", prior) - prior);
  BOOST_TEST(block.find("waarde: nee (uit het beleid)") != std::string::npos, block);
  BOOST_TEST(block.find("wijzigt op 1 juli 2027 in ja") != std::string::npos, block);
  // A parameter the policy leaves alone: the rule set's default, said so; one unit in the singular.
  BOOST_TEST(now.out.find("waarde: 1 traject (standaardwaarde van de regels; het beleid geeft "
                          "voor deze datum geen waarde)") != std::string::npos,
             now.out);

  Run later = koers("policy show --policy policies/voorbeeld-regio-noord.yaml --as-of 2027-07-01");
  const size_t at = later.out.find("mpg.require_prior_help");
  BOOST_REQUIRE(at != std::string::npos);
  const std::string after = later.out.substr(at, later.out.find("\n\n", at) - at);
  BOOST_TEST(
      after.find("waarde: ja (uit het beleid, geldig vanaf 1 juli 2027)") != std::string::npos,
      after);
  BOOST_TEST(after.find("wijzigt op") == std::string::npos, after);

  Run json = koers("policy show --format json --as-of 2026-12-02");
  BOOST_TEST(json.code == 0);
  BOOST_TEST(json.out.find("\"id\": \"landelijk\"") != std::string::npos, json.out);
  BOOST_TEST(json.out.find("\"from\": \"policy\"") != std::string::npos);

  Run bad = koers("policy show --as-of 2026-13-01");
  BOOST_TEST(bad.code == 2);
  BOOST_TEST(bad.err.find("--as-of needs a date") != std::string::npos, bad.err);
}

// The parse cache keeps every file of a large rule set (more files than its limit of 256 old
// entries), so a second check reads them all back instead of parsing them again; it prunes once,
// when the process ends, never an entry this run used.
BOOST_AUTO_TEST_CASE(the_parse_cache_holds_a_rule_set_larger_than_its_limit) {
  const fs::path dir =
      fs::temp_directory_path() / ("koers-cli-cache-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy(root() / "rules", dir / "rules", fs::copy_options::recursive);
  // The default policy, named relative to the rules, is not beside the copy: name it.
  std::string parameters = slurp(dir / "rules/parameters.koers");
  const std::string relative = "\"../policies/landelijk.yaml\"";
  const size_t at = parameters.find(relative);
  BOOST_REQUIRE(at != std::string::npos);
  parameters.replace(at, relative.size(),
                     "\"" + (root() / "policies/landelijk.yaml").string() + "\"");
  std::ofstream(dir / "rules/parameters.koers", std::ios::binary) << parameters;
  constexpr int kExtra = 400;
  for (int i = 0; i < kExtra; ++i) {
    std::ofstream(dir / "rules" / ("extra_" + std::to_string(i) + ".koers"))
        << "define extra_maanden_" << i << ": int = months_between(care.started, as_of) + " << i
        << "\n";
  }
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir / "rules"))
    files += e.path().extension() == ".koers";
  const char* before = std::getenv("KOERS_CACHE_DIR");
  const std::string saved = before ? before : "";
  ::setenv("KOERS_CACHE_DIR", (dir / "cache").c_str(), 1);
  const std::string check = "--log-level debug check --rules '" + (dir / "rules").string() + "'";
  const Run first = koers(check);
  const Run second = koers(check);
  if (before)
    ::setenv("KOERS_CACHE_DIR", saved.c_str(), 1);
  else
    ::unsetenv("KOERS_CACHE_DIR");
  BOOST_TEST(first.code == 0, first.out << first.err);
  BOOST_TEST(second.code == 0, second.out << second.err);
  const auto read_back = [](const std::string& err) {
    size_t n = 0;
    for (size_t pos = 0;
         (pos = err.find("parsed form read from the cache", pos)) != std::string::npos; ++pos)
      ++n;
    return n;
  };
  BOOST_TEST(read_back(first.err) == 0u);
  BOOST_TEST(read_back(second.err) == files);
  BOOST_TEST(first.out == second.out);
  size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir / "cache/parsed")) ++entries;
  BOOST_TEST(entries == files);
  fs::remove_all(dir);
}
