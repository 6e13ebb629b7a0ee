// Three-valued logic: every cell of the and/or/not truth tables over {true, false, unknown}, the
// missing fields an unknown carries, and the same logic seen end to end through evaluate().
#define BOOST_TEST_MODULE logic
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "eval/logic.h"
#include "support/koers_fixture.h"

using namespace koers;
using koers::logic::Truth;
using Fields = std::vector<std::string>;

namespace {

const Value T{true};
const Value F{false};
// Two unknowns that name different fields, so that merging can be seen.
const Value U = Value::missing_field("family.network");
const Value U2 = Value::missing_field("safety.acute");

bool is_true(const Value& v) { return logic::truth(v) == Truth::yes && v.as_bool(); }
bool is_false(const Value& v) { return logic::truth(v) == Truth::no && !v.as_bool(); }
Fields missing_of(const Value& v) { return v.is_missing() ? v.missing().fields : Fields{"(known)"}; }

}  // namespace

BOOST_AUTO_TEST_SUITE(truth)

BOOST_AUTO_TEST_CASE(truth_of_values) {
  BOOST_TEST((logic::truth(T) == Truth::yes));
  BOOST_TEST((logic::truth(F) == Truth::no));
  BOOST_TEST((logic::truth(U) == Truth::unknown));
  // A known absence counts as false in a condition.
  BOOST_TEST((logic::truth(Value{NoneValue{}}) == Truth::no));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(and_table)

BOOST_AUTO_TEST_CASE(true_and_true) { BOOST_TEST(is_true(logic::and_(T, T))); }
BOOST_AUTO_TEST_CASE(true_and_false) { BOOST_TEST(is_false(logic::and_(T, F))); }
BOOST_AUTO_TEST_CASE(true_and_unknown) {
  Value v = logic::and_(T, U);
  BOOST_TEST(v.is_missing());
  BOOST_TEST(missing_of(v) == Fields{"family.network"});
}
BOOST_AUTO_TEST_CASE(false_and_true) { BOOST_TEST(is_false(logic::and_(F, T))); }
BOOST_AUTO_TEST_CASE(false_and_false) { BOOST_TEST(is_false(logic::and_(F, F))); }
BOOST_AUTO_TEST_CASE(false_and_unknown) { BOOST_TEST(is_false(logic::and_(F, U))); }
BOOST_AUTO_TEST_CASE(unknown_and_true) {
  Value v = logic::and_(U, T);
  BOOST_TEST(v.is_missing());
  BOOST_TEST(missing_of(v) == Fields{"family.network"});
}
BOOST_AUTO_TEST_CASE(unknown_and_false) { BOOST_TEST(is_false(logic::and_(U, F))); }
BOOST_AUTO_TEST_CASE(unknown_and_unknown) {
  Value v = logic::and_(U, U2);
  BOOST_TEST(v.is_missing());
  BOOST_TEST(missing_of(v) == (Fields{"family.network", "safety.acute"}));
  // Symmetric.
  BOOST_TEST(missing_of(logic::and_(U2, U)) == (Fields{"family.network", "safety.acute"}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(or_table)

BOOST_AUTO_TEST_CASE(true_or_true) { BOOST_TEST(is_true(logic::or_(T, T))); }
BOOST_AUTO_TEST_CASE(true_or_false) { BOOST_TEST(is_true(logic::or_(T, F))); }
BOOST_AUTO_TEST_CASE(true_or_unknown) { BOOST_TEST(is_true(logic::or_(T, U))); }
BOOST_AUTO_TEST_CASE(false_or_true) { BOOST_TEST(is_true(logic::or_(F, T))); }
BOOST_AUTO_TEST_CASE(false_or_false) { BOOST_TEST(is_false(logic::or_(F, F))); }
BOOST_AUTO_TEST_CASE(false_or_unknown) {
  Value v = logic::or_(F, U);
  BOOST_TEST(v.is_missing());
  BOOST_TEST(missing_of(v) == Fields{"family.network"});
}
BOOST_AUTO_TEST_CASE(unknown_or_true) { BOOST_TEST(is_true(logic::or_(U, T))); }
BOOST_AUTO_TEST_CASE(unknown_or_false) {
  Value v = logic::or_(U, F);
  BOOST_TEST(v.is_missing());
  BOOST_TEST(missing_of(v) == Fields{"family.network"});
}
BOOST_AUTO_TEST_CASE(unknown_or_unknown) {
  Value v = logic::or_(U, U2);
  BOOST_TEST(v.is_missing());
  BOOST_TEST(missing_of(v) == (Fields{"family.network", "safety.acute"}));
  BOOST_TEST(missing_of(logic::or_(U2, U)) == (Fields{"family.network", "safety.acute"}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(not_table)

BOOST_AUTO_TEST_CASE(not_true) { BOOST_TEST(is_false(logic::not_(T))); }
BOOST_AUTO_TEST_CASE(not_false) { BOOST_TEST(is_true(logic::not_(F))); }
BOOST_AUTO_TEST_CASE(not_unknown) {
  Value v = logic::not_(U);
  BOOST_TEST(v.is_missing());
  BOOST_TEST(missing_of(v) == Fields{"family.network"});
}
BOOST_AUTO_TEST_CASE(not_none_is_true) { BOOST_TEST(is_true(logic::not_(Value{NoneValue{}}))); }

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(missing_fields)

BOOST_AUTO_TEST_CASE(union_is_sorted_and_without_duplicates) {
  Value a{Missing{{"care.started", "family.network"}}};
  Value b{Missing{{"family.network", "safety.acute"}}};
  Value v = logic::and_(a, b);
  BOOST_TEST(missing_of(v) == (Fields{"care.started", "family.network", "safety.acute"}));
  BOOST_TEST(missing_of(logic::or_(b, a)) ==
             (Fields{"care.started", "family.network", "safety.acute"}));
}

BOOST_AUTO_TEST_CASE(nested_unknowns_accumulate) {
  // (U and true) or (false or U2): both sides unknown, so the result names both fields.
  Value v = logic::or_(logic::and_(U, T), logic::or_(F, U2));
  BOOST_TEST(missing_of(v) == (Fields{"family.network", "safety.acute"}));
  // not (U and U2) keeps both.
  BOOST_TEST(missing_of(logic::not_(logic::and_(U, U2))) ==
             (Fields{"family.network", "safety.acute"}));
}

BOOST_AUTO_TEST_CASE(a_deciding_known_value_drops_the_unknowns) {
  BOOST_TEST(is_false(logic::and_(logic::and_(U, U2), F)));
  BOOST_TEST(is_true(logic::or_(T, logic::or_(U, U2))));
}

BOOST_AUTO_TEST_CASE(none_counts_as_false) {
  const Value N{NoneValue{}};
  BOOST_TEST(is_false(logic::and_(N, U)));
  BOOST_TEST(is_false(logic::and_(T, N)));
  Value v = logic::or_(N, U);
  BOOST_TEST(missing_of(v) == Fields{"family.network"});
}

BOOST_AUTO_TEST_SUITE_END()

// ---- end to end --------------------------------------------------------------------------------

namespace {

using koers::testing::advise;
using koers::testing::minimal_case;
using koers::testing::program_with;

// A decision that is true when `condition` holds, false otherwise, unknown when it cannot say.
Program program_for(const std::string& condition) {
  return program_with(
      "decision d: bool { settle first otherwise false because \"anders\" }\n"
      "rule r.d { priority 1 when " +
      condition + " then d = true because \"omdat\" }\n");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(end_to_end)

BOOST_AUTO_TEST_CASE(false_and_missing_is_false) {
  Program p = program_for("safety.acute and family.network == weak");
  Advice a = advise(p, minimal_case("safety:\n  acute: false\n"));
  const DecisionResult& d = koers::testing::decision(a, "d");
  BOOST_TEST((d.status == DecisionResult::Status::decided));
  BOOST_TEST(d.value.as_bool() == false);
  BOOST_TEST(d.because == Fields{"anders"});
  BOOST_TEST(a.missing.empty());
}

BOOST_AUTO_TEST_CASE(missing_and_false_is_false) {
  Program p = program_for("family.network == weak and safety.acute");
  Advice a = advise(p, minimal_case("safety:\n  acute: false\n"));
  const DecisionResult& d = koers::testing::decision(a, "d");
  BOOST_TEST((d.status == DecisionResult::Status::decided));
  BOOST_TEST(d.value.as_bool() == false);
  BOOST_TEST(a.missing.empty());
}

BOOST_AUTO_TEST_CASE(true_or_missing_is_true) {
  Program p = program_for("safety.acute or family.network == weak");
  Advice a = advise(p, minimal_case("safety:\n  acute: true\n"));
  const DecisionResult& d = koers::testing::decision(a, "d");
  BOOST_TEST((d.status == DecisionResult::Status::decided));
  BOOST_TEST(d.value.as_bool() == true);
  BOOST_TEST(d.rules == Fields{"r.d"});
  BOOST_TEST(a.missing.empty());
}

BOOST_AUTO_TEST_CASE(missing_or_true_is_true) {
  Program p = program_for("family.network == weak or safety.acute");
  Advice a = advise(p, minimal_case("safety:\n  acute: true\n"));
  const DecisionResult& d = koers::testing::decision(a, "d");
  BOOST_TEST((d.status == DecisionResult::Status::decided));
  BOOST_TEST(d.value.as_bool() == true);
}

BOOST_AUTO_TEST_CASE(false_or_missing_is_unknown) {
  Program p = program_for("safety.acute or family.network == weak");
  Advice a = advise(p, minimal_case("safety:\n  acute: false\n"));
  const DecisionResult& d = koers::testing::decision(a, "d");
  BOOST_TEST((d.status == DecisionResult::Status::unknown));
  BOOST_TEST(d.missing == Fields{"family.network"});
}

BOOST_AUTO_TEST_CASE(unknown_decision_names_every_missing_field) {
  Program p = program_for("safety.structural and family.network == weak");
  Advice a = advise(p, minimal_case());
  const DecisionResult& d = koers::testing::decision(a, "d");
  BOOST_TEST((d.status == DecisionResult::Status::unknown));
  BOOST_TEST(d.missing == (Fields{"family.network", "safety.structural"}));
  // The advice's missing list names each field once, with the rule that needed it.
  BOOST_TEST_REQUIRE(a.missing.size() == 2u);
  BOOST_TEST(a.missing[0].field == "family.network");
  BOOST_TEST(a.missing[0].needed_by == Fields{"r.d"});
  BOOST_TEST(a.missing[1].field == "safety.structural");
  BOOST_TEST(a.missing[1].needed_by == Fields{"r.d"});
}

BOOST_AUTO_TEST_CASE(not_missing_is_unknown) {
  Program p = program_for("not safety.acute");
  Advice a = advise(p, minimal_case());
  const DecisionResult& d = koers::testing::decision(a, "d");
  BOOST_TEST((d.status == DecisionResult::Status::unknown));
  BOOST_TEST(d.missing == Fields{"safety.acute"});
}

BOOST_AUTO_TEST_CASE(is_missing_and_is_known_are_always_known) {
  Program p = program_for("safety.acute is missing and family.network is not known");
  Advice a = advise(p, minimal_case());
  const DecisionResult& d = koers::testing::decision(a, "d");
  BOOST_TEST((d.status == DecisionResult::Status::decided));
  BOOST_TEST(d.value.as_bool() == true);
  BOOST_TEST(a.missing.empty());
}

BOOST_AUTO_TEST_CASE(unless_with_a_missing_field_makes_the_rule_unknown) {
  Program p = program_with(
      "decision d: bool { settle first otherwise false }\n"
      "rule r.d { priority 1 when safety.acute unless safety.help_accepted then d = true }\n");
  Advice a = advise(p, minimal_case("safety:\n  acute: true\n"));
  const DecisionResult& d = koers::testing::decision(a, "d");
  BOOST_TEST((d.status == DecisionResult::Status::unknown));
  BOOST_TEST(d.missing == Fields{"safety.help_accepted"});
  // A false `when` settles it without looking at the `unless`.
  Advice b = advise(p, minimal_case("safety:\n  acute: false\n"));
  const DecisionResult& e = koers::testing::decision(b, "d");
  BOOST_TEST((e.status == DecisionResult::Status::decided));
  BOOST_TEST(e.value.as_bool() == false);
}

BOOST_AUTO_TEST_CASE(known_absence_is_false_not_unknown) {
  // `closed: null` is a known absence: comparing it is false, not unknown.
  Program p = program_for("care.closed < as_of");
  Advice a = advise(p, minimal_case("care:\n  closed: null\n"));
  const DecisionResult& d = koers::testing::decision(a, "d");
  BOOST_TEST((d.status == DecisionResult::Status::decided));
  BOOST_TEST(d.value.as_bool() == false);
}

BOOST_AUTO_TEST_SUITE_END()
