#pragma once
// The product's own words around the rules' texts: "ja" and "nee", "onbekend", month names, the
// headings and sentences of the reports, the timeline and the web form. A rule set chooses its
// catalogue with `language "nl"` (Dutch when it says nothing); the rules' own texts (titles,
// labels, reasons, questions) are the rule set's and stay as written.
//
// A message with `{}` takes arguments in the order its key's comment in the Dutch catalogue gives;
// `{0}`, `{1}` let a language reorder them. Every catalogue has every key with the same arguments
// (tested), so formatting one can never fail at run time.
#include <fmt/format.h>

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "value/date.h"

namespace koers {

// Each key once: the struct's members, the catalogues' completeness test and the JSON the web
// page reads are all made from this list.
#define KOERS_MESSAGE_KEYS(X)                                                                      \
  /* values */                                                                                     \
  X(yes)                                                                                           \
  X(no)                                                                                            \
  X(none)                                                                                          \
  X(unknown) X(not_applicable) X(still_unknown_either) X(quoted) X(list_and) X(list_or) X(day_one) \
      X(day_many) X(month_one) X(month_many) X(record_value) X(unknown_count)                      \
          X(organisation_setting) X(organisation_setting_inside) X(date_format) /* evaluation */   \
      X(takes_precedence) X(not_yet_judged) X(more_than_one_rule) X(no_rule_fits) X(missing_data)  \
          X(field_without_question) X(what_is) /* every report */                                  \
      X(advice_for_on) X(advice_on_date) X(professional_decides) X(footer) X(heading_decisions)    \
          X(heading_recommendations) X(heading_open) X(heading_technical) X(heading_now)           \
              X(heading_sources) X(needed_for) X(because) X(source) X(see) X(still_possible)       \
                  X(check_fields) X(weighing) X(conditions) X(nothing_for_or_against)              \
                      X(still_unknown_mark) X(unknown_capitals) X(cannot_determine) X(ask_first)   \
                          X(open_one) X(open_many) X(error_line) X(after_as_of_one)                \
                              X(after_as_of_many) X(format_one_one) X(format_one_many)             \
                                  X(format_one_team) /* technical section */                       \
      X(tech_case) X(tech_as_of) X(tech_case_hash) X(tech_decision) X(tech_rules) X(tech_rule)     \
          X(tech_fields) X(tech_recommendation) X(tech_missing) X(tech_for) X(tech_rules_hash)     \
              X(tech_policy) X(tech_layers) X(tech_layer) X(tech_receipt)                          \
                  X(tech_override) /* the HTML report and the print view */                        \
      X(html_title) X(html_heading) X(option) X(for_) X(against) X(met) X(not_met)                 \
          X(nothing_known_yet) X(no_recommendations) X(urgent_above) X(print_title)                \
              X(print_heading) X(baseline) X(team_heading) X(team_decision) X(team_who)            \
                  X(team_deviate) X(team_meeting) /* charts */                                     \
      X(measurement_one) X(measurement_many) X(chart_description) X(window) X(from_to)             \
          X(on_date) /* the timeline */                                                            \
      X(timeline_for) X(timeline_heading) X(timeline_span) X(timeline_left_out_one)                \
          X(timeline_left_out_many) X(timeline_unchanged) X(timeline_unchanged_span)               \
              X(timeline_since_last) X(timeline_since_last_column) X(timeline_now) X(timeline_new) \
                  X(timeline_dropped) X(timeline_table) X(timeline_date)

// A word of the web page, by the key its script asks for (`words.sign_in`).
struct MessageEntry {
  std::string_view key;
  std::string_view text;
};

struct Messages {
  std::string_view language;  // "nl": what `language` names and what HTML's lang attribute says
  std::string_view language_name;  // "Nederlands", for diagnostics that list the catalogues
  std::array<std::string_view, 12> months;
  std::array<std::string_view, 12> months_short;
#define KOERS_MESSAGE_MEMBER(key) std::string_view key;
  KOERS_MESSAGE_KEYS(KOERS_MESSAGE_MEMBER)
#undef KOERS_MESSAGE_MEMBER
  // The web page's own words (sign-in, buttons, status lines), kept apart from the reports'
  // because only the page's script reads them; sorted by key. A function, so that a catalogue
  // is a constant (constinit) even though its page words are in a file of their own.
  std::span<const MessageEntry> (*web)();
};

// The catalogue for a language code, or nullptr when Koers has none for it.
const Messages* find_messages(std::string_view language);

// The Dutch catalogue: the default of every rule set.
const Messages& dutch_messages();

// Every catalogue, Dutch first.
std::vector<const Messages*> all_messages();

// Each key with its text, in the order of KOERS_MESSAGE_KEYS, then the web page's words; months
// are not among them.
std::vector<std::pair<std::string_view, std::string_view>> message_entries(const Messages& m);

// A message with its arguments filled in. Catalogue texts are checked to take the same
// arguments in every language, so this does not throw for a catalogue message.
template <typename... Args>
std::string say(std::string_view message, const Args&... args) {
  return fmt::format(fmt::runtime(message), args...);
}

// A date as people read it: "1 november 2026" (with `short_month`, "1 nov 2026").
std::string date_in_words(const Messages& m, Date d, bool short_month = false);

// The text with its first letter a capital: "bron" → "Bron" at the start of a line. Catalogue
// texts that reports capitalise start with a letter a–z (tested), so one byte suffices.
std::string capitalized(std::string_view text);

}  // namespace koers
