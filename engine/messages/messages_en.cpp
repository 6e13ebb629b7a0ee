// The English catalogue, for a rule set that says `language "en"`. The same keys and arguments as
// the Dutch one (messages_nl.cpp, where each message's arguments are described).
#include "messages/catalogues.h"

namespace koers {

constinit const Messages kEnglishMessages{
    .language = "en",
    .language_name = "English",
    .months = {"January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"},
    .months_short = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                     "Dec"},

    // values
    .yes = "yes",
    .no = "no",
    .none = "none",
    .unknown = "unknown",
    .not_applicable = "not applicable",
    .still_unknown_either = "still unknown: {}",
    .quoted = "‘{}’",
    .list_and = " and ",
    .list_or = " or ",
    .day_one = "day",
    .day_many = "days",
    .month_one = "month",
    .month_many = "months",
    .record_value = "(details)",
    .unknown_count = "an unknown number of {}",
    .organisation_setting = " (organisation setting)",
    .organisation_setting_inside = ", organisation setting",
    .date_format = "{0} {1} {2}",

    // evaluation
    .takes_precedence = "Takes precedence: {}.",
    .not_yet_judged = "Cannot be judged yet; ask first: {}.",
    .more_than_one_rule = "more than one rule concludes this decision",
    .no_rule_fits = "none of the rules fits the recorded data",
    .missing_data = "a piece of information still missing",
    .field_without_question = "a piece of information (see Technical details)",
    .what_is = "What is ‘{}’?",

    // every report
    .advice_for_on = "Advice for {} as of {}",
    .advice_on_date = "As of {}.",
    .professional_decides = "Koers advises; the professional decides.",
    .footer = "Koers {} advises; the professional decides.",
    .heading_decisions = "Decisions",
    .heading_recommendations = "Recommendations",
    .heading_open = "What we do not know yet",
    .heading_technical = "Technical details",
    .heading_now = "Do now",
    .heading_sources = "Sources",
    .needed_for = "needed for: {}",
    .because = "because",
    .source = "source",
    .see = "see",
    .still_possible = "still possible",
    .check_fields = "check these details",
    .weighing = "considerations",
    .conditions = "conditions",
    .nothing_for_or_against = "nothing known yet for or against",
    .still_unknown_mark = "still unknown",
    .unknown_capitals = "UNKNOWN",
    .cannot_determine = "cannot be determined",
    .ask_first = "Ask first:",
    .open_one = "{} question is still open",
    .open_many = "{} questions are still open",
    .error_line = "ERROR: {}",
    .after_as_of_one =
        "Note: {0} entry dated after the advice date {1} was not taken into "
        "account. The advice holds for that date; choose a later advice date to "
        "weigh this entry.",
    .after_as_of_many =
        "Note: {0} entries dated after the advice date {1} were not taken into "
        "account. The advice holds for that date; choose a later advice date to "
        "weigh these entries.",
    .format_one_one =
        "Note: this case file has case format 1, in which a missing list counts as "
        "empty: {} list is missing and was read as ‘none’. If that is not right, the "
        "advice may be too favourable. Use case format 2 (koers: 2): there a missing "
        "list is unknown and the advice asks for it; write [] when there are "
        "truly none.",
    .format_one_many =
        "Note: this case file has case format 1, in which a missing list counts "
        "as empty: {} lists are missing and were read as ‘none’. If that is not "
        "right, the advice may be too favourable. Use case format 2 (koers: 2): "
        "there a missing list is unknown and the advice asks for it; write [] when "
        "there are truly none.",
    .format_one_team =
        "Note: in this case file missing lists count as ‘none’ (case format 1). If "
        "that is not right, the advice may be too favourable.",

    // technical section
    .tech_case = "Case",
    .tech_as_of = "advice date",
    .tech_case_hash = "case sha256",
    .tech_decision = "Decision",
    .tech_rules = "rules",
    .tech_rule = "rule",
    .tech_fields = "fields",
    .tech_recommendation = "Recommendation",
    .tech_missing = "Missing",
    .tech_for = "for",
    .tech_rules_hash = "rules sha256",
    .tech_policy = "policy",
    .tech_layers = "layers",
    .tech_layer = "layer",
    .tech_receipt = "Receipt",
    .tech_override = "Rule {} of {} is replaced by that of {}: {}",

    // the HTML report and the print view
    .html_title = "Advice {} as of {}",
    .html_heading = "Advice for {}",
    .option = "Option",
    .for_ = "For",
    .against = "Against",
    .met = "met",
    .not_met = "not met",
    .nothing_known_yet = "nothing known yet",
    .no_recommendations = "No recommendations.",
    .urgent_above = "The urgent recommendations are at the top, with {}.",
    .print_title = "Team meeting {} as of {}",
    .print_heading = "Team meeting: advice for {}",
    .baseline = "baseline",
    .team_heading = "The team's decision",
    .team_decision = "Decision",
    .team_who = "Who does what, and when",
    .team_deviate = "Deviating from the advice? Why",
    .team_meeting = "Date of the meeting and those present",

    // charts
    .measurement_one = "measurement",
    .measurement_many = "measurements",
    .chart_description = "{0} {1} from {2} to {3}; last value {4}.",
    .window = "Window",
    .from_to = "{} to {}",
    .on_date = "{} on {}",

    // the timeline
    .timeline_for = "The advice over time for {}",
    .timeline_heading = "The advice over time",
    .timeline_span = "The advice at the end of each month, from {} up to and including {}",
    .timeline_left_out_one = "the month before that is not shown",
    .timeline_left_out_many = "the {} months before that are not shown",
    .timeline_unchanged = "{}: nothing changed",
    .timeline_unchanged_span = "{} up to and including {}: nothing changed",
    .timeline_since_last = "since last month: {}",
    .timeline_since_last_column = "Since last month",
    .timeline_now = "Now ({})",
    .timeline_new = "new recommendation: {}",
    .timeline_dropped = "dropped: {}",
    .timeline_table = "Decisions per month",
    .timeline_date = "Date",

    .web = english_web_words,
};

}  // namespace koers
