#pragma once
// What a caseworker reads first. The alert decision (the family's safety) opens every report, with
// the urgent actions inside its banner; the questions for missing data come in the order of the
// advice, the alert's first and all at once. One place for these choices, used by the text and
// HTML renderers alike.
#include <string>
#include <vector>

#include "compile/program.h"
#include "eval/advice.h"

namespace koers {

// Whether the decision named `name` is one of the rule set's alerts (declared with `alert`: shown
// first, unknown as loud as raised).
bool is_alert_decision(const Program& program, const std::string& name);

// The index of the first alert decision in program.decisions, or -1.
int alert_decision_index(const Program& program);

// How loud an alert decision's outcome is, as the reports' style classes name it: `urgent`,
// `high`, `watch` or `calm` (its declared level), `unknown`, or `calm` when not applicable.
std::string alert_class(const Program& program, const DecisionResult& decision);

// Whether a recommendation is urgent and belongs in the alert's banner: one of an `urgent` kind,
// or one given by a rule whose condition reads an alert decision (a safety plan, a second worker).
bool is_urgent(const Program& program, const RecommendationResult& recommendation);

// advice.missing in the order a caseworker should answer: the fields the alert decision (and its
// conditions) lacks, then those of each other decision in the order they are shown, then the
// rest as they come (fields only recommendations need).
std::vector<const MissingField*> missing_in_advice_order(const Program& program,
                                                         const Advice& advice);

// One entry of "Wat we nog niet weten": a question as the caseworker is asked it, once, with what
// it is needed for in words (decision titles, recommendation labels). Two fields asked by the
// same question ("Is er een gezinsplan?") are one entry. The field paths and rule ids behind it
// are for the technical section.
struct OpenQuestion {
  std::string question;  // "" when no field behind it has a question in the schema
  std::vector<std::string> fields;
  std::vector<std::string> needed_for;  // Dutch labels, in advice order, each once
  std::vector<std::string> needed_by;   // the rule ids and decision names, for the technical part
  std::vector<std::string> notes;
};

// A decision's outcome as a caseworker reads it: its value in words, "onbekend" or "niet van
// toepassing".
std::string outcome_in_words(const Program& program, const DecisionResult& decision);

// "a, b, c": ids and paths in the technical section.
std::string comma_list(const std::vector<std::string>& items);
// "a, b en c" (last = the catalogue's list_and) or "a, b of c" (list_or): lists in sentences.
std::string word_list(const std::vector<std::string>& items, std::string_view last);

// advice.missing as questions, in the order of missing_in_advice_order.
std::vector<OpenQuestion> open_questions_in_advice_order(const Program& program,
                                                         const Advice& advice);

// The Dutch label of what a missing field is needed by: a decision's title, the label of the
// recommendation a rule gives, or the title of the decision a rule concludes.
std::vector<std::string> needed_for_labels(const Program& program,
                                           const std::vector<std::string>& needed_by);

// Case fields as a caseworker knows them: the schema's question for each, quoted („…”), each
// once; a field without a question is "een gegeven (zie Technische gegevens)".
std::vector<std::string> fields_in_words(const Program& program,
                                         const std::vector<std::string>& paths);

// How a caseworker is asked for `fields`: the question of each (from advice.missing), in the
// order given, each once. A field without a question is asked as "een gegeven dat nog ontbreekt"
// rather than by its path: paths are for the technical section.
std::vector<std::string> questions_for(const Program& program, const Advice& advice,
                                       const std::vector<std::string>& fields);

// "1 vraag staat nog open" / "3 vragen staan nog open", for `count` questions.
std::string open_questions(const Program& program, size_t count);

// How many entries of "Wat we nog niet weten" the decision needs: those that name it in
// `needed_by` (so the number matches the list), at least its own missing fields.
size_t questions_open_for(const Program& program, const Advice& advice,
                          const DecisionResult& decision);

// The reasons of a not-applicable decision without those it repeats from the decisions it
// depends on (the MPG definition's reasons are said once, under that decision); `see` gets the
// names of those decisions, for a "zie ..." reference.
std::vector<std::string> own_reasons(const Program& program, const Advice& advice,
                                     const DecisionResult& decision, std::vector<std::string>& see);

// The sentence that says how many entries dated after the advice date were not used; empty when
// none were left out. "Let op: 2 gegevens van na 1 november 2026 zijn niet meegenomen …".
std::string after_as_of_notice(const Program& program, const Advice& advice);

// For a format-1 case with absent lists: that they were read as "geen", and how format 2 asks
// for them instead; "" otherwise.
std::string format_one_notice(const Program& program, const Advice& advice);

}  // namespace koers
